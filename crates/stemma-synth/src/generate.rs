//! The story generator: plans each story's versions, derives their texts,
//! renders them with boilerplate and writes documents and truth records.
//!
//! Story `i` is a pure function of the seed, `i` and the source pool: its
//! random stream is derived from `(seed, i)`, its document ids from a
//! bijective mix of `(i, version)`, its source article from the round
//! order. So the output is the same whatever was generated before it, and
//! memory holds one story at a time.

use rayon::prelude::*;
use serde_json::json;

use crate::facts::{self, NameKind, Topic};
use crate::lexicon::Lexicon;
use crate::measure;
use crate::outlet::{self, Context, Outlet, OutletKind};
use crate::paraphrase::{self, Params};
use crate::pool::{self, Pool, Round};
use crate::rng::{Rng, mix64};
use crate::sink::{Document, Sink};
use crate::source::Article;
use crate::style;
use crate::text::{Body, Kind, Para, ParaKind, Renderer, Sent, parse_article, split_possessive};
use crate::time::{BASE, Civil, Minutes};
use crate::truth::{
    ChangeTruth, DerivationTruth, DocumentTruth, Header, InsertedTruth, PairTruth, Record,
    SpanTruth, VERSION,
};
use crate::{Config, Error, Size};

const LABEL_STORY: u64 = 0x7374_6f72;
const LABEL_ID: u64 = 0x6964_6964;
const LABEL_INSERT: u64 = 0x696e_7365;
const LABEL_ORIGINAL: u64 = 0x6f72_6967;
const LABEL_QUOTE: u64 = 0x7175_6f74;

/// What a document is in its story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Original,
    Copy,
    Excerpt,
    Rewrite,
    Distractor,
}

impl Role {
    const ALL: [Role; 5] = [
        Role::Original,
        Role::Copy,
        Role::Excerpt,
        Role::Rewrite,
        Role::Distractor,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Role::Original => "original",
            Role::Copy => "copy",
            Role::Excerpt => "excerpt",
            Role::Rewrite => "rewrite",
            Role::Distractor => "distractor",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Easy,
    Hard,
}

/// A planned version: what it is and where it comes from.
#[derive(Debug, Clone, Copy)]
struct Spec {
    role: Role,
    source: Option<usize>,
}

/// A version with its text.
#[derive(Debug, Clone)]
struct Node {
    role: Role,
    source: Option<usize>,
    generation: u32,
    /// The version whose wording this one carries (the original, or a
    /// rewrite).
    family: usize,
    /// Content paragraphs of the family's text kept (`None`: all).
    extent: Option<usize>,
    level: Option<Level>,
    outlet: usize,
    published: Minutes,
    title: Sent,
    body: Body,
    /// The insertion was made in this version (not inherited).
    inserted_here: bool,
}

/// A fact a rewrite changed.
#[derive(Debug, Clone)]
struct Fact {
    mark: u16,
    /// What kind of value is drawn for the change.
    topic: Topic,
    /// What the truth calls the change ([`facts::truth_topic`]: a day
    /// of the month drawn as a number is a date change).
    label: Topic,
    rewrite: usize,
    source: usize,
    new_value: Option<String>,
}

/// Mean lexical overlap of one kind of rewrite with its source, measured
/// on body paragraphs (inserted and framing paragraphs left out).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Retention {
    /// Rewrites measured.
    pub count: u64,
    /// Mean share of the source's distinct word 5-grams kept.
    pub ngram5: f64,
    /// Mean share of the source's distinct words kept.
    pub vocabulary: f64,
    /// Mean Jaccard index of the two vocabularies.
    pub jaccard: f64,
}

impl Retention {
    fn add(&mut self, source: &str, derived: &str) {
        let o = measure::overlap(source, derived);
        self.count += 1;
        self.ngram5 += o.ngram5;
        self.vocabulary += o.vocabulary;
        self.jaccard += o.jaccard;
    }

    fn mean(mut self) -> Retention {
        if self.count > 0 {
            let n = self.count as f64;
            self.ngram5 /= n;
            self.vocabulary /= n;
            self.jaccard /= n;
        }
        self
    }
}

/// What a run made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub stories: u64,
    pub documents: u64,
    /// Bytes of document text.
    pub bytes: u64,
    /// Documents per role, in a fixed order.
    pub roles: Vec<(&'static str, u64)>,
    /// Change records written (all, inherited included) and changes made.
    pub change_records: u64,
    pub changes: u64,
    /// Insertions made.
    pub insertions: u64,
    /// Stories told from a recycled (perturbed) source article.
    pub recycled_stories: u64,
    /// Source articles given, and left out as near-duplicates.
    pub source_articles: usize,
    pub near_duplicates: usize,
    pub easy: Retention,
    pub hard: Retention,
}

struct Generator<'a> {
    config: &'a Config,
    lex: &'static Lexicon,
    articles: Vec<Article>,
    pool: Pool,
    /// A permutation of `pool.inserts`.
    insert_order: Vec<usize>,
    outlets: Vec<Outlet>,
    by_kind: [Vec<usize>; 3],
}

/// A story's versions before rendering.
struct Built {
    nodes: Vec<Node>,
    facts: Vec<Fact>,
    quote: Option<Quote>,
}

/// A paragraph a story's original quotes from an earlier story.
struct Quote {
    para: Para,
    /// The donor story and the paragraph's content index in its original.
    donor: u64,
    at: usize,
    /// Its content index in the quoting original.
    position: usize,
    /// Its word tokens ([`words`]), what its holders are compared on.
    words: Vec<(String, usize)>,
    /// The donor's versions that keep some of it word for word.
    holders: Vec<Holder>,
}

/// A version that keeps some of a quoted paragraph in its words: its id,
/// and per word token of the paragraph whether it is kept.
type Holder = (String, Vec<bool>);

