//! Boilerplate in flattened text: the source tags, bylines, tracking
//! lines, disclaimers, related lists, share and subscribe lines that
//! scrapers leave around an article, reported as spans of the document's
//! text (nothing is cut).
//!
//! Two kinds of evidence, combined in [`extract`]:
//! - **cues** inside one document (`cues.rs`): what a line says about
//!   itself, trusted only in the header and footer zones, which are peeled
//!   from both ends of the document line by line;
//! - **repetition** across the corpus (`corpus.rs`): line templates (names
//!   and numbers masked) that recur in documents of one site across
//!   different stories. A learnt template extends the zones like a cue.
//!
//! Lines in the middle of an article are never boilerplate unless a
//! template the corpus taught and a strong cue (an advertisement marker, a
//! "Read more:" teaser) agree: body text is not lost. See `DESIGN.md`.

mod corpus;
mod cues;
mod dateline;
mod lines;
#[cfg(test)]
mod tests;

use rayon::prelude::*;
use stemma_core::{Boilerplate, BoilerplateKind, Document, Span};

use crate::corpus::Learnt;
use crate::lines::Line;

/// Settings of the boilerplate stage.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// A template is learnt from a site when it recurs in this many of its
    /// documents…
    pub site_documents: usize,
    /// … with this many different titles among them (copies of one story
    /// in one site share their body; different stories share only
    /// boilerplate).
    pub site_titles: usize,
    /// The same for documents with no known site, all counted together.
    pub unsited_documents: usize,
    pub unsited_titles: usize,
    /// Only lines this close to either end of a document are counted (the
    /// zones are never longer in practice), which bounds the index.
    pub edge_lines: usize,
    /// Longer lines are never templates.
    pub max_template_words: usize,
    /// Learn from the corpus at all (off: cues only).
    pub learn: bool,
    /// Use in-document cues (off: learnt templates only, for measuring
    /// what each kind of evidence finds).
    pub cues: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            site_documents: 3,
            site_titles: 3,
            unsited_documents: 5,
            unsited_titles: 5,
            edge_lines: 16,
            max_template_words: 80,
            learn: true,
            cues: true,
        }
    }
}

/// Finds boilerplate in every document and adds it to
/// `Document::boilerplate` (spans already there, from HTML extraction, are
/// kept and their lines left alone). Spans end up sorted, disjoint. A
/// document with no publication date gets the day its header or byline
/// states, if any.
pub fn extract(documents: &mut [Document], config: &Config) {
    let lines: Vec<Vec<Line>> = documents
        .par_iter()
        .map(|d| {
            let known: Vec<Span> = d.boilerplate.iter().map(|b| b.span).collect();
            lines::lines(&d.text, &known)
        })
        .collect();
    let learnt = if config.learn {
        corpus::learn(documents, &lines, config)
    } else {
        Learnt::default()
    };
    documents.par_iter_mut().zip(lines).for_each(|(d, lines)| {
        let found = mark(&d.text, &lines, &learnt, config.cues);
        if d.meta.published.is_none() {
            d.meta.published = found
                .iter()
                .filter(|b| matches!(b.kind, BoilerplateKind::Header | BoilerplateKind::Byline))
                .find_map(|b| dateline::dateline(&d.text[b.span.start..b.span.end]));
        }
        if !found.is_empty() {
            d.boilerplate.extend(found);
            d.boilerplate.sort();
        }
    });
}

