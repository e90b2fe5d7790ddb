//! A document's text as lines, each with its span, its block (a run of
//! non-blank lines: a paragraph) and the hashes the corpus layer counts.

use stemma_core::Span;
use xxhash_rust::xxh3::xxh3_64_with_seed;

const SEED: u64 = 0x0b01_1e49_1a7e;

/// One non-blank line of a document.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Trimmed of surrounding white space.
    pub span: Span,
    /// Index of its block among the document's blocks.
    pub block: usize,
    /// Words (runs of letters and digits).
    pub words: usize,
    /// Hash of the line's shape: words lower-cased, numbers as one class,
    /// capitalised words after the first as another (names and dates
    /// change between uses of one template; its fixed words do not).
    pub template: u64,
}

/// The non-blank lines of `text`, with boilerplate spans already known
/// (`known`) left out.
pub(crate) fn lines(text: &str, known: &[Span]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut block = 0usize;
    let mut blank_before = false;
    let mut start = 0usize;
    for raw in text.split_inclusive('\n') {
        let line_start = start;
        start += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let span = Span::new(line_start + lead, line_start + lead + trimmed.len());
        if known
            .iter()
            .any(|k| k.start < span.end && span.start < k.end)
        {
            blank_before = true;
            continue;
        }
        if blank_before && !out.is_empty() {
            block += 1;
        }
        blank_before = false;
        let (words, template) = shape(trimmed);
        out.push(Line {
            span,
            block,
            words,
            template,
        });
    }
    out
}

/// Word count and template hash of a line.
fn shape(line: &str) -> (usize, u64) {
    let mut key = String::with_capacity(line.len());
    let mut words = 0usize;
    for word in line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if words > 0 {
            key.push(' ');
        }
        if word.chars().any(|c| c.is_ascii_digit()) {
            key.push('#');
        } else if words > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            key.push('^');
        } else {
            key.extend(word.chars().flat_map(char::to_lowercase));
        }
        words += 1;
    }
    (words, xxh3_64_with_seed(key.as_bytes(), SEED))
}

/// Hash of a title (or any short text) for counting distinct ones.
pub(crate) fn text_hash(text: &str) -> u64 {
    let lower: String = text
        .split_whitespace()
        .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']))
        .collect();
    xxh3_64_with_seed(lower.as_bytes(), SEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_ignore_names_and_numbers() {
        let a = shape("By Ana Ruiz, Daily Post staff writer · March 3, 2004").1;
        let b = shape("By Li Wei, Daily Post staff writer · June 19, 2005").1;
        let c = shape("By Ana Ruiz, Daily Post correspondent · March 3, 2004").1;
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn blocks_and_known_spans() {
        let text = "Title\n\nOne line\nsecond line\n\n  Third  \n";
        let got = lines(text, &[]);
        let view: Vec<(&str, usize)> = got
            .iter()
            .map(|l| (&text[l.span.start..l.span.end], l.block))
            .collect();
        assert_eq!(
            view,
            [
                ("Title", 0),
                ("One line", 1),
                ("second line", 1),
                ("Third", 2)
            ]
        );
        let skipped = lines(text, &[Span::new(7, 15)]);
        assert_eq!(skipped.len(), 3);
        assert_eq!(
            &text[skipped[1].span.start..skipped[1].span.end],
            "second line"
        );
        assert_eq!(skipped[1].block, 1);
    }
}
