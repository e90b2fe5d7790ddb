//! `stemma demo`: the built-in corpus, analysed or written out.

use std::fs;

use anyhow::Context;

use crate::cli::DemoArgs;
use crate::progress::Bars;
use crate::{Outcome, demo_corpus, output};

pub fn run(args: DemoArgs) -> anyhow::Result<Outcome> {
    if let Some(dir) = &args.write {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (name, text) in demo_corpus::FILES {
            let path = dir.join(name);
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        if !args.report.quiet {
            output::note(&format!(
                "wrote {} demo articles to {}",
                demo_corpus::FILES.len(),
                dir.display()
            ));
        }
        return Ok(Outcome::Clean);
    }
    super::threads(args.report.threads)?;
    let files: Vec<(&str, &[u8])> = demo_corpus::FILES
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .collect();
    let corpus = stemma_ingest::read_memory(&files, &stemma_ingest::Config::default());
    let bars = Bars::with_timings(args.report.quiet, args.report.timings);
    super::analyze_and_report(corpus, &args.report, &bars)
}
