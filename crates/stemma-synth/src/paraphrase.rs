//! The paraphraser: rewrites a body sentence by sentence, in order, so
//! that the rewrite keeps the source's structure and facts (names,
//! numbers, dates) while its words change.
//!
//! Operations, each with a probability set by [`Params`]: clause
//! reordering (quote attribution, reported speech, fronted and trailing
//! adverbials, coordinated words), sentence splits and merges, dropped
//! sentences, synonym substitution from the table in `data/synonyms.txt`
//! (function words too at the hard level), generic framing sentences and
//! paragraph regrouping.

use crate::lexicon::{Before, Entry, Form, Lexicon, Pos, Set};
use crate::rng::{FastSet, Rng, lowercase};
use crate::text::{
    Body, Kind, Para, ParaKind, Sent, Tok, capitalize, decapitalize, lower_first, respace,
    split_possessive, upper_first,
};

/// How hard a paraphrase is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Share of content words with a synonym that are replaced.
    pub synonyms: f64,
    /// Share of function words and phrases with a synonym replaced.
    pub function: f64,
    /// Replace words inside quotations too.
    pub in_quotes: bool,
    /// Chance that a sentence's clauses are reordered.
    pub reorder: f64,
    /// Chance that a splittable sentence is split.
    pub split: f64,
    /// Chance that two short neighbours are merged.
    pub merge: f64,
    /// Chance that a sentence (not the first) is dropped.
    pub drop: f64,
    /// Chance that direct quotes become reported speech.
    pub report_quotes: f64,
    /// Chance of swapping coordinated words (`sales and profits`).
    pub swap: f64,
    /// Framing sentences to add (at most).
    pub framing: usize,
    /// Regroup sentences into short paragraphs.
    pub regroup: bool,
    /// Chance of a second, different reordering of a reordered sentence.
    pub second_reorder: f64,
    /// Chance of a fact-keeping respelling of each number, title and
    /// acronym (`£600m` → `£600 million`, `Mr Parsons` → `Parsons`).
    pub respell: f64,
    /// Chance of a filler adverb after each auxiliary (`has indeed`).
    pub fillers: f64,
    /// Always give the title a new frame (`…: what we know`).
    pub title_frame: f64,
    /// Prefer alternatives whose words the source does not use.
    pub avoid_source: bool,
}

impl Params {
    /// Keeps about half of the source's word 5-grams.
    pub const EASY: Params = Params {
        synonyms: 0.35,
        function: 0.0,
        in_quotes: false,
        reorder: 0.4,
        split: 0.2,
        merge: 0.08,
        drop: 0.06,
        report_quotes: 0.0,
        swap: 0.2,
        framing: 1,
        regroup: false,
        second_reorder: 0.0,
        respell: 0.2,
        fillers: 0.0,
        title_frame: 0.3,
        avoid_source: true,
    };

    /// Keeps at most a few percent of the source's word 5-grams: every
    /// word with a synonym replaced, every sentence reordered.
    pub const HARD: Params = Params {
        synonyms: 1.0,
        function: 0.9,
        in_quotes: true,
        reorder: 1.0,
        split: 0.7,
        merge: 0.25,
        drop: 0.18,
        report_quotes: 0.8,
        swap: 0.6,
        framing: 2,
        regroup: true,
        second_reorder: 1.0,
        respell: 0.7,
        fillers: 0.3,
        title_frame: 1.0,
        avoid_source: true,
    };

    /// Recycled originals: a light, random paraphrase (about half the
    /// words), a quarter of the sentences dropped; with the names,
    /// numbers and dates replaced beforehand, a recycled story shares no
    /// passage with another story told from the same article, and its
    /// rewrites have as much to change as those of a fresh article.
    pub const RECYCLE: Params = Params {
        synonyms: 0.7,
        function: 0.4,
        in_quotes: true,
        reorder: 0.5,
        split: 0.2,
        merge: 0.1,
        drop: 0.35,
        report_quotes: 0.3,
        swap: 0.3,
        framing: 0,
        regroup: false,
        second_reorder: 0.2,
        respell: 0.3,
        fillers: 0.0,
        title_frame: 0.0,
        avoid_source: false,
    };
}

const SPEECH: &[&str] = &[
    "said",
    "says",
    "added",
    "told",
    "warned",
    "claimed",
    "argued",
    "stated",
    "explained",
    "insisted",
    "announced",
    "reported",
    "noted",
    "stressed",
    "admitted",
    "believes",
    "believed",
    "suggested",
    "confirmed",
];

const FRONTERS: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "after",
    "before",
    "during",
    "since",
    "despite",
    "with",
    "under",
    "over",
    "by",
    "last",
    "this",
    "earlier",
    "later",
    "when",
    "while",
    "although",
    "because",
    "if",
    "as",
    "following",
    "amid",
    "unlike",
    "once",
    "until",
    "without",
    "through",
];

const TRAILING_PREPS: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "from",
    "after",
    "during",
    "since",
    "by",
    "with",
    "over",
    "under",
    "amid",
    "across",
    "following",
    "before",
    "until",
    "within",
    "throughout",
    "despite",
];

fn word(text: &str) -> Tok {
    Tok::word(text)
}

/// `(core, end)`: the end is the final punctuation with closing quotes.
fn split_end(toks: &[Tok]) -> (Vec<Tok>, Vec<Tok>) {
    let mut cut = toks.len();
    while cut > 0
        && toks[cut - 1].kind == Kind::Close
        && toks[..cut - 1].iter().any(|t| t.is_sentence_end())
    {
        cut -= 1;
    }
    if cut > 0 && toks[cut - 1].is_sentence_end() {
        cut -= 1;
    } else {
        cut = toks.len();
    }
    (toks[..cut].to_vec(), toks[cut..].to_vec())
}

fn full_stop() -> Vec<Tok> {
    vec![Tok::punct(".")]
}

fn is_speech(t: &Tok) -> bool {
    t.kind == Kind::Word && SPEECH.contains(&&*t.text)
}

fn plain(toks: &[Tok]) -> bool {
    toks.iter()
        .all(|t| !matches!(t.kind, Kind::Open | Kind::Close | Kind::Dash))
}

fn no_punct(toks: &[Tok]) -> bool {
    plain(toks) && toks.iter().all(|t| t.kind != Kind::Punct)
}

/// Finishes a reordered sentence: capitals, spacing.
fn finish(mut toks: Vec<Tok>) -> Sent {
    if let Some(i) = toks.iter().position(|t| t.kind != Kind::Open)
        && let Some(t) = toks.get_mut(i)
    {
        capitalize(t);
    }
    respace(&mut toks);
    Sent { toks }
}

fn join(parts: &[&[Tok]]) -> Vec<Tok> {
    parts.iter().flat_map(|p| p.iter().cloned()).collect()
}

