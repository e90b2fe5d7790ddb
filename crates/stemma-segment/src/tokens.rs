//! Words and numbers with their spans, and their normalised forms.

use stemma_core::Span;
use unicode_normalization::UnicodeNormalization;

use crate::{Token, TokenKind};

/// Soft hyphens and zero-width characters that HTML leaves inside words.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Appends the tokens of `span` of `text` to `tokens`, their normalised
/// forms to `norms`.
/// `chars` is scratch space, reused between calls.
pub(crate) fn tokenize(
    text: &str,
    span: Span,
    seed: u64,
    tokens: &mut Vec<Token>,
    norms: &mut String,
    chars: &mut Vec<(usize, char)>,
) {
    let body = &text[span.start..span.end];
    chars.clear();
    chars.extend(body.char_indices());
    let chars: &[(usize, char)] = chars;
    let first = tokens.len();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !c.is_alphanumeric() {
            if c == '%'
                && tokens.len() > first
                && tokens.last().is_some_and(|t| {
                    t.kind == TokenKind::Number && t.span.end == span.start + start
                })
            {
                push(
                    tokens,
                    norms,
                    seed,
                    Span::new(span.start + start, span.start + start + 1),
                    "percent",
                    TokenKind::Word,
                );
            }
            i += 1;
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut j = i + 1;
        let mut initialism = false;
        while j < chars.len() {
            let ch = chars[j].1;
            if ch.is_alphanumeric() {
                j += 1;
                continue;
            }
            let prev = chars[j - 1].1;
            let next = chars.get(j + 1).map(|p| p.1);
            // inter\u{ad}national
            if is_invisible(ch) && next.is_some_and(char::is_alphanumeric) {
                j += 1;
                continue;
            }
            // 2.4, 1,200, 10:42
            if numeric
                && matches!(ch, '.' | ',' | ':')
                && prev.is_ascii_digit()
                && next.is_some_and(|n| n.is_ascii_digit())
            {
                j += 1;
                continue;
            }
            // don't, O'Neill
            if is_apostrophe(ch) && prev.is_alphabetic() && next.is_some_and(char::is_alphabetic) {
                j += 1;
                continue;
            }
            // U.S., e.g., a.m.: single letters joined by periods
            if ch == '.' && prev.is_alphabetic() && next.is_some_and(char::is_alphabetic) {
                let run_start = chars[..j]
                    .iter()
                    .rposition(|p| !p.1.is_alphabetic())
                    .map_or(i, |p| p + 1)
                    .max(i);
                let single_before = j - run_start == 1;
                let single_after = chars.get(j + 2).is_none_or(|p| !p.1.is_alphanumeric());
                if single_before && single_after {
                    initialism = true;
                    j += 1;
                    continue;
                }
            }
            break;
        }
        let end = chars.get(j).map_or(body.len(), |p| p.0);
        let raw = &body[start..end];
        let followed_by_period = chars.get(j).is_some_and(|p| p.1 == '.');
        let kind = if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let from = norms.len();
        normalize_into(raw, followed_by_period || initialism, norms);
        // "per cent" is one word.
        if &norms[from..] == "cent"
            && let Some(prev) = tokens.last()
            && tokens.len() > first
            && &norms[prev.norm.0 as usize..prev.norm.1 as usize] == "per"
        {
            norms.truncate(from);
            let merged = Span::new(prev.span.start, span.start + end);
            tokens.pop();
            push(tokens, norms, seed, merged, "percent", TokenKind::Word);
        } else {
            let norm = &norms[from..];
            tokens.push(Token {
                span: Span::new(span.start + start, span.start + end),
                kind,
                hash: xxhash_rust::xxh3::xxh3_64_with_seed(norm.as_bytes(), seed),
                norm: (from as u32, norms.len() as u32),
            });
        }
        i = j;
    }
}

fn push(
    tokens: &mut Vec<Token>,
    norms: &mut String,
    seed: u64,
    span: Span,
    norm: &str,
    kind: TokenKind,
) {
    let from = norms.len() as u32;
    norms.push_str(norm);
    tokens.push(Token {
        span,
        kind,
        hash: xxhash_rust::xxh3::xxh3_64_with_seed(norm.as_bytes(), seed),
        norm: (from, norms.len() as u32),
    });
}

