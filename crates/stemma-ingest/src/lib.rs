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
use stemma_core::{Diagnostic, DocId, Document, Reporter};

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
    let (outputs, diagnostics, files) = read_jobs(inputs, config, reporter, stdin, None);
    collect(outputs, diagnostics, files)
}

/// [`read`] for a pass that keeps little of each document (a sketch):
/// every document goes to `each` as soon as it is read, in batches, with
/// the index of the file it comes from (files in input order), and is not
/// kept. The batches of one file come in order, from one thread; those of
/// different files may come at once. The corpus returned has the
/// diagnostics and no documents; the ids are as read, not yet made unique
/// (see [`unique_ids`]).
pub fn read_each(
    inputs: &[Input],
    config: &Config,
    reporter: &dyn Reporter,
    each: &(dyn Fn(usize, Vec<Document>) + Sync),
) -> Corpus {
    read_each_with_stdin(inputs, config, reporter, &mut std::io::stdin().lock(), each)
}

/// [`read_each`], with `stdin` standing in for standard input.
pub fn read_each_with_stdin(
    inputs: &[Input],
    config: &Config,
    reporter: &dyn Reporter,
    stdin: &mut dyn std::io::BufRead,
    each: &(dyn Fn(usize, Vec<Document>) + Sync),
) -> Corpus {
    let (outputs, diagnostics, files) = read_jobs(inputs, config, reporter, stdin, Some(each));
    collect(outputs, diagnostics, files)
}

/// One file's documents (none when they went to a sink) and diagnostics.
type JobOutput = (Vec<Document>, Vec<Diagnostic>);

/// Each input's documents (none when they go to `each`) and diagnostics,
/// in input order; the diagnostics of naming the inputs; the file count.
fn read_jobs(
    inputs: &[Input],
    config: &Config,
    reporter: &dyn Reporter,
    stdin: &mut dyn std::io::BufRead,
    each: Option<&(dyn Fn(usize, Vec<Document>) + Sync)>,
) -> (Vec<JobOutput>, Vec<Diagnostic>, usize) {
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
    let stdin_job = jobs.iter().position(|j| matches!(j, source::Job::Stdin));
    let mut stdin_output = stdin_job.map(|index| {
        let sink = each.map(|each| move |docs| each(index, docs));
        jsonl::read_stdin(stdin, config, sink.as_ref().map(|s| s as source::Sink<'_>)).finish()
    });
    let outputs: Vec<JobOutput> = jobs
        .par_iter()
        .enumerate()
        .map(|(index, job)| {
            let sink = each.map(|each| move |docs| each(index, docs));
            let sink = sink.as_ref().map(|s| s as source::Sink<'_>);
            let out = match job {
                source::Job::Stdin => (Vec::new(), Vec::new()),
                source::Job::File(file) => source::read_file(file, config, sink).finish(),
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
    (outputs, diagnostics, files)
}

/// Renames the second and later documents that share an id to `id~2`,
/// `id~3`, … (skipping names already taken), in input order, with a
/// warning on each renamed document and in the run's diagnostics.
fn make_ids_unique(documents: &mut [Document], diagnostics: &mut Vec<Diagnostic>) {
    let mut ids: Vec<DocId> = documents.iter().map(|d| d.id.clone()).collect();
    for (i, d) in unique_ids(&mut ids, |i| documents[i].source.clone()) {
        documents[i].diagnostics.push(d.clone());
        diagnostics.push(d);
    }
    for (doc, id) in documents.iter_mut().zip(ids) {
        doc.id = id;
    }
}

/// Renames the second and later of equal `ids` to `id~2`, `id~3`, …
/// (skipping names already taken), in order. Returns the position of each
/// renamed id with its warning, which names `source(position)`.
pub fn unique_ids(ids: &mut [DocId], source: impl Fn(usize) -> String) -> Vec<(usize, Diagnostic)> {
    let mut taken: BTreeSet<String> = ids.iter().map(|d| d.as_str().to_owned()).collect();
    let mut seen = BTreeSet::new();
    let mut next: BTreeMap<String, u32> = BTreeMap::new();
    let mut renamed = Vec::new();
    for (i, slot) in ids.iter_mut().enumerate() {
        let id = slot.as_str().to_owned();
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
        renamed.push((
            i,
            Diagnostic::warning(
                source(i),
                format!("duplicate document id {id:?} renamed to {new_id:?}"),
            ),
        ));
        *slot = DocId::new(new_id);
    }
    renamed
}

/// Reads in-memory files, each as if it were a file of that name given on
/// the command line (its extension picks the format, its stem the document
/// ids): the entry point for callers that hold documents in memory.
pub fn read_memory(files: &[(&str, &[u8])], config: &Config) -> Corpus {
    let outputs: Vec<JobOutput> = files
        .par_iter()
        .map(|&(name, bytes)| {
            let id = source::strip_extension(name.rsplit('/').next().unwrap_or(name));
            source::read_stream(bytes, name, &id, Some(bytes.len() as u64), config, None).finish()
        })
        .collect();
    collect(outputs, Vec::new(), files.len())
}

/// Merges job outputs, in job order, into a corpus with unique ids.
fn collect(outputs: Vec<JobOutput>, mut diagnostics: Vec<Diagnostic>, files: usize) -> Corpus {
    let mut documents = Vec::new();
    for (docs, diags) in outputs {
        documents.extend(docs);
        diagnostics.extend(diags);
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