/// `"Q," X said.` → `X said: "Q."` or `X said that q.` or `According to X, q.`
fn quote_attribution(core: &[Tok], end: &[Tok], report: bool, rng: &mut Rng) -> Option<Vec<Tok>> {
    if core.first()?.kind != Kind::Open || !core[0].is_quote() {
        return None;
    }
    let close = core
        .iter()
        .position(|t| t.kind == Kind::Close && t.is_quote())?;
    if close < 3 || &*core[close - 1].text != "," {
        return None;
    }
    let quote = &core[1..close - 1];
    let attr = &core[close + 1..];
    if attr.is_empty() || attr.len() > 8 || !no_punct(attr) || !plain(quote) {
        return None;
    }
    let verb_at = attr.iter().position(is_speech)?;
    // `said Mr Parsons` → `Mr Parsons said`; `Pearce told BBC GMR` keeps
    // its object after the verb.
    let (subject, verb, extra): (Vec<Tok>, Tok, Vec<Tok>) = if verb_at == 0 {
        (attr[1..].to_vec(), attr[0].clone(), Vec::new())
    } else {
        (
            attr[..verb_at].to_vec(),
            attr[verb_at].clone(),
            attr[verb_at + 1..].to_vec(),
        )
    };
    if subject.is_empty() {
        return None;
    }
    let mut q: Vec<Tok> = quote.to_vec();
    if report {
        let female = subject.iter().any(|t| {
            t.is("she")
                || t.kind == Kind::Name
                    && ["Mrs", "Ms", "Lady", "Miss"]
                        .iter()
                        .any(|w| t.text.starts_with(w))
        });
        third_person(&mut q, female);
        if let Some(t) = q.first_mut() {
            decapitalize(t);
        }
        if extra.is_empty() && !pronoun(&subject) && rng.chance(0.5) {
            Some(join(&[
                &[word("According"), word("to")],
                &subject,
                &[Tok::punct(",")],
                &q,
                &full_stop(),
            ]))
        } else {
            Some(join(&[
                &subject,
                &[verb],
                &extra,
                &[word("that")],
                &q,
                &full_stop(),
            ]))
        }
    } else {
        let open = core[0].clone();
        let close_tok = core[close].clone();
        let end_punct = if end.is_empty() {
            full_stop()
        } else {
            vec![end[0].clone()]
        };
        Some(join(&[
            &subject,
            &[verb],
            &extra,
            &[Tok::punct(":"), open],
            &q,
            &end_punct,
            &[close_tok],
        ]))
    }
}

/// A lone pronoun subject (`according to he` is not English).
fn pronoun(subject: &[Tok]) -> bool {
    subject.len() == 1
        && ["he", "she", "it", "they", "we", "i", "you"]
            .iter()
            .any(|p| subject[0].is(p))
}

/// Reported speech: `I`, `my`, `we`, … become `he`, `his`, `they`, ….
fn third_person(toks: &mut [Tok], female: bool) {
    let (he, him, his, himself) = if female {
        ("she", "her", "her", "herself")
    } else {
        ("he", "him", "his", "himself")
    };
    let lex = Lexicon::get();
    let mut prev_subject = false;
    for t in toks.iter_mut() {
        if t.kind != Kind::Word {
            prev_subject = false;
            continue;
        }
        let lower = t.text.to_lowercase().replace('’', "'");
        // `I think` → `he thinks`.
        let agree = prev_subject
            && !matches!(
                lower.as_str(),
                "am" | "was"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "might"
                    | "must"
                    | "may"
            );
        let new = match lower.as_str() {
            "have" if prev_subject => Some("has".to_owned()),
            "do" if prev_subject => Some("does".to_owned()),
            "don't" if prev_subject => Some("doesn't".to_owned()),
            w if agree && lex.is_base_verb(w) => Some(crate::lexicon::third_person(w)),
            "i" => Some(he.to_owned()),
            "me" => Some(him.to_owned()),
            "my" | "mine" => Some(his.to_owned()),
            "myself" => Some(himself.to_owned()),
            "i'm" => Some(format!("{he} is")),
            "i've" => Some(format!("{he} has")),
            "i'd" => Some(format!("{he} would")),
            "i'll" => Some(format!("{he} will")),
            "am" if prev_subject => Some("is".to_owned()),
            "we" => Some("they".to_owned()),
            "us" => Some("them".to_owned()),
            "our" | "ours" => Some("their".to_owned()),
            "ourselves" => Some("themselves".to_owned()),
            "we're" => Some("they are".to_owned()),
            "we've" => Some("they have".to_owned()),
            "we'll" => Some("they will".to_owned()),
            _ => None,
        };
        prev_subject = lower == "i";
        if let Some(n) = new {
            t.text = n.into();
        }
    }
}

/// `X said (on Friday) that Y.` → `Y, X said (on Friday).` / `According to X, Y.`
fn reported_speech(core: &[Tok], rng: &mut Rng) -> Option<Vec<Tok>> {
    if !plain(core) {
        return None;
    }
    let verb_at = core.iter().take(7).position(is_speech)?;
    if verb_at == 0 || !no_punct(&core[..verb_at]) {
        return None;
    }
    let that_at = core[verb_at + 1..]
        .iter()
        .take(4)
        .position(|t| t.is("that"))
        .map(|i| i + verb_at + 1);
    let (extra, rest) = match that_at {
        Some(i) => (&core[verb_at + 1..i], &core[i + 1..]),
        None => (&[][..], &core[verb_at + 1..]),
    };
    if rest.len() < 4 || !no_punct(extra) {
        return None;
    }
    let subject = &core[..verb_at];
    let verb = &core[verb_at..=verb_at];
    let mut rest = rest.to_vec();
    if let Some(t) = rest.first_mut() {
        capitalize(t);
    }
    let mut subject = subject.to_vec();
    if let Some(t) = subject.first_mut() {
        decapitalize(t);
    }
    if rng.chance(0.5) || !extra.is_empty() || pronoun(&subject) {
        Some(join(&[
            &rest,
            &[Tok::punct(",")],
            &subject,
            verb,
            extra,
            &full_stop(),
        ]))
    } else {
        Some(join(&[
            &[word("According"), word("to")],
            &subject,
            &[Tok::punct(",")],
            &rest,
            &full_stop(),
        ]))
    }
}

/// `Y, X said.` → `X said that y.`
fn trailing_attribution(core: &[Tok], rng: &mut Rng) -> Option<Vec<Tok>> {
    if !plain(core) || core.len() < 6 {
        return None;
    }
    let comma = core.iter().rposition(|t| &*t.text == ",")?;
    let attr = &core[comma + 1..];
    if attr.is_empty() || attr.len() > 6 || !no_punct(attr) {
        return None;
    }
    let verb_at = attr.iter().position(is_speech)?;
    let (subject, verb, extra): (Vec<Tok>, Tok, Vec<Tok>) = if verb_at == 0 {
        (attr[1..].to_vec(), attr[0].clone(), Vec::new())
    } else {
        (
            attr[..verb_at].to_vec(),
            attr[verb_at].clone(),
            attr[verb_at + 1..].to_vec(),
        )
    };
    if subject.is_empty() || comma < 4 {
        return None;
    }
    let mut y = core[..comma].to_vec();
    if let Some(t) = y.first_mut() {
        decapitalize(t);
    }
    if !extra.is_empty() || pronoun(&subject) || rng.chance(0.5) {
        Some(join(&[
            &subject,
            &[verb],
            &extra,
            &[word("that")],
            &y,
            &full_stop(),
        ]))
    } else {
        Some(join(&[
            &[word("According"), word("to")],
            &subject,
            &[Tok::punct(",")],
            &y,
            &full_stop(),
        ]))
    }
}

