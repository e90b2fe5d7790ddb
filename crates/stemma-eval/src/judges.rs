//! Integration points: the decisions some tasks score that no stemma stage
//! makes yet. Each is a trait over batches (inputs in, decisions out, as
//! the core's entry points are), a baseline that stands in for the stage
//! today, and one function, `stemma_*`, that the tasks call to get
//! stemma's implementation. When the stage lands, change that function
//! (and only it) to return the real thing; the tasks, their tests and
//! their output stay as they are.
//!
//! | task | trait | today |
//! |---|---|---|
//! | `mrpc` | [`ParaphraseJudge`] | [`AlignParaphraseJudge`]: `stemma_align::paraphrase` ([`NoParaphraseJudge`] is the no-decision baseline) |
//! | `semeval` | [`DocumentSimilarity`] | [`StorySimilarity`]: the pipeline's graded story similarity |
//! | `tempeval` | [`DateNormalizer`] | [`ClaimsDates`]: `stemma_claims::find_dates` ([`NoDates`] is the no-date baseline) |

use stemma_core::Reporter;
use stemma_report::Report;

/// Decides, for pairs of sentences, whether they say the same thing in
/// other words: the sentence-level decision of the paraphrase aligner.
pub trait ParaphraseJudge: Sync {
    /// What is judging, for the task's output.
    fn name(&self) -> &str;
    /// Whether this is a stand-in rather than a stemma stage.
    fn is_baseline(&self) -> bool {
        false
    }
    /// One decision per pair, in order: `Some(true)` paraphrase,
    /// `Some(false)` not, `None` no decision (scored as not a paraphrase).
    fn judge(&self, pairs: &[(&str, &str)]) -> Vec<Option<bool>>;
}

/// The baseline: never decides.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoParaphraseJudge;

impl ParaphraseJudge for NoParaphraseJudge {
    fn name(&self) -> &str {
        "baseline: no paraphrase decision, every pair scored as not a paraphrase"
    }
    fn is_baseline(&self) -> bool {
        true
    }
    fn judge(&self, pairs: &[(&str, &str)]) -> Vec<Option<bool>> {
        vec![None; pairs.len()]
    }
}

/// The sentence paraphrase decision of `stemma-align`:
/// [`stemma_align::paraphrase`] (weighted Dice of idf-weighted stems at or
/// above the configured threshold), each sentence segmented by
/// `stemma-segment`, idf computed over all the sentences of the batch.
#[derive(Debug, Clone, Default)]
pub struct AlignParaphraseJudge {
    pub config: stemma_align::SentenceConfig,
}

impl ParaphraseJudge for AlignParaphraseJudge {
    fn name(&self) -> &str {
        "stemma-align paraphrase(): weighted Dice of idf-weighted stems at or above its threshold, idf over the batch"
    }
    fn judge(&self, pairs: &[(&str, &str)]) -> Vec<Option<bool>> {
        let seg = stemma_segment::Config::default();
        let segs: Vec<(stemma_segment::Segmented, stemma_segment::Segmented)> = pairs
            .iter()
            .map(|(a, b)| {
                (
                    stemma_segment::segment(a, &[], &seg),
                    stemma_segment::segment(b, &[], &seg),
                )
            })
            .collect();
        let all: Vec<&stemma_segment::Segmented> = segs.iter().flat_map(|(x, y)| [x, y]).collect();
        let stats = stemma_align::TermStats::build(&all);
        pairs
            .iter()
            .zip(&segs)
            .map(|((a, b), (sa, sb))| {
                Some(stemma_align::paraphrase(
                    &stemma_align::Profile::new(a, sa),
                    &stemma_align::Profile::new(b, sb),
                    &stats,
                    &self.config,
                ))
            })
            .collect()
    }
}

/// INTEGRATION POINT (paraphrase): stemma's sentence-level paraphrase
/// decision, today `stemma-align`'s.
pub fn stemma_paraphrase_judge() -> Box<dyn ParaphraseJudge> {
    Box::new(AlignParaphraseJudge::default())
}