/// Words a version must keep unchanged in one run of a quoted paragraph to
/// share its text: stemma's shortest `partial` passage (25 tokens in the
/// same wording).
const QUOTE_RUN: usize = 25;

/// Length of a quoted paragraph (tokens, punctuation included).
const QUOTE_TOKENS: std::ops::RangeInclusive<usize> = 30..=120;
/// A quoted paragraph's largest share of its donor's body tokens.
const QUOTE_SHARE: f64 = 0.35;
/// How many stories back a quotation's donor may be.
const QUOTE_LOOKBACK: u64 = 12;

/// Whether version `n` keeps content paragraph `at` of its story's
/// original in the original's words.
fn keeps_content(n: &Node, at: usize) -> bool {
    n.family == 0 && n.extent.is_none_or(|k| at < k)
}

/// The word tokens of `sents` (punctuation left out), lower case, each
/// with its number of words as stemma's tokenizer counts them (a name may
/// have several, `65-year-old` has three; see [`stemma_words`]).
fn words<'a>(sents: impl Iterator<Item = &'a Sent>) -> Vec<(String, usize)> {
    sents
        .flat_map(|s| &s.toks)
        .filter(|t| !matches!(t.kind, Kind::Punct | Kind::Open | Kind::Close | Kind::Dash))
        .map(|t| (t.text.to_lowercase(), stemma_words(&t.text)))
        .collect()
}

/// How many tokens stemma's tokenizer makes of `text` (its segment
/// DESIGN): runs of letters and digits, joined across an apostrophe
/// between letters (`don't`), a period, comma or colon between digits
/// (`2.4`, `1,200`) and a period between single letters (`U.S.`); a `%`
/// after a number is a word of its own (`percent`).
fn stemma_words(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_alphanumeric() {
            if c == '%' && i > 0 && chars[i - 1].is_ascii_digit() {
                n += 1;
            }
            i += 1;
            continue;
        }
        n += 1;
        let numeric = c.is_ascii_digit();
        let mut j = i + 1;
        while let Some(&c) = chars.get(j) {
            let (prev, next) = (chars[j - 1], chars.get(j + 1).copied());
            let single = |k: usize| k == 0 || !chars[k - 1].is_alphabetic();
            let joins = c.is_alphanumeric()
                || (numeric
                    && matches!(c, '.' | ',' | ':')
                    && prev.is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit()))
                || (matches!(c, '\'' | '’')
                    && prev.is_alphabetic()
                    && next.is_some_and(char::is_alphabetic))
                || (c == '.'
                    && prev.is_alphabetic()
                    && single(j - 1)
                    && next.is_some_and(char::is_alphabetic)
                    && chars.get(j + 2).is_none_or(|x| !x.is_alphanumeric()));
            if !joins {
                break;
            }
            j += 1;
        }
        i = j;
    }
    n
}