/// `In 2004, X did Y.` → `X did Y in 2004.`
fn fronted_adverbial(core: &[Tok]) -> Option<Vec<Tok>> {
    let first = core.first()?;
    if first.kind != Kind::Word || !FRONTERS.contains(&first.text.to_lowercase().as_str()) {
        return None;
    }
    let comma = core.iter().position(|t| &*t.text == ",")?;
    if !(2..=12).contains(&comma) || core.len() - comma < 5 || !plain(core) {
        return None;
    }
    let mut front = core[..comma].to_vec();
    if let Some(t) = front.first_mut() {
        decapitalize(t);
    }
    Some(join(&[&core[comma + 1..], &front, &full_stop()]))
}

/// `X did Y in the fourth quarter.` → `In the fourth quarter, X did Y.`
fn trailing_phrase(core: &[Tok]) -> Option<Vec<Tok>> {
    if !plain(core) {
        return None;
    }
    let n = core.len();
    let p = (3..n.saturating_sub(1)).rev().find(|&i| {
        core[i].kind == Kind::Word
            && TRAILING_PREPS.contains(&&*core[i].text)
            && (2..=7).contains(&(n - i))
    })?;
    if !no_punct(&core[p..])
        || core[..p]
            .iter()
            .rev()
            .take(1)
            .any(|t| t.kind == Kind::Punct)
    {
        return None;
    }
    const VERBISH: &[&str] = &[
        "was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would", "can",
        "could", "said", "says",
    ];
    if core[p..]
        .iter()
        .any(|t| t.kind == Kind::Word && (VERBISH.contains(&&*t.text) || t.text.ends_with("ed")))
        || core[p - 1].kind == Kind::Word
            && (matches!(
                &*core[p - 1].text,
                "and" | "but" | "or" | "yet" | "so" | "than"
            ) || Lexicon::get().is_participle(&core[p - 1].text))
    {
        return None;
    }
    let mut rest = core[..p].to_vec();
    if let Some(t) = rest.first_mut() {
        decapitalize(t);
    }
    Some(join(&[&core[p..], &[Tok::punct(",")], &rest, &full_stop()]))
}

/// `X because Y.` → `Because Y, x.`
fn subordinate_first(core: &[Tok]) -> Option<Vec<Tok>> {
    const SUBORDINATORS: &[&str] = &[
        "because", "although", "though", "while", "when", "if", "unless", "since", "whereas",
    ];
    if !plain(core) {
        return None;
    }
    let p = (3..core.len().saturating_sub(3)).find(|&i| {
        core[i].kind == Kind::Word
            && SUBORDINATORS.contains(&&*core[i].text)
            && &*core[i - 1].text != ","
    })?;
    if core[p..].iter().any(|t| t.kind == Kind::Punct) || core[..p].iter().any(|t| &*t.text == ",")
    {
        return None;
    }
    let mut tail = core[p..].to_vec();
    if let Some(t) = tail.first_mut() {
        capitalize(t);
    }
    let mut head = core[..p].to_vec();
    if let Some(t) = head.first_mut() {
        decapitalize(t);
    }
    Some(join(&[&tail, &[Tok::punct(",")], &head, &full_stop()]))
}

/// A list sentence (a line-up, a set of results): its comma-separated
/// items in another order.
fn shuffle_list(core: &[Tok], rng: &mut Rng) -> Option<Vec<Tok>> {
    let commas = core.iter().filter(|t| &*t.text == ",").count();
    let facts = core
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                Kind::Name | Kind::Num | Kind::Punct | Kind::Open | Kind::Close
            )
        })
        .count();
    if commas < 3 || facts * 10 < core.len() * 7 {
        return None;
    }
    let mut items: Vec<Vec<Tok>> = core
        .split(|t| &*t.text == ",")
        .map(<[Tok]>::to_vec)
        .collect();
    if items.iter().any(Vec::is_empty) {
        return None;
    }
    let before = items.clone();
    rng.shuffle(&mut items);
    if items == before {
        items.reverse();
    }
    let mut out = Vec::with_capacity(core.len() + 1);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Tok::punct(","));
        }
        out.extend(item);
    }
    out.push(Tok::punct("."));
    Some(out)
}

/// Splits at `, and` / `, but` / `, while` / `, which` / `;`.
fn split(core: &[Tok], end: &[Tok], rng: &mut Rng) -> Option<(Vec<Tok>, Vec<Tok>)> {
    if !plain(core) {
        return None;
    }
    for i in 5..core.len().saturating_sub(5) {
        let (at, skip, lead): (usize, usize, Vec<&str>) = if &*core[i].text == ";" {
            (i, 1, vec![""])
        } else if &*core[i].text == "," {
            let next = &core[i + 1];
            let lead = match next.text.to_lowercase().as_str() {
                "and" => vec!["", "Also,", "In addition,"],
                "but" => vec!["However,", "But", "Yet"],
                "while" => vec!["Meanwhile,", "At the same time,"],
                "although" | "though" => vec!["Still,", "Even so,"],
                "which" => vec!["This", "It"],
                _ => continue,
            };
            (i, 2, lead)
        } else {
            continue;
        };
        let rest = &core[at + skip..];
        if rest.len() < 5 {
            continue;
        }
        // `, and is estimated` has no subject of its own: not a sentence.
        let conj = &*core[at].text != ";"
            && matches!(core[at + 1].text.to_lowercase().as_str(), "and" | "but");
        let subject = rest.first().is_some_and(|t| {
            matches!(t.kind, Kind::Name | Kind::Num | Kind::Year)
                || t.kind == Kind::Word
                    && matches!(
                        t.text.to_lowercase().as_str(),
                        "he" | "she"
                            | "it"
                            | "they"
                            | "we"
                            | "i"
                            | "you"
                            | "the"
                            | "a"
                            | "an"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "its"
                            | "his"
                            | "her"
                            | "their"
                            | "our"
                            | "there"
                            | "many"
                            | "some"
                    )
        });
        if conj && !subject {
            continue;
        }
        let lead = *rng.pick(&lead);
        let mut second: Vec<Tok> = lead
            .split(' ')
            .filter(|w| !w.is_empty())
            .flat_map(|w| match w.strip_suffix(',') {
                Some(w) => vec![word(w), Tok::punct(",")],
                None => vec![word(w)],
            })
            .collect();
        let mut rest = rest.to_vec();
        if !second.is_empty()
            && let Some(t) = rest.first_mut()
        {
            decapitalize(t);
        }
        second.extend(rest);
        let end = if end.is_empty() {
            full_stop()
        } else {
            end.to_vec()
        };
        second.extend(end);
        let first = join(&[&core[..at], &full_stop()]);
        return Some((first, second));
    }
    None
}

