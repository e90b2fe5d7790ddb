//! The generator's model of an article: paragraphs of sentences of tokens.
//!
//! Every transformation (house style, paraphrase, excerpting) works on
//! tokens, and a token can carry a *mark* (the id of a fact whose span the
//! ground truth reports). Rendering turns a body back into text and
//! returns the code-point span of every mark, so spans are never searched
//! for after the fact.

use std::collections::HashSet;

use crate::lexicon::{self, Lexicon};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An ordinary word, open to synonyms.
    Word,
    /// A proper name (one or more capitalised words).
    Name,
    /// A number, with its unit or sign (`$1.13bn`, `76%`, `six`).
    Num,
    /// A four-digit year.
    Year,
    /// A month or weekday name.
    Date,
    /// Sentence or clause punctuation.
    Punct,
    /// An opening quote, parenthesis or bracket.
    Open,
    /// A closing quote, parenthesis or bracket.
    Close,
    /// A dash between words.
    Dash,
}

/// Token text: shared, so that copying a body copies no strings.
pub(crate) type Text = std::sync::Arc<str>;

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub text: Text,
    pub kind: Kind,
    /// Whitespace precedes the token (ignored for a sentence's first).
    pub space: bool,
    /// The fact this token states, or 0.
    pub mark: u16,
}

impl Tok {
    pub fn new(text: impl Into<Text>, kind: Kind, space: bool) -> Tok {
        Tok {
            text: text.into(),
            kind,
            space,
            mark: 0,
        }
    }

    pub fn word(text: impl Into<Text>) -> Tok {
        Tok::new(text, Kind::Word, true)
    }

    pub fn punct(text: &str) -> Tok {
        Tok::new(text, Kind::Punct, false)
    }

    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Open | Kind::Close)
            && matches!(&*self.text, "\"" | "“" | "”" | "'" | "‘" | "’")
    }

    pub fn is_sentence_end(&self) -> bool {
        self.kind == Kind::Punct && matches!(&*self.text, "." | "!" | "?" | "...")
    }
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Sent {
    pub toks: Vec<Tok>,
}

impl Sent {
    pub fn marks(&self) -> impl Iterator<Item = u16> + '_ {
        self.toks.iter().map(|t| t.mark).filter(|&m| m != 0)
    }
}

/// What a paragraph is, for the ground truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParaKind {
    /// Text of the story.
    Body,
    /// A house-style sub-heading (body, but no content of the source).
    Subhead,
    /// A paragraph taken from an unrelated article (`inserted` truth).
    Inserted,
    /// A generic framing sentence of a rewrite.
    Framing,
}

/// One paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    pub kind: ParaKind,
    pub sents: Vec<Sent>,
}

impl Para {
    pub fn new(kind: ParaKind, sents: Vec<Sent>) -> Para {
        Para { kind, sents }
    }

    /// Paragraphs that count for excerpt extents (all but sub-heads).
    pub fn is_content(&self) -> bool {
        self.kind != ParaKind::Subhead
    }
}

/// An article's title and body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Body {
    pub paras: Vec<Para>,
}

impl Body {
    pub fn content_paras(&self) -> usize {
        self.paras.iter().filter(|p| p.is_content()).count()
    }

    pub fn sents(&self) -> impl Iterator<Item = &Sent> {
        self.paras.iter().flat_map(|p| p.sents.iter())
    }

    /// The body as plain text: paragraphs separated by blank lines.
    pub fn plain(&self) -> String {
        let mut out = Renderer::default();
        out.body(self, |_, _| {});
        out.text
    }
}

/// Builds text and counts code points as it goes.
#[derive(Debug, Default)]
pub(crate) struct Renderer {
    pub text: String,
    /// Code points in `text`.
    pub len: usize,
    /// `(mark, [start, end))` of every marked token, in order.
    pub marks: Vec<(u16, [usize; 2])>,
}

