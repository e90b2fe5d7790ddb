use std::fmt::Write as _;

use proptest::prelude::*;

use super::*;

/// Runs every case of a `testdata/*.cases` file through `render`.
fn run_cases(file: &str, render: impl Fn(&str) -> String) {
    let path = format!("{}/testdata/{file}", env!("CARGO_MANIFEST_DIR"));
    let all = std::fs::read_to_string(&path).expect("cases file");
    let body: String = all
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in body.split("===\n") {
        let Some((input, expect)) = case.split_once("---\n") else {
            continue;
        };
        count += 1;
        let got = render(input.trim_end_matches('\n'));
        if got.trim_end() != expect.trim_end() {
            failures.push(format!("input:\n{input}\nexpected:\n{expect}\ngot:\n{got}"));
        }
    }
    assert!(count > 0, "no cases in {file}");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n-----\n")
    );
}

fn render_sentences(input: &str) -> String {
    let seg = segment(input, &[], &Config::default());
    let mut s = String::new();
    for p in &seg.paragraphs {
        for (k, i) in p.sentences.clone().enumerate() {
            let text: Vec<&str> = input[seg.sentences[i].span.start..seg.sentences[i].span.end]
                .split_whitespace()
                .collect();
            let _ = writeln!(s, "{} {}", if k == 0 { "¶" } else { " " }, text.join(" "));
        }
    }
    s
}

