//! The Microsoft Research Paraphrase Corpus: tab-separated lines
//! `Quality  #1 ID  #2 ID  #1 String  #2 String` after a header line
//! (a byte-order mark may precede it). Quality 1 = paraphrase. Fields are
//! not quoted: a `"` is part of the sentence.

use std::path::Path;

use super::{Skipped, read_string};
use crate::Error;

/// One sentence pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub paraphrase: bool,
    pub id1: String,
    pub id2: String,
    pub s1: String,
    pub s2: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MrpcSet {
    /// In file order.
    pub pairs: Vec<Pair>,
    pub skipped: Vec<Skipped>,
}

/// Reads a file, or the `msr_paraphrase_train.txt` in a folder.
pub fn read(path: &Path) -> Result<MrpcSet, Error> {
    let file = if path.is_dir() {
        path.join("msr_paraphrase_train.txt")
    } else {
        path.to_owned()
    };
    Ok(parse(&read_string(&file)?, &file.display().to_string()))
}

/// Parses the file's text; `name` names it in skipped lines.
pub fn parse(src: &str, name: &str) -> MrpcSet {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut set = MrpcSet::default();
    for (i, line) in src.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i == 0 && line.starts_with("Quality") || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let what = || format!("{name}:{}", i + 1);
        if f.len() != 5 {
            set.skipped.push(Skipped::new(
                what(),
                format!("expected 5 tab-separated fields, found {}", f.len()),
            ));
            continue;
        }
        let paraphrase = match f[0].trim() {
            "1" => true,
            "0" => false,
            q => {
                set.skipped.push(Skipped::new(
                    what(),
                    format!("quality {q:?} is neither 0 nor 1"),
                ));
                continue;
            }
        };
        set.pairs.push(Pair {
            paraphrase,
            id1: f[1].to_owned(),
            id2: f[2].to_owned(),
            s1: f[3].to_owned(),
            s2: f[4].to_owned(),
        });
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs() {
        let src = "\u{feff}Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n\
                   1\t11\t12\tThe cat sat \"here\".\tA cat was sitting here.\r\n\
                   0\t21\t22\tPrices rose 3%.\tPrices fell.\n\
                   2\t31\t32\ta\tb\n\
                   1\t41\tonly three\n";
        let set = parse(src, "t.txt");
        assert_eq!(set.pairs.len(), 2);
        assert!(set.pairs[0].paraphrase);
        assert_eq!(set.pairs[0].s1, "The cat sat \"here\".");
        assert_eq!(set.pairs[1].id2, "22");
        assert!(!set.pairs[1].paraphrase);
        assert_eq!(set.skipped.len(), 2);
        assert_eq!(set.skipped[0].what, "t.txt:4");
    }
}
