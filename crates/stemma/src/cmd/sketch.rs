//! `stemma sketch PATH... --out FILE`: each document's MinHash signature
//! as JSON Lines, for pipelines that bring their own index.
//!
//! One line per document, in id order, every line self-describing:
//!
//! ```json
//! {"id":"a","source":"dir/a.txt","tokens":412,"shingles":408,
//!  "params":{"family":"stemma-oph-xxh3-v1","permutations":128,"shingle":5,
//!            "seed":104152752669696,"token_seed":104153073255226},
//!  "signature":[3784012004,…]}
//! ```
//!
//! The hash family is written down on `stemma_sketch::Sketch::signature`;
//! the share of equal positions of two signatures estimates the Jaccard
//! similarity of the two documents' word 5-shingles. A document without
//! body tokens has an empty signature.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use stemma_core::{Document, Level, Reporter};
use stemma_ingest::Input;
use stemma_sketch::{Config, HASH_FAMILY, Sketcher};

use crate::progress::Bars;
use crate::{Outcome, output};

#[derive(Debug, Args)]
pub struct SketchArgs {
    /// Files and directories to read (directories recursively, in sorted
    /// order, hidden entries skipped); `-` reads JSON Lines from stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Write the signatures to FILE as JSON Lines; `-` for stdout.
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
    /// Signature length (MinHash bins, the "permutations").
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..))]
    pub permutations: u16,
    /// Tokens per shingle.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = clap::value_parser!(u8).range(1..=32))]
    pub shingle: u8,
    /// Seed of the shingle and MinHash hashes (default: stemma's own).
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// Skip any document larger than this (suffixes K, M, G; binary units).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = crate::cli::parse_size)]
    pub max_document_size: u64,
    /// No progress bars and no warnings on stderr (errors still show).
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Documents sketched per parallel batch.
const BATCH: usize = 1024;

pub fn run(args: SketchArgs) -> anyhow::Result<Outcome> {
    super::threads(args.threads)?;
    let mut config = Config {
        permutations: usize::from(args.permutations),
        shingle: usize::from(args.shingle),
        ..Config::default()
    };
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    // Banding is not used here; keep it within the signature.
    config.lsh.rows = config.lsh.rows.min(config.permutations);
    config.lsh.bands = config.lsh.bands.min(config.permutations / config.lsh.rows);
    let sketcher = Sketcher::new(config).context("invalid sketch settings")?;
    let segment = stemma_segment::Config::default();

    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let bars = Bars::new(args.quiet);
    let corpus = stemma_ingest::read(
        &inputs,
        &stemma_ingest::Config {
            max_document_bytes: args.max_document_size,
        },
        &bars,
    );
    for d in &corpus.diagnostics {
        if d.level == Level::Error || !args.quiet {
            output::diagnostic(d);
        }
    }

    let params = params(sketcher.config(), segment.seed);
    let to_stdout = args.out.as_os_str() == "-";
    let target = if to_stdout {
        "stdout".to_owned()
    } else {
        args.out.display().to_string()
    };
    let mut w: BufWriter<Box<dyn Write>> = BufWriter::new(if to_stdout {
        Box::new(io::stdout().lock())
    } else {
        Box::new(File::create(&args.out).with_context(|| format!("cannot create {target}"))?)
    });
    bars.start("sketch", Some(corpus.documents.len() as u64));
    for batch in corpus.documents.chunks(BATCH) {
        let lines: Vec<String> = batch
            .par_iter()
            .map(|doc| line(&sketcher, &segment, &params, doc))
            .collect();
        for l in &lines {
            w.write_all(l.as_bytes())
                .with_context(|| format!("cannot write {target}"))?;
        }
        bars.advance(batch.len() as u64);
    }
    bars.finish();
    w.flush()
        .with_context(|| format!("cannot write {target}"))?;
    if !args.quiet && !to_stdout {
        output::note(&format!(
            "wrote {target} ({} documents)",
            corpus.documents.len()
        ));
    }
    Ok(super::outcome(&corpus))
}

/// The `params` object every line carries.
fn params(c: &Config, token_seed: u64) -> String {
    format!(
        r#"{{"family":"{HASH_FAMILY}","permutations":{},"shingle":{},"seed":{},"token_seed":{token_seed}}}"#,
        c.permutations, c.shingle, c.seed
    )
}

/// One document's JSON line, newline included.
fn line(
    sketcher: &Sketcher,
    segment: &stemma_segment::Config,
    params: &str,
    doc: &Document,
) -> String {
    let spans: Vec<stemma_core::Span> = doc.boilerplate.iter().map(|b| b.span).collect();
    let sketch = sketcher.minhash(&stemma_segment::token_hashes(&doc.text, &spans, segment));
    let mut s = String::with_capacity(64 + 11 * sketch.signature.len());
    let _ = write!(
        s,
        r#"{{"id":{},"source":{},"tokens":{},"shingles":{},"params":{params},"signature":["#,
        json_string(doc.id.as_str()),
        json_string(&doc.source),
        sketch.tokens,
        sketch.shingles,
    );
    for (i, v) in sketch.signature.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{v}");
    }
    s.push_str("]}\n");
    s
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}