/// Boilerplate of one document from its lines and what the corpus taught.
fn mark(text: &str, lines: &[Line], learnt: &Learnt, use_cues: bool) -> Vec<Boilerplate> {
    let n = lines.len();
    let mut kinds: Vec<Option<BoilerplateKind>> = vec![None; n];
    let line_text = |i: usize| &text[lines[i].span.start..lines[i].span.end];
    let learnt_at = |i: usize| learnt.contains(lines[i].template);
    let header = |i: usize| cues::header(line_text(i), lines[i].words).filter(|_| use_cues);
    let footer = |i: usize| cues::footer(line_text(i), lines[i].words).filter(|_| use_cues);

    // The headline: the first line, alone in its block, unless it is
    // itself a header cue (a breadcrumb above the title).
    let mut first = 0;
    if n > 1
        && lines[1].block != lines[0].block
        && cues::header(line_text(0), lines[0].words).is_none()
    {
        first = 1;
    }
    // Header zone.
    let mut i = first;
    while i < n {
        let kind =
            header(i).or_else(|| learnt_at(i).then(|| learnt_kind(line_text(i), lines[i].words)));
        match kind {
            Some(k) => kinds[i] = Some(k),
            None => break,
        }
        i += 1;
    }
    let body_start = i;
    // Footer zone, from the end.
    let mut j = n;
    while j > body_start {
        let k = j - 1;
        if let Some(kind) = footer(k) {
            kinds[k] = Some(kind);
            j = k;
            continue;
        }
        if let Some(heading) = related_run(text, lines, body_start, k).filter(|_| use_cues) {
            for kind in &mut kinds[heading..=k] {
                *kind = Some(BoilerplateKind::Related);
            }
            j = heading;
            continue;
        }
        if learnt_at(k) {
            kinds[k] = Some(learnt_kind(line_text(k), lines[k].words));
            j = k;
            continue;
        }
        break;
    }
    let body_end = j;
    // Inside the body: a learnt template with a strong cue only.
    for k in body_start..body_end {
        if learnt_at(k)
            && let Some(kind) = cues::anywhere(line_text(k), lines[k].words)
        {
            kinds[k] = Some(kind);
        }
    }

    let mut out: Vec<Boilerplate> = Vec::new();
    // The source tag opening the first line of body.
    if use_cues && body_start < body_end && kinds[body_start].is_none() {
        let l = &lines[body_start];
        if let Some(len) = cues::source_tag(line_text(body_start)) {
            out.push(Boilerplate {
                span: Span::new(l.span.start, l.span.start + len),
                kind: BoilerplateKind::Header,
            });
        }
    }
    // One span per run of lines of one kind within one block; a related
    // list is one span across its blocks.
    let mut k = 0;
    while k < n {
        let Some(kind) = kinds[k] else {
            k += 1;
            continue;
        };
        let mut end = k;
        while end + 1 < n
            && kinds[end + 1] == Some(kind)
            && (lines[end + 1].block == lines[k].block || kind == BoilerplateKind::Related)
        {
            end += 1;
        }
        out.push(Boilerplate {
            span: Span::new(lines[k].span.start, lines[end].span.end),
            kind,
        });
        k = end + 1;
    }
    out.sort();
    out
}

/// When line `last` ends a related list, the index of its heading. A list
/// is a heading, then teasers: in the heading's block, in bulleted lines,
/// or one headline per block (a headline does not end a sentence, or runs
/// into its blurb after a dash).
fn related_run(text: &str, lines: &[Line], floor: usize, last: usize) -> Option<usize> {
    const MAX_ITEMS: usize = 40;
    let line_text = |i: usize| &text[lines[i].span.start..lines[i].span.end];
    let mut k = last;
    let mut items = 0;
    loop {
        let t = line_text(k);
        if cues::related_heading(t, lines[k].words) {
            return (items > 0).then_some(k);
        }
        if !cues::teaser(t, lines[k].words) {
            return None;
        }
        // Crossing into the block of the next line needs a list shape.
        let next_starts_block = k < last && lines[k].block != lines[k + 1].block;
        if next_starts_block {
            let next = line_text(k + 1);
            let alone = k + 2 > last || lines[k + 2].block != lines[k + 1].block;
            if !(cues::bullet(next) || alone && cues::headline(next, lines[k + 1].words)) {
                return None;
            }
        }
        items += 1;
        if k == floor || items > MAX_ITEMS {
            return None;
        }
        k -= 1;
    }
}

/// The kind of a line learnt from the corpus: its cue if it has one.
fn learnt_kind(line: &str, words: usize) -> BoilerplateKind {
    cues::footer(line, words)
        .or_else(|| cues::header(line, words))
        .or_else(|| cues::anywhere(line, words))
        .unwrap_or(BoilerplateKind::Other)
}