/// `sales and profits` → `profits and sales`.
fn swap_coordination(toks: &mut [Tok], rng: &mut Rng, lex: &Lexicon) {
    let n = toks.len();
    for i in 1..n.saturating_sub(1) {
        if !toks[i].is("and") {
            continue;
        }
        let (a, b) = (&toks[i - 1], &toks[i + 1]);
        let content = |t: &Tok| {
            (t.kind == Kind::Word && !lex.is_function(&t.text.to_lowercase())
                || t.kind == Kind::Name)
                && t.mark == 0
        };
        if !content(a) || !content(b) || a.kind != b.kind {
            continue;
        }
        let before_ok = i < 2
            || toks[i - 2].kind != Kind::Word
            || lex.is_function(&toks[i - 2].text.to_lowercase());
        let after_ok = i + 2 >= n
            || toks[i + 2].kind != Kind::Word
            || lex.is_function(&toks[i + 2].text.to_lowercase());
        if before_ok && after_ok && rng.chance(0.7) {
            let (ta, tb) = (toks[i - 1].text.clone(), toks[i + 1].text.clone());
            let upper = ta.chars().next().is_some_and(char::is_uppercase);
            toks[i - 1].text = if upper {
                upper_first(&tb)
            } else {
                tb.to_string()
            }
            .into();
            toks[i + 1].text = if upper {
                lower_first(&ta)
            } else {
                ta.to_string()
            }
            .into();
            return;
        }
    }
}

/// Restructures one sentence; returns one or two sentences.
fn restructure(sent: &Sent, p: &Params, rng: &mut Rng) -> Vec<Vec<Tok>> {
    let (core, end) = split_end(&sent.toks);
    if core.len() < 4 {
        return vec![sent.toks.clone()];
    }
    if rng.chance(p.split)
        && let Some((a, b)) = split(&core, &end, rng)
    {
        let mut out = Vec::new();
        for part in [a, b] {
            let s = Sent { toks: part };
            let (c, e) = split_end(&s.toks);
            out.push(reorder(&c, &e, p, rng).unwrap_or(s.toks));
        }
        return out;
    }
    if rng.chance(p.reorder) {
        if let Some(t) = reorder(&core, &end, p, rng) {
            return vec![t];
        }
    } else if core.first().is_some_and(|t| t.kind == Kind::Open)
        && let Some(t) = quote_attribution(&core, &end, false, rng)
        && rng.chance(p.reorder)
    {
        return vec![t];
    }
    vec![sent.toks.clone()]
}

const FILLERS: [&str; 5] = ["indeed", "in fact", "notably", "clearly", "also"];

/// Contractions and their long forms (single tokens either way).
const CONTRACTIONS: &[(&str, &str)] = &[
    ("don't", "do not"),
    ("doesn't", "does not"),
    ("didn't", "did not"),
    ("isn't", "is not"),
    ("wasn't", "was not"),
    ("aren't", "are not"),
    ("weren't", "were not"),
    ("haven't", "have not"),
    ("hasn't", "has not"),
    ("hadn't", "had not"),
    ("won't", "will not"),
    ("wouldn't", "would not"),
    ("couldn't", "could not"),
    ("shouldn't", "should not"),
    ("can't", "cannot"),
    ("it's", "it is"),
    ("that's", "that is"),
    ("there's", "there is"),
    ("i'm", "I am"),
    ("i've", "I have"),
    ("i'll", "I will"),
    ("i'd", "I would"),
    ("we're", "we are"),
    ("we've", "we have"),
    ("we'll", "we will"),
    ("they're", "they are"),
    ("they've", "they have"),
    ("you're", "you are"),
    ("he's", "he is"),
    ("she's", "she is"),
    ("let's", "let us"),
];

const CONJUNCTIONS: &[&str] = &[
    "but",
    "and",
    "yet",
    "so",
    "however",
    "still",
    "meanwhile",
    "also",
    "now",
];

/// One clause reordering, the first that applies in a random order
/// (skipping the class `avoid`: 0 speech, 1 adverbials). A leading
/// conjunction stays in front.
fn reorder_one(
    core: &[Tok],
    end: &[Tok],
    p: &Params,
    avoid: Option<u8>,
    rng: &mut Rng,
) -> Option<(u8, Vec<Tok>)> {
    if end.first().is_some_and(|t| &*t.text != ".") {
        return None;
    }
    let lead = core
        .first()
        .filter(|t| t.kind == Kind::Word && CONJUNCTIONS.contains(&t.text.to_lowercase().as_str()))
        .map(|_| {
            if core.get(1).is_some_and(|t| &*t.text == ",") {
                2
            } else {
                1
            }
        })
        .unwrap_or(0);
    let (head, core) = core.split_at(lead);
    if core.len() < 4 {
        return None;
    }
    let mut core = core.to_vec();
    if lead > 0
        && let Some(t) = core.first_mut()
    {
        capitalize(t);
    }
    let report = rng.chance(p.report_quotes);
    let mut order = [0u8, 1, 2, 3, 4, 5, 6];
    rng.shuffle(&mut order[1..]);
    for op in order {
        let class = u8::from(op >= 3);
        if avoid == Some(class) {
            continue;
        }
        let r = match op {
            0 => quote_attribution(&core, end, report, rng),
            1 => reported_speech(&core, rng),
            2 => trailing_attribution(&core, rng),
            3 => fronted_adverbial(&core),
            4 => trailing_phrase(&core),
            5 => subordinate_first(&core),
            _ if p.regroup || p.framing == 0 => shuffle_list(&core, rng),
            _ => None,
        };
        if let Some(mut toks) = r {
            if lead > 0 {
                if let Some(t) = toks.first_mut() {
                    decapitalize(t);
                }
                let mut with: Vec<Tok> = head.to_vec();
                with.extend(toks);
                toks = with;
            }
            return Some((class, toks));
        }
    }
    None
}

/// Reorders once, and with `second_reorder` a second time with the other
/// class of operation.
fn reorder(core: &[Tok], end: &[Tok], p: &Params, rng: &mut Rng) -> Option<Vec<Tok>> {
    let (class, toks) = reorder_one(core, end, p, None, rng)?;
    if rng.chance(p.second_reorder) {
        let (c2, e2) = split_end(&toks);
        if let Some((_, again)) = reorder_one(&c2, &e2, p, Some(class), rng) {
            return Some(again);
        }
    }
    Some(toks)
}

