//! `stemma analyze PATH...`

use stemma_ingest::{Config, Input};

use crate::Outcome;
use crate::cli::AnalyzeArgs;
use crate::progress::Bars;

pub fn run(args: AnalyzeArgs) -> anyhow::Result<Outcome> {
    super::threads(args.report.threads)?;
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let config = Config {
        max_document_bytes: args.max_document_size,
    };
    let bars = Bars::with_timings(args.report.quiet, args.report.timings);
    let corpus = stemma_ingest::read(&inputs, &config, &bars);
    super::analyze_and_report(corpus, &args.report, &bars)
}
