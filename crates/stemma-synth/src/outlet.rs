//! Invented outlets and their boilerplate templates.
//!
//! Every outlet has a name, a house style and one template: which
//! boilerplate pieces it adds, in which wording and order. An outlet uses
//! its template for all of its documents (so a corpus-level learner can
//! find it) and fills in changing names, numbers and dates each time.

use std::collections::BTreeSet;

use crate::lexicon::Lexicon;
use crate::rng::Rng;
use crate::style::Style;
use crate::time::Civil;

/// What an outlet publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutletKind {
    /// Originals.
    Publisher,
    /// Syndicated copies and excerpts.
    Aggregator,
    /// Rewrites and copies of rewrites.
    Farm,
}

/// One piece of boilerplate; the number picks the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    Breadcrumb(u8),
    MetaLine(u8),
    Byline(u8),
    Tracking(u8),
    ReadFull(u8),
    Attribution(u8),
    Disclaimer(u8),
    Disclosure(u8),
    Related {
        header: u8,
        count: u8,
        blurbs: bool,
        bullet: u8,
    },
    Subscribe(u8),
    Share(u8),
    Tags(u8),
    Copyright(u8),
    Comments(u8),
}

impl Piece {
    /// The report v1 boilerplate kind.
    pub fn kind(self) -> &'static str {
        match self {
            Piece::Breadcrumb(_) | Piece::Share(_) | Piece::Tags(_) => "navigation",
            Piece::MetaLine(_) => "header",
            Piece::Byline(_) => "byline",
            Piece::Tracking(_) => "tracking",
            Piece::ReadFull(_) | Piece::Attribution(_) | Piece::Subscribe(_) => "other",
            Piece::Disclaimer(_) | Piece::Disclosure(_) => "disclaimer",
            Piece::Related { .. } => "related",
            Piece::Copyright(_) | Piece::Comments(_) => "footer",
        }
    }
}

/// An outlet's boilerplate layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    /// Lines between the title and the body.
    pub head: Vec<Piece>,
    /// The source tag before the first sentence of a copy (`(TAG - Source)`).
    pub source_tag: Option<u8>,
    /// Blocks after the body.
    pub foot: Vec<Piece>,
}

/// An invented outlet.
#[derive(Debug, Clone)]
pub(crate) struct Outlet {
    pub name: String,
    /// Lowercase, for document paths.
    pub slug: String,
    /// Upper-case short name for source tags.
    pub tag: String,
    pub kind: OutletKind,
    pub style: Style,
    pub template: Template,
    /// Publishes dates without a time of day.
    pub day_only: bool,
    /// Its home city, for datelines.
    pub city: &'static str,
}

fn slugify(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_owned()
}

fn outlet_name(lex: &Lexicon, kind: OutletKind, rng: &mut Rng) -> String {
    let l = &lex.lists;
    match kind {
        OutletKind::Publisher => {
            let place = format!("{}{}", rng.pick(&l.place_stem), rng.pick(&l.place_end));
            let paper = rng.pick(&l.paper);
            if rng.chance(0.5) {
                format!("The {place} {paper}")
            } else {
                format!("{place} {paper}")
            }
        }
        OutletKind::Aggregator => {
            let (a, b) = (rng.pick(&l.agg_prefix), rng.pick(&l.agg_stem));
            match rng.below(4) {
                0 => format!("{a} {b}"),
                1 => format!("{a}{b}24"),
                2 => format!("{a}{b} Daily"),
                _ => format!("{a}{b}"),
            }
        }
        OutletKind::Farm => {
            let (a, b) = (rng.pick(&l.farm_prefix), rng.pick(&l.farm_suffix));
            let tail = *rng.pick(&["", " Daily", " Now", "24", " HQ", " Online"]);
            format!("{a}{b}{tail}")
        }
    }
}