/// `said that he` ↔ `said he`, `a tool which` → `a tool that`,
/// `Toshiba and Intel` → `Toshiba as well as Intel`.
fn function_words(toks: &mut Vec<Tok>, p: &Params, rng: &mut Rng) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len() + 2);
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        let next = toks.get(i + 1);
        if is_speech(t) && next.is_some_and(|x| x.is("that")) && rng.chance(p.respell * 0.6) {
            out.push(t.clone());
            i += 2;
            continue;
        }
        if is_speech(t)
            && next.is_some_and(|x| {
                x.kind == Kind::Name
                    || x.kind == Kind::Word
                        && matches!(
                            &*x.text,
                            "he" | "she"
                                | "it"
                                | "they"
                                | "we"
                                | "the"
                                | "its"
                                | "his"
                                | "her"
                                | "their"
                        )
            })
            && rng.chance(p.respell * 0.6)
        {
            out.push(t.clone());
            out.push(word("that"));
            i += 1;
            continue;
        }
        if t.is("which") && out.last().is_some_and(|x| &*x.text != ",") && rng.chance(p.respell) {
            let mut that = t.clone();
            that.text = crate::text::upper_first_if(&t.text, "that").into();
            out.push(that);
            i += 1;
            continue;
        }
        if t.is("and")
            && out.last().is_some_and(|x| x.kind == Kind::Name)
            && next.is_some_and(|x| x.kind == Kind::Name)
            && rng.chance(p.respell * 0.6)
        {
            out.push(word(if rng.chance(0.5) {
                "as well as"
            } else {
                "along with"
            }));
            i += 1;
            continue;
        }
        out.push(t.clone());
        i += 1;
    }
    *toks = out;
}

/// `Google's toolbar` ↔ `the toolbar of Google`.
fn possessives(toks: &mut Vec<Tok>, p: &Params, lex: &Lexicon, rng: &mut Rng) {
    let content =
        |t: &Tok| t.kind == Kind::Word && t.mark == 0 && !lex.is_function(&t.text.to_lowercase());
    let boundary = |t: Option<&Tok>| {
        t.is_none_or(|t| {
            t.kind == Kind::Punct || t.kind == Kind::Word && lex.is_function(&t.text.to_lowercase())
        })
    };
    let mut i = 0;
    while i + 1 < toks.len() {
        let t = &toks[i];
        let (stem, suffix) = split_possessive(&t.text);
        let prev_ok = i == 0 || !content(&toks[i - 1]);
        if t.kind == Kind::Name
            && t.mark == 0
            && prev_ok
            && !suffix.is_empty()
            && content(&toks[i + 1])
            && boundary(toks.get(i + 2))
            && rng.chance(p.respell)
        {
            let name = Tok::new(stem.to_owned(), Kind::Name, true);
            let y = toks[i + 1].clone();
            toks.splice(i..i + 2, [word("the"), y, word("of"), name]);
            i += 4;
            continue;
        }
        if t.is("the")
            && i + 3 < toks.len()
            && content(&toks[i + 1])
            && toks[i + 2].is("of")
            && toks[i + 3].kind == Kind::Name
            && toks[i + 3].mark == 0
            && split_possessive(&toks[i + 3].text).1.is_empty()
            && boundary(toks.get(i + 4))
            && rng.chance(p.respell)
        {
            let name = Tok::new(format!("{}'s", toks[i + 3].text), Kind::Name, t.space);
            let y = toks[i + 1].clone();
            toks.splice(i..i + 4, [name, y]);
            i += 2;
            continue;
        }
        i += 1;
    }
}

/// Fact-keeping respellings: `£600m` → `£600 million`, `8%` →
/// `8 per cent`, `Mr Parsons` → `Parsons`, a bracketed acronym dropped.
fn respell(toks: &mut Vec<Tok>, p: &Params, lex: &Lexicon, rng: &mut Rng) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.mark == 0 && t.kind == Kind::Open && &*t.text == "(" {
            let acronym = toks.get(i + 1).is_some_and(|n| {
                n.kind == Kind::Name
                    && n.mark == 0
                    && n.text
                        .chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit())
            });
            if acronym && toks.get(i + 2).is_some_and(|c| &*c.text == ")") && rng.chance(p.respell)
            {
                i += 3;
                continue;
            }
        }
        let mut t = t.clone();
        if t.kind == Kind::Word && rng.chance(p.respell) {
            let lower = t.text.to_lowercase().replace('’', "'");
            if let Some((_, to)) = CONTRACTIONS.iter().find(|(from, _)| *from == lower) {
                t.text = crate::text::upper_first_if(&t.text, to).into();
            } else if let Some((to, _)) = CONTRACTIONS.iter().find(|(_, from)| *from == lower) {
                t.text = crate::text::upper_first_if(&t.text, to).into();
            }
        }
        if t.mark == 0 && t.kind == Kind::Num && rng.chance(p.respell) {
            let text = &t.text;
            let digit_before = |s: &str| s.chars().next_back().is_some_and(|c| c.is_ascii_digit());
            t.text = (if let Some(n) = text.strip_suffix("bn").filter(|n| digit_before(n)) {
                format!("{n} billion")
            } else if let Some(n) = text.strip_suffix('m').filter(|n| digit_before(n)) {
                format!("{n} million")
            } else if let Some(n) = text.strip_suffix('%') {
                format!(
                    "{n} {}",
                    if rng.chance(0.5) {
                        "per cent"
                    } else {
                        "percent"
                    }
                )
            } else if let Some(n) = text
                .strip_suffix(" per cent")
                .or_else(|| text.strip_suffix(" percent"))
            {
                format!("{n}%")
            } else {
                t.text.to_string()
            })
            .into();
        }
        if t.mark == 0 && t.kind == Kind::Name && rng.chance(p.respell) {
            let words: Vec<&str> = t.text.split(' ').collect();
            if words.len() >= 2 && lex.is_in(Set::Title, words[0].trim_end_matches('.')) {
                t.text = words[1..].join(" ").into();
            }
        }
        out.push(t);
        i += 1;
    }
    possessives(&mut out, p, lex, rng);
    function_words(&mut out, p, rng);
    // Filler adverbs after auxiliaries.
    if p.fillers > 0.0 {
        let mut with: Vec<Tok> = Vec::with_capacity(out.len() + 2);
        let n = out.len();
        // Only before a participle or gerund (`has indeed risen`).
        let next_participle: Vec<bool> = (0..n)
            .map(|j| {
                out.get(j + 1).is_some_and(|t| {
                    t.kind == Kind::Word
                        && (t.text.ends_with("ed")
                            || t.text.ends_with("en")
                            || t.text.ends_with("ing")
                            || &*t.text == "been")
                })
            })
            .collect();
        for (j, t) in out.into_iter().enumerate() {
            let aux = t.kind == Kind::Word
                && matches!(
                    &*t.text,
                    "has"
                        | "have"
                        | "had"
                        | "is"
                        | "was"
                        | "were"
                        | "are"
                        | "will"
                        | "would"
                        | "could"
                );
            let next_ok = next_participle.get(j).copied().unwrap_or(false);
            with.push(t);
            if aux && next_ok && j + 2 < n && rng.chance(p.fillers) {
                let filler: &str = FILLERS[rng.below(FILLERS.len())];
                with.push(word(filler));
            }
        }
        out = with;
    }
    *toks = out;
}

