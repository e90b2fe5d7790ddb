//! TempEval-3 gold TimeML (TimeBank, AQUAINT): one `.tml` file per
//! newswire document, with `<DOCID>`, the creation time in
//! `<DCT><TIMEX3 … value="1998-08-07"/></DCT>`, and the body in `<TEXT>`
//! with `<TIMEX3 tid type value>` around each temporal expression (and
//! `<EVENT>`, `<SIGNAL>` tags that the reader drops).
//!
//! The reader returns each document's TEXT as plain text (tags removed,
//! entities decoded) and every TIMEX3 inside it with its span in code
//! points of that text. Files named `._*` (macOS resource forks) and other
//! hidden files are ignored.

use std::path::{Path, PathBuf};

use super::xml::{Event, events};
use super::{Skipped, list_dir, read_string};
use crate::Error;

/// A gold temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub tid: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// The normalised value (`1998-08-07`, `1998-W32`, `PRESENT_REF`, …).
    pub value: String,
    /// `[start, end)` in code points of [`TimemlDoc::text`].
    pub span: [usize; 2],
}

/// One document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    pub id: String,
    /// The creation time's value, as written (`1998-08-07`,
    /// `1998-11-20T19:30`).
    pub dct: String,
    pub text: String,
    pub timexes: Vec<Timex>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TempevalSet {
    /// Sorted by path.
    pub docs: Vec<TimemlDoc>,
    pub skipped: Vec<Skipped>,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    for p in list_dir(dir)? {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads every `.tml` file under `dir` (or the one file `dir` names).
pub fn read(dir: &Path) -> Result<TempevalSet, Error> {
    let mut files = Vec::new();
    if dir.is_file() {
        files.push(dir.to_owned());
    } else {
        walk(dir, &mut files)?;
    }
    let mut set = TempevalSet::default();
    for file in files {
        let what = file.display().to_string();
        let fallback_id = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|s| parse(&s, &fallback_id))
        {
            Ok(doc) => set.docs.push(doc),
            Err(e) => set.skipped.push(Skipped::new(what, e)),
        }
    }
    Ok(set)
}

/// Parses one TimeML document; `fallback_id` is used when it has no DOCID.
pub fn parse(src: &str, fallback_id: &str) -> Result<TimemlDoc, String> {
    let mut id = None;
    let mut dct = None;
    let mut text = String::new();
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    let mut in_docid = false;
    let mut in_dct = false;
    let mut in_text = false;
    let mut saw_text = false;
    // The TIMEX3 being read inside TEXT: (tid, type, value, start).
    let mut open: Option<(String, String, String, usize)> = None;
    for ev in events(src)? {
        match &ev {
            Event::Start { name, empty, .. } => match name.as_str() {
                "DOCID" => in_docid = !*empty,
                "DCT" => in_dct = !*empty,
                "TEXT" => {
                    in_text = !*empty;
                    saw_text = true;
                }
                "TIMEX3" if in_dct && dct.is_none() => {
                    dct = ev.attr("value").map(str::to_owned);
                }
                "TIMEX3" if in_text && !*empty => {
                    open = Some((
                        ev.attr("tid").unwrap_or("").to_owned(),
                        ev.attr("type").unwrap_or("").to_owned(),
                        ev.attr("value").unwrap_or("").to_owned(),
                        chars,
                    ));
                }
                _ => {}
            },
            Event::End { name } => match name.as_str() {
                "DOCID" => in_docid = false,
                "DCT" => in_dct = false,
                "TEXT" => in_text = false,
                "TIMEX3" => {
                    if let Some((tid, kind, value, start)) = open.take() {
                        timexes.push(Timex {
                            tid,
                            kind,
                            value,
                            span: [start, chars],
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if in_docid {
                    id = Some(t.trim().to_owned());
                } else if in_text {
                    text.push_str(t);
                    chars += t.chars().count();
                }
            }
        }
    }
    if !saw_text {
        return Err("no <TEXT> element".to_owned());
    }
    let dct = dct.ok_or("no creation time (<DCT><TIMEX3 value=…>)")?;
    Ok(TimemlDoc {
        id: id
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| fallback_id.to_owned()),
        dct,
        text,
        timexes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>APW0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">August 7, 1998</TIMEX3></DCT>
<TITLE>Rain &amp; wind</TITLE>
<TEXT>
Storms <EVENT eid="e1" class="OCCURRENCE">hit</EVENT> the coast <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>; café <TIMEX3 tid="t3" type="DATE" value="1998-W31">last week</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn parses_text_and_timexes() {
        let d = parse(DOC, "x").expect("parses");
        assert_eq!(d.id, "APW0001");
        assert_eq!(d.dct, "1998-08-07");
        assert_eq!(d.timexes.len(), 3);
        for t in &d.timexes {
            let quote: String = d
                .text
                .chars()
                .skip(t.span[0])
                .take(t.span[1] - t.span[0])
                .collect();
            let want = match t.tid.as_str() {
                "t1" => "Friday",
                "t2" => "two days",
                _ => "last week",
            };
            assert_eq!(quote, want);
        }
        assert_eq!(d.timexes[2].kind, "DATE");
        assert_eq!(d.timexes[2].value, "1998-W31");
        assert!(d.text.starts_with("\nStorms hit the coast Friday"));
        assert!(parse("<TimeML><TEXT>x</TEXT></TimeML>", "x").is_err());
    }

    #[test]
    fn reads_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("A")).expect("mkdir");
        std::fs::write(d.join("A/one.tml"), DOC).expect("write");
        std::fs::write(d.join("A/._one.tml"), b"\x00\x05\x16\x07").expect("write");
        std::fs::write(d.join("two.tml"), "<TimeML><TEXT>no dct</TEXT></TimeML>").expect("write");
        std::fs::write(d.join("README.txt"), "x").expect("write");
        let set = read(d).expect("reads");
        assert_eq!(set.docs.len(), 1);
        assert_eq!(set.skipped.len(), 1);
    }
}