impl Renderer {
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.len += s.chars().count();
    }

    pub fn sent(&mut self, sent: &Sent) {
        for (i, t) in sent.toks.iter().enumerate() {
            if i > 0 && t.space {
                self.push(" ");
            }
            let start = self.len;
            self.push(&t.text);
            if t.mark != 0 {
                self.marks.push((t.mark, [start, self.len]));
            }
        }
    }

    /// One paragraph's sentences, separated by spaces.
    pub fn para(&mut self, para: &Para) {
        for (i, s) in para.sents.iter().enumerate() {
            if i > 0 {
                self.push(" ");
            }
            self.sent(s);
        }
    }

    /// A body; `each(kind, span)` sees every paragraph's span.
    pub fn body(&mut self, body: &Body, mut each: impl FnMut(ParaKind, [usize; 2])) {
        for (i, p) in body.paras.iter().enumerate() {
            if i > 0 {
                self.push("\n\n");
            }
            let start = self.len;
            self.para(p);
            each(p.kind, [start, self.len]);
        }
    }
}

/// Sets `space` from the usual English spacing rules, for token sequences
/// that were reordered.
pub(crate) fn respace(toks: &mut [Tok]) {
    let mut prev: Option<Kind> = None;
    for t in toks.iter_mut() {
        t.space = match prev {
            None | Some(Kind::Open) => false,
            Some(_) => !matches!(t.kind, Kind::Punct | Kind::Close),
        };
        prev = Some(t.kind);
    }
}

/// Uppercases the first letter of a word token.
pub(crate) fn capitalize(t: &mut Tok) {
    if t.kind == Kind::Word {
        t.text = upper_first(&t.text).into();
    }
}

/// Lowercases the first letter of a word token that is a common word
/// (not a name the detector missed, an acronym or "I").
pub(crate) fn decapitalize(t: &mut Tok) {
    if t.kind == Kind::Num && lexicon::is_number_word(&t.text) {
        t.text = lower_first(&t.text).into();
        return;
    }
    if t.kind != Kind::Word
        || &*t.text == "I"
        || t.text.starts_with("I'")
        || t.text.starts_with("I’")
    {
        return;
    }
    let lex = Lexicon::get();
    let lowered = lower_first(split_possessive(&t.text).0);
    let first_word = lowered.split(' ').next().unwrap_or("");
    if !lex.is_common(first_word) && !lex.is_function(first_word) {
        return;
    }
    let mut cs = t.text.chars();
    let (Some(_), Some(second)) = (cs.next(), cs.next()) else {
        return;
    };
    if second.is_uppercase() {
        return;
    }
    t.text = lower_first(&t.text).into();
}

pub(crate) fn upper_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// `s`, capitalised when `model` is.
pub(crate) fn upper_first_if(model: &str, s: &str) -> String {
    if starts_upper(model) {
        upper_first(s)
    } else {
        s.to_owned()
    }
}

pub(crate) fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Strips a possessive `'s` / `’s` (or a bare plural `'`).
pub(crate) fn split_possessive(s: &str) -> (&str, &str) {
    for suffix in ["'s", "’s", "'S"] {
        if let Some(stem) = s.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return (stem, &s[stem.len()..]);
        }
    }
    (s, "")
}

const OPENERS: &[char] = &['(', '[', '"', '“', '‘', '\''];
const TRAILERS: &[char] = &[',', '.', ';', ':', '!', '?', ')', ']', '"', '”', '’', '\''];

/// Words whose final dot is part of the word.
fn keeps_dot(core: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Sr", "Jr", "Prof", "Gen", "Gov", "Sen", "Rep", "Lt", "Col",
        "Capt", "Sgt", "Inc", "Ltd", "Co", "Corp", "Bros", "vs", "etc", "Jan", "Feb", "Mar", "Apr",
        "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "No", "approx", "Mt", "Ave", "Rd",
    ];
    if ABBREVIATIONS.contains(&core) {
        return true;
    }
    let mut cs = core.chars();
    // An initial (`J.`) or a dotted abbreviation (`U.S`, `e.g`).
    match (cs.next(), cs.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.'),
    }
}

fn classify(core: &str) -> Kind {
    if matches!(core, "-" | "–" | "—" | "--") {
        return Kind::Dash;
    }
    if core.chars().any(|c| c.is_ascii_digit()) {
        let digits = core.len() == 4 && core.bytes().all(|b| b.is_ascii_digit());
        if digits
            && let Ok(y) = core.parse::<u32>()
            && (1800..=2099).contains(&y)
        {
            return Kind::Year;
        }
        return Kind::Num;
    }
    if lexicon::is_number_word(core) {
        return Kind::Num;
    }
    if lexicon::is_date_word(core) {
        return Kind::Date;
    }
    Kind::Word
}