/// Scores how similar two documents are: higher is more similar; only
/// the order and spacing of values matter (Pearson's correlation is
/// computed on them).
pub trait DocumentSimilarity {
    fn name(&self) -> &str;
    fn is_baseline(&self) -> bool {
        false
    }
    /// `docs` are `(id, text)`; `pairs` index into `docs`. One value per
    /// pair, in order, `None` when there is none.
    fn similarities(
        &self,
        docs: &[(String, String)],
        pairs: &[(usize, usize)],
        reporter: &dyn Reporter,
    ) -> Vec<Option<f64>>;
}

/// Document similarity read off a report of the whole pipeline run over
/// all the documents at once: 2 + the mean of both sides' covered share
/// when the report lists the two as a pair sharing text; 1 when it lists
/// them as `same-story` or puts them in one story; 0 otherwise (a pair not
/// listed shares neither text nor story). A stand-in until a graded
/// similarity score exists; with today's empty pipeline every value is 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportSimilarity;

impl ReportSimilarity {
    /// The similarity of documents `a` and `b` in `report`.
    pub fn of(report: &Report, a: &str, b: &str) -> f64 {
        for p in &report.pairs {
            if (p.a == a && p.b == b) || (p.a == b && p.b == a) {
                return if p.relation == "same-story" {
                    1.0
                } else {
                    2.0 + (p.a_covered + p.b_covered) / 2.0
                };
            }
        }
        let same_story = report
            .stories
            .iter()
            .any(|s| s.documents.iter().any(|d| d == a) && s.documents.iter().any(|d| d == b));
        if same_story { 1.0 } else { 0.0 }
    }
}

impl DocumentSimilarity for ReportSimilarity {
    fn name(&self) -> &str {
        "stemma pipeline pairs and stories: 0 unrelated, 1 same story, 2 + covered share when text is shared"
    }
    fn similarities(
        &self,
        docs: &[(String, String)],
        pairs: &[(usize, usize)],
        reporter: &dyn Reporter,
    ) -> Vec<Option<f64>> {
        let files: Vec<(String, Vec<u8>)> = docs
            .iter()
            .map(|(id, text)| (format!("{id}.txt"), text.as_bytes().to_vec()))
            .collect();
        let report = crate::tasks::analyze_memory(&files, false, reporter);
        pairs
            .iter()
            .map(|&(i, j)| match (docs.get(i), docs.get(j)) {
                (Some(a), Some(b)) => Some(ReportSimilarity::of(&report, &a.0, &b.0)),
                _ => None,
            })
            .collect()
    }
}

/// The graded story similarity of the pipeline
/// (`stemma_pipeline::story_similarities`: the root of a weighted Dice of
/// content terms, idf squared and `1 + ln tf`, facts weighted up), over the
/// documents as ingest reads them, boilerplate left out, idf over the batch.
#[derive(Debug, Clone, Copy, Default)]
pub struct StorySimilarity;

impl DocumentSimilarity for StorySimilarity {
    fn name(&self) -> &str {
        "stemma story similarity: square root of a weighted Dice of content terms (idf squared, 1 + ln tf), facts x6, idf over the batch"
    }
    fn similarities(
        &self,
        docs: &[(String, String)],
        pairs: &[(usize, usize)],
        _reporter: &dyn Reporter,
    ) -> Vec<Option<f64>> {
        let files: Vec<(String, &[u8])> = docs
            .iter()
            .map(|(id, text)| (format!("{id}.txt"), text.as_bytes()))
            .collect();
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let mut corpus = stemma_ingest::read_memory(&refs, &stemma_ingest::Config::default());
        // Documents come back sorted by id; map the pairs onto them.
        let position = |i: usize| {
            let id = docs.get(i)?.0.as_str();
            corpus.documents.iter().position(|d| d.id.as_str() == id)
        };
        let mapped: Vec<Option<(usize, usize)>> = pairs
            .iter()
            .map(|&(a, b)| Some((position(a)?, position(b)?)))
            .collect();
        let present: Vec<(usize, usize)> = mapped.iter().flatten().copied().collect();
        let values = stemma_pipeline::story_similarities(
            &mut corpus.documents,
            &present,
            &stemma_pipeline::Config::default(),
        );
        let mut values = values.into_iter();
        mapped
            .iter()
            .map(|m| m.and_then(|_| values.next().flatten()))
            .collect()
    }
}

