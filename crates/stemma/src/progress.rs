//! Progress bars on stderr, drawn with indicatif through the library's
//! `Reporter` trait. A bar appears only once a stage has run for a second,
//! and never when stderr is not a terminal or with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use stemma_core::Reporter;

const DELAY: Duration = Duration::from_secs(1);

pub struct Bars {
    enabled: bool,
    current: Mutex<Option<(ProgressBar, Instant, bool)>>,
}

impl Bars {
    pub fn new(quiet: bool) -> Bars {
        Bars {
            enabled: !quiet && std::io::stderr().is_terminal(),
            current: Mutex::new(None),
        }
    }
}

impl Reporter for Bars {
    fn start(&self, stage: &'static str, total: Option<u64>) {
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
        if let Ok(mut cur) = self.current.lock()
            && let Some((bar, _, _)) = cur.take()
        {
            bar.finish_and_clear();
        }
    }
}