fn template(kind: OutletKind, rng: &mut Rng) -> Template {
    let mut head = Vec::new();
    let mut foot = Vec::new();
    let v = |rng: &mut Rng, n: u8| rng.below(usize::from(n)) as u8;
    let related = |rng: &mut Rng, headers: &[u8]| Piece::Related {
        header: *rng.pick(headers),
        count: rng.range(3, 5) as u8,
        blurbs: rng.chance(0.6),
        bullet: v(rng, 3),
    };
    let mut source_tag = None;
    match kind {
        OutletKind::Publisher => {
            if rng.chance(0.7) {
                head.push(Piece::Byline(*rng.pick(&[0, 1, 3])));
            }
            if rng.chance(0.3) {
                foot.push(related(rng, &[0, 1, 4]));
            }
            if rng.chance(0.2) {
                foot.push(Piece::Subscribe(v(rng, 3)));
            }
            if rng.chance(0.15) {
                foot.push(Piece::Disclosure(v(rng, 3)));
            }
            if rng.chance(0.5) {
                foot.push(Piece::Copyright(v(rng, 2)));
            }
        }
        OutletKind::Aggregator => {
            if rng.chance(0.5) {
                head.push(Piece::MetaLine(v(rng, 3)));
            }
            let tracking = Piece::Tracking(v(rng, 4));
            let tracking_at_top = rng.chance(0.5);
            if rng.chance(0.7) && tracking_at_top {
                head.insert(0, tracking);
            }
            if rng.chance(0.9) {
                source_tag = Some(v(rng, 4));
            }
            foot.push(Piece::ReadFull(v(rng, 3)));
            foot.push(Piece::Attribution(v(rng, 3)));
            let mut rest = Vec::new();
            if rng.chance(0.6) {
                rest.push(Piece::Disclaimer(v(rng, 4)));
            }
            if rng.chance(0.6) {
                rest.push(related(rng, &[0, 1, 2, 4]));
            }
            if rng.chance(0.3) {
                rest.push(Piece::Subscribe(v(rng, 3)));
            }
            if rng.chance(0.2) {
                rest.push(Piece::Comments(v(rng, 2)));
            }
            if !tracking_at_top && rng.chance(0.6) {
                rest.push(tracking);
            }
            rng.shuffle(&mut rest);
            foot.extend(rest);
            if rng.chance(0.3) {
                foot.push(Piece::Copyright(v(rng, 2)));
            }
        }
        OutletKind::Farm => {
            if rng.chance(0.6) {
                head.push(Piece::Breadcrumb(v(rng, 3)));
            }
            if rng.chance(0.7) {
                head.push(Piece::Byline(2));
            }
            foot.push(Piece::Attribution(v(rng, 3)));
            let mut rest = Vec::new();
            if rng.chance(0.5) {
                rest.push(Piece::Share(v(rng, 2)));
            }
            if rng.chance(0.7) {
                rest.push(Piece::Tags(v(rng, 2)));
            }
            if rng.chance(0.8) {
                rest.push(related(rng, &[3, 5]));
            }
            if rng.chance(0.4) {
                rest.push(Piece::Subscribe(v(rng, 3)));
            }
            if rng.chance(0.2) {
                rest.push(Piece::Disclosure(v(rng, 3)));
            }
            if rng.chance(0.2) {
                rest.push(Piece::Tracking(v(rng, 4)));
            }
            if rng.chance(0.3) {
                rest.push(Piece::Comments(v(rng, 2)));
            }
            rng.shuffle(&mut rest);
            foot.extend(rest);
        }
    }
    Template {
        head,
        source_tag,
        foot,
    }
}

/// `count` outlets, about a third of each kind (at least two each).
pub(crate) fn outlets(lex: &Lexicon, seed: u64, count: usize) -> Vec<Outlet> {
    let count = count.max(6);
    let publishers = (count * 35 / 100).max(2);
    let aggregators = (count * 35 / 100).max(2);
    let mut rng = Rng::derive(seed, 0x6f75_746c, 0);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let kind = if i < publishers {
            OutletKind::Publisher
        } else if i < publishers + aggregators {
            OutletKind::Aggregator
        } else {
            OutletKind::Farm
        };
        let mut name = outlet_name(lex, kind, &mut rng);
        let mut tries = 0;
        while seen.contains(&slugify(&name)) {
            tries += 1;
            name = if tries < 20 {
                outlet_name(lex, kind, &mut rng)
            } else {
                format!("{name} {tries}")
            };
        }
        let slug = slugify(&name);
        seen.insert(slug.clone());
        let tag: String = name
            .trim_start_matches("The ")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(12)
            .collect::<String>()
            .to_uppercase();
        let style = if kind == OutletKind::Publisher {
            Style::NONE
        } else {
            Style::random(&mut rng)
        };
        out.push(Outlet {
            name,
            slug,
            tag,
            kind,
            style,
            template: template(kind, &mut rng),
            day_only: rng.chance(0.2),
            city: lex.lists.city[rng.below(lex.lists.city.len())],
        });
    }
    out
}

/// What a piece needs to know about its document.
pub(crate) struct Context<'a> {
    pub outlet: &'a Outlet,
    /// The outlet of the document this one was taken from.
    pub source: Option<&'a str>,
    pub source_tag: Option<&'a str>,
    pub excerpt: bool,
    pub published: Civil,
    pub section: &'a str,
    /// Names and words for tag lines.
    pub tags: &'a [String],
}

fn person(lex: &Lexicon, rng: &mut Rng) -> String {
    format!(
        "{} {}",
        rng.pick(&lex.lists.first),
        rng.pick(&lex.lists.last)
    )
}