/// The normalised form of one word or number as written: NFKC, lower
/// case, straight apostrophes, no internal periods or thousands
/// separators, month abbreviations spelt out (`abbreviated` says whether a
/// period followed it, which `Mar.` and `Jun.` need), small number words
/// as digits.
pub fn normalize_word(raw: &str, abbreviated: bool) -> String {
    let mut out = String::new();
    normalize_into(raw, abbreviated, &mut out);
    out
}

/// [`normalize_word`], appended to `out`.
fn normalize_into(raw: &str, abbreviated: bool, out: &mut String) {
    let from = out.len();
    if raw.is_ascii() {
        // NFKC leaves ASCII alone, and no invisible character is ASCII.
        out.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(
            raw.chars()
                .filter(|&c| !is_invisible(c))
                .nfkc()
                .flat_map(char::to_lowercase),
        );
    }
    finish(out, from, abbreviated);
}

/// The rest of [`normalize_into`] on `out[from..]`, a word already in NFKC
/// and lower case.
fn finish(out: &mut String, from: usize, abbreviated: bool) {
    let lower = &out[from..];
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        // 1,200 → 1200; a decimal comma (2,5) stays.
        let (int, frac) = lower.split_once('.').unwrap_or((lower, ""));
        let grouped = int.contains(',')
            && int
                .split(',')
                .skip(1)
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped {
            return;
        }
        let mut s: String = int.chars().filter(|&c| c != ',').collect();
        if lower.contains('.') {
            s.push('.');
            s.push_str(frac);
        }
        out.truncate(from);
        out.push_str(&s);
        return;
    }
    // Only '.' and the curly apostrophes change; any other byte outside
    // ASCII makes a rebuild that changes nothing.
    if lower.bytes().any(|b| b == b'.' || b >= 0x80) {
        let s: String = lower
            .chars()
            .filter_map(|c| match c {
                '’' | 'ʼ' | '‘' => Some('\''),
                '.' => None,
                _ => Some(c),
            })
            .collect();
        out.truncate(from);
        out.push_str(&s);
    }
    if let Some(expanded) = expansion(&out.as_bytes()[from..], abbreviated) {
        out.truncate(from);
        out.push_str(expanded);
    }
}

/// What a lower-case word stands for when it is a month abbreviation or a
/// number word (`abbreviated`: a period follows it).
fn expansion(word: &[u8], abbreviated: bool) -> Option<&'static str> {
    Some(match word {
        b"jan" => "january",
        b"feb" => "february",
        b"mar" if abbreviated => "march",
        b"apr" if abbreviated => "april",
        b"jun" if abbreviated => "june",
        b"jul" if abbreviated => "july",
        b"aug" => "august",
        b"sep" | b"sept" => "september",
        b"oct" => "october",
        b"nov" => "november",
        b"dec" if abbreviated => "december",
        b"zero" => "0",
        b"one" => "1",
        b"two" => "2",
        b"three" => "3",
        b"four" => "4",
        b"five" => "5",
        b"six" => "6",
        b"seven" => "7",
        b"eight" => "8",
        b"nine" => "9",
        b"ten" => "10",
        b"eleven" => "11",
        b"twelve" => "12",
        b"thirteen" => "13",
        b"fourteen" => "14",
        b"fifteen" => "15",
        b"sixteen" => "16",
        b"seventeen" => "17",
        b"eighteen" => "18",
        b"nineteen" => "19",
        b"twenty" => "20",
        b"thirty" => "30",
        b"forty" => "40",
        b"fifty" => "50",
        b"sixty" => "60",
        b"seventy" => "70",
        b"eighty" => "80",
        b"ninety" => "90",
        _ => return None,
    })
}

