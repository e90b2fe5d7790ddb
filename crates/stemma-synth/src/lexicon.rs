//! The generator's word knowledge: the synonym table (with English
//! inflection), function words, and the name, place and outlet lists.
//! All of it is written for this project and compiled into the binary.

use std::collections::HashMap;

use crate::rng::{FastMap, FastSet};
use std::sync::LazyLock;

const SYNONYMS: &str = include_str!("../data/synonyms.txt");
const IRREGULAR: &str = include_str!("../data/irregular.txt");
const LISTS: &str = include_str!("../data/lists.txt");

/// Part of speech of a synonym entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    Verb,
    Noun,
    /// Adjectives, adverbs: no inflection.
    Other,
    /// Function words and phrases: hard rewrites only.
    Function,
    /// An idiom that must not be replaced word by word.
    Stop,
}

/// Which form of its lemma a key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Base,
    Third,
    Past,
    Participle,
    Gerund,
    Singular,
    Plural,
    Fixed,
}

/// What must follow a key for its entry to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Before {
    Anything,
    Number,
    Year,
    /// A proper name (`+C` in the table).
    Name,
}

/// One way to replace a word form.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub pos: Pos,
    pub form: Form,
    pub alts: Vec<String>,
    /// Only before a number (`about 20` → `around 20`; `+N` in the table)
    /// or a year (`in 2004` → `during 2004`; `+Y`).
    pub before: Before,
    /// Made by reversing another entry (not written in the table).
    pub generated: bool,
}

/// Word lists, by section of `data/lists.txt`.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    pub first: Vec<&'static str>,
    pub last: Vec<&'static str>,
    pub surname_onset: Vec<&'static str>,
    pub surname_vowel: Vec<&'static str>,
    pub surname_middle: Vec<&'static str>,
    pub surname_end: Vec<&'static str>,
    pub city: Vec<&'static str>,
    pub country: Vec<&'static str>,
    pub title: Vec<&'static str>,
    pub org_suffix: Vec<&'static str>,
    pub place_stem: Vec<&'static str>,
    pub place_end: Vec<&'static str>,
    pub paper: Vec<&'static str>,
    pub agg_stem: Vec<&'static str>,
    pub agg_prefix: Vec<&'static str>,
    pub farm_prefix: Vec<&'static str>,
    pub farm_suffix: Vec<&'static str>,
    pub framing: Vec<&'static str>,
    pub subhead: Vec<&'static str>,
    pub teaser_noun: Vec<&'static str>,
    pub teaser_verb: Vec<&'static str>,
    pub teaser_adj: Vec<&'static str>,
}

/// Everything the paraphraser and the name detector look up.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Lowercase form or phrase → entries in table order.
    entries: FastMap<String, Vec<Entry>>,
    /// First words of multi-word keys.
    phrase_starts: FastSet<String>,
    /// The most words in a key.
    pub max_phrase: usize,
    function: FastSet<&'static str>,
    known_names: FastSet<&'static str>,
    /// Irregular past tenses and participles.
    participles: FastSet<&'static str>,
    sets: [FastSet<&'static str>; 6],
    pub lists: Lists,
}

/// The word sets of [`Lexicon::is_in`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Set {
    Determiner = 0,
    VerbContext = 1,
    FirstName = 2,
    Title = 3,
    City = 4,
    Country = 5,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// Function words: never names, kept by easy rewrites.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "enough",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "less",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "rather",
    "same",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

/// Tokens after which a base or -s form is a noun.
pub(crate) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
    "your", "no", "any", "each", "every", "another", "such", "whose", "some", "many", "several",
    "few", "more", "most", "first", "last", "new", "big", "biggest", "main",
];

/// Tokens after which a form is a verb.
pub(crate) const VERB_CONTEXT: &[&str] = &[
    "to", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does", "do",
    "not", "he", "she", "it", "they", "we", "i", "you", "who", "which", "also", "has", "have",
    "had", "is", "are", "was", "were", "be", "been", "being", "never", "n't",
];

const NUMBER_WORDS: &[&str] = &[
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
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
];