/// Per word token of a paragraph (`p`, its [`words`]): whether `body` has
/// it inside a run of at least [`QUOTE_RUN`] words of it (or all of it),
/// unchanged and in order (longest common runs, O(paragraph × body)).
fn kept_words(p: &[(String, usize)], body: &Body) -> Vec<bool> {
    let b = words(body.paras.iter().flat_map(|q| &q.sents));
    // Per body position: the run (tokens, words) ending at the previous
    // paragraph token.
    let mut prev = vec![(0usize, 0usize); b.len() + 1];
    let mut cur = prev.clone();
    let mut longest = vec![0usize; p.len()];
    for (i, (w, n)) in p.iter().enumerate() {
        for (j, (v, _)) in b.iter().enumerate() {
            cur[j + 1] = if w == v {
                let (t, k) = prev[j];
                (t + 1, k + n)
            } else {
                (0, 0)
            };
            if cur[j + 1].1 >= QUOTE_RUN || cur[j + 1].0 == p.len() {
                longest[i] = longest[i].max(cur[j + 1].0);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut kept = vec![false; p.len()];
    for (i, &l) in longest.iter().enumerate() {
        // A run ending at paragraph token `i` has at most `i + 1` tokens.
        if l > 0 {
            kept[i + 1 - l..=i].fill(true);
        }
    }
    kept
}

/// Whether two holders of a paragraph (`words`, its [`words`]) keep one
/// run of at least [`QUOTE_RUN`] of its words, or all of it, in common.
fn share_words(words: &[(String, usize)], a: &[bool], b: &[bool]) -> bool {
    let (mut tokens, mut run) = (0, 0);
    for ((_, n), (&x, &y)) in words.iter().zip(a.iter().zip(b)) {
        (tokens, run) = if x && y {
            (tokens + 1, run + n)
        } else {
            (0, 0)
        };
        if run >= QUOTE_RUN || tokens == words.len() {
            return true;
        }
    }
    false
}

/// One story, ready to write.
struct StoryOut {
    docs: Vec<DocOut>,
    records: Vec<Record>,
    stats: Stats,
}

struct DocOut {
    id: String,
    title: String,
    outlet: usize,
    published: String,
    text: String,
}

/// What a story adds to the [`Summary`].
#[derive(Debug, Default)]
struct Stats {
    roles: [u64; 5],
    easy: Retention,
    hard: Retention,
    changes: u64,
    change_records: u64,
    insertions: u64,
    recycled: bool,
}

/// Stories generated in parallel between two writes.
const BATCH: u64 = 64;

/// Generates a corpus from `articles` into `sink`: the header record,
/// then story after story, each as its documents followed by its truth
/// records.
pub fn generate<S: Sink + ?Sized>(
    config: &Config,
    articles: &[Article],
    sink: &mut S,
) -> Result<Summary, Error> {
    config.validate()?;
    let g = Generator::new(config, articles)?;
    sink.truth(&Record::Header(g.header()))?;
    let mut summary = Summary {
        source_articles: g.articles.len(),
        near_duplicates: g.pool.near_duplicates,
        ..Summary::default()
    };
    let mut acc = Stats::default();
    let mut next = 0u64;
    'batches: loop {
        let batch = match config.size {
            Size::Stories(n) => BATCH.min(n - next),
            // Enough stories for the documents still missing (about 5.5 a
            // story), at least one.
            Size::Documents(n) => BATCH.min((n - summary.documents).div_ceil(8)).max(1),
        };
        if batch == 0 {
            break;
        }
        let outs: Vec<StoryOut> = (next..next + batch)
            .into_par_iter()
            .map(|i| g.story(i, None))
            .collect();
        for (k, mut out) in outs.into_iter().enumerate() {
            let index = next + k as u64;
            if let Size::Documents(n) = config.size {
                let missing = (n - summary.documents) as usize;
                if out.docs.len() > missing {
                    out = g.story(index, Some(missing));
                }
            }
            g.write(&out, &mut summary, sink)?;
            acc.add(&out.stats);
            if let Size::Documents(n) = config.size
                && summary.documents >= n
            {
                break 'batches;
            }
        }
        next += batch;
    }
    sink.finish()?;
    summary.roles = Role::ALL
        .iter()
        .zip(acc.roles)
        .map(|(r, n)| (r.as_str(), n))
        .collect();
    summary.easy = acc.easy.mean();
    summary.hard = acc.hard.mean();
    summary.changes = acc.changes;
    summary.change_records = acc.change_records;
    summary.insertions = acc.insertions;
    Ok(summary)
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        for (a, b) in self.roles.iter_mut().zip(o.roles) {
            *a += b;
        }
        for (a, b) in [(&mut self.easy, &o.easy), (&mut self.hard, &o.hard)] {
            a.count += b.count;
            a.ngram5 += b.ngram5;
            a.vocabulary += b.vocabulary;
            a.jaccard += b.jaccard;
        }
        self.changes += o.changes;
        self.change_records += o.change_records;
        self.insertions += o.insertions;
    }
}

impl<'a> Generator<'a> {
    fn new(config: &'a Config, articles: &[Article]) -> Result<Generator<'a>, Error> {
        let lex = Lexicon::get();
        let mut articles = articles.to_vec();
        articles.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.title.cmp(&b.title)));
        let pool = pool::build(lex, &articles, config.seed, config.hard_negative_share);
        if pool.stories.is_empty() || articles.len() < 2 {
            return Err(Error::TooFewArticles {
                found: articles.len() - pool.near_duplicates,
            });
        }
        let mut insert_order: Vec<usize> = (0..pool.inserts.len()).collect();
        Rng::derive(config.seed, LABEL_INSERT, 0).shuffle(&mut insert_order);
        let estimated_stories = match config.size {
            Size::Stories(n) => n,
            Size::Documents(n) => n / 6,
        };
        let count = config
            .outlets
            .unwrap_or((estimated_stories / 2).clamp(12, 600) as usize);
        let outlets = outlet::outlets(lex, config.seed, count);
        let mut by_kind: [Vec<usize>; 3] = Default::default();
        for (i, o) in outlets.iter().enumerate() {
            let k = match o.kind {
                OutletKind::Publisher => 0,
                OutletKind::Aggregator => 1,
                OutletKind::Farm => 2,
            };
            by_kind[k].push(i);
        }
        Ok(Generator {
            config,
            lex,
            articles,
            pool,
            insert_order,
            outlets,
            by_kind,
        })
    }

    fn header(&self) -> Header {
        let c = self.config;
        let (size_key, size) = match c.size {
            Size::Stories(n) => ("stories", n),
            Size::Documents(n) => ("documents", n),
        };
        Header {
            stemma_truth: VERSION,
            generator: format!("stemma generate {}", env!("CARGO_PKG_VERSION")),
            seed: Some(c.seed),
            params: json!({
                size_key: size,
                "source": c.source_label,
                "source_articles": self.articles.len(),
                "near_duplicates_left_out": self.pool.near_duplicates,
                "story_articles": self.pool.stories.len(),
                "insertion_paragraphs": self.pool.inserts.len(),
                "hard_negative_pairs": self.pool.pairs.len(),
                "outlets": self.outlets.len(),
                "hard_share": c.hard_share,
                "distractor_share": c.distractor_share,
                "hard_negative_share": c.hard_negative_share,
                "fact_change_share": c.fact_change_share,
                "insert_share": c.insert_share,
                "quote_share": c.quote_share,
                "second_generation_share": c.second_generation_share,
                "date_noise": c.date_noise,
            }),
        }
    }

    /// `(article, round, hard-negative partner story)` of story `i`.
    fn source_of(&self, i: u64) -> (usize, u64, Option<u64>) {
        let n = self.pool.stories.len() as u64;
        let r = i / n;
        let slot = (i % n) as usize;
        let round: Round = pool::round(&self.pool, self.config.seed, r);
        let partner = (slot > 0 && round.second_of_pair[slot]).then(|| i - 1);
        (round.order[slot], r, partner)
    }

    fn doc_id(&self, story: u64, local: usize) -> String {
        // A bijection of (story, local): ids never collide.
        let key = mix64(self.config.seed ^ LABEL_ID);
        let x = mix64(key ^ ((story << 8) | local as u64));
        format!("{:016x}", x)
    }

    /// The id of version `local` of story `story`, published by `outlet`.
    fn version_id(&self, story: u64, local: usize, outlet: usize) -> String {
        format!(
            "{}/{}",
            self.outlets[outlet].slug,
            self.doc_id(story, local)
        )
    }

    fn pick_outlet(&self, kind: usize, used: &[usize], rng: &mut Rng) -> usize {
        let list = &self.by_kind[kind];
        let mut pick = list[0];
        for _ in 0..6 {
            let u = rng.unit();
            pick = list[((u * u) * list.len() as f64) as usize % list.len()];
            if !used.contains(&pick) {
                break;
            }
        }
        pick
    }

    /// The article's title and body; recycled rounds replace every name,
    /// number and year and paraphrase it hard, so that the story is a
    /// different one.
    fn original_text(&self, article: usize, round: u64, rng: &mut Rng) -> (Sent, Body) {
        let a = &self.articles[article];
        let (mut title, mut body) = parse_article(self.lex, &a.title, &a.paragraphs);
        if round == 0 {
            return (title, body);
        }
        facts::swap_entities(self.lex, &mut title, &mut body, rng);
        let body = paraphrase::rewrite_body(&body, &Params::RECYCLE, &[], &[], self.lex, rng);
        let title = paraphrase::rewrite_title(&title, &Params::RECYCLE, self.lex, rng);
        (title, body)
    }

    /// The paragraph inserted into rewrite `slot` of story `story`.
    fn insertion(&self, story: u64, slot: u64, rng: &mut Rng) -> Option<Para> {
        if self.insert_order.is_empty() {
            return None;
        }
        let n = self.insert_order.len() as u64;
        let k = story * 2 + slot;
        let (a, p) = self.pool.inserts[self.insert_order[(k % n) as usize]];
        let round = k / n;
        let text = &self.articles[a].paragraphs[p];
        let (mut title, mut body) = parse_article(
            self.lex,
            &self.articles[a].title,
            std::slice::from_ref(text),
        );
        if round > 0 {
            facts::swap_entities(self.lex, &mut title, &mut body, rng);
            let params = Params {
                drop: 0.0,
                ..Params::RECYCLE
            };
            body = paraphrase::rewrite_body(&body, &params, &[], &[], self.lex, rng);
        }
        let sents: Vec<Sent> = body.paras.into_iter().flat_map(|p| p.sents).collect();
        (!sents.is_empty()).then(|| Para::new(ParaKind::Inserted, sents))
    }

    fn plan(&self, rng: &mut Rng, distractor: bool, paras: usize) -> Vec<Spec> {
        let mut specs = vec![Spec {
            role: if distractor {
                Role::Distractor
            } else {
                Role::Original
            },
            source: None,
        }];
        if distractor {
            return specs;
        }
        let copies = 1 + rng.weighted(&[3, 4, 2]);
        let excerpts = if paras >= 2 {
            rng.weighted(&[3, 4, 2])
        } else {
            0
        };
        let rewrites = 1 + rng.weighted(&[5, 4]);
        let mut full: Vec<usize> = vec![0];
        for _ in 0..copies {
            let source = if full.len() > 1 && rng.chance(0.25) {
                *rng.pick(&full[1..])
            } else {
                0
            };
            specs.push(Spec {
                role: Role::Copy,
                source: Some(source),
            });
            full.push(specs.len() - 1);
        }
        for _ in 0..excerpts {
            let source = if full.len() > 1 && rng.chance(0.3) {
                *rng.pick(&full[1..])
            } else {
                0
            };
            specs.push(Spec {
                role: Role::Excerpt,
                source: Some(source),
            });
        }
        for _ in 0..rewrites {
            let source = if full.len() > 1 && rng.chance(0.25) {
                *rng.pick(&full[1..])
            } else {
                0
            };
            specs.push(Spec {
                role: Role::Rewrite,
                source: Some(source),
            });
            let rw = specs.len() - 1;
            if rng.chance(self.config.second_generation_share) {
                let role = if rng.chance(0.6) {
                    Role::Copy
                } else {
                    Role::Excerpt
                };
                specs.push(Spec {
                    role,
                    source: Some(rw),
                });
            }
        }
        specs
    }

    /// Marks the tokens whose value each rewrite will change.
    fn plan_facts(&self, specs: &[Spec], original: &mut Body, rng: &mut Rng) -> Vec<Fact> {
        let mut facts = Vec::new();
        for (i, s) in specs.iter().enumerate() {
            if s.role != Role::Rewrite || !rng.chance(self.config.fact_change_share) {
                continue;
            }
            let cands = facts::candidates(self.lex, original);
            if cands.is_empty() {
                continue;
            }
            let mut topics: Vec<Topic> = Vec::new();
            for c in &cands {
                if !topics.contains(&c.topic) {
                    topics.push(c.topic);
                }
            }
            let topic = *rng.pick(&topics);
            let of_topic: Vec<_> = cands.iter().filter(|c| c.topic == topic).collect();
            let c = **rng.pick(&of_topic);
            let mark = facts.len() as u16 + 1;
            let toks = &mut original.paras[c.para].sents[c.sent].toks;
            let label = facts::truth_topic(toks, c.tok, topic);
            toks[c.tok].mark = mark;
            facts.push(Fact {
                mark,
                topic,
                label,
                rewrite: i,
                source: s.source.unwrap_or(0),
                new_value: None,
            });
        }
        facts
    }

    fn story(&self, index: u64, limit: Option<usize>) -> StoryOut {
        let b = self.build(index, limit);
        let (article, round, partner) = self.source_of(index);
        let section = self.section(&self.articles[article].topic);
        let origin = format!("{}#{round}", self.articles[article].name);
        let mut out = self.assemble(index, partner, &origin, &section, &b.nodes, &b.facts);
        if let Some(q) = &b.quote {
            out.records.extend(self.quote_pairs(index, &b.nodes, q));
        }
        out.stats.recycled = round > 0;
        out
    }

    /// Whether story `index` draws a quotation. A story that draws one
    /// is never a donor.
    fn draws_quote(&self, index: u64) -> bool {
        Rng::derive(self.config.seed, LABEL_QUOTE, index).chance(self.config.quote_share)
    }

    /// The paragraph story `index` quotes word for word from the original
    /// of an earlier story on the same topic (background an outlet reuses
    /// across stories of one beat), if it quotes one: the nearest of the
    /// `QUOTE_LOOKBACK` stories before it that draws no quotation itself
    /// (so that building the donor never needs a donor of its own), and a
    /// paragraph after the lead, of `QUOTE_TOKENS`, at most `QUOTE_SHARE`
    /// of the donor's body. Not in a hard-negative partner.
    fn quote(&self, index: u64, partner: Option<u64>) -> Option<Quote> {
        if partner.is_some() || !self.draws_quote(index) {
            return None;
        }
        let topic = &self.articles[self.source_of(index).0].topic;
        let from = (index.saturating_sub(QUOTE_LOOKBACK)..index)
            .rev()
            .find(|&j| {
                !self.draws_quote(j) && self.articles[self.source_of(j).0].topic == *topic
            })?;
        let donor = self.build(from, None);
        let original = &donor.nodes[0].body;
        let tokens = |p: &Para| p.sents.iter().map(|s| s.toks.len()).sum::<usize>();
        let total: usize = original.paras.iter().map(tokens).sum();
        let content: Vec<&Para> = original.paras.iter().filter(|p| p.is_content()).collect();
        // Background, not the lead.
        let long: Vec<usize> = (1..content.len())
            .filter(|&i| {
                let n = tokens(content[i]);
                content[i].kind == ParaKind::Body
                    && QUOTE_TOKENS.contains(&n)
                    && n as f64 <= QUOTE_SHARE * total as f64
            })
            .collect();
        if long.is_empty() {
            return None;
        }
        let mut rng = Rng::derive(self.config.seed, LABEL_QUOTE ^ 1, index);
        let at = *rng.pick(&long);
        let mut para = content[at].clone();
        for t in para.sents.iter_mut().flat_map(|s| s.toks.iter_mut()) {
            t.mark = 0;
        }
        let words = words(para.sents.iter());
        let holders = self.holders(from, &donor.nodes, at, &words);
        Some(Quote {
            para,
            donor: from,
            at,
            position: rng.range(1, 1 << 20) as usize,
            words,
            holders,
        })
    }

    /// The versions of story `index` that keep some of a paragraph (`words`,
    /// its [`words`]), its original's content paragraph `at`, in its words:
    /// all of it when they carry the original's wording and keep that
    /// paragraph, runs of at least [`QUOTE_RUN`] words left unchanged by a
    /// rewrite otherwise.
    fn holders(
        &self,
        index: u64,
        nodes: &[Node],
        at: usize,
        words: &[(String, usize)],
    ) -> Vec<Holder> {
        nodes
            .iter()
            .enumerate()
            .filter_map(|(l, n)| {
                let kept = if keeps_content(n, at) {
                    vec![true; words.len()]
                } else if n.family != 0 {
                    kept_words(words, &n.body)
                } else {
                    return None;
                };
                kept.contains(&true)
                    .then(|| (self.version_id(index, l, n.outlet), kept))
            })
            .collect()
    }

    /// `partial` pairs between the versions of story `index` that keep some
    /// of its quotation and the versions of the donor, and of the stories
    /// between that quote the same paragraph, that keep the same run of
    /// at least [`QUOTE_RUN`] of its words.
    fn quote_pairs(&self, index: u64, nodes: &[Node], q: &Quote) -> Vec<Record> {
        let mut others = q.holders.clone();
        for k in q.donor + 1..index {
            if !self.draws_quote(k) {
                continue;
            }
            let b = self.build(k, None);
            if let Some(qk) = &b.quote
                && qk.donor == q.donor
                && qk.at == q.at
            {
                others.extend(self.holders(k, &b.nodes, qk.position, &qk.words));
            }
        }
        let mut pairs = Vec::new();
        for (id, kept) in self.holders(index, nodes, q.position, &q.words) {
            for (h, other) in &others {
                if !share_words(&q.words, &kept, other) {
                    continue;
                }
                let (a, b) = if id < *h { (&id, h) } else { (h, &id) };
                pairs.push(PairTruth {
                    a: a.clone(),
                    b: b.clone(),
                    relation: "partial".to_owned(),
                });
            }
        }
        pairs.sort_by(|p, q| (&p.a, &p.b).cmp(&(&q.a, &q.b)));
        pairs.into_iter().map(Record::Pair).collect()
    }

    /// Story `index`'s versions and the facts its rewrites change.
    fn build(&self, index: u64, limit: Option<usize>) -> Built {
        let mut rng = Rng::derive(self.config.seed, LABEL_STORY, index);
        let (article, round, partner) = self.source_of(index);
        let (title, mut body) = self.original_text(article, round, &mut rng);
        let mut quote = self.quote(index, partner);
        if let Some(q) = &mut quote {
            // Before the content paragraph `position` (after the lead).
            let n = body.content_paras();
            q.position = if n == 0 { 0 } else { 1 + q.position % n };
            let at = body
                .paras
                .iter()
                .enumerate()
                .filter(|(_, p)| p.is_content())
                .nth(q.position)
                .map_or(body.paras.len(), |(i, _)| i);
            body.paras.insert(at, q.para.clone());
        }
        let distractor = rng.chance(self.config.distractor_share);
        let specs = self.plan(&mut rng, distractor, body.content_paras());
        let mut fact_list = self.plan_facts(&specs, &mut body, &mut rng);
        let start = BASE + rng.range(0, 730 * 1440 - 1);
        let keep = limit.unwrap_or(usize::MAX).min(specs.len());

        // Build every version, sources first.
        let mut nodes: Vec<Node> = Vec::with_capacity(specs.len());
        let mut used_outlets: Vec<usize> = Vec::new();
        let mut rewrite_slot = 0u64;
        for (i, spec) in specs.iter().enumerate().take(keep) {
            let node = match spec.source {
                None => {
                    let outlet = self.original_outlet(index);
                    Node {
                        role: spec.role,
                        source: None,
                        generation: 0,
                        family: 0,
                        extent: None,
                        level: None,
                        outlet,
                        published: start,
                        title: title.clone(),
                        body: body.clone(),
                        inserted_here: false,
                    }
                }
                Some(src) => {
                    let kind = match spec.role {
                        Role::Rewrite => 2,
                        _ if nodes[src].role == Role::Rewrite || nodes[src].family != 0 => {
                            if rng.chance(0.5) { 1 } else { 2 }
                        }
                        _ => 1,
                    };
                    let outlet = self.pick_outlet(kind, &used_outlets, &mut rng);
                    self.derive(
                        i,
                        spec.role,
                        src,
                        outlet,
                        &nodes,
                        &mut fact_list,
                        index,
                        &mut rewrite_slot,
                        &mut rng,
                    )
                }
            };
            used_outlets.push(node.outlet);
            nodes.push(node);
        }
        Built {
            nodes,
            facts: fact_list,
            quote,
        }
    }

    fn write<S: Sink + ?Sized>(
        &self,
        out: &StoryOut,
        summary: &mut Summary,
        sink: &mut S,
    ) -> Result<(), Error> {
        for d in &out.docs {
            sink.document(&Document {
                id: &d.id,
                title: &d.title,
                outlet: &self.outlets[d.outlet].name,
                published: &d.published,
                text: &d.text,
            })?;
            summary.documents += 1;
            summary.bytes += d.text.len() as u64;
        }
        for r in &out.records {
            sink.truth(r)?;
        }
        summary.stories += 1;
        summary.recycled_stories += u64::from(out.stats.recycled);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn derive(
        &self,
        i: usize,
        role: Role,
        src: usize,
        outlet: usize,
        nodes: &[Node],
        fact_list: &mut [Fact],
        story: u64,
        rewrite_slot: &mut u64,
        rng: &mut Rng,
    ) -> Node {
        let s = &nodes[src];
        let o = &self.outlets[outlet];
        let delay = match role {
            Role::Rewrite => rng.range(60, 3 * 1440),
            _ if s.generation > 0 => rng.range(10, 1440),
            _ => rng.range(15, 12 * 60),
        };
        let published = if rng.chance(self.config.date_noise) {
            s.published - rng.range(5, 180)
        } else {
            s.published + delay
        };
        let mut node = Node {
            role,
            source: Some(src),
            generation: s.generation + 1,
            family: s.family,
            extent: s.extent,
            level: None,
            outlet,
            published,
            title: s.title.clone(),
            body: Body::default(),
            inserted_here: false,
        };
        let role = if role == Role::Excerpt && s.body.content_paras() < 2 {
            Role::Copy
        } else {
            role
        };
        node.role = role;
        match role {
            Role::Copy => {
                node.body = style::restyle(&s.body, &o.style, self.lex, rng);
                style::restyle_sent(&mut node.title, &o.style);
            }
            Role::Excerpt => {
                let n = s.body.content_paras();
                let k = ((n as f64 * (0.3 + rng.unit() * 0.4)).round() as usize)
                    .clamp(1, n.saturating_sub(1).max(1));
                let mut cut = Body::default();
                let mut content = 0;
                for p in &s.body.paras {
                    if p.is_content() {
                        if content == k {
                            break;
                        }
                        content += 1;
                    } else if content == k {
                        break;
                    }
                    cut.paras.push(p.clone());
                }
                while cut.paras.last().is_some_and(|p| !p.is_content()) {
                    cut.paras.pop();
                }
                node.extent = Some(k);
                node.body = style::restyle(&cut, &o.style, self.lex, rng);
                style::restyle_sent(&mut node.title, &o.style);
            }
            Role::Rewrite => {
                let level = if rng.chance(self.config.hard_share) {
                    Level::Hard
                } else {
                    Level::Easy
                };
                let params = match level {
                    Level::Easy => Params::EASY,
                    Level::Hard => Params::HARD,
                };
                let mut keep = Vec::new();
                let mut changes = Vec::new();
                for f in fact_list.iter_mut().filter(|f| f.rewrite == i) {
                    if let Some(v) = self.changed_value(f, &s.body, rng) {
                        keep.push(f.mark);
                        changes.push((f.mark, v.clone()));
                        f.new_value = Some(v);
                    }
                }
                let mut body =
                    paraphrase::rewrite_body(&s.body, &params, &keep, &changes, self.lex, rng);
                let slot = *rewrite_slot;
                *rewrite_slot += 1;
                if rng.chance(self.config.insert_share)
                    && !body.paras.is_empty()
                    && let Some(para) = self.insertion(story, slot, rng)
                {
                    let at = rng.range(1, body.paras.len() as i64) as usize;
                    body.paras.insert(at, para);
                    node.inserted_here = true;
                }
                node.family = i;
                node.extent = None;
                node.level = Some(level);
                node.title = paraphrase::rewrite_title(&s.title, &params, self.lex, rng);
                node.body = body;
            }
            Role::Original | Role::Distractor => {}
        }
        node
    }

    /// The new value of a fact, from its token in the rewrite's source.
    fn changed_value(&self, f: &Fact, source: &Body, rng: &mut Rng) -> Option<String> {
        for s in source.sents() {
            for (i, t) in s.toks.iter().enumerate() {
                if t.mark != f.mark {
                    continue;
                }
                return match f.topic {
                    Topic::Date => facts::change_year(&t.text, rng),
                    // A day beside its month moves to another day that
                    // exists ("31 December" never becomes "40 December").
                    Topic::Number if f.label == Topic::Date => facts::change_day(&t.text, rng),
                    Topic::Number => facts::change_number(&t.text, rng),
                    Topic::Name => {
                        let kind = facts::name_kind(self.lex, &s.toks, i);
                        let people: Vec<String> = source
                            .sents()
                            .flat_map(|s| {
                                s.toks.iter().enumerate().filter(|(j, t)| {
                                    t.kind == Kind::Name
                                        && facts::name_kind(self.lex, &s.toks, *j)
                                            == NameKind::Person
                                })
                            })
                            .map(|(_, t)| split_possessive(&t.text).0.to_owned())
                            .collect();
                        facts::change_name(self.lex, &t.text, kind, &people, rng)
                    }
                };
            }
        }
        None
    }

    fn section(&self, topic: &str) -> String {
        let last = topic.rsplit('/').next().unwrap_or("");
        match last {
            "" => "News".to_owned(),
            "tech" => "Technology".to_owned(),
            other => crate::text::upper_first(other),
        }
    }

    fn assemble(
        &self,
        index: u64,
        partner: Option<u64>,
        origin: &str,
        section: &str,
        nodes: &[Node],
        fact_list: &[Fact],
    ) -> StoryOut {
        let mut stats = Stats::default();
        let mut docs = Vec::with_capacity(nodes.len());
        let story_id = format!("s{index:06}");
        let ids: Vec<String> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| self.version_id(index, i, n.outlet))
            .collect();
        let mut rendered = Vec::with_capacity(nodes.len());
        let mut rng = Rng::derive(self.config.seed, LABEL_STORY ^ 0xb0, index);
        for n in nodes {
            let r = self.render(n, nodes, section, &mut rng);
            rendered.push(r);
        }
        let mut records: Vec<Record> = Vec::new();
        for (i, (n, r)) in nodes.iter().zip(&rendered).enumerate() {
            let o = &self.outlets[n.outlet];
            let c = Civil::from_minutes(n.published);
            let published = if o.day_only { c.ymd() } else { c.rfc3339() };
            let title = {
                let mut t = Renderer::default();
                t.sent(&n.title);
                t.text
            };
            docs.push(DocOut {
                id: ids[i].clone(),
                title,
                outlet: n.outlet,
                published: published.clone(),
                text: r.text.clone(),
            });
            let role_index = Role::ALL.iter().position(|x| *x == n.role).unwrap_or(0);
            stats.roles[role_index] += 1;
            let hard_negative_of = (i == 0)
                .then(|| partner.map(|p| self.partner_id(p)))
                .flatten();
            records.push(Record::Document(DocumentTruth {
                id: ids[i].clone(),
                story: story_id.clone(),
                role: n.role.as_str().to_owned(),
                boilerplate: r.boilerplate.clone(),
                outlet: Some(o.name.clone()),
                published: Some(published),
                level: n.level.map(|l| match l {
                    Level::Easy => "easy".to_owned(),
                    Level::Hard => "hard".to_owned(),
                }),
                hard_negative_of,
                origin: (i == 0).then(|| origin.to_owned()),
            }));
            if n.role == Role::Rewrite
                && let Some(src) = n.source
            {
                let a = body_only(&nodes[src].body);
                let b = body_only(&n.body);
                match n.level {
                    Some(Level::Hard) => stats.hard.add(&a, &b),
                    _ => stats.easy.add(&a, &b),
                }
            }
        }
        for (i, n) in nodes.iter().enumerate() {
            if let Some(src) = n.source {
                records.push(Record::Derivation(DerivationTruth {
                    source: ids[src].clone(),
                    derived: ids[i].clone(),
                    relation: relation(&nodes[src], n).to_owned(),
                    generation: n.generation,
                }));
            }
        }
        let mut pairs: Vec<PairTruth> = Vec::new();
        for x in 0..nodes.len() {
            for y in x + 1..nodes.len() {
                let (a, b) = if ids[x] < ids[y] { (x, y) } else { (y, x) };
                pairs.push(PairTruth {
                    a: ids[a].clone(),
                    b: ids[b].clone(),
                    relation: relation(&nodes[a], &nodes[b]).to_owned(),
                });
            }
        }
        pairs.sort_by(|p, q| (&p.a, &p.b).cmp(&(&q.a, &q.b)));
        records.extend(pairs.into_iter().map(Record::Pair));
        // Changes: every version stating the old value against every
        // version stating the new one.
        for f in fact_list {
            if f.new_value.is_none() || f.rewrite >= nodes.len() {
                continue;
            }
            stats.changes += 1;
            let spans: Vec<Option<[usize; 2]>> = rendered
                .iter()
                .map(|r| r.marks.iter().find(|(m, _)| *m == f.mark).map(|(_, s)| *s))
                .collect();
            let is_new = |i: usize| descends(nodes, i, f.rewrite);
            for old in (0..nodes.len()).filter(|&i| spans[i].is_some() && !is_new(i)) {
                for new in (0..nodes.len()).filter(|&i| spans[i].is_some() && is_new(i)) {
                    let (Some(os), Some(ns)) = (spans[old], spans[new]) else {
                        continue;
                    };
                    stats.change_records += 1;
                    records.push(Record::Change(ChangeTruth {
                        topic: f.label.as_str().to_owned(),
                        source: ids[old].clone(),
                        source_span: os,
                        derived: ids[new].clone(),
                        derived_span: ns,
                        fact: Some(format!("{story_id}/f{}", f.mark)),
                        inherited: !(old == f.source && new == f.rewrite),
                    }));
                }
            }
        }
        for (i, (n, r)) in nodes.iter().zip(&rendered).enumerate() {
            for &span in &r.inserted {
                if n.inserted_here {
                    stats.insertions += 1;
                }
                records.push(Record::Inserted(InsertedTruth {
                    doc: ids[i].clone(),
                    span,
                    inherited: !n.inserted_here,
                }));
            }
        }
        StoryOut {
            docs,
            records,
            stats,
        }
    }

    /// The publisher of story `story`'s original, from its own stream so
    /// that a hard-negative partner can name it.
    fn original_outlet(&self, story: u64) -> usize {
        let mut rng = Rng::derive(self.config.seed, LABEL_ORIGINAL, story);
        self.pick_outlet(0, &[], &mut rng)
    }

    fn partner_id(&self, story: u64) -> String {
        let outlet = self.original_outlet(story);
        self.version_id(story, 0, outlet)
    }

    fn render(&self, n: &Node, nodes: &[Node], section: &str, rng: &mut Rng) -> Rendered {
        let lex = self.lex;
        let o = &self.outlets[n.outlet];
        let source = n.source.map(|s| &self.outlets[nodes[s].outlet]);
        let tags = tags(lex, &n.title, &n.body);
        let ctx = Context {
            outlet: o,
            source: source.map(|s| s.name.as_str()),
            source_tag: source.map(|s| s.tag.as_str()),
            excerpt: n.role == Role::Excerpt,
            published: Civil::from_minutes(n.published),
            section,
            tags: &tags,
        };
        let mut r = Renderer::default();
        let mut boilerplate = Vec::new();
        let mut inserted = Vec::new();
        r.sent(&n.title);
        r.push("\n\n");
        let mut head = Vec::new();
        for &piece in &o.template.head {
            if let Some(text) = outlet::render_piece(piece, &ctx, lex, rng) {
                head.push((text, piece.kind()));
            }
        }
        for (text, kind) in head {
            let start = r.len;
            r.push(&text);
            boilerplate.push(SpanTruth {
                span: [start, r.len],
                kind: kind.to_owned(),
            });
            r.push("\n");
        }
        if !boilerplate.is_empty() {
            r.push("\n");
        }
        let tag =
            if matches!(n.role, Role::Copy | Role::Excerpt) && o.kind == OutletKind::Aggregator {
                o.template
                    .source_tag
                    .and_then(|v| outlet::render_source_tag(v, &ctx))
            } else {
                None
            };
        let mut tagged = false;
        for (i, p) in n.body.paras.iter().enumerate() {
            if i > 0 {
                r.push("\n\n");
            }
            if !tagged
                && p.is_content()
                && let Some(t) = &tag
            {
                let start = r.len;
                r.push(t);
                boilerplate.push(SpanTruth {
                    span: [start, r.len],
                    kind: "header".to_owned(),
                });
                tagged = true;
            }
            let start = r.len;
            r.para(p);
            if p.kind == ParaKind::Inserted {
                inserted.push([start, r.len]);
            }
        }
        for &piece in &o.template.foot {
            if let Some(text) = outlet::render_piece(piece, &ctx, lex, rng) {
                r.push("\n\n");
                let start = r.len;
                r.push(&text);
                boilerplate.push(SpanTruth {
                    span: [start, r.len],
                    kind: piece.kind().to_owned(),
                });
            }
        }
        r.push("\n");
        Rendered {
            text: r.text,
            boilerplate,
            marks: r.marks,
            inserted,
        }
    }
}

