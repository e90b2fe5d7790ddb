//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Find the versions of each news story in a pile of articles: which text
/// is the origin, who copied or rewrote whom, what changed, and which
/// claims no source supports.
#[derive(Debug, Parser)]
#[command(name = "stemma", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse files, directories, JSON Lines (`-` for stdin) and WARC.
    Analyze(AnalyzeArgs),
    /// Analyse the built-in demo corpus, or write it out with --write.
    Demo(DemoArgs),
    /// Write a synthetic news-reuse corpus with ground truth, built from real articles.
    Generate(crate::cmd::generate::GenerateArgs),
    /// Score stemma against ground truth: a labelled corpus or a public data set.
    Eval(crate::cmd::eval::EvalArgs),
    /// Write each document's MinHash signature as JSON Lines, for your own index.
    Sketch(crate::cmd::sketch::SketchArgs),
}

/// Options of every command that writes a report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the JSON report (report v1) to FILE; `-` for stdout.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Include each document's text in the JSON report.
    #[arg(long)]
    pub with_text: bool,
    /// Write the HTML dossier to FILE: one self-contained page with each
    /// story's stemma, its versions, findings and side-by-side collations.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// No progress bars and no warnings on stderr (errors still show).
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print each stage's wall time and the peak memory so far on stderr
    /// at the end (shown even with --quiet).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files and directories to read (directories recursively, in sorted
    /// order, hidden entries skipped); `-` reads JSON Lines from stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Skip any document larger than this (suffixes K, M, G; binary units).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_document_size: u64,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Write the demo corpus's files into DIR instead of analysing it.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `123`, `64K`, `64M`, `2G`, `64MiB`, `64MB` (binary units).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid size {s:?}: expected a number with an optional K, M or G"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        other => {
            return Err(format!(
                "invalid size unit {other:?} in {s:?}: use K, M or G"
            ));
        }
    };
    n.checked_mul(1u64 << shift)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("size {s:?} must be above zero and below 16 EiB"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