fn teaser(lex: &Lexicon, rng: &mut Rng) -> String {
    let l = &lex.lists;
    let city = rng.pick(&l.city);
    let noun = rng.pick(&l.teaser_noun);
    let verb = rng.pick(&l.teaser_verb);
    let adj = rng.pick(&l.teaser_adj);
    match rng.below(6) {
        0 => format!("{city} council {verb} {adj} {noun}"),
        1 => format!("{} {verb} {noun} proposal", person(lex, rng)),
        2 => format!(
            "{} things to know about the {city} {noun}",
            rng.range(3, 12)
        ),
        3 => format!("Why the {adj} {noun} matters for {city}"),
        4 => format!(
            "{}'s {noun} costs rise {}%",
            rng.pick(&l.country),
            rng.range(2, 40)
        ),
        _ => format!("You won't believe what happened at the {city} {noun}"),
    }
}

fn blurb(lex: &Lexicon, rng: &mut Rng) -> String {
    let l = &lex.lists;
    let noun = rng.pick(&l.teaser_noun);
    match rng.below(4) {
        0 => format!(
            "{}, {}, said the {noun} would reopen by {}.",
            person(lex, rng),
            rng.range(28, 71),
            crate::lexicon::DATE_WORDS[rng.below(12)]
        ),
        1 => format!(
            "Officials in {} expect a decision within {} weeks.",
            rng.pick(&l.city),
            rng.range(2, 9)
        ),
        2 => format!(
            "The {} {noun} has cost {}.{} million so far.",
            rng.pick(&l.teaser_adj),
            rng.range(1, 90),
            rng.range(1, 9)
        ),
        _ => format!(
            "Residents say they were not consulted, according to {}.",
            person(lex, rng)
        ),
    }
}