/// Month names and abbreviations, weekdays.
pub(crate) const DATE_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A spelt-out small number (`one` … `trillion`).
pub(crate) fn is_number_word(w: &str) -> bool {
    NUMBER_WORDS.contains(&w) || {
        let lower = w.to_ascii_lowercase();
        w.chars().next().is_some_and(char::is_uppercase) && NUMBER_WORDS.contains(&lower.as_str())
    }
}

/// A month or weekday name.
pub(crate) fn is_date_word(w: &str) -> bool {
    DATE_WORDS.contains(&w)
}

impl Lexicon {
    /// The lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        &LEXICON
    }

    fn build() -> Lexicon {
        let irregular = parse_irregular();
        let mut entries: FastMap<String, Vec<Entry>> = FastMap::default();
        // Table order, for the reverse entries below.
        let mut order: Vec<(String, Entry)> = Vec::new();
        let mut add = |key: String, entry: Entry| {
            order.push((key.clone(), entry.clone()));
            entries.entry(key).or_default().push(entry);
        };
        for line in SYNONYMS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((pos, rest)) = line.split_once(' ') else {
                continue;
            };
            let (key, alts) = match rest.split_once(" = ") {
                Some((k, a)) => (
                    k.trim(),
                    a.split('|')
                        .map(|s| s.trim().to_owned())
                        .collect::<Vec<_>>(),
                ),
                None => (rest.trim(), Vec::new()),
            };
            let (key, before) = if let Some(k) = key.strip_suffix("+N") {
                (k, Before::Number)
            } else if let Some(k) = key.strip_suffix("+Y") {
                (k, Before::Year)
            } else if let Some(k) = key.strip_suffix("+C") {
                (k, Before::Name)
            } else {
                (key, Before::Anything)
            };
            match pos {
                "v" => {
                    let mut parts = key.split(',').map(str::trim);
                    let base = parts.next().unwrap_or_default();
                    let past = parts.next();
                    let pp = parts.next().or(past);
                    let forms = verb_forms(base, past, pp, &irregular);
                    let alt_forms: Vec<[String; 5]> = alts
                        .iter()
                        .map(|a| verb_forms(a, None, None, &irregular))
                        .collect();
                    const FORMS: [Form; 5] = [
                        Form::Base,
                        Form::Third,
                        Form::Past,
                        Form::Participle,
                        Form::Gerund,
                    ];
                    for (i, form) in forms.iter().enumerate() {
                        let alts: Vec<String> = alt_forms.iter().map(|f| f[i].clone()).collect();
                        add(
                            form.clone(),
                            Entry {
                                pos: Pos::Verb,
                                form: FORMS[i],
                                alts,
                                before,
                                generated: false,
                            },
                        );
                    }
                }
                "n" => {
                    let mut parts = key.split(',').map(str::trim);
                    let singular = parts.next().unwrap_or_default();
                    let plural = parts.next().map(str::to_owned).or_else(|| {
                        let plural_already = singular.ends_with('s') && !singular.ends_with("ss");
                        (!plural_already).then(|| pluralize_phrase(singular))
                    });
                    add(
                        singular.to_owned(),
                        Entry {
                            pos: Pos::Noun,
                            form: Form::Singular,
                            alts: alts.clone(),
                            before,
                            generated: false,
                        },
                    );
                    if let Some(plural) = plural {
                        let plural_already = singular.ends_with('s') && !singular.ends_with("ss");
                        let alts = if plural_already {
                            alts
                        } else {
                            alts.iter().map(|a| pluralize_phrase(a)).collect()
                        };
                        add(
                            plural,
                            Entry {
                                pos: Pos::Noun,
                                form: Form::Plural,
                                alts,
                                before,
                                generated: false,
                            },
                        );
                    }
                }
                "a" | "f" | "s" => {
                    let pos = match pos {
                        "a" => Pos::Other,
                        "f" => Pos::Function,
                        _ => Pos::Stop,
                    };
                    add(
                        key.to_owned(),
                        Entry {
                            pos,
                            form: Form::Fixed,
                            alts,
                            before,
                            generated: false,
                        },
                    );
                }
                _ => {}
            }
        }
        // Closure: an alternative that is not a key itself gets the key and
        // the other alternatives as its own (`stated` → `said`, `noted`),
        // in table order so that the result never depends on hashing.
        for (key, e) in &order {
            if !matches!(e.pos, Pos::Verb | Pos::Noun | Pos::Other) {
                continue;
            }
            for alt in &e.alts {
                let lower = alt.to_lowercase();
                // A reversed phrase that starts with a light verb or ends
                // with a preposition (`come to` → `total`) would fire inside
                // idioms (`come to an end`).
                if let Some((first, _)) = lower.split_once(' ') {
                    const LIGHT: &[&str] = &[
                        "come", "go", "get", "make", "take", "put", "set", "turn", "bring", "give",
                        "look", "keep", "run", "hold", "pull", "carry", "work", "be", "have", "do",
                    ];
                    const PREPOSITIONS: &[&str] = &[
                        " to", " of", " for", " in", " on", " at", " with", " from", " by", " into",
                    ];
                    if LIGHT.contains(&first) || PREPOSITIONS.iter().any(|p| lower.ends_with(p)) {
                        continue;
                    }
                }
                if lower == *key
                    || entries
                        .get(&lower)
                        .is_some_and(|v| v.iter().any(|x| x.pos != Pos::Stop && !x.generated))
                {
                    continue;
                }
                let mut alts = vec![key.clone()];
                alts.extend(e.alts.iter().filter(|a| a.to_lowercase() != lower).cloned());
                entries.entry(lower).or_default().push(Entry {
                    pos: e.pos,
                    form: e.form,
                    alts,
                    before: e.before,
                    generated: true,
                });
            }
        }
        let mut phrase_starts = FastSet::default();
        let mut max_phrase = 1;
        for key in entries.keys() {
            let words = key.split(' ').count();
            if words > 1 {
                max_phrase = max_phrase.max(words);
                if let Some(first) = key.split(' ').next() {
                    phrase_starts.insert(first.to_owned());
                }
            }
        }
        let lists = parse_lists();
        let mut known_names: FastSet<&'static str> = FastSet::default();
        for list in [
            &lists.first,
            &lists.last,
            &lists.city,
            &lists.country,
            &lists.title,
        ] {
            known_names.extend(list.iter().copied());
        }
        let participles = irregular.values().flat_map(|&(p, q)| [p, q]).collect();
        let sets = [
            DETERMINERS.iter().copied().collect(),
            VERB_CONTEXT.iter().copied().collect(),
            lists.first.iter().copied().collect(),
            lists.title.iter().copied().collect(),
            lists.city.iter().copied().collect(),
            lists.country.iter().copied().collect(),
        ];
        Lexicon {
            participles,
            sets,
            entries,
            phrase_starts,
            max_phrase,
            function: FUNCTION_WORDS.iter().copied().collect(),
            known_names,
            lists,
        }
    }

    /// The entries for a lowercase form or phrase.
    pub fn lookup(&self, key: &str) -> Option<&[Entry]> {
        self.entries.get(key).map(Vec::as_slice)
    }

    /// Whether some multi-word key starts with this lowercase word.
    pub fn starts_phrase(&self, word: &str) -> bool {
        self.phrase_starts.contains(word)
    }

    pub fn is_function(&self, lower: &str) -> bool {
        self.function.contains(lower)
    }

    /// In the synonym table: a common word, not a name.
    pub fn is_common(&self, lower: &str) -> bool {
        self.entries.contains_key(lower)
    }

    /// Whether `word` is the base form of a verb in the table.
    pub fn is_base_verb(&self, word: &str) -> bool {
        self.entries.get(word).is_some_and(|es| {
            es.iter()
                .any(|e| e.pos == Pos::Verb && e.form == Form::Base)
        })
    }

    /// Whether `word` is in one of the word sets.
    pub fn is_in(&self, set: Set, word: &str) -> bool {
        self.sets[set as usize].contains(word)
    }

    /// A past participle or gerund (`aimed`, `brought`, `saving`): a
    /// phrase after it belongs to it.
    pub fn is_participle(&self, word: &str) -> bool {
        let w = crate::rng::lowercase(word);
        w.len() > 3 && (w.ends_with("ed") || w.ends_with("ing"))
            || self.participles.contains(w.as_ref())
    }

    /// On one of the name, place or title lists.
    pub fn is_known_name(&self, word: &str) -> bool {
        self.known_names.contains(word)
    }
}

