//! The stemma of one story drawn as SVG, laid out in Rust so that it shows
//! without the page's script.
//!
//! Layered: roots on top, every other version one layer below its source
//! (depth from the roots). Within a layer, versions follow their source's
//! position, then their id; a layer wider than [`PER_ROW`] wraps onto more
//! rows. Versions the derivations do not reach sit in the top layer after
//! the roots. The same story always gives the same drawing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::escape::{esc, truncate};
use crate::wire::{DocumentOut, StoryOut};

const NODE_W: usize = 200;
const NODE_H: usize = 62;
const GAP_X: usize = 28;
const GAP_Y: usize = 64;
const PAD: usize = 12;
/// Most nodes side by side before a layer wraps.
pub const PER_ROW: usize = 6;

/// A node's place: top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub x: usize,
    pub y: usize,
}

/// The layout of a story: each document's index (into the report's
/// documents) with its place, and the drawing's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub nodes: Vec<(usize, Place)>,
    pub width: usize,
    pub height: usize,
}

/// Lays out `story`; `index` maps document ids to their position in the
/// report.
pub fn layout(story: &StoryOut, index: &BTreeMap<&str, usize>) -> Layout {
    let members: BTreeSet<&str> = story.documents.iter().map(String::as_str).collect();
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for d in &story.derivations {
        if members.contains(d.source.as_str()) && members.contains(d.derived.as_str()) {
            children
                .entry(d.source.as_str())
                .or_default()
                .push(d.derived.as_str());
        }
    }
    for kids in children.values_mut() {
        kids.sort_unstable();
        kids.dedup();
    }

    // Breadth first from the roots; each node is placed once, at its first
    // (shallowest) reach, so a stray cycle cannot loop.
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut layers: Vec<Vec<&str>> = Vec::new();
    let mut top: Vec<&str> = Vec::new();
    for r in &story.roots {
        if members.contains(r.as_str()) && placed.insert(r.as_str()) {
            top.push(r.as_str());
        }
    }
    let derived: BTreeSet<&str> = story
        .derivations
        .iter()
        .map(|d| d.derived.as_str())
        .collect();
    for d in &story.documents {
        if !derived.contains(d.as_str()) && placed.insert(d.as_str()) {
            top.push(d.as_str());
        }
    }
    layers.push(top);
    loop {
        let mut next = Vec::new();
        if let Some(last) = layers.last() {
            for n in last {
                for &k in children.get(n).map(Vec::as_slice).unwrap_or_default() {
                    if placed.insert(k) {
                        next.push(k);
                    }
                }
            }
        }
        if next.is_empty() {
            break;
        }
        layers.push(next);
    }
    // Anything still unplaced (derived only from outside the story, or in
    // a cycle) goes in a last layer.
    let rest: Vec<&str> = story
        .documents
        .iter()
        .map(String::as_str)
        .filter(|d| !placed.contains(d))
        .collect();
    if !rest.is_empty() {
        layers.push(rest);
    }

    let widest = layers
        .iter()
        .map(|l| l.len().min(PER_ROW))
        .max()
        .unwrap_or(1)
        .max(1);
    let row_w = |n: usize| n * NODE_W + n.saturating_sub(1) * GAP_X;
    let width = row_w(widest) + 2 * PAD;
    let mut nodes = Vec::new();
    let mut y = PAD;
    for layer in &layers {
        for row in layer.chunks(PER_ROW) {
            let x0 = PAD + (row_w(widest) - row_w(row.len())) / 2;
            for (i, id) in row.iter().enumerate() {
                if let Some(&doc) = index.get(id) {
                    let place = Place {
                        x: x0 + i * (NODE_W + GAP_X),
                        y,
                    };
                    nodes.push((doc, place));
                }
            }
            y += NODE_H + GAP_Y;
        }
    }
    let height = y - GAP_Y + PAD;
    Layout {
        nodes,
        width,
        height: height.max(NODE_H + 2 * PAD),
    }
}