/// ASCII letters and digits for [`quick_hashes`]: `DIGIT`, `LOWER`,
/// `UPPER` or 0.
const DIGIT: u8 = 1;
const LOWER: u8 = 2;
const UPPER: u8 = 4;
const ALPHA: u8 = LOWER | UPPER;
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_lowercase() {
            LOWER
        } else if b.is_ascii_uppercase() {
            UPPER
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The hashes [`tokenize`] gives the tokens of `para`, appended to `out`,
/// without building tokens: the same rules read on bytes, for a paragraph
/// whose letters and digits are all ASCII and whose only other word
/// character is the apostrophe `’` or `‘`. Returns `false`, with `out`
/// partly extended, for any other paragraph, and for one where a
/// `percent` token holds a sentence end (which [`crate::token_hashes`]
/// redoes sentence by sentence); the caller then runs [`tokenize`].
/// `norm` is scratch space.
pub(crate) fn quick_hashes(para: &str, seed: u64, out: &mut Vec<u64>, norm: &mut String) -> bool {
    let b = para.as_bytes();
    let n = b.len();
    let class = |k: usize| if k < n { CLASS[usize::from(b[k])] } else { 0 };
    // `’` is E2 80 99, `‘` E2 80 98.
    let apostrophe = |k: usize| match b[k] {
        b'\'' => 1,
        0xE2 if k + 2 < n && b[k + 1] == 0x80 && matches!(b[k + 2], 0x98 | 0x99) => 3,
        _ => 0,
    };
    let hash = |s: &str| xxhash_rust::xxh3::xxh3_64_with_seed(s.as_bytes(), seed);
    let sentence_end = |s: &str| s.contains(['.', '!', '?', '…', '\n']);
    // The last token: its start, its end, whether a number, whether "per".
    let mut last: Option<(usize, usize, bool, bool)> = None;
    let mut i = 0;
    while i < n {
        let c = b[i];
        if CLASS[usize::from(c)] == 0 {
            if c == b'%' && last.is_some_and(|(_, end, number, _)| number && end == i) {
                out.push(hash("percent"));
                last = Some((i, i + 1, false, false));
            } else if c >= 0xC0 {
                // Every character a token does not take comes here: one
                // outside ASCII that is part of words needs `tokenize`.
                let ch = para[i..].chars().next().unwrap_or_default();
                if ch.is_alphanumeric() || is_invisible(ch) {
                    return false;
                }
            }
            i += 1;
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut j = i + 1;
        let mut initialism = false;
        // Letters and digits met, and whether anything joined them.
        let mut seen = CLASS[usize::from(c)];
        let mut joined = false;
        loop {
            while class(j) != 0 {
                seen |= class(j);
                j += 1;
            }
            if j >= n {
                break;
            }
            let ch = b[j];
            // The character before a joiner is a letter or digit.
            let prev = CLASS[usize::from(b[j - 1])];
            if numeric && matches!(ch, b'.' | b',' | b':') && prev == DIGIT && class(j + 1) == DIGIT
            {
                j += 1;
                continue;
            }
            let len = apostrophe(j);
            if len > 0 && prev & ALPHA != 0 && class(j + len) & ALPHA != 0 {
                j += len;
                joined = true;
                continue;
            }
            if ch == b'.' && prev & ALPHA != 0 && class(j + 1) & ALPHA != 0 {
                let single_before = j - 1 == i || CLASS[usize::from(b[j - 2])] & ALPHA == 0;
                let single_after = class(j + 2) == 0;
                if single_before && single_after {
                    initialism = true;
                    j += 1;
                    continue;
                }
            }
            break;
        }
        let abbreviated = initialism || b.get(j) == Some(&b'.');
        let mut word = &para[i..j];
        if numeric || joined || initialism || seen & UPPER != 0 {
            norm.clear();
            norm.push_str(word);
            norm.make_ascii_lowercase();
            finish(norm, 0, abbreviated);
            word = norm;
        } else if let Some(expanded) = expansion(word.as_bytes(), abbreviated) {
            // A word of lower-case letters (and digits after the first)
            // is its own normal form, but for these.
            word = expanded;
        }
        let mut start = i;
        // "per cent" is one word.
        if word == "cent"
            && let Some((per_start, _, _, true)) = last
        {
            out.pop();
            start = per_start;
            word = "percent";
        }
        if word == "percent" && sentence_end(&para[start..j]) {
            return false;
        }
        out.push(hash(word));
        last = Some((start, j, numeric, word == "per"));
        i = j;
    }
    true
}