/// Tokens of one paragraph's text (whitespace-separated runs with
/// punctuation peeled off).
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut single_open = false;
    for run in text.split_whitespace() {
        let mut first = true;
        let mut push = |toks: &mut Vec<Tok>, text: &str, kind: Kind| {
            toks.push(Tok::new(text, kind, first));
            first = false;
        };
        let mut rest = run;
        // Leading openers.
        while let Some(c) = rest.chars().next() {
            if !OPENERS.contains(&c)
                || rest.len() == c.len_utf8() && matches!(c, '"' | '\'') && !toks.is_empty()
            {
                break;
            }
            if c == '\'' || c == '‘' {
                single_open = true;
            }
            push(&mut toks, &rest[..c.len_utf8()], Kind::Open);
            rest = &rest[c.len_utf8()..];
        }
        // Trailing punctuation, collected from the end.
        let mut tail: Vec<(&str, Kind)> = Vec::new();
        while let Some(c) = rest.chars().next_back() {
            if !TRAILERS.contains(&c) {
                break;
            }
            let at = rest.len() - c.len_utf8();
            let core = &rest[..at];
            if c == '.' {
                if core.ends_with("..") {
                    let dots = rest.len() - rest.trim_end_matches('.').len();
                    let at = rest.len() - dots;
                    tail.push((&rest[at..], Kind::Punct));
                    rest = &rest[..at];
                    continue;
                }
                if keeps_dot(core) {
                    break;
                }
            }
            if matches!(c, '\'' | '’') {
                // A possessive plural (`analysts'`) unless a single quote is open.
                if !single_open && core.chars().next_back().is_some_and(char::is_alphabetic) {
                    break;
                }
                if c == '\'' || c == '’' {
                    single_open = false;
                }
            }
            let kind = match c {
                ')' | ']' | '"' | '”' | '’' | '\'' => Kind::Close,
                _ => Kind::Punct,
            };
            tail.push((&rest[at..], kind));
            rest = core;
        }
        if !rest.is_empty() {
            // Internal em dashes split words.
            let mut parts = rest.split('—').peekable();
            while let Some(part) = parts.next() {
                if !part.is_empty() {
                    let kind = classify(part);
                    push(&mut toks, part, kind);
                }
                if parts.peek().is_some() {
                    push(&mut toks, "—", Kind::Dash);
                }
            }
        }
        for (t, kind) in tail.into_iter().rev() {
            push(&mut toks, t, kind);
        }
    }
    merge_numbers(&mut toks);
    toks
}

/// `76` `per` `cent` → `76 per cent`; `1.2` `million` → `1.2 million`.
fn merge_numbers(toks: &mut Vec<Tok>) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let mut t = toks[i].clone();
        i += 1;
        if t.kind == Kind::Num && t.text.chars().any(|c| c.is_ascii_digit()) {
            loop {
                let next = toks.get(i);
                let next2 = toks.get(i + 1);
                match (next, next2) {
                    (Some(a), Some(b)) if a.is("per") && b.is("cent") => {
                        t.text = format!("{} {} {}", t.text, a.text, b.text).into();
                        i += 2;
                    }
                    (Some(a), _)
                        if a.kind == Kind::Num
                            && a.space
                            && matches!(
                                &*a.text,
                                "million" | "billion" | "trillion" | "thousand" | "hundred"
                            ) =>
                    {
                        t.text = format!("{} {}", t.text, a.text).into();
                        i += 1;
                    }
                    (Some(a), _) if a.is("percent") => {
                        t.text = format!("{} {}", t.text, a.text).into();
                        i += 1;
                    }
                    _ => break,
                }
            }
        }
        out.push(t);
    }
    *toks = out;
}

