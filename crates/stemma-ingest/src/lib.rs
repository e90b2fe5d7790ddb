//! Reading documents from everything a user has: files and directories of
//! plain text, HTML, JSON Lines and WARC, any of them gzip-compressed, and
//! JSON Lines on standard input.
//!
//! Bad input is data, not a crash: every file, line or record that cannot
//! be read becomes a [`Diagnostic`] naming it, and reading goes on with the
//! rest. Records read before a fault are kept.

pub mod decode;
pub mod html;
mod jsonl;
mod source;
mod text;
pub mod warc;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;
use stemma_core::{Diagnostic, Document, Reporter};

pub use source::{format_from_name, sniff};
pub use stemma_core::Format;

/// Limits and choices of the ingest stage.
#[derive(Debug, Clone)]
pub struct Config {
    /// A document (a file, a JSON line, a WARC record) larger than this,
    /// after decompression, is skipped with a diagnostic.
    pub max_document_bytes: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            max_document_bytes: 64 << 20,
        }
    }
}

/// One thing the user named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory (walked recursively, sorted, hidden entries
    /// skipped).
    Path(PathBuf),
    /// JSON Lines on standard input (`-`).
    Stdin,
}

impl Input {
    /// `-` is standard input, anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Sorted by id; ids are unique.
    pub documents: Vec<Document>,
    /// Problems with files and records, in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were looked at.
    pub files: usize,
}

/// Reads every input into a corpus.
///
/// Files are read in parallel; the result does not depend on the thread
/// count or on the order entries come back from the file system.
pub fn read(inputs: &[Input], config: &Config, reporter: &dyn Reporter) -> Corpus {
    read_with_stdin(inputs, config, reporter, &mut std::io::stdin().lock())
}

/// [`read`], with `stdin` standing in for standard input.
pub fn read_with_stdin(
    inputs: &[Input],
    config: &Config,
    reporter: &dyn Reporter,
    stdin: &mut dyn std::io::BufRead,
) -> Corpus {
    let mut diagnostics = Vec::new();
    let mut jobs = Vec::new();
    let mut stdin_used = false;
    for input in inputs {
        match input {
            Input::Stdin => {
                if !stdin_used {
                    stdin_used = true;
                    jobs.push(source::Job::Stdin);
                } else {
                    diagnostics.push(Diagnostic::warning(
                        "-",
                        "standard input named twice; read once",
                    ));
                }
            }
            Input::Path(path) => source::walk(path, &mut jobs, &mut diagnostics),
        }
    }
    let files = jobs.len();
    reporter.start("reading", Some(files as u64));
    // Standard input cannot be shared across threads: it is read first and
    // put in its place in input order afterwards.
    let mut stdin_output = stdin_used.then(|| jsonl::read_stdin(stdin, config));
    let outputs: Vec<source::Output> = jobs
        .par_iter()
        .map(|job| {
            let out = match job {
                source::Job::Stdin => source::Output::default(),
                source::Job::File(file) => source::read_file(file, config),
            };
            reporter.advance(1);
            out
        })
        .collect();
    reporter.finish();

    let outputs = jobs
        .iter()
        .zip(outputs)
        .map(|(job, out)| match job {
            source::Job::Stdin => stdin_output.take().unwrap_or_default(),
            source::Job::File(_) => out,
        })
        .collect();
    collect(outputs, diagnostics, files)
}

/// Renames the second and later documents that share an id to `id~2`,
/// `id~3`, … (skipping names already taken), in input order, with a
/// warning on each renamed document and in the run's diagnostics.
fn make_ids_unique(documents: &mut [Document], diagnostics: &mut Vec<Diagnostic>) {
    let mut taken: BTreeSet<String> = documents.iter().map(|d| d.id.as_str().to_owned()).collect();
    let mut seen = BTreeSet::new();
    let mut next: BTreeMap<String, u32> = BTreeMap::new();
    for doc in documents.iter_mut() {
        let id = doc.id.as_str().to_owned();
        if seen.insert(id.clone()) {
            continue;
        }
        let n = next.entry(id.clone()).or_insert(1);
        let new_id = loop {
            *n += 1;
            let candidate = format!("{id}~{n}");
            if !taken.contains(&candidate) {
                break candidate;
            }
        };
        taken.insert(new_id.clone());
        seen.insert(new_id.clone());
        let d = Diagnostic::warning(
            doc.source.clone(),
            format!("duplicate document id {id:?} renamed to {new_id:?}"),
        );
        doc.diagnostics.push(d.clone());
        diagnostics.push(d);
        doc.id = stemma_core::DocId::new(new_id);
    }
}

/// Reads in-memory files, each as if it were a file of that name given on
/// the command line (its extension picks the format, its stem the document
/// ids): the entry point for callers that hold documents in memory.
pub fn read_memory(files: &[(&str, &[u8])], config: &Config) -> Corpus {
    let outputs: Vec<source::Output> = files
        .par_iter()
        .map(|&(name, bytes)| {
            let id = source::strip_extension(name.rsplit('/').next().unwrap_or(name));
            source::read_stream(bytes, name, &id, Some(bytes.len() as u64), config)
        })
        .collect();
    collect(outputs, Vec::new(), files.len())
}

/// Merges job outputs, in job order, into a corpus with unique ids.
fn collect(outputs: Vec<source::Output>, mut diagnostics: Vec<Diagnostic>, files: usize) -> Corpus {
    let mut documents = Vec::new();
    for out in outputs {
        documents.extend(out.documents);
        diagnostics.extend(out.diagnostics);
    }
    make_ids_unique(&mut documents, &mut diagnostics);
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Corpus {
        documents,
        diagnostics,
        files,
    }
}

#[cfg(test)]
mod tests;
