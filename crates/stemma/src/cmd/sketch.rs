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

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use stemma_core::{DocId, Document, Level};
use stemma_ingest::Input;
use stemma_sketch::{Config, HASH_FAMILY, MinHash, Sketcher};

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

    // Each document is sketched as it is read and dropped: memory holds
    // the signatures, not the corpus.
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let bars = Bars::new(args.quiet);
    let sketched = Mutex::new(Vec::new());
    let mut corpus = stemma_ingest::read_each(
        &inputs,
        &stemma_ingest::Config {
            max_document_bytes: args.max_document_size,
        },
        &bars,
        &|file, docs| {
            let rows: Vec<Row> = docs
                .into_par_iter()
                .map(|doc| row(&sketcher, &segment, doc))
                .collect();
            sketched
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((file, rows));
        },
    );
    let mut sketched = sketched
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    // Input order (a file's batches came in order), then unique ids as
    // `read` makes them, then id order.
    sketched.sort_by_key(|(file, _)| *file);
    let mut rows = Vec::with_capacity(sketched.iter().map(|(_, rows)| rows.len()).sum());
    for (_, batch) in sketched {
        rows.extend(batch);
    }
    let mut ids: Vec<DocId> = rows.iter().map(|r| r.id.clone()).collect();
    let renamed = stemma_ingest::unique_ids(&mut ids, |i| rows[i].source.clone());
    corpus
        .diagnostics
        .extend(renamed.into_iter().map(|(_, d)| d));
    for (row, id) in rows.iter_mut().zip(ids) {
        row.id = id;
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
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
    let mut buf = String::new();
    for r in &rows {
        buf.clear();
        line(&params, r, &mut buf);
        w.write_all(buf.as_bytes())
            .with_context(|| format!("cannot write {target}"))?;
    }
    w.flush()
        .with_context(|| format!("cannot write {target}"))?;
    if !args.quiet && !to_stdout {
        output::note(&format!("wrote {target} ({} documents)", rows.len()));
    }
    Ok(super::outcome_of(rows.len(), &corpus.diagnostics))
}

/// One document's sketch and its names.
struct Row {
    id: DocId,
    source: String,
    sketch: MinHash,
}

fn row(sketcher: &Sketcher, segment: &stemma_segment::Config, doc: Document) -> Row {
    let spans: Vec<stemma_core::Span> = doc.boilerplate.iter().map(|b| b.span).collect();
    let sketch = sketcher.minhash(&stemma_segment::token_hashes(&doc.text, &spans, segment));
    Row {
        id: doc.id,
        source: doc.source,
        sketch,
    }
}

/// The `params` object every line carries.
fn params(c: &Config, token_seed: u64) -> String {
    format!(
        r#"{{"family":"{HASH_FAMILY}","permutations":{},"shingle":{},"seed":{},"token_seed":{token_seed}}}"#,
        c.permutations, c.shingle, c.seed
    )
}

/// One document's JSON line, newline included, appended to `s`.
fn line(params: &str, row: &Row, s: &mut String) {
    let mut n = itoa::Buffer::new();
    s.push_str(r#"{"id":"#);
    s.push_str(&json_string(row.id.as_str()));
    s.push_str(r#","source":"#);
    s.push_str(&json_string(&row.source));
    s.push_str(r#","tokens":"#);
    s.push_str(n.format(row.sketch.tokens));
    s.push_str(r#","shingles":"#);
    s.push_str(n.format(row.sketch.shingles));
    s.push_str(r#","params":"#);
    s.push_str(params);
    s.push_str(r#","signature":["#);
    for (i, v) in row.sketch.signature.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(n.format(*v));
    }
    s.push_str("]}\n");
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}
