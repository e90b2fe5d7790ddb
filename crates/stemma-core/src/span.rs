use std::fmt;

/// A half-open byte range `[start, end)` into a document's original text.
///
/// Both ends lie on UTF-8 character boundaries of the text they index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted range is clamped to empty.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `None` if it is out of bounds or not
    /// on character boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Converts byte offsets of one text into code point offsets.
///
/// Built once per document in O(n); each lookup is O(log k) over the
/// positions of non-ASCII characters, and O(1) for ASCII-only text.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// Byte offset of every non-ASCII character, in order, and the number of
    /// extra bytes (beyond one) seen up to and including it.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let w = c.len_utf8();
            if w > 1 {
                extra += w - 1;
                wide.push((i, extra));
            }
        }
        CharIndex {
            wide,
            len_bytes: text.len(),
        }
    }

    /// The code point offset of byte offset `byte` (clamped to the text's
    /// length). A byte inside a multi-byte character maps to that character.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Characters that start strictly before `byte` contribute their
        // extra bytes.
        let k = self.wide.partition_point(|&(at, _)| at < byte);
        let extra = if k == 0 { 0 } else { self.wide[k - 1].1 };
        // A byte inside a multi-byte character: count that character as
        // starting at its own offset.
        if k > 0 {
            let (at, cum) = self.wide[k - 1];
            let prev_cum = if k >= 2 { self.wide[k - 2].1 } else { 0 };
            let width = cum - prev_cum + 1;
            if byte < at + width {
                return at - prev_cum;
            }
        }
        byte - extra
    }

    /// `[start, end)` of `span` in code points.
    pub fn char_span(&self, span: Span) -> [usize; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }

    /// The number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.char_offset(self.len_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_and_wide_characters() {
        let text = "a“b”é中c";
        let idx = CharIndex::new(text);
        let expect: Vec<(usize, usize)> = text
            .char_indices()
            .enumerate()
            .map(|(ci, (bi, _))| (bi, ci))
            .collect();
        for (b, c) in expect {
            assert_eq!(idx.char_offset(b), c, "byte {b}");
        }
        assert_eq!(idx.len_chars(), text.chars().count());
        // inside the three-byte "“" (bytes 1..4) maps to its start
        assert_eq!(idx.char_offset(2), 1);
    }

    proptest! {
        #[test]
        fn matches_naive_count(text in "\\PC{0,60}") {
            let idx = CharIndex::new(&text);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                prop_assert_eq!(idx.char_offset(b), text[..b].chars().count());
            }
        }
    }
}