fn render_tokens(input: &str) -> String {
    let seg = segment(input, &[], &Config::default());
    seg.tokens
        .iter()
        .map(|t| seg.norm(t))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn sentences() {
    run_cases("sentences.cases", render_sentences);
}

#[test]
fn tokens() {
    run_cases("tokens.cases", render_tokens);
}

#[test]
fn boilerplate_is_cut_out() {
    let text = "Ref: AB-12 feed 7\n\nThe body starts here. It goes on.\n\nRelated: other news";
    let cut1 = Span::new(0, 17);
    let cut2 = Span::new(text.find("Related").expect("found"), text.len());
    let seg = segment(text, &[cut2, cut1], &Config::default());
    assert_eq!(seg.paragraphs.len(), 1);
    let norms: Vec<&str> = seg.tokens.iter().map(|t| seg.norm(t)).collect();
    assert_eq!(norms, ["the", "body", "starts", "here", "it", "goes", "on"]);
    // A cut in the middle of a sentence splits it.
    let mid = text.find("It goes").expect("found");
    let seg = segment(text, &[Span::new(mid, mid + 2)], &Config::default());
    assert!(
        seg.tokens
            .iter()
            .all(|t| !Span::new(mid, mid + 2).overlaps(t.span))
    );
}

#[test]
fn hashes_are_seeded_and_equal_for_equal_forms() {
    let seg = segment("Sept. September", &[], &Config::default());
    assert_eq!(seg.tokens[0].hash, seg.tokens[1].hash);
    let other = segment("Sept.", &[], &Config { seed: 1 });
    assert_ne!(seg.tokens[0].hash, other.tokens[0].hash);
}

proptest! {
    /// Every span lies on character boundaries, inside its container, in
    /// order; every token is inside its sentence and every sentence
    /// inside its paragraph; nothing crosses an excluded span.
    #[test]
    fn spans_are_nested_and_ordered(text in "[ a-zA-Z0-9.,!?'’“”\\n%:-é中]{0,200}", cut_at in 0usize..200, cut_len in 0usize..30) {
        let cut_start = cut_at.min(text.len());
        let cut = Span::new(cut_start, (cut_start + cut_len).min(text.len()));
        let seg = segment(&text, &[cut], &Config::default());
        let mut last = 0;
        for p in &seg.paragraphs {
            prop_assert!(p.span.start >= last && p.span.end <= text.len());
            prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
            last = p.span.end;
            for si in p.sentences.clone() {
                let s = &seg.sentences[si];
                prop_assert!(p.span.contains(s.span));
                for t in &seg.tokens[s.tokens.clone()] {
                    prop_assert!(s.span.contains(t.span), "token {:?} outside sentence {:?}", t.span, s.span);
                    prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                    prop_assert!(!seg.norm(t).is_empty());
                }
            }
        }
        if !cut.is_empty() {
            for t in &seg.tokens {
                prop_assert!(!t.span.overlaps(cut));
            }
        }
        // Without tokens: the same paragraphs and sentences.
        let bare = segment_sentences(&text, &[cut]);
        prop_assert_eq!(&bare.paragraphs, &seg.paragraphs);
        prop_assert_eq!(bare.sentences.len(), seg.sentences.len());
        for (b, s) in bare.sentences.iter().zip(&seg.sentences) {
            prop_assert_eq!((b.span, b.paragraph), (s.span, s.paragraph));
            prop_assert!(b.tokens.is_empty());
        }
        prop_assert!(bare.tokens.is_empty());
    }
}

/// Paragraphs as first written, char by char: the oracle of the line-wise
/// [`paragraphs`].
fn paragraphs_reference(text: &str, region: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let body = &text[region.start..region.end];
    let mut start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut line_blank = true;
    for (i, c) in body.char_indices() {
        if c == '\n' {
            if line_blank && let Some(s) = start.take() {
                out.push(Span::new(region.start + s, region.start + last_content_end));
            }
            line_blank = true;
            continue;
        }
        if !c.is_whitespace() {
            start.get_or_insert(i);
            line_blank = false;
            last_content_end = i + c.len_utf8();
        }
    }
    if let Some(s) = start {
        out.push(Span::new(region.start + s, region.start + last_content_end));
    }
    out
}

proptest! {
    /// Line-wise paragraphs agree with the char-by-char ones, and token
    /// hashes without sentences with [`segment`]'s, on text that mixes
    /// blank lines, white space of all kinds, sentence ends and `per cent`
    /// across them.
    #[test]
    fn fast_paths_agree_with_segment(
        parts in proptest::collection::vec(
            "([ a-zA-Z0-9.,!?'’“”%:é中-]{1,12}|per|cent|Per|Cent|\\. |\\n|\\n\\n| \\t\\n|\u{2028}|\u{a0}|\r\n|U\\.S\\.|…|6%|12,500)",
            0..60,
        ),
        cut_at in 0usize..300,
        cut_len in 0usize..30,
    ) {
        let text: String = parts.join(" ");
        let cut_start = cut_at.min(text.len());
        let cut = Span::new(cut_start, (cut_start + cut_len).min(text.len()));
        for region in body_regions(&text, &[cut]) {
            prop_assert_eq!(paragraphs(&text, region), paragraphs_reference(&text, region));
        }
        let config = Config::default();
        let seg = segment(&text, &[cut], &config);
        let hashes: Vec<u64> = seg.tokens.iter().map(|t| t.hash).collect();
        prop_assert_eq!(token_hashes(&text, &[cut], &config), hashes);
    }

    /// The byte-level path of [`token_hashes`] against [`segment`] on the
    /// joints its rules read: initialisms, apostrophes straight and curly,
    /// decimals and thousands, `%` and `per cent`, month abbreviations and
    /// number words, beside characters that send a paragraph to the full
    /// tokenizer (letters outside ASCII, a modifier apostrophe, a soft
    /// hyphen).
    #[test]
    fn byte_path_agrees_with_segment(
        parts in proptest::collection::vec(
            "([a-zA-Z0-9]{1,3}|[.,:'’‘%!? \\n-]|U\\.S\\.|a\\.m\\.|e\\.g|p\\.e\\.r|1,200|2\\.5|10:42|3,5|don’t|O'Neill|1a’s|Sept\\.|Mar|Dec\\.|Twenty|per|cent|PER|Cent|percent|…|é|ʼ|\u{ad}|“|—)",
            0..40,
        ),
        sep in "[ ]{0,1}",
    ) {
        let text: String = parts.join(&sep);
        let config = Config::default();
        let seg = segment(&text, &[], &config);
        let hashes: Vec<u64> = seg.tokens.iter().map(|t| t.hash).collect();
        prop_assert_eq!(token_hashes(&text, &[], &config), hashes);
    }
}

#[test]
fn per_cent_across_a_sentence_end_stays_two_words() {
    let config = Config::default();
    for text in [
        "It rose 6 per. Cent of it went.",
        "The rate per\nCent Lines",
        "6 per cent rise.",
    ] {
        let seg = segment(text, &[], &config);
        let hashes: Vec<u64> = seg.tokens.iter().map(|t| t.hash).collect();
        assert_eq!(token_hashes(text, &[], &config), hashes, "{text}");
    }
    let merged = segment("6 per cent rise.", &[], &config);
    assert_eq!(merged.norm(&merged.tokens[1]), "percent");
    let apart = segment("It rose 6 per. Cent of it went.", &[], &config);
    assert!(apart.tokens.iter().all(|t| apart.norm(t) != "percent"));
}

/// The normalisation as first written (NFKC on every word, a `String` per
/// step): the oracle of the allocation-free one.
fn normalize_reference(raw: &str, abbreviated: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = raw
        .chars()
        .filter(|&c| {
            !matches!(
                c,
                '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .nfkc()
        .flat_map(char::to_lowercase)
        .collect();
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let (int, frac) = lower.split_once('.').unwrap_or((&lower, ""));
        let grouped = int.contains(',')
            && int
                .split(',')
                .skip(1)
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped {
            return lower;
        }
        let mut s: String = int.chars().filter(|&c| c != ',').collect();
        if lower.contains('.') {
            s.push('.');
            s.push_str(frac);
        }
        return s;
    }
    let s: String = lower
        .chars()
        .filter_map(|c| match c {
            '’' | 'ʼ' | '‘' => Some('\''),
            '.' => None,
            _ => Some(c),
        })
        .collect();
    let numbers = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if let Some(n) = numbers.iter().position(|w| *w == s) {
        return n.to_string();
    }
    let tens = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = tens.iter().position(|w| *w == s) {
        return ((n + 2) * 10).to_string();
    }
    let month = match s.as_str() {
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
        _ => return s,
    };
    month.to_owned()
}

proptest! {
    /// The normalisation agrees with its reference on words as the
    /// tokenizer cuts them and on arbitrary strings (ASCII or not).
    #[test]
    fn normalize_matches_reference(
        raw in "([A-Za-z0-9.,'’ʼ‘]{1,12}|[a-zA-Zé ﬁ１Ⅸ\u{00AD}\u{200B}’.,0-9]{1,12}|(Jan|MAR|Sept|Dec|Twelve|NINETY|one|Zero)\\.?|[0-9]{1,3}(,[0-9]{3}){0,3}(\\.[0-9]{1,3})?)",
        abbreviated in any::<bool>(),
    ) {
        prop_assert_eq!(normalize_word(&raw, abbreviated), normalize_reference(&raw, abbreviated));
    }
}