/// `A. B.` → `A, and b.`
fn merge(a: &[Tok], b: &[Tok], rng: &mut Rng) -> Option<Vec<Tok>> {
    let (ca, ea) = split_end(a);
    let (cb, eb) = split_end(b);
    if ca.len() > 18 || cb.len() > 18 || ca.len() < 3 || cb.len() < 3 || !plain(&ca) || !plain(&cb)
    {
        return None;
    }
    if ea.first().is_none_or(|t| &*t.text != ".") || eb.first().is_none_or(|t| &*t.text != ".") {
        return None;
    }
    let mut cb = cb;
    if let Some(t) = cb.first_mut() {
        decapitalize(t);
    }
    let link: &[Tok] = match rng.below(3) {
        0 => &[Tok::punct(","), word("and")] as &[Tok],
        1 => &[Tok::punct(";")],
        _ => &[Tok::punct(","), word("while")],
    };
    Some(join(&[&ca, link, &cb, &eb]))
}

/// Picks the entry that fits the context: a noun after a determiner, a
/// verb after a modal, a pronoun or before `to`, else a noun or an
/// adjective; `None` when the context contradicts every entry (a bare
/// verb form after `the`).
fn choose<'a>(
    entries: &'a [Entry],
    prev: Option<&Tok>,
    next: Option<&Tok>,
    p: &Params,
) -> Choice<'a> {
    let lex = Lexicon::get();
    let next_num = next.is_some_and(|t| matches!(t.kind, Kind::Num | Kind::Year));
    let next_year = next.is_some_and(|t| t.kind == Kind::Year);
    let next_name = next.is_some_and(|t| t.kind == Kind::Name);
    let usable = || {
        entries.iter().filter(move |e| match e.before {
            Before::Anything => true,
            Before::Number => next_num,
            Before::Year => next_year,
            Before::Name => next_name,
        })
    };
    let Some(first) = usable().next() else {
        return Choice::None;
    };
    if first.pos == Pos::Stop {
        return Choice::Blocked;
    }
    if first.pos == Pos::Function {
        let followed = next.is_some_and(|t| !matches!(t.kind, Kind::Punct | Kind::Close));
        return if p.function > 0.0 && followed {
            Choice::Function(first)
        } else {
            Choice::Blocked
        };
    }
    let prev_text = prev.map(|t| lowercase(&t.text));
    let prev_det = prev.is_some_and(|t| {
        !split_possessive(&t.text).1.is_empty()
            || matches!(t.kind, Kind::Num)
            || prev_text
                .as_deref()
                .is_some_and(|w| lex.is_in(Set::Determiner, w))
    });
    let prev_verbish = prev_text
        .as_deref()
        .is_some_and(|w| lex.is_in(Set::VerbContext, w));
    let prev_infinitive = prev_text.as_deref().is_some_and(|w| {
        matches!(
            w,
            "to" | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "did"
                | "not"
        )
    });
    let next_to = next.is_some_and(|t| t.is("to"));
    let next_det = next.is_some_and(|t| {
        t.kind == Kind::Word
            && matches!(
                &*t.text,
                "a" | "an"
                    | "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "this"
                    | "these"
                    | "them"
                    | "it"
            )
    });
    let prev_name = prev.is_some_and(|t| t.kind == Kind::Name);
    let prev_plural = prev.is_some_and(|t| {
        t.kind == Kind::Word
            && t.text.ends_with('s')
            && !t.text.ends_with("ss")
            && !lex.is_in(Set::Determiner, &t.text)
            && prev_text.as_deref().is_some_and(|w| !lex.is_function(w))
    });
    let find = |pos: Pos| usable().find(|e| e.pos == pos);
    let has_base = usable().any(|e| e.pos == Pos::Verb && e.form == Form::Base);
    let verb_inflected = usable().find(|e| {
        e.pos == Pos::Verb
            && matches!(e.form, Form::Past | Form::Participle | Form::Gerund)
            && !has_base
    });
    let verb_finite =
        usable().find(|e| e.pos == Pos::Verb && matches!(e.form, Form::Third | Form::Past));
    let third = usable().any(|e| e.pos == Pos::Verb && e.form == Form::Third);
    let prev_function = prev_text.as_deref().is_some_and(|w| lex.is_function(w));
    let next_to = next_to && third && !prev_function;
    // After an auxiliary a participle, else a past tense (`was granted`
    // → `was given`, not `was gave`).
    let prev_aux = prev_text.as_deref().is_some_and(|w| {
        matches!(
            w,
            "was"
                | "were"
                | "is"
                | "are"
                | "be"
                | "been"
                | "being"
                | "has"
                | "have"
                | "had"
                | "get"
                | "got"
        )
    });
    let participle = usable().find(|e| e.pos == Pos::Verb && e.form == Form::Participle);
    let past = usable().find(|e| e.pos == Pos::Verb && e.form == Form::Past);
    let find_verb = || {
        if prev_aux {
            participle.or_else(|| usable().find(|e| e.pos == Pos::Verb))
        } else if participle.is_some() && past.is_some() {
            past
        } else {
            usable().find(|e| e.pos == Pos::Verb)
        }
    };
    let next_content =
        next.is_some_and(|t| t.kind == Kind::Word && !lex.is_function(&lowercase(&t.text)));
    let pick = if prev_det && next_content && find(Pos::Other).is_some() {
        find(Pos::Other)
    } else if prev_det {
        find(Pos::Noun)
            .or_else(|| find(Pos::Other))
            .or(verb_inflected)
    } else if prev_infinitive {
        usable()
            .find(|e| e.pos == Pos::Verb && e.form == Form::Base)
            .or_else(|| find(Pos::Other))
    } else if prev_verbish || next_to || prev_plural || next_det {
        find_verb()
            .or_else(|| find(Pos::Other))
            .or_else(|| find(Pos::Noun))
    } else if prev_name {
        verb_finite
            .or_else(|| find(Pos::Noun))
            .or_else(|| find(Pos::Other))
            .or_else(find_verb)
    } else {
        find(Pos::Noun)
            .or_else(|| find(Pos::Other))
            .or_else(|| usable().find(|e| e.pos == Pos::Verb && e.form != Form::Base))
    };
    match pick {
        Some(e) => Choice::Content(e),
        None => Choice::None,
    }
}

enum Choice<'a> {
    None,
    Blocked,
    Content(&'a Entry),
    Function(&'a Entry),
}

fn match_case(model: &str, alt: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return alt.to_uppercase();
    }
    if model.chars().next().is_some_and(char::is_uppercase) {
        return upper_first(alt);
    }
    alt.to_owned()
}