/// Draws story number `k` as an `<svg>` element. Every text is escaped;
/// attributes carry numbers only.
pub fn draw(
    k: usize,
    story: &StoryOut,
    docs: &[DocumentOut],
    index: &BTreeMap<&str, usize>,
) -> String {
    let lay = layout(story, index);
    let at: BTreeMap<usize, Place> = lay.nodes.iter().copied().collect();
    let roots: BTreeSet<&str> = story.roots.iter().map(String::as_str).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="graph" id="g{k}" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg"><title>Stemma of story {k1}: {n} versions, {e} derivations</title><defs><marker id="arrow{k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="arrowhead"/></marker></defs>"#,
        w = lay.width,
        h = lay.height,
        k1 = k + 1,
        n = story.documents.len(),
        e = story.derivations.len(),
    );
    for d in &story.derivations {
        let (Some(&si), Some(&di)) = (index.get(d.source.as_str()), index.get(d.derived.as_str()))
        else {
            continue;
        };
        let (Some(a), Some(b)) = (at.get(&si), at.get(&di)) else {
            continue;
        };
        let (x1, y1) = (a.x + NODE_W / 2, a.y + NODE_H);
        let (x2, y2) = (b.x + NODE_W / 2, b.y);
        let (x1, y1, x2, y2) = (x1 as f64, y1 as f64, x2 as f64, y2 as f64);
        let my = (y1 + y2) / 2.0;
        let label = format!("{} {:.2}", d.relation, d.confidence);
        let lw = 7.0 * label.chars().count() as f64 + 8.0;
        let (lx, ly) = ((x1 + x2) / 2.0, my);
        let _ = write!(
            s,
            r#"<g class="edge rel-{cls}" data-story="{k}" data-s="{si}" data-d="{di}" tabindex="0"><title>{title}</title><path d="M{x1:.0} {y1:.0}C{x1:.0} {my:.0} {x2:.0} {my:.0} {x2:.0} {y2:.0}" marker-end="url(#arrow{k})"/><rect x="{rx:.0}" y="{ry:.0}" width="{lw:.0}" height="16" rx="3"/><text x="{lx:.0}" y="{ty:.0}" text-anchor="middle">{label}</text></g>"#,
            cls = css_class(&d.relation),
            title = esc(&format!(
                "{} → {}: {} (confidence {:.2}); {}",
                d.source,
                d.derived,
                d.relation,
                d.confidence,
                d.evidence.join("; ")
            )),
            rx = lx - lw / 2.0,
            ry = ly - 8.0,
            ty = ly + 4.0,
            label = esc(&label),
        );
    }
    for &(i, p) in &lay.nodes {
        let Some(doc) = docs.get(i) else { continue };
        // Outlet (or the id when no outlet is known), then date and id.
        let outlet = doc.outlet.as_deref().unwrap_or(&doc.id);
        let date: String = doc
            .published
            .as_deref()
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_default();
        let second = match doc.outlet {
            Some(_) => format!("{date}  {}", doc.id),
            None => date,
        };
        let title = doc.title.as_deref().unwrap_or("(no title)");
        let root = if roots.contains(doc.id.as_str()) {
            " root"
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<a href="#d{i}" class="node{root}" data-doc="{i}"><title>{tip}</title><rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6"/><text x="{tx}" y="{y1}" class="outlet">{outlet}</text><text x="{tx}" y="{y2}" class="date">{date}</text><text x="{tx}" y="{y3}" class="title">{title}</text></a>"##,
            tip = esc(&format!("{} · {}", doc.id, title)),
            x = p.x,
            y = p.y,
            tx = p.x + 8,
            y1 = p.y + 18,
            y2 = p.y + 35,
            y3 = p.y + 52,
            outlet = esc(&truncate(outlet, 26)),
            date = esc(&truncate(&second, 30)),
            title = esc(&truncate(title, 30)),
        );
    }
    s.push_str("</svg>");
    s
}

/// A relation name as a CSS class fragment: letters, digits and `-` only.
pub fn css_class(relation: &str) -> String {
    relation
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::DerivationOut;

    fn star(n: usize) -> (StoryOut, Vec<String>) {
        let ids: Vec<String> = (0..n).map(|i| format!("d{i:03}")).collect();
        let story = StoryOut {
            id: "story-1".into(),
            documents: ids.clone(),
            roots: vec![ids[0].clone()],
            derivations: ids[1..]
                .iter()
                .map(|d| DerivationOut {
                    source: ids[0].clone(),
                    derived: d.clone(),
                    relation: "duplicate".into(),
                    confidence: 0.9,
                    evidence: vec![],
                })
                .collect(),
        };
        (story, ids)
    }

    #[test]
    fn roots_on_top_and_wide_layers_wrap() {
        let (story, ids) = star(300);
        let index: BTreeMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, d)| (d.as_str(), i))
            .collect();
        let lay = layout(&story, &index);
        assert_eq!(lay.nodes.len(), 300);
        assert_eq!(
            lay.nodes[0],
            (
                0,
                Place {
                    x: lay.width / 2 - NODE_W / 2,
                    y: PAD
                }
            )
        );
        assert!(lay.nodes[1..].iter().all(|(_, p)| p.y > PAD));
        assert_eq!(
            lay.width,
            PER_ROW * NODE_W + (PER_ROW - 1) * GAP_X + 2 * PAD
        );
        // 1 root row and 299 / 6 rounded up rows below it.
        let rows = 1 + 299_usize.div_ceil(PER_ROW);
        assert_eq!(lay.height, rows * (NODE_H + GAP_Y) - GAP_Y + 2 * PAD);
        assert_eq!(layout(&story, &index), lay, "deterministic");
    }

    #[test]
    fn a_cycle_does_not_loop() {
        let (mut story, ids) = star(3);
        story.roots.clear();
        story.derivations.push(DerivationOut {
            source: ids[1].clone(),
            derived: ids[0].clone(),
            relation: "duplicate".into(),
            confidence: 0.5,
            evidence: vec![],
        });
        let index: BTreeMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, d)| (d.as_str(), i))
            .collect();
        assert_eq!(layout(&story, &index).nodes.len(), 3);
    }
}
