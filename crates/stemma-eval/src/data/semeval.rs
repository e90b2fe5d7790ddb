//! SemEval-2022 Task 8 (multilingual news article similarity), the CSV of
//! its training sample: a header with at least `pair_id`, `lang1`,
//! `lang2`, `text1`, `text2` and `Overall`; RFC 4180 quoting (texts hold
//! commas, quotes and line breaks). `Overall` runs from 1 (very similar)
//! to 4 (very dissimilar); it is a mean of annotators, so fractional.

use std::path::Path;

use super::{Skipped, csv, read_string};
use crate::Error;

/// One article pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub pair_id: String,
    /// The two articles' ids (`pair_id` is `id1_id2`); when `pair_id` does
    /// not split so, `pair_id` with `#1` and `#2`.
    pub id1: String,
    pub id2: String,
    pub lang1: String,
    pub lang2: String,
    pub text1: String,
    pub text2: String,
    pub overall: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SemevalSet {
    pub pairs: Vec<Pair>,
    pub skipped: Vec<Skipped>,
}

/// Reads a CSV file, or the `training_set.csv` in a folder.
pub fn read(path: &Path) -> Result<SemevalSet, Error> {
    let file = if path.is_dir() {
        path.join("training_set.csv")
    } else {
        path.to_owned()
    };
    let src = read_string(&file)?;
    parse(&src, &file.display().to_string()).map_err(|m| Error::format(&file, m))
}

/// Parses the CSV text; `name` names the file in skipped records.
pub fn parse(src: &str, name: &str) -> Result<SemevalSet, String> {
    let rows = csv::records(src)?;
    let Some((header, rows)) = rows.split_first() else {
        return Err("empty file: expected a header line".to_owned());
    };
    let col = |n: &str| {
        header
            .iter()
            .position(|h| h.trim() == n)
            .ok_or_else(|| format!("no {n:?} column in the header"))
    };
    let (pid, l1, l2, t1, t2, ov) = (
        col("pair_id")?,
        col("lang1")?,
        col("lang2")?,
        col("text1")?,
        col("text2")?,
        col("Overall")?,
    );
    let mut set = SemevalSet::default();
    for (i, row) in rows.iter().enumerate() {
        // Record numbers count the header as record 1.
        let what = || format!("{name}#{}", i + 2);
        let get = |c: usize| row.get(c).map(String::as_str);
        let (Some(p), Some(a), Some(b), Some(x), Some(y), Some(o)) =
            (get(pid), get(l1), get(l2), get(t1), get(t2), get(ov))
        else {
            set.skipped.push(Skipped::new(
                what(),
                format!(
                    "{} fields, fewer than the header's {}",
                    row.len(),
                    header.len()
                ),
            ));
            continue;
        };
        let Some(overall) = o.trim().parse::<f64>().ok().filter(|v| v.is_finite()) else {
            set.skipped.push(Skipped::new(
                what(),
                format!("Overall {o:?} is not a number"),
            ));
            continue;
        };
        let (id1, id2) = match p.split_once('_') {
            Some((u, v)) if !u.is_empty() && !v.is_empty() && !v.contains('_') => {
                (u.to_owned(), v.to_owned())
            }
            _ => (format!("{p}#1"), format!("{p}#2")),
        };
        set.pairs.push(Pair {
            pair_id: p.to_owned(),
            id1,
            id2,
            lang1: a.to_owned(),
            lang2: b.to_owned(),
            text1: x.to_owned(),
            text2: y.to_owned(),
            overall,
        });
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs() {
        let src = ",pair_id,lang1,lang2,text1,text2,Geography,Overall,Tone\n\
                   0,1_2,en,en,\"A, \"\"quoted\"\"\nstory\",Other,1.0,1.5,2.0\n\
                   1,3_4,de,en,Ein Text,A text,2,4.0,1\n\
                   2,odd,en,en,x,y,1,not a number,1\n\
                   3,5_6,en\n";
        let set = parse(src, "s.csv").expect("parses");
        assert_eq!(set.pairs.len(), 2);
        let p = &set.pairs[0];
        assert_eq!((p.id1.as_str(), p.id2.as_str()), ("1", "2"));
        assert_eq!(p.text1, "A, \"quoted\"\nstory");
        assert_eq!(p.overall, 1.5);
        assert_eq!(set.pairs[1].lang1, "de");
        assert_eq!(set.skipped.len(), 2);
        assert_eq!(set.skipped[0].what, "s.csv#4");
        assert!(parse("a,b\n", "s.csv").is_err());
    }
}
