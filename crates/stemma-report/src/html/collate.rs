//! Collation rows: two versions laid side by side, passage by passage.
//!
//! A pair's aligned passages say which stretch of the source matches which
//! stretch of the derived text, and how (verbatim, edited, paraphrase).
//! What no passage covers is *added* (derived text only) or *dropped*
//! (source text only). Rows follow the derived text, the one being read;
//! each stretch of dropped source text appears once, just before the first
//! passage that starts after it in the source.

use crate::wire::CharSpan;

/// What one row of a collation shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKind {
    Verbatim,
    Edited,
    Paraphrase,
    /// Derived text that no passage covers.
    Added,
    /// Source text that no passage covers.
    Dropped,
}

impl RowKind {
    /// The code the page's script reads (`KINDS[code]`).
    pub fn code(self) -> u8 {
        match self {
            RowKind::Verbatim => 0,
            RowKind::Edited => 1,
            RowKind::Paraphrase => 2,
            RowKind::Added => 3,
            RowKind::Dropped => 4,
        }
    }

    /// The kind of an aligned passage as the report names it; anything
    /// unknown reads as edited (aligned, not identical).
    pub fn of_passage(kind: &str) -> RowKind {
        match kind {
            "verbatim" => RowKind::Verbatim,
            "paraphrase" => RowKind::Paraphrase,
            _ => RowKind::Edited,
        }
    }
}

/// One row: a span of the source and a span of the derived text (either
/// may be empty), in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub source: CharSpan,
    pub derived: CharSpan,
}

/// Lays out the collation of a source (`source_len` code points) and a
/// derived text from their aligned passages `(source span, derived span,
/// kind)`. `blank(doc_is_source, span)` says whether a leftover stretch is
/// only whitespace, so that it makes no row.
pub fn collate(
    passages: &[(CharSpan, CharSpan, RowKind)],
    source_len: usize,
    derived_len: usize,
    blank: &dyn Fn(bool, CharSpan) -> bool,
) -> Vec<Row> {
    let clamp = |s: CharSpan, len: usize| -> CharSpan {
        let end = s[1].min(len);
        [s[0].min(end), end]
    };
    let mut sorted: Vec<(CharSpan, CharSpan, RowKind)> = passages
        .iter()
        .map(|&(s, d, k)| (clamp(s, source_len), clamp(d, derived_len), k))
        .collect();
    sorted.sort_by_key(|&(s, d, k)| (d, s, k));

    // Source text covered by no passage, in order.
    let mut covered: Vec<CharSpan> = sorted.iter().map(|p| p.0).collect();
    covered.sort_unstable();
    let mut dropped = Vec::new();
    let mut at = 0;
    for [s, e] in covered {
        if s > at {
            dropped.push([at, s]);
        }
        at = at.max(e);
    }
    if at < source_len {
        dropped.push([at, source_len]);
    }
    dropped.retain(|&d| !blank(true, d));

    let mut rows = Vec::new();
    let mut next_drop = 0;
    let mut derived_at = 0;
    for (s, d, kind) in sorted {
        while next_drop < dropped.len() && dropped[next_drop][0] < s[0] {
            rows.push(Row {
                kind: RowKind::Dropped,
                source: dropped[next_drop],
                derived: [derived_at, derived_at],
            });
            next_drop += 1;
        }
        if d[0] > derived_at && !blank(false, [derived_at, d[0]]) {
            rows.push(Row {
                kind: RowKind::Added,
                source: [s[0], s[0]],
                derived: [derived_at, d[0]],
            });
        }
        let start = d[0].max(derived_at);
        if d[1] <= start && d[1] > d[0] {
            // Wholly inside a passage already shown.
            continue;
        }
        rows.push(Row {
            kind,
            source: s,
            derived: [start, d[1].max(start)],
        });
        derived_at = derived_at.max(d[1]);
    }
    for &d in &dropped[next_drop..] {
        rows.push(Row {
            kind: RowKind::Dropped,
            source: d,
            derived: [derived_at, derived_at],
        });
    }
    if derived_at < derived_len && !blank(false, [derived_at, derived_len]) {
        rows.push(Row {
            kind: RowKind::Added,
            source: [source_len, source_len],
            derived: [derived_at, derived_len],
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(rows: &[Row]) -> Vec<(RowKind, CharSpan, CharSpan)> {
        rows.iter().map(|r| (r.kind, r.source, r.derived)).collect()
    }

    #[test]
    fn gaps_become_added_and_dropped() {
        let p = [
            ([0, 10], [5, 15], RowKind::Verbatim),
            ([20, 30], [15, 25], RowKind::Paraphrase),
        ];
        let rows = collate(&p, 40, 30, &|_, _| false);
        assert_eq!(
            kinds(&rows),
            vec![
                (RowKind::Added, [0, 0], [0, 5]),
                (RowKind::Verbatim, [0, 10], [5, 15]),
                (RowKind::Dropped, [10, 20], [15, 15]),
                (RowKind::Paraphrase, [20, 30], [15, 25]),
                (RowKind::Dropped, [30, 40], [25, 25]),
                (RowKind::Added, [40, 40], [25, 30]),
            ]
        );
    }

    #[test]
    fn blank_leftovers_make_no_row_and_spans_are_clamped() {
        let p = [([0, 10], [0, 99], RowKind::Edited)];
        let rows = collate(&p, 12, 10, &|_, _| true);
        assert_eq!(kinds(&rows), vec![(RowKind::Edited, [0, 10], [0, 10])]);
    }

    #[test]
    fn reordered_passages_drop_each_stretch_once() {
        let p = [
            ([20, 30], [0, 10], RowKind::Verbatim),
            ([0, 10], [10, 20], RowKind::Verbatim),
        ];
        let rows = collate(&p, 30, 20, &|_, _| false);
        let dropped: Vec<_> = rows
            .iter()
            .filter(|r| r.kind == RowKind::Dropped)
            .map(|r| r.source)
            .collect();
        assert_eq!(dropped, vec![[10, 20]]);
    }

    #[test]
    fn no_passages_is_all_dropped_then_all_added() {
        let rows = collate(&[], 5, 7, &|_, _| false);
        assert_eq!(
            kinds(&rows),
            vec![
                (RowKind::Dropped, [0, 5], [0, 0]),
                (RowKind::Added, [5, 5], [0, 7]),
            ]
        );
    }
}