fn parse_irregular() -> HashMap<&'static str, (&'static str, &'static str)> {
    IRREGULAR
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?, (w.next()?, w.next()?)))
        })
        .collect()
}

fn parse_lists() -> Lists {
    let mut lists = Lists::default();
    let mut section = "";
    for line in LISTS.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let list = match section {
            "first" => &mut lists.first,
            "last" => &mut lists.last,
            "surname-onset" => &mut lists.surname_onset,
            "surname-vowel" => &mut lists.surname_vowel,
            "surname-middle" => &mut lists.surname_middle,
            "surname-end" => &mut lists.surname_end,
            "city" => &mut lists.city,
            "country" => &mut lists.country,
            "title" => &mut lists.title,
            "org-suffix" => &mut lists.org_suffix,
            "place-stem" => &mut lists.place_stem,
            "place-end" => &mut lists.place_end,
            "paper" => &mut lists.paper,
            "agg-stem" => &mut lists.agg_stem,
            "agg-prefix" => &mut lists.agg_prefix,
            "farm-prefix" => &mut lists.farm_prefix,
            "farm-suffix" => &mut lists.farm_suffix,
            "framing" => &mut lists.framing,
            "subhead" => &mut lists.subhead,
            "teaser-noun" => &mut lists.teaser_noun,
            "teaser-verb" => &mut lists.teaser_verb,
            "teaser-adj" => &mut lists.teaser_adj,
            _ => continue,
        };
        list.push(line);
    }
    lists
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether the final consonant doubles before `-ed` / `-ing`.
fn doubles(w: &str) -> bool {
    const TWO_SYLLABLE: &[&str] = &[
        "admit", "commit", "submit", "permit", "omit", "regret", "refer", "prefer", "occur",
        "control", "patrol", "compel", "propel", "equip", "transfer", "rebel", "embed", "cancel",
        "label", "travel", "model", "signal", "total", "equal", "level", "fuel", "channel",
        "counsel", "quarrel", "excel", "expel", "dispel", "repel", "upset", "outwit", "kidnap",
        "worship", "format",
    ];
    if TWO_SYLLABLE.contains(&w) {
        return true;
    }
    let cs: Vec<char> = w.chars().collect();
    let n = cs.len();
    if n < 3 {
        return false;
    }
    let last = cs[n - 1];
    let groups = {
        let mut g = 0;
        let mut prev = false;
        for &c in &cs {
            let v = is_vowel(c);
            if v && !prev {
                g += 1;
            }
            prev = v;
        }
        g
    };
    groups == 1
        && !is_vowel(last)
        && !matches!(last, 'w' | 'x' | 'y')
        && is_vowel(cs[n - 2])
        && !is_vowel(cs[n - 3])
}

