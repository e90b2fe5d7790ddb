//! One module per subcommand.

mod analyze;
mod demo;
pub(crate) mod eval;
pub(crate) mod generate;
pub(crate) mod sketch;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use stemma_core::{Diagnostic, Level, Reporter};
use stemma_ingest::Corpus;
use stemma_report::{Options, Style};

use crate::cli::{Cli, Command, ReportArgs};
use crate::progress::Bars;
use crate::{Outcome, output};

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Sketch(args) => sketch::run(args),
    }
}

/// Sets the worker count for the whole run.
fn threads(n: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    Ok(())
}

/// Analyses a corpus and writes what `args` asks for: the JSON report and
/// the HTML dossier (each to a file or stdout), or else the summary on
/// stdout. Diagnostics go to stderr.
fn analyze_and_report(
    mut corpus: Corpus,
    args: &ReportArgs,
    bars: &Bars,
) -> anyhow::Result<Outcome> {
    for d in &corpus.diagnostics {
        if d.level == Level::Error || !args.quiet {
            output::diagnostic(d);
        }
    }
    let analysis = stemma_pipeline::analyze(
        &mut corpus.documents,
        &stemma_pipeline::Config::default(),
        bars,
    )?;
    bars.start("writing", None);
    write_outputs(&corpus, &analysis, args)?;
    bars.finish();
    if args.timings {
        print_timings(&bars.timings());
    }
    Ok(outcome(&corpus))
}

/// Writes the JSON report and the HTML dossier (each to a file or stdout), or
/// else the summary on stdout.
fn write_outputs(
    corpus: &Corpus,
    analysis: &stemma_core::Analysis,
    args: &ReportArgs,
) -> anyhow::Result<()> {
    let documents = corpus.documents.len();
    // The JSON alone is written item by item; the dossier and the summary
    // need the whole report, and the dossier needs the texts.
    if args.html.is_none()
        && let Some(path) = &args.json
    {
        let options = Options {
            with_text: args.with_text,
        };
        return write_json(path, documents, args.quiet, |w| {
            stemma_report::write_json_streamed(
                &corpus.documents,
                &corpus.diagnostics,
                analysis,
                options,
                w,
            )
        });
    }
    let mut report = stemma_report::build(
        &corpus.documents,
        &corpus.diagnostics,
        analysis,
        Options {
            with_text: args.with_text || args.html.is_some(),
        },
    );
    if let Some(path) = &args.html {
        let page = stemma_report::html(&report);
        if path.as_os_str() == "-" {
            let mut stdout = io::stdout().lock();
            stdout
                .write_all(page.as_bytes())
                .and_then(|()| stdout.flush())
                .context("cannot write the dossier to stdout")?;
        } else {
            std::fs::write(path, page.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        if !args.quiet && path.as_os_str() != "-" {
            output::note(&format!(
                "wrote {} ({} documents, {} stories)",
                path.display(),
                report.documents.len(),
                report.stories.len()
            ));
        }
        if !args.with_text {
            for d in &mut report.documents {
                d.text = None;
            }
        }
    }
    match &args.json {
        Some(path) => write_json(path, documents, args.quiet, |w| {
            stemma_report::write_json(&report, w)
        })?,
        None if args.html.is_some() => {}
        None => {
            let style = if output::stdout_color() {
                Style::Color
            } else {
                Style::Plain
            };
            let text = stemma_report::summary(&report, style);
            let mut stdout = io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .context("cannot write the summary to stdout")?;
        }
    }
    Ok(())
}

/// Writes the JSON report with `write` to `path`, or to stdout for `-`.
fn write_json(
    path: &Path,
    documents: usize,
    quiet: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        let mut w = BufWriter::new(io::stdout().lock());
        write(&mut w)
            .and_then(|()| w.flush())
            .context("cannot write the report to stdout")?;
        return Ok(());
    }
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::new(file);
    write(&mut w)
        .and_then(|()| w.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    if !quiet {
        output::note(&format!("wrote {} ({documents} documents)", path.display()));
    }
    Ok(())
}

/// The `--timings` table on stderr.
fn print_timings(stages: &[crate::progress::Stage]) {
    let row = |name: &str, secs: f64, rss: Option<u64>, items: Option<u64>| {
        let mb = rss.map_or("-".to_owned(), |b| format!("{:.0}", b as f64 / 1e6));
        let items = items.map_or(String::new(), |n| format!(" {n:>12}"));
        output::note(&format!("  {name:<24} {secs:>9.2} s {mb:>8}{items}"));
    };
    output::note("timings (wall seconds, peak RSS MB at the stage's end, items worked through):");
    let mut total = 0.0;
    for s in stages {
        total += s.wall.as_secs_f64();
        row(s.name, s.wall.as_secs_f64(), s.peak_rss, s.items);
    }
    row("total", total, crate::progress::peak_rss(), None);
}

fn outcome(corpus: &Corpus) -> Outcome {
    outcome_of(corpus.documents.len(), &corpus.diagnostics)
}

/// [`outcome`] of a run that read `documents` documents.
fn outcome_of(documents: usize, diagnostics: &[Diagnostic]) -> Outcome {
    if documents == 0 {
        output::error("no documents could be read from the input");
        Outcome::Failed
    } else if diagnostics.iter().any(|d| d.level == Level::Error) {
        Outcome::Skipped
    } else {
        Outcome::Clean
    }
}