/// The text of one piece for one document, or `None` when the piece does
/// not apply (a read-more line on a document with no source).
pub(crate) fn render_piece(
    piece: Piece,
    ctx: &Context<'_>,
    lex: &Lexicon,
    rng: &mut Rng,
) -> Option<String> {
    let o = &ctx.outlet.name;
    let c = &ctx.published;
    let section = ctx.section;
    let text = match piece {
        Piece::Breadcrumb(v) => match v {
            0 => format!("{o} » News » {section}"),
            1 => format!("Home > {section} > Latest"),
            _ => format!("{o} / {section} / Top stories"),
        },
        Piece::MetaLine(v) => match v {
            0 => format!(
                "{o} · {section} · {} {} {} {}, {:02}:{:02}",
                &c.weekday_name()[..3],
                c.day,
                c.month_name(),
                c.year,
                c.hour,
                c.minute
            ),
            1 => format!("{o} | {section} | {:02}.{:02}.{} {:02}:{:02}", c.day, c.month, c.year, c.hour, c.minute),
            _ => {
                let (h, ampm) = match c.hour {
                    0 => (12, "am"),
                    1..=11 => (c.hour, "am"),
                    12 => (12, "pm"),
                    h => (h - 12, "pm"),
                };
                format!("Posted {} {}, {} at {h}:{:02} {ampm}", c.month_short(), c.day, c.year, c.minute)
            }
        },
        Piece::Byline(v) => match v {
            0 => format!("By {}, {o} staff writer · {} {}, {}", person(lex, rng), c.month_name(), c.day, c.year),
            1 => format!("By {} | {section} correspondent", person(lex, rng)),
            2 => format!("By {o} Staff | {} {}, {} | {} min read", c.month_short(), c.day, c.year, rng.range(2, 7)),
            _ => format!("Written by {} | Updated {:02}/{:02}/{}", person(lex, rng), c.day, c.month, c.year),
        },
        Piece::Tracking(v) => {
            let t = &ctx.outlet.tag;
            match v {
                0 => format!(
                    "Ref: {t}-{}-{:02}-{:02}-{:04} / feed {}",
                    c.year,
                    c.month,
                    c.day,
                    rng.below(10_000),
                    rng.range(1, 9)
                ),
                1 => format!("[story-id: {:08x}]", rng.next_u64() as u32),
                2 => format!("Tracking ID {t}{:06}", rng.below(1_000_000)),
                _ => format!("Feed item #{:07} · syndicated {}", rng.below(10_000_000), c.ymd()),
            }
        }
        Piece::ReadFull(v) => {
            let s = ctx.source.filter(|_| ctx.excerpt)?;
            match v {
                0 => format!("Read the full story at {s}."),
                1 => format!("Continue reading on {s}."),
                _ => format!("This is an excerpt. The full article is available from {s}."),
            }
        }
        Piece::Attribution(v) => {
            let s = ctx.source.filter(|_| !ctx.excerpt)?;
            if ctx.outlet.kind == OutletKind::Farm && ctx.source_tag.is_none() {
                return None;
            }
            match v {
                0 => format!("Originally published on {s}. Republished with permission."),
                1 => format!("This article first appeared in {s}."),
                _ => format!("Source: {s}"),
            }
        }
        Piece::Disclaimer(v) => match v {
            0 => format!(
                "Disclaimer: {o} aggregates content from third-party sources and is not responsible for its accuracy. Views expressed are the author's own."
            ),
            1 => format!(
                "The content above is provided by a syndication partner. {o} does not endorse any claims made in it and accepts no liability for errors or omissions."
            ),
            2 => format!("Legal notice: this material may not be reproduced without permission. {o} is an automated news service."),
            _ => "Disclaimer: This article is for information only and does not constitute financial, legal or professional advice."
                .to_owned(),
        },
        Piece::Disclosure(v) => match v {
            0 => format!("{} holds no position in any company mentioned in this article.", person(lex, rng)),
            1 => "Disclosure: the author has no financial interest in the subjects of this report.".to_owned(),
            _ => format!("{} is a contributor to {o}. Opinions are their own.", person(lex, rng)),
        },
        Piece::Related {
            header,
            count,
            blurbs,
            bullet,
        } => {
            let header = match header {
                0 => "Related articles".to_owned(),
                1 => "Read more".to_owned(),
                2 => "You may also like:".to_owned(),
                3 => "Recommended".to_owned(),
                4 => format!("More from {o}"),
                _ => "Trending now".to_owned(),
            };
            let bullet = ["", "- ", "• "][usize::from(bullet) % 3];
            let mut lines = vec![header];
            for _ in 0..count {
                lines.push(format!("{bullet}{}", teaser(lex, rng)));
                if blurbs {
                    lines.push(blurb(lex, rng));
                }
            }
            lines.join("\n")
        }
        Piece::Subscribe(v) => match v {
            0 => format!("Subscribe to {o} for the latest headlines, delivered to your inbox every morning."),
            1 => format!("Get {o} in your inbox: sign up for our free daily newsletter."),
            _ => format!(
                "Enjoyed this story? Join {},{:03} readers and subscribe for £{}.99 a month.",
                rng.range(2, 90),
                rng.below(1000),
                rng.range(1, 9)
            ),
        },
        Piece::Share(v) => match v {
            0 => "Share this: Facebook · X · WhatsApp · Email".to_owned(),
            _ => "Share on Facebook | Share on X | Copy link".to_owned(),
        },
        Piece::Tags(v) => {
            if ctx.tags.is_empty() {
                return None;
            }
            let tags = ctx.tags.join(", ");
            match v {
                0 => format!("Tags: {tags}"),
                _ => format!("Filed under: {tags}"),
            }
        }
        Piece::Copyright(v) => match v {
            0 => format!("© {} {o}. All rights reserved.", c.year),
            _ => format!(
                "Copyright {} {o} Ltd. This material may not be published, broadcast, rewritten or redistributed.",
                c.year
            ),
        },
        Piece::Comments(v) => {
            let n = rng.below(200);
            match v {
                0 => format!("Comments ({n})"),
                _ => format!("{n} comments · Add yours"),
            }
        }
    };
    Some(text)
}

/// The source tag put before the first sentence of a copy.
pub(crate) fn render_source_tag(variant: u8, ctx: &Context<'_>) -> Option<String> {
    let src = ctx.source?;
    let t = &ctx.outlet.tag;
    let st = ctx.source_tag.unwrap_or("WIRE");
    Some(match variant {
        0 => format!("({t} - {src}) "),
        1 => format!(
            "{} ({}) - ",
            ctx.outlet.city.to_uppercase(),
            ctx.outlet.name
        ),
        2 => format!("[{src}] "),
        _ => format!("{t}/{st} — "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_are_unique_and_stable() {
        let lex = Lexicon::get();
        let a = outlets(lex, 1, 40);
        let b = outlets(lex, 1, 40);
        let names: Vec<&str> = a.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, b.iter().map(|o| o.name.as_str()).collect::<Vec<_>>());
        let slugs: BTreeSet<&str> = a.iter().map(|o| o.slug.as_str()).collect();
        assert_eq!(slugs.len(), a.len());
        for kind in [
            OutletKind::Publisher,
            OutletKind::Aggregator,
            OutletKind::Farm,
        ] {
            assert!(a.iter().filter(|o| o.kind == kind).count() >= 2);
        }
        assert_eq!(slugify("The Carrowdale Courier"), "the-carrowdale-courier");
    }
}