pub(crate) fn third_person(w: &str) -> String {
    match w {
        "be" => return "is".to_owned(),
        "have" => return "has".to_owned(),
        "do" => return "does".to_owned(),
        "go" => return "goes".to_owned(),
        _ => {}
    }
    if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") || w.ends_with('o') {
        return format!("{w}es");
    }
    if let Some(stem) = w.strip_suffix('y')
        && stem.chars().next_back().is_some_and(|c| !is_vowel(c))
    {
        return format!("{stem}ies");
    }
    format!("{w}s")
}

fn regular_past(w: &str) -> String {
    if w.ends_with('e') {
        return format!("{w}d");
    }
    if let Some(stem) = w.strip_suffix('y')
        && stem.chars().next_back().is_some_and(|c| !is_vowel(c))
    {
        return format!("{stem}ied");
    }
    if doubles(w) {
        let last = w.chars().next_back().unwrap_or_default();
        return format!("{w}{last}ed");
    }
    format!("{w}ed")
}

fn gerund(w: &str) -> String {
    if w == "be" {
        return "being".to_owned();
    }
    if let Some(stem) = w.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if w.ends_with('e')
        && !w.ends_with("ee")
        && !w.ends_with("ye")
        && !w.ends_with("oe")
        && w.len() > 2
    {
        return format!("{}ing", &w[..w.len() - 1]);
    }
    if doubles(w) {
        let last = w.chars().next_back().unwrap_or_default();
        return format!("{w}{last}ing");
    }
    format!("{w}ing")
}

