//! Templates learnt from the corpus: lines whose shape (names and numbers
//! masked) recurs in documents of one site across different stories.
//!
//! The site of a document is its outlet when known, else its URL's host,
//! else the directory part of its id (mirrors such as wget's keep one
//! directory per host). Body text recurs too — a syndicated paragraph is in
//! every copy — but within one site it recurs only with the same story,
//! hence with the same title; a template recurs under different titles.
//! Documents without a site count as one site with stricter thresholds.

use std::collections::{HashMap, HashSet};

use stemma_core::Document;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::Config;
use crate::lines::{Line, text_hash};

/// The learnt templates.
#[derive(Debug, Default)]
pub(crate) struct Learnt {
    templates: HashSet<u64>,
}

impl Learnt {
    pub(crate) fn contains(&self, template: u64) -> bool {
        self.templates.contains(&template)
    }
}

#[derive(Default)]
struct Count {
    documents: u32,
    /// Up to `TITLES` distinct title hashes.
    titles: Vec<u64>,
}

const UNSITED: u64 = 0;

pub(crate) fn learn(documents: &[Document], lines: &[Vec<Line>], config: &Config) -> Learnt {
    let max_titles = config.site_titles.max(config.unsited_titles);
    let mut counts: HashMap<(u64, u64), Count> = HashMap::new();
    let mut seen: Vec<u64> = Vec::new();
    for (d, lines) in documents.iter().zip(lines) {
        let site = site(d);
        let title = d
            .meta
            .title
            .as_deref()
            .or_else(|| lines.first().map(|l| &d.text[l.span.start..l.span.end]))
            .map_or(0, text_hash);
        seen.clear();
        let n = lines.len();
        let edge = config.edge_lines;
        seen.extend(
            lines
                .iter()
                .enumerate()
                .filter(|&(i, l)| {
                    (i < edge || i + edge >= n) && l.words <= config.max_template_words
                })
                .map(|(_, l)| l.template),
        );
        seen.sort_unstable();
        seen.dedup();
        for &t in &seen {
            let c = counts.entry((site, t)).or_default();
            c.documents += 1;
            if c.titles.len() < max_titles && !c.titles.contains(&title) {
                c.titles.push(title);
            }
        }
    }
    // Each decision reads one entry only, so the map's order is harmless.
    let templates = counts
        .into_iter()
        .filter(|((site, _), c)| {
            let (docs, titles) = if *site == UNSITED {
                (config.unsited_documents, config.unsited_titles)
            } else {
                (config.site_documents, config.site_titles)
            };
            c.documents as usize >= docs && c.titles.len() >= titles
        })
        .map(|((_, t), _)| t)
        .collect();
    Learnt { templates }
}

/// The site key of a document; [`UNSITED`] when nothing names one.
fn site(d: &Document) -> u64 {
    let name = d
        .meta
        .outlet
        .as_deref()
        .map(str::to_lowercase)
        .or_else(|| d.meta.url.as_deref().and_then(host).map(str::to_lowercase))
        .or_else(|| {
            d.id.as_str()
                .rsplit_once('/')
                .map(|(dir, _)| dir.to_lowercase())
        });
    match name {
        Some(n) if !n.is_empty() => xxh3_64_with_seed(n.as_bytes(), 0x517e).max(1),
        _ => UNSITED,
    }
}

fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    Some(host.strip_prefix("www.").unwrap_or(host)).filter(|h| !h.is_empty())
}