/// Splits a paragraph's tokens into sentences.
pub(crate) fn sentences(toks: Vec<Tok>) -> Vec<Sent> {
    let mut out = Vec::new();
    let mut cur: Vec<Tok> = Vec::new();
    let n = toks.len();
    let mut iter = toks.into_iter().enumerate().peekable();
    while let Some((_, t)) = iter.next() {
        let end = t.is_sentence_end();
        cur.push(t);
        if !end {
            continue;
        }
        // Closing quotes and brackets stay with the sentence.
        while let Some((_, next)) = iter.peek() {
            if next.kind == Kind::Close && !next.space {
                if let Some((_, c)) = iter.next() {
                    cur.push(c);
                }
            } else {
                break;
            }
        }
        let starts_new = match iter.peek() {
            None => true,
            Some((_, next)) => {
                next.kind == Kind::Open
                    || matches!(next.kind, Kind::Num | Kind::Year)
                    || starts_upper(&next.text)
            }
        };
        if starts_new {
            out.push(Sent {
                toks: std::mem::take(&mut cur),
            });
        }
    }
    let _ = n;
    if !cur.is_empty() {
        out.push(Sent { toks: cur });
    }
    for s in &mut out {
        if let Some(t) = s.toks.first_mut() {
            t.space = false;
        }
    }
    out
}

/// Whether token `i` of `toks` starts its sentence (first word, or first
/// after an opening quote, a colon or a dash).
fn initial(toks: &[Tok], i: usize) -> bool {
    let before = &toks[..i];
    match before.iter().rev().find(|t| t.kind != Kind::Open) {
        None => true,
        Some(t) => {
            (t.kind == Kind::Punct && matches!(&*t.text, ":" | "." | "?" | "!"))
                || t.kind == Kind::Dash && i < 3
        }
    }
}

/// Marks proper names and merges consecutive ones, using what the whole
/// article shows: a capitalised word at a sentence start is a name only
/// when it is capitalised elsewhere too, or a known name.
pub(crate) fn detect_names(lex: &Lexicon, title: &mut Sent, body: &mut Body) {
    let mut mid: HashSet<String> = HashSet::new();
    let mut lower: HashSet<String> = HashSet::new();
    {
        let sents = std::iter::once(&*title).chain(body.sents());
        for s in sents {
            for (i, t) in s.toks.iter().enumerate() {
                if t.kind != Kind::Word {
                    continue;
                }
                let (stem, _) = split_possessive(&t.text);
                if starts_upper(stem) {
                    if !initial(&s.toks, i) {
                        mid.insert(stem.to_owned());
                    }
                } else {
                    lower.insert(stem.to_owned());
                }
            }
        }
    }
    let classify_sent = |s: &mut Sent| {
        for i in 0..s.toks.len() {
            let is_initial = initial(&s.toks, i);
            let next_verb = s.toks.get(i + 1).is_some_and(|n| {
                n.kind == Kind::Word
                    && matches!(
                        &*n.text,
                        "said"
                            | "says"
                            | "has"
                            | "have"
                            | "had"
                            | "is"
                            | "was"
                            | "will"
                            | "would"
                            | "announced"
                            | "plans"
                            | "reported"
                            | "added"
                            | "told"
                            | "expects"
                            | "wants"
                            | "claims"
                    )
            });
            let t = &s.toks[i];
            if t.kind != Kind::Word {
                continue;
            }
            let (stem, _) = split_possessive(&t.text);
            if !starts_upper(stem) || stem == "I" {
                continue;
            }
            let lowered = lower_first(stem);
            let name = if is_acronym(stem) {
                true
            } else if !is_initial {
                !lex.is_function(&lowered)
            } else {
                let possessive = !split_possessive(&t.text).1.is_empty();
                !lex.is_function(&lowered)
                    && !lower.contains(&lowered)
                    && (mid.contains(stem)
                        || lex.is_known_name(stem)
                        || (possessive || next_verb) && !lex.is_common(&lowered))
            };
            if name {
                s.toks[i].kind = Kind::Name;
            }
        }
        // A sentence-initial capitalised word directly followed by a name
        // is part of it ("Time Warner said").
        if s.toks.len() >= 2
            && s.toks[0].kind == Kind::Word
            && s.toks[1].kind == Kind::Name
            && s.toks[1].space
        {
            let (stem, _) = split_possessive(&s.toks[0].text);
            let lowered = lower_first(stem);
            let next_first = s.toks[1].text.split(' ').next().unwrap_or("");
            let person_next = lex.is_in(lexicon::Set::FirstName, next_first)
                || lex.is_in(lexicon::Set::Title, next_first);
            if starts_upper(stem)
                && !lex.is_function(&lowered)
                && !lower.contains(&lowered)
                && (!lex.is_common(&lowered) || !person_next)
                && *stem == *s.toks[0].text
            {
                s.toks[0].kind = Kind::Name;
            }
        }
        merge_names(&mut s.toks);
    };
    classify_sent(title);
    for p in &mut body.paras {
        for s in &mut p.sents {
            classify_sent(s);
        }
    }
}

