//! Words of running text with their byte spans: the units the number and
//! name finders read.

use std::ops::Range;

/// A whitespace-delimited word with surrounding punctuation trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// Byte range of the trimmed word in the text.
    pub span: Range<usize>,
    pub text: &'a str,
    /// End of the word with its possessive (`Vosk's`): equal to
    /// `span.end` when it has none.
    pub possessive_end: usize,
    /// Punctuation before the word (an opening quote or bracket).
    pub open: bool,
    /// The punctuation before the word opens a quotation.
    pub quote: bool,
    /// Punctuation after the word (a comma, full stop, closing quote…):
    /// a name or number does not run on across it.
    pub close: bool,
    /// The punctuation after the word is a single full stop (`Dr.`,
    /// `Sept.`, or the end of a sentence).
    pub dot: bool,
}

fn is_edge_punct(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphanumeric() && c != '$' && c != '%'
    } else {
        !c.is_alphanumeric() && !matches!(c, '£' | '€' | '¥')
    }
}

/// The words of `text[range]`, in order; spans index `text`.
pub(crate) fn words(text: &str, range: Range<usize>) -> Vec<Word<'_>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    // About one word in six bytes of news text.
    let mut out = Vec::with_capacity(slice.len() / 5 + 1);
    let mut start = None;
    let base = range.start;
    for (i, c) in slice.char_indices() {
        let gap = if c.is_ascii() {
            c.is_ascii_whitespace() || c == '\u{0b}'
        } else {
            c.is_whitespace() || c == '—' || c == '–'
        };
        if gap {
            if let Some(s) = start.take() {
                push(slice, base, s, i, &mut out);
                // A dash between words ends a name or a figure.
                if (c == '—' || c == '–')
                    && let Some(last) = out.last_mut()
                {
                    last.close = true;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(slice, base, s, slice.len(), &mut out);
    }
    out
}

/// Pushes the word `slice[s..e]`, trimmed, if anything is left of it.
fn push<'a>(slice: &'a str, base: usize, s: usize, e: usize, out: &mut Vec<Word<'a>>) {
    let raw = &slice[s..e];
    let body = raw.trim_start_matches(is_edge_punct);
    let lead = raw.len() - body.len();
    let mut trimmed = body.trim_end_matches(is_edge_punct);
    // Keep the full stop of an abbreviation of one to four letters
    // ("a.m.", "U.S.", "Mr.", "Sept.") out of the trimmed text but
    // do not treat it as closing punctuation when a dot is inside.
    let close_inner = trimmed.len() < body.len();
    let abbreviation = close_inner
        && body[trimmed.len()..].starts_with('.')
        && body[trimmed.len()..].len() == 1
        && trimmed.contains('.');
    if trimmed.is_empty() {
        return;
    }
    // Possessive: "Vosk's" → "Vosk"; the apostrophe ends the word.
    let dot = &body[trimmed.len()..] == ".";
    let mut close = close_inner && !abbreviation;
    let mut possessive = 0;
    for pos in ["'s", "’s"] {
        if let Some(stem) = trimmed.strip_suffix(pos)
            && !stem.is_empty()
        {
            trimmed = stem;
            possessive = pos.len();
            close = true;
        }
    }
    // "Eavis'": the apostrophe after a final s is the possessive.
    if possessive == 0
        && trimmed.ends_with('s')
        && let Some(tail) = body.get(trimmed.len()..)
        && let Some(apostrophe) = tail.chars().next().filter(|c| matches!(c, '\'' | '’'))
    {
        possessive = apostrophe.len_utf8();
    }
    let from = base + s + lead;
    out.push(Word {
        span: from..from + trimmed.len(),
        possessive_end: from + trimmed.len() + possessive,
        text: trimmed,
        open: lead > 0,
        quote: raw[..lead].contains(['"', '“', '‘', '\'']),
        close,
        dot,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_trim_punctuation_and_keep_spans() {
        let text = "“Vosk’s crack,” said Dr. Imelda (NIA) — $6.4m, 22%.";
        let w = words(text, 0..text.len());
        let got: Vec<(&str, bool, bool)> = w.iter().map(|w| (w.text, w.open, w.close)).collect();
        assert_eq!(
            got,
            [
                ("Vosk", true, true),
                ("crack", false, true),
                ("said", false, false),
                ("Dr", false, true),
                ("Imelda", false, false),
                ("NIA", true, true),
                ("$6.4m", false, true),
                ("22%", false, true),
            ]
        );
        for w in &w {
            assert_eq!(&text[w.span.clone()], w.text);
        }
    }
}
