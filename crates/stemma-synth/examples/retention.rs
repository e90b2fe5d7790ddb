//! Measures what the generator's rewrites keep of their sources, without
//! writing a corpus: `cargo run --release -p stemma-synth --example
//! retention -- ../shared/data/bbc 1000` (a fourth argument writes the
//! corpus there too).

#![allow(clippy::print_stdout)]

use stemma_synth::{Config, NullSink, Size, generate, load_articles};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: retention DIR [STORIES] [SEED] [OUT]")?;
    let stories: u64 = args.next().map_or(Ok(1000), |s| s.parse())?;
    let seed: u64 = args.next().map_or(Ok(1), |s| s.parse())?;
    let loaded = load_articles(dir.as_ref())?;
    let config = Config {
        seed,
        size: Size::Stories(stories),
        ..Config::default()
    };
    let started = std::time::Instant::now();
    let s = match args.next() {
        Some(out) => {
            let mut sink =
                stemma_synth::DirSink::create(out.as_ref(), stemma_synth::Format::Txt, true)?;
            generate(&config, &loaded.articles, &mut sink)?
        }
        None => generate(&config, &loaded.articles, &mut NullSink::default())?,
    };
    println!(
        "{} stories, {} documents, {:.1} MB in {:.2} s",
        s.stories,
        s.documents,
        s.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    println!("rewrites  count  5-grams kept  vocabulary kept  vocabulary Jaccard");
    for (name, r) in [("easy", s.easy), ("hard", s.hard)] {
        println!(
            "{name:<8}  {:>5}  {:>11.1}%  {:>14.1}%  {:>17.1}%",
            r.count,
            r.ngram5 * 100.0,
            r.vocabulary * 100.0,
            r.jaccard * 100.0
        );
    }
    Ok(())
}