fn merge_names(toks: &mut Vec<Tok>) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks.drain(..) {
        if t.kind == Kind::Name
            && t.space
            && let Some(prev) = out.last_mut()
            && prev.kind == Kind::Name
            && split_possessive(&prev.text).1.is_empty()
            && !prev.text.ends_with(['.', ','])
        {
            prev.text = format!("{} {}", prev.text, t.text).into();
            continue;
        }
        out.push(t);
    }
    *toks = out;
}

/// Parses paragraphs of text into a body (names detected later, with the
/// title).
pub(crate) fn parse_paras<'a>(paras: impl IntoIterator<Item = &'a str>) -> Body {
    Body {
        paras: paras
            .into_iter()
            .map(|p| Para::new(ParaKind::Body, sentences(tokenize(p))))
            .filter(|p| !p.sents.is_empty())
            .collect(),
    }
}

/// A title and body parsed from plain text, names detected.
pub(crate) fn parse_article(lex: &Lexicon, title: &str, paras: &[String]) -> (Sent, Body) {
    let mut t = Sent {
        toks: tokenize(title),
    };
    if let Some(first) = t.toks.first_mut() {
        first.space = false;
    }
    let mut body = parse_paras(paras.iter().map(String::as_str));
    detect_names(lex, &mut t, &mut body);
    (t, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(toks: &[Tok]) -> Vec<String> {
        toks.iter()
            .map(|t| format!("{:?}:{}", t.kind, t.text))
            .collect()
    }

    #[test]
    fn tokens() {
        let toks = tokenize(
            "Profits rose 76% to $1.13bn (£600m), the U.S. firm said. \"It's good,\" he said.",
        );
        let got = texts(&toks);
        assert_eq!(
            got,
            [
                "Word:Profits",
                "Word:rose",
                "Num:76%",
                "Word:to",
                "Num:$1.13bn",
                "Open:(",
                "Num:£600m",
                "Close:)",
                "Punct:,",
                "Word:the",
                "Word:U.S.",
                "Word:firm",
                "Word:said",
                "Punct:.",
                "Open:\"",
                "Word:It's",
                "Word:good",
                "Punct:,",
                "Close:\"",
                "Word:he",
                "Word:said",
                "Punct:.",
            ]
        );
        let sents = sentences(toks);
        assert_eq!(sents.len(), 2);
    }

    #[test]
    fn numbers_merge() {
        let toks = tokenize("up 5 per cent to 1.2 million in 2004.");
        assert_eq!(
            texts(&toks),
            [
                "Word:up",
                "Num:5 per cent",
                "Word:to",
                "Num:1.2 million",
                "Word:in",
                "Year:2004",
                "Punct:."
            ]
        );
    }

    #[test]
    fn render_roundtrip() {
        let text = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier. \"Our financial performance was strong,\" chairman Richard Parsons said. Analysts' forecasts - mostly - held.";
        let body = parse_paras([text]);
        assert_eq!(body.plain(), text);
    }

    #[test]
    fn names() {
        let lex = Lexicon::get();
        let (title, body) = parse_article(
            lex,
            "Ad sales boost Time Warner profit",
            &[
                "Time Warner said on Friday that it now owns 8% of Google. Chairman Richard Parsons said sales were strong."
                    .to_owned(),
                "But its own business, AOL, lost subscribers. Google declined to comment.".to_owned(),
            ],
        );
        let names: Vec<&str> = std::iter::once(&title)
            .chain(body.sents())
            .flat_map(|s| s.toks.iter())
            .filter(|t| t.kind == Kind::Name)
            .map(|t| &*t.text)
            .collect();
        assert_eq!(
            names,
            [
                "Time Warner",
                "Time Warner",
                "Google",
                "Richard Parsons",
                "AOL",
                "Google"
            ]
        );
    }
}
