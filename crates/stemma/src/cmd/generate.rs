//! `stemma generate`: a synthetic news-reuse corpus with ground truth,
//! built from real articles.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use stemma_synth::{Config, DirSink, Format, Size};

use crate::{Outcome, output};

/// How documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One `.txt` file a document, `OUT/docs/<outlet>/<id>.txt`.
    Txt,
    /// JSON Lines shards `OUT/docs/part-NNNNN.jsonl` (id, title, outlet, published, text).
    Jsonl,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Source articles: a directory of `.txt` files (first line the title,
    /// paragraphs separated by blank lines), topic folders below it.
    #[arg(long, value_name = "DIR")]
    pub from: PathBuf,
    /// The corpus directory to write: `truth.jsonl` and `docs/`
    /// (`stemma analyze OUT/docs` gives the truth's ids).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Same seed and input, byte-identical corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of stories (default 100).
    #[arg(long, value_name = "N", conflicts_with = "documents")]
    pub stories: Option<u64>,
    /// Number of documents (stories until this many).
    #[arg(long, value_name = "N")]
    pub documents: Option<u64>,
    #[arg(long, value_enum, default_value = "txt")]
    pub format: FormatArg,
    /// Share of rewrites that are hard (at most 5% of 5-grams kept).
    #[arg(long, value_name = "SHARE", default_value_t = 0.5)]
    pub hard_share: f64,
    /// Share of stories that are a lone unrelated article.
    #[arg(long, value_name = "SHARE", default_value_t = 0.1)]
    pub distractor_share: f64,
    /// Share of articles paired with a similar one of the same topic as a
    /// different story (hard negatives).
    #[arg(long, value_name = "SHARE", default_value_t = 0.2)]
    pub hard_negative_share: f64,
    /// Share of rewrites with one fact changed (a year, number or name).
    #[arg(long, value_name = "SHARE", default_value_t = 0.6)]
    pub fact_change_share: f64,
    /// Share of rewrites with a paragraph from an unrelated article.
    #[arg(long, value_name = "SHARE", default_value_t = 0.4)]
    pub insert_share: f64,
    /// Share of stories whose original quotes a paragraph of an earlier
    /// story on the same topic word for word (`partial` pairs across
    /// stories; see the generator's DESIGN note for what the truth labels).
    #[arg(long, value_name = "SHARE", default_value_t = 0.1)]
    pub quote_share: f64,
    /// Chance that a rewrite is copied again (derivation chains).
    #[arg(long, value_name = "SHARE", default_value_t = 0.5)]
    pub second_generation_share: f64,
    /// Share of derived documents dated before their source.
    #[arg(long, value_name = "SHARE", default_value_t = 0.05)]
    pub date_noise: f64,
    /// Number of invented outlets (default: one per two stories, 12 to 600).
    #[arg(long, value_name = "N")]
    pub outlets: Option<usize>,
    /// Replace a corpus already in OUT (removes OUT/docs and OUT/truth.jsonl).
    #[arg(long)]
    pub force: bool,
    /// No summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: GenerateArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let loaded = stemma_synth::load_articles(&args.from)
        .with_context(|| format!("cannot read the source articles in {}", args.from.display()))?;
    if !args.quiet && !loaded.skipped.is_empty() {
        output::note(&format!(
            "skipped {} of the files in {} (first: {})",
            loaded.skipped.len(),
            args.from.display(),
            loaded.skipped[0]
        ));
    }
    let size = match (args.stories, args.documents) {
        (_, Some(n)) => Size::Documents(n),
        (Some(n), None) => Size::Stories(n),
        (None, None) => Size::Stories(100),
    };
    let config = Config {
        seed: args.seed,
        size,
        hard_share: args.hard_share,
        distractor_share: args.distractor_share,
        hard_negative_share: args.hard_negative_share,
        fact_change_share: args.fact_change_share,
        insert_share: args.insert_share,
        quote_share: args.quote_share,
        second_generation_share: args.second_generation_share,
        date_noise: args.date_noise,
        outlets: args.outlets,
        source_label: args.from.display().to_string(),
    };
    config.validate()?;
    let format = match args.format {
        FormatArg::Txt => Format::Txt,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let mut sink = DirSink::create(&args.out, format, args.force)?;
    let s = stemma_synth::generate(&config, &loaded.articles, &mut sink)?;
    if !args.quiet {
        let roles: Vec<String> = s.roles.iter().map(|(r, n)| format!("{n} {r}")).collect();
        output::note(&format!(
            "generated {} documents ({} MB; {} stories: {}) from {} articles into {} in {:.1} s; \
             rewrites keep 5-grams easy {:.1}% hard {:.1}%, vocabulary easy {:.0}% hard {:.0}% ({} + {} rewrites)",
            s.documents,
            s.bytes / 1_000_000,
            s.stories,
            roles.join(", "),
            s.source_articles - s.near_duplicates,
            args.out.display(),
            started.elapsed().as_secs_f64(),
            s.easy.ngram5 * 100.0,
            s.hard.ngram5 * 100.0,
            s.easy.vocabulary * 100.0,
            s.hard.vocabulary * 100.0,
            s.easy.count,
            s.hard.count,
        ));
    }
    Ok(Outcome::Clean)
}
