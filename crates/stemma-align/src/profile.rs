//! Per-document features: each token's term (stem) and class, and the
//! corpus statistics that weight terms by rarity.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use stemma_segment::{Segmented, Token, TokenKind};

use crate::stopwords::is_stopword;

/// Seed of term ids (xxh3 of the stem): stable across runs and machines.
const TERM_SEED: u64 = 0x7e4a_5eed_0001;

/// What a token contributes as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A function word: ignored by sentence similarity.
    Stop,
    /// A content word.
    Word,
    /// A number written in digits or as a number word other than
    /// "zero"/"one": a checkable fact.
    Number,
    /// A capitalised word that is not capitalised merely because it opens
    /// a sentence or a title-case headline: a name, a checkable fact.
    Name,
}

impl Class {
    /// Whether the class is a checkable fact (numbers, names).
    pub fn is_fact(self) -> bool {
        matches!(self, Class::Number | Class::Name)
    }
}

/// A token as a term: the id of its stem (or of its normalised form, for
/// numbers) and its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub id: u64,
    /// Id of the stem's first five characters, for a loose match of words
    /// of one family that stem differently (`inspect`/`inspector`); 0 for
    /// shorter stems, numbers and stopwords.
    pub prefix: u64,
    pub class: Class,
}

/// The stemmer and stopword list in one place, so that [`TermStats`] and
/// [`Profile`] give the same id to the same word.
struct Terms {
    stemmer: Stemmer,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The term id of a normalised token: its stem's, or for numbers and
    /// stopwords its own.
    fn id(&self, norm: &str, kind: TokenKind) -> u64 {
        if kind == TokenKind::Number || is_stopword(norm) {
            return term_hash(norm);
        }
        self.stem_id(norm)
    }

    fn stem_id(&self, norm: &str) -> u64 {
        self.stem_ids(norm).0
    }

    /// Ids of the stem and of its five-character prefix (0 if shorter).
    fn stem_ids(&self, norm: &str) -> (u64, u64) {
        let stem: Cow<'_, str> = self.stemmer.stem(norm);
        let prefix = match stem.char_indices().nth(5) {
            Some((end, _)) => term_hash(&stem[..end]),
            None if stem.chars().count() == 5 => term_hash(&stem),
            None => 0,
        };
        (term_hash(&stem), prefix)
    }
}

/// A hasher for word sets and maps (the per-document word memo, the stem
/// cache, the stopwords): xxh3 of the bytes written. They are only looked
/// up, never iterated, so their order reaches nothing.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What [`Profile::new`] needs of a normalised word, once per distinct
/// word of a document: whether it is a stopword, and its stem ids.
struct WordMemo<'t, 'a> {
    terms: &'t Terms,
    seen: HashMap<&'a str, (bool, u64, u64), std::hash::BuildHasherDefault<WordHasher>>,
}

/// Words a worker thread keeps the stem ids of across documents, before it
/// starts afresh: stemming is a pure function of the word, and a corpus
/// repeats its vocabulary, so most words are stemmed once per thread.
const STEM_CACHE: usize = 1 << 18;

type StemCache = HashMap<Box<str>, (u64, u64), std::hash::BuildHasherDefault<WordHasher>>;

thread_local! {
    static STEMS: std::cell::RefCell<StemCache> = std::cell::RefCell::new(HashMap::default());
}

impl<'a> WordMemo<'_, 'a> {
    /// `(is_stopword, stem id, stem prefix id)` of `norm`.
    fn get(&mut self, norm: &'a str) -> (bool, u64, u64) {
        let terms = self.terms;
        *self.seen.entry(norm).or_insert_with(|| {
            let (id, prefix) = STEMS.with_borrow_mut(|cache| {
                if let Some(&ids) = cache.get(norm) {
                    return ids;
                }
                if cache.len() >= STEM_CACHE {
                    cache.clear();
                }
                let ids = terms.stem_ids(norm);
                cache.insert(norm.into(), ids);
                ids
            });
            (is_stopword(norm), id, prefix)
        })
    }
}

