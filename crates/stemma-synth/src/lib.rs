//! Synthetic news-reuse corpora with ground truth.
//!
//! From real articles (a folder of plain-text files, the BBC News corpus
//! layout), [`generate`] builds stories: an original, syndicated copies
//! with house-style edits and boilerplate, excerpts, easy and hard
//! rewrites with fact changes and inserted paragraphs, second-generation
//! copies, distractors and hard negatives. Each document goes to a
//! [`Sink`] with its ground truth ([`truth::Record`] lines) as soon as its
//! story is done, so memory stays bounded at any corpus size. The same
//! seed and input give byte-identical output.
//!
//! ```no_run
//! use stemma_synth::{Config, DirSink, Format, Size, generate, load_articles};
//! # fn main() -> Result<(), stemma_synth::Error> {
//! let loaded = load_articles("../shared/data/bbc".as_ref())?;
//! let config = Config { size: Size::Stories(100), ..Config::default() };
//! let mut sink = DirSink::create("corpus".as_ref(), Format::Txt, false)?;
//! let summary = generate(&config, &loaded.articles, &mut sink)?;
//! # let _ = summary; Ok(()) }
//! ```
//!
//! See `DESIGN.md` beside this crate for the roles, the truth decisions
//! and measured figures.

use std::path::PathBuf;

mod facts;
mod generate;
mod lexicon;
pub mod measure;
mod outlet;
mod paraphrase;
mod pool;
pub mod rng;
mod sink;
mod source;
mod style;
mod text;
mod time;
pub mod truth;

pub use generate::{Retention, Summary, generate};
pub use sink::{
    DirSink, Document, Format, MemorySink, NullSink, OwnedDocument, SHARD_DOCUMENTS, Sink,
};
pub use source::{Article, Loaded, MIN_WORDS, load_articles};

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("need at least 2 distinct source articles, found {found}")]
    TooFewArticles { found: usize },
    #[error("{} already exists: choose another output directory or overwrite", path.display())]
    Exists { path: PathBuf },
    #[error("invalid parameter {name}: {message}")]
    Invalid { name: &'static str, message: String },
    #[error("cannot encode a record: {0}")]
    Json(#[from] serde_json::Error),
}

/// How big a corpus to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// This many stories (each an original and its versions, or one
    /// distractor).
    Stories(u64),
    /// Stories until this many documents (the last story is cut short).
    Documents(u64),
}

/// What to generate. Shares are probabilities in `0..=1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub seed: u64,
    pub size: Size,
    /// Share of rewrites that are hard (≤ 5% of 5-grams kept).
    pub hard_share: f64,
    /// Share of stories that are a lone distractor article.
    pub distractor_share: f64,
    /// Share of source articles paired with a similar article of the same
    /// topic, told as two different stories.
    pub hard_negative_share: f64,
    /// Share of rewrites with one fact changed.
    pub fact_change_share: f64,
    /// Share of rewrites with a paragraph from an unrelated article.
    pub insert_share: f64,
    /// Share of stories whose original quotes a paragraph of an earlier
    /// story on the same topic word for word (`partial` pairs across
    /// stories).
    pub quote_share: f64,
    /// Chance that a rewrite is copied again (a derivation chain).
    pub second_generation_share: f64,
    /// Share of derived documents dated before their source (clock skew).
    pub date_noise: f64,
    /// Number of invented outlets (`None`: one per two stories, 12 to 600).
    pub outlets: Option<usize>,
    /// Where the articles came from, for the truth header.
    pub source_label: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 1,
            size: Size::Stories(100),
            hard_share: 0.5,
            distractor_share: 0.1,
            hard_negative_share: 0.2,
            fact_change_share: 0.6,
            insert_share: 0.4,
            quote_share: 0.1,
            second_generation_share: 0.5,
            date_noise: 0.05,
            outlets: None,
            source_label: String::new(),
        }
    }
}

impl Config {
    /// Checks that every share is a probability and the size is not zero.
    pub fn validate(&self) -> Result<(), Error> {
        let shares = [
            ("hard_share", self.hard_share),
            ("distractor_share", self.distractor_share),
            ("hard_negative_share", self.hard_negative_share),
            ("fact_change_share", self.fact_change_share),
            ("insert_share", self.insert_share),
            ("quote_share", self.quote_share),
            ("second_generation_share", self.second_generation_share),
            ("date_noise", self.date_noise),
        ];
        for (name, v) in shares {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::Invalid {
                    name,
                    message: format!("{v} is not between 0 and 1"),
                });
            }
        }
        match self.size {
            Size::Stories(0) | Size::Documents(0) => Err(Error::Invalid {
                name: "size",
                message: "must be above zero".to_owned(),
            }),
            _ => Ok(()),
        }
    }
}
