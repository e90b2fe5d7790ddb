//! What each document says about its own origin: when it was published,
//! which outlet it is, and which outlets its attribution lines name.

use stemma_core::{BoilerplateKind, Document, Published};

pub(crate) struct Signals {
    pub docs: Vec<DocSignals>,
}

pub(crate) struct DocSignals {
    /// Seconds since the epoch and the precision of that figure in
    /// seconds (a bare day: 86,400).
    pub time: Option<(i64, i64)>,
    /// The outlet's names as slugs (`the-fallowdale-gazette`): the
    /// metadata's outlet, else the directory part of the id, and the name
    /// the page gives itself in its header (`TrendPulse Daily » News`,
    /// `NewsHive24 | Local News | …`).
    pub outlets: Vec<String>,
    /// The outlet's display name, for evidence.
    pub outlet_name: Option<String>,
    /// Boilerplate that can attribute (source tags, attribution and
    /// read-more lines, headers), each as (slug, original text).
    pub attributions: Vec<(String, String)>,
}

impl Signals {
    pub(crate) fn new(documents: &[Document]) -> Signals {
        Signals {
            docs: documents.iter().map(doc_signals).collect(),
        }
    }
}

fn doc_signals(d: &Document) -> DocSignals {
    let time = d.meta.published.as_ref().map(|p| match p {
        Published::Instant { at, .. } => (at.as_second(), 1),
        Published::Day(day) => {
            let noon = day.at(12, 0, 0, 0);
            let secs = jiff::tz::Offset::UTC
                .to_timestamp(noon)
                .map_or(0, |t| t.as_second());
            (secs, 86_400)
        }
    });
    let outlet_name = d.meta.outlet.clone().or_else(|| {
        d.id.as_str()
            .rsplit_once('/')
            .map(|(dir, _)| dir.to_owned())
    });
    let mut outlets: Vec<String> = outlet_name.as_deref().map(slug).into_iter().collect();
    outlets.extend(self_names(d).map(|n| slug(&n)));
    outlets.retain(|s| s.len() >= 4);
    outlets.dedup();
    let outlet_name = outlet_name.or_else(|| self_names(d).next());
    let attributions = d
        .boilerplate
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                BoilerplateKind::Header | BoilerplateKind::Other | BoilerplateKind::Byline
            )
        })
        .filter_map(|b| d.text.get(b.span.start..b.span.end))
        .map(|t| (slug(t), t.trim().to_owned()))
        .collect();
    DocSignals {
        time,
        outlets,
        outlet_name,
        attributions,
    }
}

/// The name a page gives itself: the first field of its breadcrumb or
/// meta line, when it looks like a name (one to four words, capitalised,
/// not a generic section such as `Home`).
fn self_names(d: &Document) -> impl Iterator<Item = String> + '_ {
    d.boilerplate
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                BoilerplateKind::Header | BoilerplateKind::Navigation
            )
        })
        .filter_map(|b| d.text.get(b.span.start..b.span.end))
        .filter_map(|line| {
            let first = line
                .split(['|', '·', '•', '»', '›', '>', '/', '—'])
                .next()?
                .trim();
            let words = first.split_whitespace().count();
            let generic = ["home", "news", "latest", "top stories", "posted"]
                .iter()
                .any(|g| first.to_lowercase().starts_with(g));
            let named = first.chars().next().is_some_and(char::is_uppercase)
                && !first.starts_with('(')
                && !first.chars().any(|c| c.is_ascii_digit() && first.len() < 4);
            ((1..=4).contains(&words) && named && !generic && first.len() < line.trim().len())
                .then(|| first.to_owned())
        })
}

/// Lower-case alphanumeric runs joined by `-`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl DocSignals {
    /// The attribution line of `self` that names `other`'s outlet.
    pub(crate) fn names(&self, other: &DocSignals) -> Option<&str> {
        other
            .outlets
            .iter()
            .filter(|theirs| !self.outlets.contains(theirs))
            .find_map(|theirs| {
                self.attributions
                    .iter()
                    .find(|(s, _)| contains_words(s, theirs))
                    .map(|(_, t)| t.as_str())
            })
    }
}

/// `needle` occurs in `hay` on word boundaries (both slugs).
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = i == 0 || hay.as_bytes()[i - 1] == b'-';
        let end = i + needle.len();
        let after = end == hay.len() || hay.as_bytes()[end] == b'-';
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_words() {
        assert_eq!(
            slug("(WORLDSIGNAL - The Fallowdale Gazette) "),
            "worldsignal-the-fallowdale-gazette"
        );
        assert!(contains_words(
            "source-the-fallowdale-gazette",
            "the-fallowdale-gazette"
        ));
        assert!(!contains_words(
            "source-the-fallowdale-gazettes",
            "the-fallowdale-gazette"
        ));
    }
}
