//! The derivation graph of one story.

use stemma_core::{Derivation, DocIdx, Relation, Story};

use crate::signals::{DocSignals, Signals};
use crate::{Config, Reuse};

/// A reuse pair oriented source → derived, with why.
struct Edge {
    source: DocIdx,
    derived: DocIdx,
    relation: Relation,
    /// Sum of the direction votes for this orientation; ≥ 0.
    votes: f64,
    /// The derived side's attribution line names the source's outlet.
    named: bool,
    /// Seconds from the source's publication to the derived one's, when
    /// both are known.
    gap: Option<i64>,
    /// Share of the derived side's body covered by the source.
    covered: f64,
    evidence: Vec<String>,
}

pub(crate) fn story(
    documents: Vec<DocIdx>,
    reuse: &[Reuse<'_>],
    signals: &Signals,
    config: &Config,
) -> Story {
    let mut edges: Vec<Edge> = reuse.iter().map(|r| orient(r, signals, config)).collect();
    // Closest source first: the strongest relation (a copy of a rewrite
    // is a duplicate of the rewrite, a rewrite of the original), then a
    // source the derived side names, then the source that covers more of
    // the derived text (a copy holding material the other lacks cannot be
    // its source), then the most votes, then the nearest in time before
    // it, then ids.
    edges.sort_by(|x, y| {
        rank(y.relation)
            .cmp(&rank(x.relation))
            .then(y.named.cmp(&x.named))
            .then(bucket(y.covered).cmp(&bucket(x.covered)))
            .then(y.votes.total_cmp(&x.votes))
            .then(x.gap.unwrap_or(i64::MAX).cmp(&y.gap.unwrap_or(i64::MAX)))
            .then(x.derived.cmp(&y.derived))
            .then(x.source.cmp(&y.source))
    });
    let position = |d: DocIdx| documents.binary_search(&d).ok();
    // The edges into each document, for finding rivals without scanning
    // every edge of the story per chosen one.
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
    for (k, e) in edges.iter().enumerate() {
        if let Some(d) = position(e.derived) {
            into[d].push(k);
        }
    }
    let mut parent: Vec<Option<usize>> = vec![None; documents.len()];
    let mut chosen: Vec<Derivation> = Vec::new();
    for (k, e) in edges.iter().enumerate() {
        let (Some(s), Some(d)) = (position(e.source), position(e.derived)) else {
            continue;
        };
        if parent[d].is_some() || descends(&parent, s, d) {
            continue;
        }
        parent[d] = Some(s);
        // Other sources of equal standing for the same document.
        let rivals = into[d]
            .iter()
            .map(|&j| (j, &edges[j]))
            .filter(|&(j, o)| {
                j != k
                    && rank(o.relation) == rank(e.relation)
                    && o.named == e.named
                    && bucket(o.covered) == bucket(e.covered)
            })
            .count();
        let mut evidence = e.evidence.clone();
        let mut confidence = 0.5 + 0.45 * (1.0 - (-e.votes / 2.0).exp());
        if rivals > 0 {
            confidence *= 0.75;
            evidence.push(format!(
                "{} other candidate source{} of equal standing (same relation and coverage); this one is {}",
                rivals,
                if rivals == 1 { "" } else { "s" },
                if e.gap.is_some() { "the nearest in time before it" } else { "the first by the other signals" }
            ));
        }
        chosen.push(Derivation {
            source: e.source,
            derived: e.derived,
            relation: e.relation,
            confidence: (confidence * 1e4).round() / 1e4,
            evidence,
        });
    }
    chosen.sort_by_key(|d| (d.source, d.derived));
    let roots = documents
        .iter()
        .zip(&parent)
        .filter(|(_, p)| p.is_none())
        .map(|(&d, _)| d)
        .collect();
    Story {
        documents,
        roots,
        derivations: chosen,
    }
}

/// Whether `x` descends from `ancestor` (or is it) through `parent`.
fn descends(parent: &[Option<usize>], mut x: usize, ancestor: usize) -> bool {
    let mut steps = 0;
    loop {
        if x == ancestor {
            return true;
        }
        match parent[x] {
            Some(p) if steps <= parent.len() => {
                x = p;
                steps += 1;
            }
            _ => return false,
        }
    }
}

/// Coverage in steps of 5 %: closer than that is equal standing.
fn bucket(covered: f64) -> i64 {
    (covered * 20.0).round() as i64
}

fn rank(r: Relation) -> u8 {
    match r {
        Relation::Duplicate => 3,
        Relation::Excerpt => 2,
        Relation::Rewrite => 1,
        Relation::Partial | Relation::SameStory => 0,
    }
}

/// Orients a pair by the votes of its signals.
fn orient(r: &Reuse<'_>, signals: &Signals, config: &Config) -> Edge {
    let p = r.pair;
    let (a, b) = (p.a, p.b);
    let (sa, sb) = (&signals.docs[a.index()], &signals.docs[b.index()]);
    // Positive votes say a → b.
    let mut votes = 0.0;
    let mut why_ab: Vec<String> = Vec::new();
    let mut why_ba: Vec<String> = Vec::new();
    let name = |s: &DocSignals| s.outlet_name.clone().unwrap_or_default();
    let (b_names_a, a_names_b) = (sb.names(sa), sa.names(sb));
    if let Some(line) = b_names_a {
        votes += 3.0;
        why_ab.push(format!(
            "the derived text names the source's outlet ({}): \"{}\"",
            name(sa),
            clip(line)
        ));
    }
    if let Some(line) = a_names_b {
        votes -= 3.0;
        why_ba.push(format!(
            "the derived text names the source's outlet ({}): \"{}\"",
            name(sb),
            clip(line)
        ));
    }
    if let Some(derived) = r.derived {
        let (weight, what) = match p.relation {
            Relation::Excerpt => (2.0, "the derived text is contained in the source"),
            _ => (
                1.0,
                "the derived text's sentences follow the source's, with fewer facts of its own",
            ),
        };
        let covered = if derived == b {
            p.b_covered
        } else {
            p.a_covered
        };
        let other = if derived == b {
            p.a_covered
        } else {
            p.b_covered
        };
        let line = format!(
            "{what} (covers {:.0}% of itself, {:.0}% of the source)",
            covered * 100.0,
            other * 100.0
        );
        if derived == b {
            votes += weight;
            why_ab.push(line);
        } else if derived == a {
            votes -= weight;
            why_ba.push(line);
        }
    }
    let mut gap_ab = None;
    if let (Some((ta, pa)), Some((tb, pb))) = (sa.time, sb.time) {
        let gap = tb - ta;
        gap_ab = Some(gap);
        if gap.abs() >= config.min_time_gap.max(pa).max(pb) {
            let line = format!("published {} earlier", duration(gap.abs()));
            if gap > 0 {
                votes += 1.5;
                why_ab.push(line);
            } else {
                votes -= 1.5;
                why_ba.push(line);
            }
        }
    }
    let a_to_b = votes > 0.0 || votes == 0.0 && a <= b;
    let (source, derived, mut evidence, gap, covered, named) = if a_to_b {
        (a, b, why_ab, gap_ab, p.b_covered, b_names_a.is_some())
    } else {
        (
            b,
            a,
            why_ba,
            gap_ab.map(|g| -g),
            p.a_covered,
            a_names_b.is_some(),
        )
    };
    if votes == 0.0 {
        evidence.push(
            "no signal decided the direction (no times, no attribution, no containment)".to_owned(),
        );
    }
    Edge {
        source,
        derived,
        relation: p.relation,
        votes: f64::abs(votes),
        named,
        gap: gap.filter(|&g| g >= 0),
        covered,
        evidence,
    }
}

fn clip(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 80 {
        one_line
    } else {
        one_line.chars().take(77).collect::<String>() + "…"
    }
}

fn duration(secs: i64) -> String {
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}