/// Lowercase words of a body, for [`substitute`] to avoid.
pub(crate) fn vocabulary<'a>(sents: impl Iterator<Item = &'a Sent>) -> FastSet<String> {
    let mut v = FastSet::default();
    for s in sents {
        for t in &s.toks {
            for w in t
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                let w = lowercase(w);
                if !v.contains(w.as_ref()) {
                    v.insert(w.into_owned());
                }
            }
        }
    }
    v
}

/// An alternative, preferring those that bring no word of the source
/// back (`company` → `firm` is no change when the source says `firm`).
fn pick_alt<'a>(alts: &'a [String], avoid: &FastSet<String>, rng: &mut Rng) -> &'a String {
    let is_fresh = |a: &&String| {
        a.split(|c: char| !c.is_alphanumeric())
            .all(|w| w.is_empty() || !avoid.contains(lowercase(w).as_ref()))
    };
    let fresh = alts.iter().filter(is_fresh).count();
    if fresh == 0 {
        return rng.pick(alts);
    }
    let k = rng.below(fresh);
    alts.iter().filter(is_fresh).nth(k).unwrap_or(&alts[0])
}

/// Replaces words and phrases with synonyms.
pub(crate) fn substitute(
    toks: &mut Vec<Tok>,
    p: &Params,
    lex: &Lexicon,
    avoid: &FastSet<String>,
    rng: &mut Rng,
) {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut depth = 0i32;
    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_quote() {
            depth += if t.kind == Kind::Open { 1 } else { -1 };
        }
        if t.kind != Kind::Word || t.mark != 0 || (depth > 0 && !p.in_quotes) {
            out.push(t.clone());
            i += 1;
            continue;
        }
        // Longest phrase first.
        let mut done = false;
        let lower = lowercase(&t.text);
        if lex.starts_phrase(&lower) {
            for n in (2..=lex.max_phrase).rev() {
                if i + n > toks.len()
                    || !toks[i..i + n]
                        .iter()
                        .all(|t| t.kind == Kind::Word && t.mark == 0)
                {
                    continue;
                }
                key.clear();
                for (k, t) in toks[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(&lowercase(&t.text));
                }
                let Some(entries) = lex.lookup(&key) else {
                    continue;
                };
                let choice = choose(
                    entries,
                    i.checked_sub(1).and_then(|j| toks.get(j)),
                    toks.get(i + n),
                    p,
                );
                let (entry, rate) = match choice {
                    Choice::Content(e) => (Some(e), p.synonyms),
                    Choice::Function(e) => (Some(e), p.function),
                    Choice::Blocked | Choice::None => (None, 0.0),
                };
                if let Some(e) = entry
                    && rng.chance(rate)
                {
                    let alt = pick_alt(&e.alts, avoid, rng);
                    out.push(Tok::new(match_case(&t.text, alt), Kind::Word, t.space));
                } else {
                    out.extend(toks[i..i + n].iter().cloned());
                }
                i += n;
                done = true;
                break;
            }
        }
        if done {
            continue;
        }
        let (stem, suffix) = split_possessive(&t.text);
        let key = lowercase(stem);
        let replaced = lex.lookup(&key).and_then(|entries| {
            let (entry, rate) = match choose(
                entries,
                i.checked_sub(1).and_then(|j| toks.get(j)),
                toks.get(i + 1),
                p,
            ) {
                Choice::Content(e) => (e, p.synonyms),
                Choice::Function(e) => (e, p.function),
                Choice::Blocked | Choice::None => return None,
            };
            if !rng.chance(rate) {
                return None;
            }
            let alt = pick_alt(&entry.alts, avoid, rng);
            (lowercase(alt) != key).then(|| format!("{}{suffix}", match_case(stem, alt)))
        });
        match replaced {
            Some(text) => out.push(Tok::new(text, Kind::Word, t.space)),
            None => out.push(t.clone()),
        }
        i += 1;
    }
    fix_articles(&mut out);
    *toks = out;
}

/// `a` / `an` agreeing with the next word.
pub(crate) fn fix_articles(toks: &mut [Tok]) {
    for i in 0..toks.len().saturating_sub(1) {
        let (head, tail) = toks.split_at_mut(i + 1);
        let a = &mut head[i];
        let next = &tail[0];
        if a.kind != Kind::Word || !matches!(next.kind, Kind::Word | Kind::Name) {
            continue;
        }
        let lower = a.text.to_lowercase();
        if lower != "a" && lower != "an" {
            continue;
        }
        let w = next.text.to_lowercase();
        let vowel = w.starts_with(['a', 'e', 'i', 'o', 'u'])
            && !w.starts_with("uni")
            && !w.starts_with("use")
            && !w.starts_with("usu")
            && !w.starts_with("eu")
            && !w.starts_with("one")
            && !w.starts_with("once");
        let vowel = vowel
            || ["hour", "honest", "honour", "heir"]
                .iter()
                .any(|h| w.starts_with(h));
        let want = if vowel { "an" } else { "a" };
        if lower != want {
            a.text = match_case(&a.text, want).into();
        }
    }
}

/// The rewritten body, with `keep` marks never dropped and each
/// `changes` mark's token text replaced.
pub(crate) fn rewrite_body(
    body: &Body,
    p: &Params,
    keep: &[u16],
    changes: &[(u16, String)],
    lex: &Lexicon,
    rng: &mut Rng,
) -> Body {
    let avoid = if p.avoid_source {
        vocabulary(body.sents())
    } else {
        FastSet::default()
    };
    let mut groups: Vec<Vec<Sent>> = Vec::new();
    let mut first = true;
    for para in body.paras.iter().filter(|p| p.kind == ParaKind::Body) {
        let mut sents: Vec<Vec<Tok>> = Vec::new();
        for s in &para.sents {
            let protected = s.marks().any(|m| keep.contains(&m));
            // The lead stays, except in recycled stories (no framing), whose
            // different leads keep them apart.
            let lead_kept = first && p.framing > 0;
            if !lead_kept && !protected && rng.chance(p.drop) {
                continue;
            }
            first = false;
            let mut s = s.clone();
            for t in &mut s.toks {
                if let Some((_, v)) = changes.iter().find(|(m, _)| *m == t.mark && t.mark != 0) {
                    t.text = v.clone().into();
                }
            }
            sents.extend(restructure(&s, p, rng));
        }
        // Merges of short neighbours.
        let mut merged: Vec<Vec<Tok>> = Vec::with_capacity(sents.len());
        for s in sents {
            if rng.chance(p.merge)
                && let Some(prev) = merged.last()
                && let Some(m) = merge(prev, &s, rng)
            {
                let last = merged.len() - 1;
                merged[last] = m;
                continue;
            }
            merged.push(s);
        }
        let mut out = Vec::with_capacity(merged.len());
        for mut toks in merged {
            if rng.chance(p.swap) {
                swap_coordination(&mut toks, rng, lex);
            }
            if p.respell > 0.0 {
                respell(&mut toks, p, lex, rng);
            }
            substitute(&mut toks, p, lex, &avoid, rng);
            out.push(finish(toks));
        }
        if !out.is_empty() {
            groups.push(out);
        }
    }
    let mut paras: Vec<Para> = if p.regroup {
        let all: Vec<Sent> = groups.into_iter().flatten().collect();
        let mut paras = Vec::new();
        let mut cur: Vec<Sent> = Vec::new();
        let mut want = rng.range(1, 3) as usize;
        let mut open_quotes = 0i32;
        for s in all {
            for t in s.toks.iter().filter(|t| t.is_quote()) {
                open_quotes += if t.kind == Kind::Open { 1 } else { -1 };
            }
            cur.push(s);
            // A paragraph never ends inside a quotation.
            if cur.len() >= want && open_quotes <= 0 {
                paras.push(Para::new(ParaKind::Body, std::mem::take(&mut cur)));
                want = rng.range(1, 3) as usize;
                open_quotes = 0;
            }
        }
        if !cur.is_empty() {
            paras.push(Para::new(ParaKind::Body, cur));
        }
        paras
    } else {
        groups
            .into_iter()
            .map(|s| Para::new(ParaKind::Body, s))
            .collect()
    };
    let framing = if p.framing == 0 {
        0
    } else {
        rng.range(0, p.framing as i64) as usize
    };
    for k in 0..framing {
        let text = *rng.pick(&lex.lists.framing);
        let sent = Sent {
            toks: crate::text::tokenize(text),
        };
        let para = Para::new(ParaKind::Framing, vec![sent]);
        if k == 0 && paras.len() > 1 {
            paras.insert(1, para);
        } else {
            paras.push(para);
        }
    }
    Body { paras }
}

