//! Throughput of `html::parse` (charset, parse, walk, main-content
//! extraction) on one thread: reads every `.html` and `.html.gz` file
//! under the paths given into memory, parses each page several times and
//! prints MB/s of HTML and how many boilerplate spans a round found.
//!
//! ```text
//! cargo run --release -p stemma-ingest --example html_throughput -- DIR…
//! ```
#![allow(clippy::print_stdout)]

use std::io::Read;
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
    } else {
        let name = p.to_string_lossy();
        if name.ends_with(".html") || name.ends_with(".html.gz") {
            out.push(p.to_owned());
        }
    }
    Ok(())
}

fn read(p: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(p)?;
    if !p.to_string_lossy().ends_with(".gz") {
        return Ok(raw);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        walk(Path::new(&arg), &mut files)?;
    }
    let pages: Vec<Vec<u8>> = files.iter().filter_map(|f| read(f).ok()).collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let rounds = 5;
    let mut spans = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for p in &pages {
            spans += std::hint::black_box(stemma_ingest::html::parse(p, None))
                .boilerplate
                .len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} pages, {:.2} MB of HTML, {} rounds: {:.3} s, {:.1} MB/s, {} boilerplate spans a round",
        pages.len(),
        bytes as f64 / 1e6,
        rounds,
        secs,
        mb / secs,
        spans / rounds
    );
    Ok(())
}
