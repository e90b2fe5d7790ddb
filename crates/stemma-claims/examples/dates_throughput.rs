//! Throughput of `find_dates`: reads every file under the paths given
//! (markup tags such as TimeML's `<TIMEX3>` are cut out, so the text is
//! what a reader sees), then runs `find_dates` over all of it several
//! times and prints MB/s of text and the mentions found.
//!
//! ```text
//! cargo run --release -p stemma-claims --example dates_throughput -- DIR…
//! ```
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            walk(&e, out)?;
        }
    } else if !p
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    {
        out.push(p.to_owned());
    }
    Ok(())
}

/// The text with `<…>` tags removed.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        walk(Path::new(&arg), &mut files)?;
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|s| strip_tags(&s))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let anchor = jiff::civil::Date::new(1998, 8, 7).ok();
    let rounds = 20;
    let mut found = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            found += std::hint::black_box(stemma_claims::find_dates(t, anchor)).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} files, {:.2} MB of text, {} rounds: {:.3} s, {:.1} MB/s, {} mentions a round",
        texts.len(),
        bytes as f64 / 1e6,
        rounds,
        secs,
        mb / secs,
        found / rounds
    );
    Ok(())
}