/// Puts a title in a new frame: `T: what we know`, `Inside t`, ….
fn frame_title(mut toks: Vec<Tok>, rng: &mut Rng) -> Vec<Tok> {
    while toks.last().is_some_and(|t| t.kind == Kind::Punct) {
        toks.pop();
    }
    let words = |s: &str| -> Vec<Tok> { s.split(' ').map(word).collect() };
    let lowered = |mut t: Vec<Tok>| {
        if let Some(f) = t.first_mut() {
            decapitalize(f);
        }
        t
    };
    match rng.below(6) {
        0 => join(&[&toks, &[Tok::punct(":")], &words("what we know")]),
        1 => join(&[&words("What we know about"), &lowered(toks)]),
        2 => join(&[&toks, &[Tok::punct(",")], &words("explained")]),
        3 => join(&[&words("Report"), &[Tok::punct(":")], &toks]),
        4 => join(&[&words("Inside"), &lowered(toks)]),
        _ => join(&[&words("Latest"), &[Tok::punct(":")], &toks]),
    }
}

/// A rewritten title.
pub(crate) fn rewrite_title(title: &Sent, p: &Params, lex: &Lexicon, rng: &mut Rng) -> Sent {
    let mut toks = title.toks.clone();
    if rng.chance(p.swap) {
        swap_coordination(&mut toks, rng, lex);
    }
    let avoid = if p.avoid_source {
        vocabulary(std::iter::once(title))
    } else {
        FastSet::default()
    };
    substitute(&mut toks, p, lex, &avoid, rng);
    if rng.chance(p.title_frame) {
        toks = frame_title(toks, rng);
    }
    let mut s = finish(toks);
    // A title never ends open (the ingest headline rule).
    while s
        .toks
        .last()
        .is_some_and(|t| t.kind == Kind::Punct && &*t.text != "?" && &*t.text != "!")
    {
        s.toks.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Renderer, parse_article};

    fn render(s: &Sent) -> String {
        let mut r = Renderer::default();
        r.sent(s);
        r.text
    }

    fn sent(text: &str) -> Sent {
        let lex = Lexicon::get();
        let (_, body) = parse_article(lex, "Title here", &[text.to_owned()]);
        body.paras[0].sents[0].clone()
    }

    /// Runs `testdata/paraphrase/reorder.txt`: each operation on each input.
    #[test]
    fn reorderings() {
        let cases = include_str!("../testdata/paraphrase/reorder.txt");
        let mut n = 0;
        for line in cases
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let parts: Vec<&str> = line.split(" | ").collect();
            let [op, input, expect] = parts[..] else {
                panic!("bad case {line:?}")
            };
            let s = sent(input);
            let (core, end) = split_end(&s.toks);
            let mut rng = Rng::new(3);
            let got = match op {
                "fronted" => fronted_adverbial(&core),
                "trailing" => trailing_phrase(&core),
                "quote" => quote_attribution(&core, &end, false, &mut rng),
                "reported-quote" => quote_attribution(&core, &end, true, &mut rng),
                "reported" => reported_speech(&core, &mut rng),
                "trailing-attribution" => trailing_attribution(&core, &mut rng),
                "subordinate" => subordinate_first(&core),
                other => panic!("unknown operation {other}"),
            };
            let got = got.map(|t| render(&finish(t)));
            let expect = (expect != "-").then_some(expect);
            assert_eq!(got.as_deref(), expect, "{op}: {input}");
            n += 1;
        }
        assert!(n >= 10);
    }

    #[test]
    fn splits_and_merges() {
        let s = sent(
            "The firm said its profits rose sharply, but its film division saw profits slump badly.",
        );
        let (core, end) = split_end(&s.toks);
        let mut rng = Rng::new(1);
        let (a, b) = split(&core, &end, &mut rng).expect("split");
        assert_eq!(
            render(&finish(a)),
            "The firm said its profits rose sharply."
        );
        assert!(render(&finish(b)).ends_with("its film division saw profits slump badly."));
        let m = merge(
            &sent("Sales rose sharply.").toks,
            &sent("Costs fell again.").toks,
            &mut rng,
        )
        .expect("merge");
        let text = render(&finish(m));
        assert!(
            text.starts_with("Sales rose sharply") && text.ends_with("costs fell again."),
            "{text}"
        );
    }

    #[test]
    fn synonyms_keep_facts() {
        let lex = Lexicon::get();
        let s = sent(
            "The company said profits rose 76% to $1.13bn in 2004, chairman Richard Parsons said.",
        );
        let mut toks = s.toks.clone();
        let mut rng = Rng::new(9);
        substitute(&mut toks, &Params::HARD, lex, &FastSet::default(), &mut rng);
        let text = render(&finish(toks));
        for fact in ["76%", "$1.13bn", "2004", "Richard Parsons"] {
            assert!(text.contains(fact), "{text}");
        }
        assert!(!text.contains("company"), "{text}");
    }

    #[test]
    fn articles_agree() {
        let mut toks = crate::text::tokenize("a estimate and an firm");
        fix_articles(&mut toks);
        let t: Vec<&str> = toks.iter().map(|t| &*t.text).collect();
        assert_eq!(t, ["an", "estimate", "and", "a", "firm"]);
    }
}
