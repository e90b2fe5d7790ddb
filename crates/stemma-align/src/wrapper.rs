//! Publishing wrappers that the extraction stage has not marked yet.
//!
//! Aggregators and content farms wrap a copied body in their own lines: a
//! tracking id, an outlet/date line, a disclaimer, "Related articles" with
//! teasers. Until boilerplate is marked upstream, that wrapper lowers the
//! coverage of the wrapped side, and a copy looks less contained than it
//! is. For classification only (the reported coverage is the plain
//! share), a paragraph that shares nothing with the other side is
//! discounted as wrapper when:
//!
//! 1. none of its lines ends a sentence (`.`, `!`, `?`, `…`, before closing
//!    quotes or brackets): headings, bylines, datelines, labels, teaser
//!    titles, tag and share lines;
//! 2. it contains a wrapper cue (`disclaimer`, `©`, `all rights reserved`,
//!    `originally published`, `republished`, `read the full story`,
//!    `news aggregator`, `third-party`, …);
//! 3. it comes after a list heading (`related`, `recommended`, `you may
//!    also like`, `more from`, `read more`, `most read`, `trending`) that
//!    rule 1 discounted: the teasers of the list.
//!
//! A paragraph with any covered or linked sentence always counts.

use crate::profile::Profile;

const CUES: &[&str] = &[
    "disclaimer",
    "©",
    "(c) 20",
    "all rights reserved",
    "originally published",
    "republished",
    "read the full story",
    "read the original",
    "news aggregator",
    "third-party",
    "third party publishers",
    "sign up for our",
    "subscribe to our",
    "newsletter",
    "follow us on",
];

const LIST_HEADINGS: &[&str] = &[
    "related",
    "recommended",
    "you may also like",
    "you might also like",
    "more from",
    "more stories",
    "read more",
    "most read",
    "most popular",
    "trending",
    "see also",
];

fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    trimmed.ends_with(['.', '!', '?', '…'])
}

/// What the wrapper rules read of one paragraph's text, which does not
/// depend on the pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ParagraphCues {
    /// None of its lines ends a sentence (rule 1).
    unpunctuated: bool,
    /// It holds a wrapper cue (rule 2).
    cue: bool,
    /// It is an unpunctuated list heading (rule 3 starts after it).
    heading: bool,
}

/// The cues of every paragraph of `p`.
pub(crate) fn paragraph_cues(p: &Profile<'_>) -> Vec<ParagraphCues> {
    p.seg
        .paragraphs
        .iter()
        .map(|para| {
            let text = para.span.slice(p.text).unwrap_or_default();
            let lower = text.to_lowercase();
            let unpunctuated = !text.lines().any(ends_sentence);
            let cue = CUES.iter().any(|c| lower.contains(c));
            let heading = unpunctuated && {
                let head = lower.trim().trim_end_matches(':');
                LIST_HEADINGS.iter().any(|h| head.starts_with(h))
            };
            ParagraphCues {
                unpunctuated,
                cue,
                heading,
            }
        })
        .collect()
}

/// Per sentence of `p`: whether it sits in a wrapper paragraph.
/// `touched[s]` says sentence `s` is covered or linked; `cues` are
/// [`paragraph_cues`] of `p`.
pub(crate) fn wrapper_sentences(
    p: &Profile<'_>,
    cues: &[ParagraphCues],
    touched: &[bool],
) -> Vec<bool> {
    let mut out = vec![false; p.seg.sentences.len()];
    let mut in_list = false;
    for (para, cue) in p.seg.paragraphs.iter().zip(cues) {
        let any_touched = para
            .sentences
            .clone()
            .any(|s| touched.get(s).copied().unwrap_or(false));
        if any_touched {
            in_list = false;
            continue;
        }
        if cue.unpunctuated || cue.cue || in_list {
            for s in para.sentences.clone() {
                if let Some(o) = out.get_mut(s) {
                    *o = true;
                }
            }
        }
        if cue.heading {
            in_list = true;
        }
    }
    out
}