fn term_hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(s.as_bytes(), TERM_SEED)
}

/// Document frequencies of terms over a corpus, giving idf weights.
///
/// Built in one pass; a sorted vector, so lookups are binary searches and
/// nothing depends on hash order. Statistics of two shards combine with
/// [`TermStats::merge`] (document frequencies add up), which is how a
/// distributed run builds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermStats {
    documents: u64,
    /// `(term id, document frequency)`, sorted by id.
    df: Vec<(u64, u32)>,
}

impl TermStats {
    /// Statistics of `docs`: each document counts once per distinct term.
    pub fn build(docs: &[&Segmented]) -> TermStats {
        let terms = Terms::new();
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut seen: Vec<u64> = Vec::new();
        for doc in docs {
            seen.clear();
            seen.extend(doc.tokens.iter().map(|t| terms.id(doc.norm(t), t.kind)));
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                *df.entry(id).or_insert(0) += 1;
            }
        }
        // Sorted before anything reads it: hash order never escapes.
        let mut df: Vec<(u64, u32)> = df.into_iter().collect();
        df.sort_unstable();
        TermStats {
            documents: docs.len() as u64,
            df,
        }
    }

    /// The same statistics as [`TermStats::build`] over the profiles'
    /// segmentations, read from the profiles' terms instead of stemming
    /// every word again.
    pub fn from_profiles(profiles: &[&Profile<'_>]) -> TermStats {
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut seen: Vec<u64> = Vec::new();
        for p in profiles {
            seen.clear();
            seen.extend(p.stats_ids());
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                *df.entry(id).or_insert(0) += 1;
            }
        }
        let mut df: Vec<(u64, u32)> = df.into_iter().collect();
        df.sort_unstable();
        TermStats {
            documents: profiles.len() as u64,
            df,
        }
    }

    /// The statistics of both corpora together.
    pub fn merge(&self, other: &TermStats) -> TermStats {
        let mut df = Vec::with_capacity(self.df.len() + other.df.len());
        let (mut i, mut j) = (0, 0);
        while i < self.df.len() || j < other.df.len() {
            match (self.df.get(i), other.df.get(j)) {
                (Some(&(x, m)), Some(&(y, n))) if x == y => {
                    df.push((x, m.saturating_add(n)));
                    i += 1;
                    j += 1;
                }
                (Some(&(x, m)), Some(&(y, _))) if x < y => {
                    df.push((x, m));
                    i += 1;
                }
                (Some(&(x, m)), None) => {
                    df.push((x, m));
                    i += 1;
                }
                (_, Some(&(y, n))) => {
                    df.push((y, n));
                    j += 1;
                }
                (None, None) => break,
            }
        }
        TermStats {
            documents: self.documents + other.documents,
            df,
        }
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Document frequency of term `id` (0 if unseen).
    pub fn df(&self, id: u64) -> u32 {
        self.df
            .binary_search_by_key(&id, |&(k, _)| k)
            .map_or(0, |i| self.df[i].1)
    }

    /// Smoothed inverse document frequency, `ln((N + 1) / (df + 1)) + 1`:
    /// at least 1, so that with tiny corpora (a pair on its own) shared
    /// terms still weigh about as much as unshared ones.
    pub fn idf(&self, id: u64) -> f64 {
        let n = self.documents as f64;
        let df = f64::from(self.df(id)).min(n);
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

/// A segmented document with its terms: built once per document, used by
/// every pair the document is in.
#[derive(Debug, Clone)]
pub struct Profile<'a> {
    pub(crate) text: &'a str,
    pub(crate) seg: &'a Segmented,
    /// One per token of `seg`.
    pub(crate) terms: Vec<Term>,
    /// Token hashes of `seg`, the literal aligner's alphabet.
    pub(crate) hashes: Vec<u64>,
}

impl<'a> Profile<'a> {
    /// Terms of `seg`, which must be the segmentation of `text` (spans of
    /// other texts are read as far as they fit and otherwise ignored).
    pub fn new(text: &'a str, seg: &'a Segmented) -> Profile<'a> {
        let terms_of = Terms::new();
        let mut memo = WordMemo {
            terms: &terms_of,
            seen: HashMap::default(),
        };
        let raw = |t: &Token| text.get(t.span.start..t.span.end).unwrap_or_default();
        let capital = |t: &Token| raw(t).chars().next().is_some_and(char::is_uppercase);
        let all_caps = |t: &Token| {
            let r = raw(t);
            r.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !r.chars().any(char::is_lowercase)
        };

        // Sentences set in title case or capitals: their capitals say nothing.
        let mut titled = vec![false; seg.sentences.len()];
        for (s, flag) in titled.iter_mut().enumerate() {
            let toks = seg.sentence_tokens(s);
            let (mut words, mut caps) = (0usize, 0usize);
            for t in toks {
                if t.kind == TokenKind::Word && !memo.get(seg.norm(t)).0 {
                    words += 1;
                    caps += usize::from(capital(t));
                }
            }
            *flag = words >= 3 && caps * 10 >= words * 7;
        }

        // Names: capitalised words inside ordinary sentences.
        let mut names: Vec<u64> = Vec::new();
        for (s, sentence) in seg.sentences.iter().enumerate() {
            if titled[s] {
                continue;
            }
            let toks = seg.tokens.get(sentence.tokens.clone()).unwrap_or_default();
            for t in toks.iter().skip(1) {
                let norm = seg.norm(t);
                if t.kind == TokenKind::Word && capital(t) {
                    let (stop, id, _) = memo.get(norm);
                    if !stop || all_caps(t) {
                        names.push(id);
                    }
                }
            }
        }
        names.sort_unstable();
        names.dedup();

        let mut terms = Vec::with_capacity(seg.tokens.len());
        for (s, sentence) in seg.sentences.iter().enumerate() {
            for (k, t) in seg
                .tokens
                .get(sentence.tokens.clone())
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let norm = seg.norm(t);
                let term = match t.kind {
                    TokenKind::Number => {
                        let as_word = raw(t).chars().next().is_some_and(char::is_alphabetic);
                        Term {
                            id: term_hash(norm),
                            prefix: 0,
                            class: if as_word && matches!(norm, "0" | "1") {
                                Class::Word
                            } else {
                                Class::Number
                            },
                        }
                    }
                    TokenKind::Word => {
                        let (stop, id, prefix) = memo.get(norm);
                        let plain_capital = capital(t) && !titled[s] && k > 0;
                        let acronym = all_caps(t) && !titled[s];
                        let class = if stop && !acronym {
                            Class::Stop
                        } else if (plain_capital && (!stop || acronym))
                            || (capital(t) && names.binary_search(&id).is_ok())
                        {
                            Class::Name
                        } else if stop {
                            Class::Stop
                        } else {
                            Class::Word
                        };
                        if class == Class::Stop {
                            Term {
                                id: term_hash(norm),
                                prefix: 0,
                                class,
                            }
                        } else {
                            Term { id, prefix, class }
                        }
                    }
                };
                terms.push(term);
            }
        }
        // Tokens outside every sentence (none, by construction) stay aligned.
        terms.resize(
            seg.tokens.len(),
            Term {
                id: 0,
                prefix: 0,
                class: Class::Stop,
            },
        );
        Profile {
            text,
            seg,
            terms,
            hashes: seg.tokens.iter().map(|t| t.hash).collect(),
        }
    }

    /// The id [`Terms::id`] gives each token (what [`TermStats`] counts):
    /// the profile's term id, except for stopwords that the profile took
    /// as names (acronyms such as `US`), which count under their own form.
    fn stats_ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.seg.tokens.iter().zip(&self.terms).map(|(t, term)| {
            if t.kind == TokenKind::Word && term.class != Class::Stop {
                let norm = self.seg.norm(t);
                if is_stopword(norm) {
                    return term_hash(norm);
                }
            }
            term.id
        })
    }

    /// The segmentation this profile was built from.
    pub fn segmented(&self) -> &'a Segmented {
        self.seg
    }

    /// The original text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Term of every token, in token order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }
}