/// A version's text and the spans the truth reports.
struct Rendered {
    text: String,
    boilerplate: Vec<SpanTruth>,
    marks: Vec<(u16, [usize; 2])>,
    inserted: Vec<[usize; 2]>,
}

/// Whether `i` is `ancestor` or derived from it.
fn descends(nodes: &[Node], mut i: usize, ancestor: usize) -> bool {
    loop {
        if i == ancestor {
            return true;
        }
        match nodes[i].source {
            Some(s) => i = s,
            None => return false,
        }
    }
}

/// The report v1 relation of two versions of a story. Same wording
/// (family): `duplicate` when both keep the same paragraphs, else
/// `excerpt`. Different wording (one or both a rewrite, or two
/// rewrites): `rewrite`, whatever each keeps.
fn relation(a: &Node, b: &Node) -> &'static str {
    if a.family == b.family {
        if a.extent == b.extent {
            "duplicate"
        } else {
            "excerpt"
        }
    } else {
        "rewrite"
    }
}

/// The text of a body's story paragraphs (no sub-heads, insertions or
/// framing), for retention figures.
fn body_only(body: &Body) -> String {
    let b = Body {
        paras: body
            .paras
            .iter()
            .filter(|p| p.kind == ParaKind::Body)
            .cloned()
            .collect(),
    };
    b.plain()
}