/// `[base, -s, past, participle, -ing]` of a verb or verb phrase (the
/// first word inflects).
fn verb_forms(
    base: &str,
    past: Option<&str>,
    pp: Option<&str>,
    irregular: &HashMap<&str, (&str, &str)>,
) -> [String; 5] {
    let (head, tail) = match base.split_once(' ') {
        Some((h, t)) => (h, format!(" {t}")),
        None => (base, String::new()),
    };
    let (ipast, ipp) = match irregular.get(head) {
        Some(&(p, q)) => (p.to_owned(), q.to_owned()),
        None => (regular_past(head), regular_past(head)),
    };
    let past = past.map_or_else(|| format!("{ipast}{tail}"), str::to_owned);
    let pp = pp.map_or_else(|| format!("{ipp}{tail}"), str::to_owned);
    [
        base.to_owned(),
        format!("{}{tail}", third_person(head)),
        past,
        pp,
        format!("{}{tail}", gerund(head)),
    ]
}

fn pluralize(w: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("man", "men"),
        ("woman", "women"),
        ("child", "children"),
        ("person", "people"),
        ("life", "lives"),
        ("half", "halves"),
        ("crisis", "crises"),
        ("analysis", "analyses"),
        ("know-how", "know-how"),
        ("PC", "PCs"),
    ];
    if let Some(&(_, p)) = IRREGULAR.iter().find(|(s, _)| *s == w) {
        return p.to_owned();
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        // Already plural (`ten years`, `earnings`).
        return w.to_owned();
    }
    if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        return format!("{w}es");
    }
    if let Some(stem) = w.strip_suffix('y')
        && stem.chars().next_back().is_some_and(|c| !is_vowel(c))
    {
        return format!("{stem}ies");
    }
    format!("{w}s")
}

/// Pluralises the head of a noun phrase: the word before `of`, else the
/// last word.
fn pluralize_phrase(p: &str) -> String {
    let words: Vec<&str> = p.split(' ').collect();
    let head = words
        .iter()
        .position(|&w| w == "of")
        .map_or(words.len() - 1, |i| i.saturating_sub(1));
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == head {
                pluralize(w)
            } else {
                (*w).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection() {
        let irr = parse_irregular();
        assert_eq!(
            verb_forms("rise", Some("rose"), Some("risen"), &irr),
            ["rise", "rises", "rose", "risen", "rising"]
        );
        assert_eq!(
            verb_forms("go up", None, None, &irr),
            ["go up", "goes up", "went up", "gone up", "going up"]
        );
        assert_eq!(
            verb_forms("plan", None, None, &irr),
            ["plan", "plans", "planned", "planned", "planning"]
        );
        assert_eq!(
            verb_forms("try", None, None, &irr),
            ["try", "tries", "tried", "tried", "trying"]
        );
        assert_eq!(verb_forms("agree", None, None, &irr)[4], "agreeing");
        assert_eq!(verb_forms("boost", None, None, &irr)[2], "boosted");
        assert_eq!(pluralize_phrase("piece of software"), "pieces of software");
        assert_eq!(pluralize_phrase("company"), "companies");
        assert_eq!(pluralize_phrase("mobile phone"), "mobile phones");
    }

    #[test]
    fn table_loads() {
        let lex = Lexicon::get();
        let said = lex.lookup("said").expect("said");
        assert_eq!(said[0].pos, Pos::Verb);
        assert!(said[0].alts.contains(&"stated".to_owned()));
        let rising = lex.lookup("rising").expect("rising");
        assert!(rising[0].alts.contains(&"climbing".to_owned()));
        assert!(lex.lookup("companies").is_some());
        assert!(
            lex.lookup("close to")
                .is_some_and(|e| e[0].pos == Pos::Stop)
        );
        assert!(lex.starts_phrase("according"));
        assert!(!lex.lists.first.is_empty() && !lex.lists.framing.is_empty());
        // Every entry has alternatives unless it is a stop phrase.
        for (key, entries) in &lex.entries {
            for e in entries {
                assert!(e.pos == Pos::Stop || !e.alts.is_empty(), "{key}");
                assert!(e.alts.iter().all(|a| !a.is_empty()), "{key}");
            }
        }
    }
}
