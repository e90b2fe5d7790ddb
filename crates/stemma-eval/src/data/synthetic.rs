//! A labelled corpus in stemma's ground-truth format
//! ([`stemma_synth::truth`]): `DIR/truth.jsonl` beside the documents in
//! `DIR/docs/`, and report v1 JSON files written by
//! `stemma analyze --json`.

use std::io::BufRead;
use std::path::Path;

use stemma_report::Report;
use stemma_synth::truth::{
    ChangeTruth, DerivationTruth, DocumentTruth, Header, InsertedTruth, PairTruth, Record, VERSION,
};

use crate::Error;

/// Everything in a `truth.jsonl`, grouped by record type, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Truth {
    pub header: Option<Header>,
    pub documents: Vec<DocumentTruth>,
    pub derivations: Vec<DerivationTruth>,
    pub pairs: Vec<PairTruth>,
    pub changes: Vec<ChangeTruth>,
    pub inserted: Vec<InsertedTruth>,
}

impl Truth {
    /// Adds one record.
    pub fn push(&mut self, record: Record) {
        match record {
            Record::Header(h) => self.header = Some(h),
            Record::Document(d) => self.documents.push(d),
            Record::Derivation(d) => self.derivations.push(d),
            Record::Pair(p) => self.pairs.push(p),
            Record::Change(c) => self.changes.push(c),
            Record::Inserted(i) => self.inserted.push(i),
        }
    }

    /// Parses truth lines. A line that is not a record is an error naming
    /// its number: scores against a partly read truth would mislead.
    pub fn parse(reader: impl BufRead, name: &str) -> Result<Truth, String> {
        let mut truth = Truth::default();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| format!("{name}:{}: {e}", i + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: Record =
                serde_json::from_str(&line).map_err(|e| format!("{name}:{}: {e}", i + 1))?;
            if let Record::Header(h) = &record
                && h.stemma_truth != VERSION
            {
                return Err(format!(
                    "{name}:{}: ground-truth version {} is not supported (this stemma reads version {VERSION})",
                    i + 1,
                    h.stemma_truth
                ));
            }
            truth.push(record);
        }
        Ok(truth)
    }
}

/// Reads `truth.jsonl` (a path to the file, or to the corpus folder).
pub fn read_truth(path: &Path) -> Result<Truth, Error> {
    let file = if path.is_dir() {
        path.join("truth.jsonl")
    } else {
        path.to_owned()
    };
    let f = std::fs::File::open(&file).map_err(|e| Error::io(&file, e))?;
    Truth::parse(std::io::BufReader::new(f), &file.display().to_string())
        .map_err(|m| Error::format(&file, m))
}

/// Reads a report v1 JSON file.
pub fn read_report(path: &Path) -> Result<Report, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let report: Report = serde_json::from_reader(std::io::BufReader::new(f))
        .map_err(|e| Error::format(path, format!("not a stemma report: {e}")))?;
    if report.stemma_report != stemma_report::VERSION {
        return Err(Error::format(
            path,
            format!(
                "report version {} is not supported (this stemma reads version {})",
                report.stemma_report,
                stemma_report::VERSION
            ),
        ));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_truth_lines() {
        let src = r#"{"type":"header","stemma_truth":1,"generator":"hand","seed":null}
{"type":"document","id":"a","story":"s1","role":"original"}

{"type":"document","id":"b","story":"s1","role":"copy","boilerplate":[{"span":[0,5],"kind":"header"}]}
{"type":"derivation","source":"a","derived":"b","relation":"duplicate"}
{"type":"pair","a":"a","b":"b","relation":"duplicate"}
{"type":"change","topic":"date","source":"a","source_span":[1,2],"derived":"b","derived_span":[3,4]}
{"type":"inserted","doc":"b","span":[10,20]}
"#;
        let t = Truth::parse(src.as_bytes(), "t").expect("parses");
        assert_eq!(t.documents.len(), 2);
        assert_eq!(t.documents[1].boilerplate[0].span, [0, 5]);
        assert_eq!(t.derivations[0].generation, 1);
        assert_eq!(
            (t.pairs.len(), t.changes.len(), t.inserted.len()),
            (1, 1, 1)
        );
        let bad = "{\"type\":\"document\",\"id\":\"a\"}\n";
        assert!(Truth::parse(bad.as_bytes(), "t").is_err_and(|e| e.starts_with("t:1:")));
        let v2 = "{\"type\":\"header\",\"stemma_truth\":2,\"generator\":\"x\",\"seed\":1}\n";
        assert!(Truth::parse(v2.as_bytes(), "t").is_err());
    }
}
