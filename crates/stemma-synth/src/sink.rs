//! Where generated documents and truth lines go.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Error;
use crate::truth::Record;

/// One generated document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document<'a> {
    /// The id `stemma analyze DIR/docs` gives it (`slug/hex`).
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: &'a str,
    /// RFC 3339 or `YYYY-MM-DD`.
    pub published: &'a str,
    /// The full text: title line, blank line, boilerplate and body.
    pub text: &'a str,
}

/// Receives a corpus as it is generated: each story's documents, then its
/// truth records.
pub trait Sink {
    fn document(&mut self, doc: &Document<'_>) -> Result<(), Error>;
    fn truth(&mut self, record: &Record) -> Result<(), Error>;
    /// Flushes everything.
    fn finish(&mut self) -> Result<(), Error>;
}

/// How [`DirSink`] writes documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `docs/<id>.txt`, one file a document.
    Txt,
    /// `docs/part-NNNNN.jsonl` shards of `{id, title, outlet, published, text}`.
    Jsonl,
}

/// Documents per JSON Lines shard.
pub const SHARD_DOCUMENTS: usize = 10_000;

/// Writes a corpus directory: `truth.jsonl` and `docs/`.
#[derive(Debug)]
pub struct DirSink {
    root: PathBuf,
    format: Format,
    truth: BufWriter<File>,
    shard: Option<BufWriter<File>>,
    in_shard: usize,
    shards: usize,
    dirs: BTreeSet<String>,
    line: Vec<u8>,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

impl DirSink {
    /// Creates `root` (and `root/docs`). Refuses when `docs/` or
    /// `truth.jsonl` exist, unless `overwrite`, which removes those two
    /// (and nothing else).
    pub fn create(root: &Path, format: Format, overwrite: bool) -> Result<DirSink, Error> {
        let docs = root.join("docs");
        let truth_path = root.join("truth.jsonl");
        for p in [&docs, &truth_path] {
            if p.exists() {
                if !overwrite {
                    return Err(Error::Exists { path: p.clone() });
                }
                if p.is_dir() {
                    fs::remove_dir_all(p).map_err(io(p))?;
                } else {
                    fs::remove_file(p).map_err(io(p))?;
                }
            }
        }
        fs::create_dir_all(&docs).map_err(io(&docs))?;
        let truth = File::create(&truth_path).map_err(io(&truth_path))?;
        Ok(DirSink {
            root: root.to_owned(),
            format,
            truth: BufWriter::with_capacity(1 << 20, truth),
            shard: None,
            in_shard: 0,
            shards: 0,
            dirs: BTreeSet::new(),
            line: Vec::new(),
        })
    }

    fn shard_path(&self, n: usize) -> PathBuf {
        self.root.join("docs").join(format!("part-{n:05}.jsonl"))
    }
}

impl Sink for DirSink {
    fn document(&mut self, doc: &Document<'_>) -> Result<(), Error> {
        match self.format {
            Format::Txt => {
                let path = self.root.join("docs").join(format!("{}.txt", doc.id));
                if let Some((dir, _)) = doc.id.rsplit_once('/')
                    && !self.dirs.contains(dir)
                {
                    let d = self.root.join("docs").join(dir);
                    fs::create_dir_all(&d).map_err(io(&d))?;
                    self.dirs.insert(dir.to_owned());
                }
                fs::write(&path, doc.text).map_err(io(&path))
            }
            Format::Jsonl => {
                if self.shard.is_none() || self.in_shard >= SHARD_DOCUMENTS {
                    if let Some(mut w) = self.shard.take() {
                        let p = self.shard_path(self.shards);
                        w.flush().map_err(io(&p))?;
                    }
                    self.shards += 1;
                    let p = self.shard_path(self.shards);
                    let f = File::create(&p).map_err(io(&p))?;
                    self.shard = Some(BufWriter::with_capacity(1 << 20, f));
                    self.in_shard = 0;
                }
                self.line.clear();
                serde_json::to_writer(&mut self.line, doc)?;
                self.line.push(b'\n');
                let p = self.shard_path(self.shards);
                if let Some(w) = self.shard.as_mut() {
                    w.write_all(&self.line).map_err(io(&p))?;
                }
                self.in_shard += 1;
                Ok(())
            }
        }
    }

    fn truth(&mut self, record: &Record) -> Result<(), Error> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, record)?;
        self.line.push(b'\n');
        let p = self.root.join("truth.jsonl");
        self.truth.write_all(&self.line).map_err(io(&p))
    }

    fn finish(&mut self) -> Result<(), Error> {
        let p = self.root.join("truth.jsonl");
        self.truth.flush().map_err(io(&p))?;
        let p = self.shard_path(self.shards);
        if let Some(w) = self.shard.as_mut() {
            w.flush().map_err(io(&p))?;
        }
        Ok(())
    }
}

/// An owned document, as [`MemorySink`] keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedDocument {
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub published: String,
    pub text: String,
}

/// Keeps everything in memory (tests, small corpora).
#[derive(Debug, Default)]
pub struct MemorySink {
    pub documents: Vec<OwnedDocument>,
    pub records: Vec<Record>,
}

impl Sink for MemorySink {
    fn document(&mut self, doc: &Document<'_>) -> Result<(), Error> {
        self.documents.push(OwnedDocument {
            id: doc.id.to_owned(),
            title: doc.title.to_owned(),
            outlet: doc.outlet.to_owned(),
            published: doc.published.to_owned(),
            text: doc.text.to_owned(),
        });
        Ok(())
    }

    fn truth(&mut self, record: &Record) -> Result<(), Error> {
        self.records.push(record.clone());
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Error> {
        Ok(())
    }
}

/// Counts and discards (benchmarks of the generator itself).
#[derive(Debug, Default)]
pub struct NullSink {
    pub documents: u64,
    pub bytes: u64,
}

impl Sink for NullSink {
    fn document(&mut self, doc: &Document<'_>) -> Result<(), Error> {
        self.documents += 1;
        self.bytes += doc.text.len() as u64;
        Ok(())
    }

    fn truth(&mut self, _record: &Record) -> Result<(), Error> {
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Error> {
        Ok(())
    }
}
