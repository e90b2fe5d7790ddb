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
    if lower.contains(['’', 'ʼ', '‘', '.']) {
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
    let expanded = match &out[from..] {
        "jan" => "january",
        "feb" => "february",
        "mar" if abbreviated => "march",
        "apr" if abbreviated => "april",
        "jun" if abbreviated => "june",
        "jul" if abbreviated => "july",
        "aug" => "august",
        "sep" | "sept" => "september",
        "oct" => "october",
        "nov" => "november",
        "dec" if abbreviated => "december",
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        "thirteen" => "13",
        "fourteen" => "14",
        "fifteen" => "15",
        "sixteen" => "16",
        "seventeen" => "17",
        "eighteen" => "18",
        "nineteen" => "19",
        "twenty" => "20",
        "thirty" => "30",
        "forty" => "40",
        "fifty" => "50",
        "sixty" => "60",
        "seventy" => "70",
        "eighty" => "80",
        "ninety" => "90",
        _ => return,
    };
    out.truncate(from);
    out.push_str(expanded);
}