/// Tag-line words: the names of the title and lead, then title words.
fn tags(lex: &Lexicon, title: &Sent, body: &Body) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lead = body
        .paras
        .iter()
        .find(|p| p.kind == ParaKind::Body)
        .and_then(|p| p.sents.first());
    for s in std::iter::once(title).chain(lead) {
        for t in &s.toks {
            if out.len() >= 4 {
                return out;
            }
            let (stem, _) = split_possessive(&t.text);
            let word = match t.kind {
                Kind::Name => stem.to_owned(),
                Kind::Word if stem.len() >= 5 && !lex.is_function(&stem.to_lowercase()) => {
                    stem.to_lowercase()
                }
                _ => continue,
            };
            if !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::stemma_words;

    /// Counted as `stemma_segment` tokenizes (its own tests pin that side).
    #[test]
    fn words_are_counted_as_stemma_tokenizes() {
        for (text, n) in [
            ("don't", 1),
            ("O’Neill", 1),
            ("65-year-old", 3),
            ("U.S.", 1),
            ("e.g.", 1),
            ("1,200", 1),
            ("2.4", 1),
            ("10:42", 1),
            ("8%", 2),
            ("Hazberg Holdings", 2),
            ("end.Start", 2),
            ("(BNP)", 1),
            ("", 0),
        ] {
            assert_eq!(stemma_words(text), n, "{text}");
        }
    }
}