/// INTEGRATION POINT (similarity): stemma's document similarity, the
/// pipeline's graded story similarity.
pub fn stemma_document_similarity() -> Box<dyn DocumentSimilarity> {
    Box::new(StorySimilarity)
}

/// A date found in a text, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// `[start, end)` in code points of the text.
    pub span: [usize; 2],
    /// A TIMEX3-style value: `1998-08-07`, `1998-08`, `1998`, `1998-W32`,
    /// `1998-Q3`, `199` (the 1990s), `PRESENT_REF`, …
    pub value: String,
}

/// Finds dates in a text and normalises them, resolving relative ones
/// ("Friday", "last month") against the document's creation time.
pub trait DateNormalizer: Sync {
    fn name(&self) -> &str;
    fn is_baseline(&self) -> bool {
        false
    }
    /// `dct` is the creation time as TimeML writes it (`1998-08-07` or
    /// `1998-08-07T06:18`).
    fn dates(&self, text: &str, dct: &str) -> Vec<DateMention>;
}

/// The baseline: finds nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoDates;

impl DateNormalizer for NoDates {
    fn name(&self) -> &str {
        "baseline: no date extractor, no date found"
    }
    fn is_baseline(&self) -> bool {
        true
    }
    fn dates(&self, _text: &str, _dct: &str) -> Vec<DateMention> {
        Vec::new()
    }
}

/// The claims stage's dates: [`stemma_claims::find_dates`] anchored on
/// the day of the creation time (`1998-08-07` of `1998-08-07T06:18`; no
/// anchor when it does not parse), byte spans turned into code points.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimsDates;

impl ClaimsDates {
    /// The day of a TimeML creation time: `YYYY-MM-DD`, optionally
    /// followed by `T` and a time.
    pub fn anchor(dct: &str) -> Option<jiff::civil::Date> {
        let day = dct.trim().split('T').next()?;
        day.parse().ok()
    }
}

impl DateNormalizer for ClaimsDates {
    fn name(&self) -> &str {
        "stemma-claims find_dates(), anchored on the creation day"
    }
    fn dates(&self, text: &str, dct: &str) -> Vec<DateMention> {
        let index = stemma_core::CharIndex::new(text);
        stemma_claims::find_dates(text, ClaimsDates::anchor(dct))
            .into_iter()
            .map(|m| DateMention {
                span: [
                    index.char_offset(m.span.start),
                    index.char_offset(m.span.end),
                ],
                value: m.value,
            })
            .collect()
    }
}

/// INTEGRATION POINT (dates): the claims stage's date extraction and
/// normalisation, `stemma-claims`' [`find_dates`](stemma_claims::find_dates).
pub fn stemma_date_normalizer() -> Box<dyn DateNormalizer> {
    Box::new(ClaimsDates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_judge_decides() {
        let pairs = [
            (
                "The bridge was closed on Tuesday after divers found a crack.",
                "The bridge was closed on Tuesday after divers found a crack.",
            ),
            (
                "The bridge was closed on Tuesday after divers found a crack.",
                "Apricot growers expect a small harvest after the late frost.",
            ),
        ];
        let d = AlignParaphraseJudge::default().judge(&pairs);
        assert_eq!(d, [Some(true), Some(false)]);
        assert_eq!(NoParaphraseJudge.judge(&pairs), [None, None]);
        assert!(AlignParaphraseJudge::default().judge(&[]).is_empty());
    }

    #[test]
    fn claims_dates_anchor_and_code_points() {
        assert_eq!(
            ClaimsDates::anchor("1998-08-07T06:18"),
            jiff::civil::Date::new(1998, 8, 7).ok()
        );
        assert_eq!(ClaimsDates::anchor("garbage"), None);
        // "é" is two bytes, one code point: the span is in code points.
        let found = ClaimsDates.dates("Café closed on Friday.", "1998-08-08");
        assert_eq!(
            found,
            [DateMention {
                span: [15, 21],
                value: "1998-08-07".into()
            }]
        );
    }
}
