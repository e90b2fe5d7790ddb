//! Progress bars on stderr, drawn with indicatif through the library's
//! `Reporter` trait. A bar appears only once a stage has run for a second,
//! and never when stderr is not a terminal or with `--quiet`.
//!
//! With `--timings` the same calls also record each stage's wall time and
//! the process's peak memory when it ended, printed by [`Bars::timings`].

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use stemma_core::Reporter;

const DELAY: Duration = Duration::from_secs(1);

pub struct Bars {
    enabled: bool,
    current: Mutex<Option<(ProgressBar, Instant, bool)>>,
    /// `Some` with `--timings`: the stage running and when it started,
    /// and the stages done.
    timings: Option<Mutex<Timings>>,
}

#[derive(Default)]
struct Timings {
    running: Option<(&'static str, Option<u64>, Instant)>,
    done: Vec<Stage>,
}

/// One finished stage.
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    /// The items the stage worked through (documents, candidate pairs),
    /// where it announced a count.
    pub items: Option<u64>,
    /// Peak resident memory of the process when the stage ended, in bytes
    /// (`None` where the system does not say).
    pub peak_rss: Option<u64>,
}

impl Bars {
    pub fn new(quiet: bool) -> Bars {
        Bars::with_timings(quiet, false)
    }

    pub fn with_timings(quiet: bool, timings: bool) -> Bars {
        Bars {
            enabled: !quiet && std::io::stderr().is_terminal(),
            current: Mutex::new(None),
            timings: timings.then(|| Mutex::new(Timings::default())),
        }
    }

    /// The stages finished so far, in order (empty without `--timings`).
    pub fn timings(&self) -> Vec<Stage> {
        self.timings
            .as_ref()
            .and_then(|t| t.lock().ok())
            .map(|mut t| std::mem::take(&mut t.done))
            .unwrap_or_default()
    }
}

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

impl Reporter for Bars {
    fn start(&self, stage: &'static str, total: Option<u64>) {
        if let Some(mut t) = self.timings.as_ref().and_then(|t| t.lock().ok()) {
            t.running = Some((stage, total, Instant::now()));
        }
        if !self.enabled {
            return;
        }
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
        };
        let template = if total.is_some() {
            "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}"
        } else {
            "{prefix:>10} {spinner} {pos} {per_sec}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(stage);
        if let Ok(mut cur) = self.current.lock() {
            *cur = Some((bar, Instant::now(), false));
        }
    }

    fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        if let Ok(mut cur) = self.current.lock()
            && let Some((bar, started, shown)) = cur.as_mut()
        {
            bar.inc(n);
            if !*shown && started.elapsed() >= DELAY {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                *shown = true;
            }
        }
    }

    fn finish(&self) {
        if let Some(mut t) = self.timings.as_ref().and_then(|t| t.lock().ok())
            && let Some((name, items, started)) = t.running.take()
        {
            t.done.push(Stage {
                name,
                wall: started.elapsed(),
                items,
                peak_rss: peak_rss(),
            });
        }
        if let Ok(mut cur) = self.current.lock()
            && let Some((bar, _, _)) = cur.take()
        {
            bar.finish_and_clear();
        }
    }
}
