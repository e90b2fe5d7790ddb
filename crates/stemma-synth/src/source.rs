//! Source articles: plain-text files whose first line is the title,
//! paragraphs separated by blank lines, in topic folders (the BBC News
//! corpus layout).

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

/// One real article the generator builds a story from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The path relative to the input directory, `/`-separated, without
    /// extension (`business/001`).
    pub name: String,
    /// The folder the article is in (`business`), empty at the top level.
    /// Hard negatives are pairs of articles of one topic.
    pub topic: String,
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// The fewest words an article needs to be used.
pub const MIN_WORDS: usize = 40;

impl Article {
    /// Parses an article's text: the first non-empty line is the title,
    /// then paragraphs separated by blank lines (lines inside a paragraph
    /// are joined). `None` when there is no title or fewer than
    /// [`MIN_WORDS`] body words.
    pub fn parse(name: impl Into<String>, topic: impl Into<String>, text: &str) -> Option<Article> {
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
        let title = lines
            .next()?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut paragraphs = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        for line in lines {
            if line.trim().is_empty() {
                if !cur.is_empty() {
                    paragraphs.push(
                        cur.join(" ")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                    cur.clear();
                }
            } else {
                cur.push(line.trim());
            }
        }
        if !cur.is_empty() {
            paragraphs.push(
                cur.join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        let words: usize = paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum();
        if title.is_empty() || words < MIN_WORDS || title.chars().count() > 200 {
            return None;
        }
        Some(Article {
            name: name.into(),
            topic: topic.into(),
            title,
            paragraphs,
        })
    }
}

/// What [`load_articles`] read.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Usable articles, sorted by name.
    pub articles: Vec<Article>,
    /// Files that were not usable (`name: reason`).
    pub skipped: Vec<String>,
}

/// Reads every `.txt` file under `dir` (recursively, sorted, hidden
/// entries skipped). Files that are not UTF-8 are read as Windows-1252.
pub fn load_articles(dir: &Path) -> Result<Loaded, Error> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    let mut out = Loaded::default();
    for file in files {
        let rel = file.strip_prefix(dir).unwrap_or(&file);
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = rel.join("/");
        let name = name.strip_suffix(".txt").unwrap_or(&name).to_owned();
        let topic = rel[..rel.len().saturating_sub(1)].join("/");
        let bytes = fs::read(&file).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => encoding_rs::WINDOWS_1252
                .decode(e.as_bytes())
                .0
                .into_owned(),
        };
        if text.contains('\0') {
            out.skipped.push(format!("{name}: binary content"));
            continue;
        }
        match Article::parse(name.clone(), topic, &text) {
            Some(a) => out.articles.push(a),
            None => out
                .skipped
                .push(format!("{name}: no title or fewer than {MIN_WORDS} words")),
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let ty = entry.file_type().map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if ty.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse() {
        let body = "word ".repeat(50);
        let a = Article::parse(
            "t/1",
            "t",
            &format!("\u{feff}Title line\r\n\r\n{body}\r\nmore\r\n\r\nSecond para.\r\n"),
        )
        .expect("parses");
        assert_eq!(a.title, "Title line");
        assert_eq!(a.paragraphs.len(), 2);
        assert!(a.paragraphs[0].ends_with("word more"));
        assert!(Article::parse("x", "", "Title\n\nToo short.").is_none());
    }
}
