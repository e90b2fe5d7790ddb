//! `stemma eval <task> --data PATH`: scores stemma against ground truth
//! and prints a table ending with one `RESULT` line (see docs/EVAL.md).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use stemma_eval::judges;
use stemma_eval::tasks::{self, extraction::Set};

use crate::Outcome;
use crate::progress::Bars;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// What to evaluate.
    #[arg(value_enum)]
    pub task: Task,
    /// The data set: a corpus folder with truth.jsonl and docs/
    /// (synthetic), or the data set's folder (or file, for mrpc and
    /// semeval).
    #[arg(long, value_name = "PATH")]
    pub data: PathBuf,
    /// synthetic: score this report v1 JSON (from `stemma analyze --json`)
    /// instead of running the pipeline on DATA/docs.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// aeb, wcxb: score these extraction outputs instead of stemma's, as
    /// JSON `{id: {"articleBody": text}}` (the AEB output format).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// aeb, wcxb: also write each page's precision, recall and F1 to
    /// FILE, as JSON Lines `{"id", "precision", "recall", "f1"}` in the
    /// data set's order.
    #[arg(long, value_name = "FILE")]
    pub per_page: Option<PathBuf>,
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: one per core). Scores do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Task {
    /// A labelled corpus from `stemma generate` (or labelled by hand).
    Synthetic,
    /// Main-text extraction on the article-extraction-benchmark.
    Aeb,
    /// Main-text extraction on WCXB.
    Wcxb,
    /// Sentence paraphrase decisions on MRPC.
    Mrpc,
    /// Document similarity on SemEval-2022 Task 8 (English pairs).
    Semeval,
    /// Story clustering on ECB+ topics 1–30.
    Ecb,
    /// Date normalisation on TempEval-3 (TimeBank + AQUAINT).
    Tempeval,
}

pub fn run(args: EvalArgs) -> anyhow::Result<Outcome> {
    super::threads(args.threads)?;
    if args.report.is_some() && args.task != Task::Synthetic {
        anyhow::bail!("--report applies to the synthetic task only");
    }
    if args.predictions.is_some() && !matches!(args.task, Task::Aeb | Task::Wcxb) {
        anyhow::bail!("--predictions applies to the aeb and wcxb tasks only");
    }
    if args.per_page.is_some() && !matches!(args.task, Task::Aeb | Task::Wcxb) {
        anyhow::bail!("--per-page applies to the aeb and wcxb tasks only");
    }
    if !args.data.exists() {
        anyhow::bail!("no such data set: {}", args.data.display());
    }
    let bars = Bars::new(args.quiet);
    let data = args.data.as_path();
    let evaluation = match args.task {
        Task::Synthetic => tasks::synthetic::run(data, args.report.as_deref(), &bars),
        Task::Aeb => tasks::extraction::run(Set::Aeb, data, args.predictions.as_deref(), &bars),
        Task::Wcxb => tasks::extraction::run(Set::Wcxb, data, args.predictions.as_deref(), &bars),
        Task::Mrpc => tasks::mrpc::run(data, judges::stemma_paraphrase_judge().as_ref()),
        Task::Semeval => {
            tasks::semeval::run(data, judges::stemma_document_similarity().as_ref(), &bars)
        }
        Task::Ecb => tasks::ecb::run(data, &bars),
        Task::Tempeval => tasks::tempeval::run(data, judges::stemma_date_normalizer().as_ref()),
    }
    .with_context(|| format!("cannot evaluate {}", data.display()))?;
    if let Some(path) = &args.per_page {
        std::fs::write(path, evaluation.items_jsonl())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(evaluation.render().as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write the evaluation to stdout")?;
    Ok(Outcome::Clean)
}
