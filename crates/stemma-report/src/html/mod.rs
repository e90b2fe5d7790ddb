//! The HTML dossier: one self-contained page a person reads (and can
//! e-mail): an overview, each story's stemma as SVG with its versions and
//! findings, and a collation view of any two versions of a story.
//!
//! Everything but the collation is rendered here, so the page reads without
//! its script. Collations are drawn by the page's script only when opened,
//! from a JSON block of texts and precomputed rows (`collate`), in batches
//! as the reader scrolls, so a story of hundreds of long versions does not
//! freeze the browser.
//!
//! Document text is untrusted. It reaches the page in two ways only: HTML
//! escaped ([`escape::esc`]) in server-rendered markup, and inside a
//! `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and
//! U+2029 escaped, which the script reads with `JSON.parse` and puts into
//! the page with `textContent` only. A Content-Security-Policy allows no
//! network and only the page's own style and script (by hash). Links in
//! articles are never made clickable. The same report gives byte-identical
//! HTML: no timestamps, no map iteration order.

mod collate;
mod escape;
mod svg;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::wire::*;
use collate::{Row, RowKind, collate};
use escape::{csp_hash, esc, script_json, truncate};

const CSS: &str = include_str!("dossier.css");
/// Stories drawn open at load, largest first; the rest are folded
/// (`<details>`: parsed, not laid out, until opened), which keeps a report
/// of thousands of documents quick to open.
const OPEN_STORIES: usize = 20;
const JS: &str = include_str!("dossier.js");

/// What the page's script reads from the data block.
#[derive(Serialize)]
struct Data<'a> {
    docs: Vec<DocData<'a>>,
    /// Each pair oriented source → derived.
    pairs: Vec<PairData>,
    /// `[doc, start, end, finding]`: spans to highlight.
    marks: Vec<[usize; 4]>,
    /// Row kind names, indexed by the code in each row.
    kinds: [&'static str; 5],
}

#[derive(Serialize)]
struct DocData<'a> {
    id: &'a str,
    label: String,
    /// Only for documents in a story (the only ones a collation shows).
    text: Option<&'a str>,
    /// Boilerplate spans.
    bp: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct PairData {
    s: usize,
    d: usize,
    rel: String,
    /// Share of the source's body covered.
    sc: f64,
    /// Share of the derived body covered.
    dc: f64,
    /// `[kind, source start, source end, derived start, derived end]`.
    rows: Vec<[usize; 5]>,
}

/// A document's text as the page's script indexes it: UTF-16 offsets.
struct Text<'a> {
    chars: Vec<char>,
    /// UTF-16 offset of each code point, and of the end.
    u16: Vec<usize>,
    text: Option<&'a str>,
}

impl<'a> Text<'a> {
    fn new(doc: &'a DocumentOut, wanted: bool) -> Text<'a> {
        match doc.text.as_deref() {
            Some(t) if wanted => {
                let chars: Vec<char> = t.chars().collect();
                let mut u16 = Vec::with_capacity(chars.len() + 1);
                let mut at = 0;
                for c in &chars {
                    u16.push(at);
                    at += c.len_utf16();
                }
                u16.push(at);
                Text {
                    chars,
                    u16,
                    text: Some(t),
                }
            }
            _ => Text {
                chars: Vec::new(),
                u16: Vec::new(),
                text: None,
            },
        }
    }
    fn len(&self) -> usize {
        self.chars.len()
    }
    /// Code point offset to UTF-16 offset, clamped to the text.
    fn at(&self, cp: usize) -> usize {
        self.u16.get(cp.min(self.chars.len())).copied().unwrap_or(0)
    }
    fn span(&self, s: CharSpan) -> [usize; 2] {
        [self.at(s[0]), self.at(s[1])]
    }
    fn blank(&self, s: CharSpan) -> bool {
        self.chars
            .get(s[0].min(s[1])..s[1].min(self.chars.len()))
            .is_none_or(|cs| cs.iter().all(|c| c.is_whitespace()))
    }
}

/// Renders `report` as one self-contained HTML page. Collations need the
/// documents' texts (`Options::with_text`); without them the page says so.
pub fn html(report: &Report) -> String {
    let docs = &report.documents;
    let index: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let story_of_id: BTreeMap<&str, usize> = report
        .stories
        .iter()
        .enumerate()
        .map(|(k, s)| (s.id.as_str(), k))
        .collect();
    let mut in_story = vec![false; docs.len()];
    for s in &report.stories {
        for d in &s.documents {
            if let Some(&i) = index.get(d.as_str()) {
                in_story[i] = true;
            }
        }
    }
    let texts: Vec<Text<'_>> = docs
        .iter()
        .zip(&in_story)
        .map(|(d, &w)| Text::new(d, w))
        .collect();
    let len = |i: usize| {
        if texts[i].text.is_some() {
            texts[i].len()
        } else {
            docs[i].length
        }
    };

    // Orientation of each pair: source → derived where a derivation says
    // so, else as the pair is written.
    let mut derivation: BTreeMap<(usize, usize), &DerivationOut> = BTreeMap::new();
    for s in &report.stories {
        for d in &s.derivations {
            if let (Some(&a), Some(&b)) =
                (index.get(d.source.as_str()), index.get(d.derived.as_str()))
            {
                derivation.insert((a, b), d);
            }
        }
    }
    let mut pair_of: BTreeMap<(usize, usize), &PairOut> = BTreeMap::new();
    let mut pairs = Vec::new();
    for p in &report.pairs {
        let (Some(&a), Some(&b)) = (index.get(p.a.as_str()), index.get(p.b.as_str())) else {
            continue;
        };
        pair_of.insert((a, b), p);
        pair_of.insert((b, a), p);
        let flip = derivation.contains_key(&(b, a)) && !derivation.contains_key(&(a, b));
        let (s, d) = if flip { (b, a) } else { (a, b) };
        let passages: Vec<(CharSpan, CharSpan, RowKind)> = p
            .passages
            .iter()
            .map(|g| {
                let (ss, ds) = if flip { (g.b, g.a) } else { (g.a, g.b) };
                (ss, ds, RowKind::of_passage(&g.kind))
            })
            .collect();
        let blank = |is_source: bool, span: CharSpan| {
            let t = &texts[if is_source { s } else { d }];
            t.text.is_some() && t.blank(span)
        };
        let rows = collate(&passages, len(s), len(d), &blank)
            .into_iter()
            .map(
                |Row {
                     kind,
                     source,
                     derived,
                 }| {
                    let [ss, se] = texts[s].span(source);
                    let [ds, de] = texts[d].span(derived);
                    [usize::from(kind.code()), ss, se, ds, de]
                },
            )
            .collect();
        let (sc, dc) = if flip {
            (p.b_covered, p.a_covered)
        } else {
            (p.a_covered, p.b_covered)
        };
        pairs.push(PairData {
            s,
            d,
            rel: p.relation.clone(),
            sc,
            dc,
            rows,
        });
    }

    let mut marks = Vec::new();
    for (n, f) in report.findings.iter().enumerate() {
        for (doc, span) in finding_spans(f) {
            if let Some(&i) = index.get(doc) {
                let [s, e] = texts[i].span(span);
                marks.push([i, s, e, n]);
            }
        }
    }
    marks.sort_unstable();

    let data = Data {
        docs: docs
            .iter()
            .enumerate()
            .map(|(i, d)| DocData {
                id: &d.id,
                label: doc_label(d),
                text: texts[i].text,
                bp: if texts[i].text.is_some() {
                    d.boilerplate
                        .iter()
                        .map(|b| texts[i].span(b.span))
                        .collect()
                } else {
                    Vec::new()
                },
            })
            .collect(),
        pairs,
        marks,
        kinds: ["verbatim", "edited", "paraphrased", "added", "dropped"],
    };
    let json = script_json(&serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_owned()));

    // Stories by size, then as the report lists them.
    let mut order: Vec<usize> = (0..report.stories.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(report.stories[k].documents.len()));

    let mut findings_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut loose_findings = Vec::new();
    for (n, f) in report.findings.iter().enumerate() {
        match story_of_id.get(finding_story(f)) {
            Some(&k) => findings_of.entry(k).or_default().push(n),
            None => loose_findings.push(n),
        }
    }

    let ctx = Ctx {
        report,
        index: &index,
        pair_of: &pair_of,
        story_of_id: &story_of_id,
    };
    let mut body = String::new();
    ctx.overview(&mut body, &order, &findings_of, &in_story);
    for (rank, &k) in order.iter().enumerate() {
        ctx.story(
            &mut body,
            k,
            findings_of.get(&k).map(Vec::as_slice).unwrap_or_default(),
            rank < OPEN_STORIES,
        );
    }
    if !loose_findings.is_empty() {
        body.push_str(
            r#"<section class="story"><h2>Findings in no story</h2><ol class="findings">"#,
        );
        for &n in &loose_findings {
            ctx.finding(&mut body, n, None);
        }
        body.push_str("</ol></section>");
    }
    ctx.diagnostics(&mut body);

    let csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(CSS),
        csp_hash(JS)
    );
    let title = match report.stories.len() {
        0 => format!("stemma: {}", plural(docs.len(), "document")),
        _ => format!(
            "stemma: {}, {}",
            plural(report.stories.len(), "story"),
            plural(docs.len(), "document")
        ),
    };
    let mut page = String::with_capacity(body.len() + json.len() + CSS.len() + JS.len() + 1024);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
<meta name=\"referrer\" content=\"no-referrer\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>{CSS}</style></head>\n<body>\n{body}\n\
<script type=\"application/json\" id=\"stemma-data\">{json}</script>\n\
<script>{JS}</script>\n</body></html>\n",
        csp = esc(&csp),
        title = esc(&title),
    );
    page
}

struct Ctx<'a> {
    report: &'a Report,
    index: &'a BTreeMap<&'a str, usize>,
    pair_of: &'a BTreeMap<(usize, usize), &'a PairOut>,
    story_of_id: &'a BTreeMap<&'a str, usize>,
}

impl Ctx<'_> {
    fn doc(&self, id: &str) -> Option<(usize, &DocumentOut)> {
        let &i = self.index.get(id)?;
        Some((i, self.report.documents.get(i)?))
    }

    fn overview(
        &self,
        s: &mut String,
        order: &[usize],
        findings_of: &BTreeMap<usize, Vec<usize>>,
        in_story: &[bool],
    ) {
        let r = self.report;
        let count = |rels: &[&str]| {
            r.stories
                .iter()
                .flat_map(|s| &s.derivations)
                .filter(|d| rels.contains(&d.relation.as_str()))
                .count()
        };
        let conflicts = r
            .findings
            .iter()
            .filter(|f| matches!(f, FindingOut::Conflict { .. }))
            .count();
        let _ = write!(
            s,
            r#"<header><h1>stemma dossier</h1><p class="counts" id="counts"><span><b>{}</b> documents</span><span><b>{}</b> stories</span><span><b>{}</b> copies</span><span><b>{}</b> rewrites</span><span><b>{}</b> findings ({} conflicts, {} unsupported)</span></p></header>"#,
            r.documents.len(),
            r.stories.len(),
            count(&["duplicate", "excerpt"]),
            count(&["rewrite"]),
            r.findings.len(),
            conflicts,
            r.findings.len() - conflicts,
        );
        s.push_str(r#"<section id="overview"><h2>Stories by size</h2>"#);
        if order.is_empty() {
            s.push_str("<p>No story: no two documents share text or event.</p>");
        } else {
            s.push_str(r#"<table class="stories"><thead><tr><th>story</th><th>versions</th><th>origin</th><th>copies</th><th>rewrites</th><th>findings</th></tr></thead><tbody>"#);
            for &k in order {
                let st = &r.stories[k];
                let rel = |names: &[&str]| {
                    st.derivations
                        .iter()
                        .filter(|d| names.contains(&d.relation.as_str()))
                        .count()
                };
                let origin = st
                    .roots
                    .iter()
                    .filter_map(|id| self.doc(id))
                    .map(|(_, d)| esc(&truncate(&doc_label(d), 90)))
                    .collect::<Vec<_>>()
                    .join("<br>");
                let _ = write!(
                    s,
                    r##"<tr><td><a href="#s{k}">{id}</a></td><td class="num">{n}</td><td>{origin}</td><td class="num">{c}</td><td class="num">{w}</td><td class="num">{f}</td></tr>"##,
                    id = esc(&st.id),
                    n = st.documents.len(),
                    c = rel(&["duplicate", "excerpt"]),
                    w = rel(&["rewrite"]),
                    f = findings_of.get(&k).map_or(0, Vec::len),
                );
            }
            s.push_str("</tbody></table>");
        }
        let loose: Vec<&DocumentOut> = r
            .documents
            .iter()
            .zip(in_story)
            .filter(|(_, in_s)| !**in_s)
            .map(|(d, _)| d)
            .collect();
        if !loose.is_empty() {
            let _ = write!(
                s,
                r#"<details class="loose"><summary>{} in no story</summary><ul>"#,
                plural(loose.len(), "document")
            );
            for d in loose {
                let _ = write!(s, "<li>{}</li>", esc(&truncate(&doc_label(d), 120)));
            }
            s.push_str("</ul></details>");
        }
        s.push_str(LEGEND);
        s.push_str("</section>");
    }

    /// Story `k`, open (drawn at load) or folded.
    fn story(&self, s: &mut String, k: usize, findings: &[usize], open: bool) {
        let st = &self.report.stories[k];
        let docs = &self.report.documents;
        let lay = svg::layout(st, self.index);
        let _ = write!(
            s,
            r#"<section class="story" id="s{k}" data-story="{k}"><details{open}><summary><h2>{id} <small>{n}, {e}</small></h2></summary><div class="graph-box">{svg}</div>"#,
            open = if open { " open" } else { "" },
            id = esc(&st.id),
            n = plural(st.documents.len(), "version"),
            e = plural(st.derivations.len(), "derivation"),
            svg = svg::draw(k, st, docs, self.index),
        );
        // Versions in drawing order.
        let source_of: BTreeMap<&str, &DerivationOut> = st
            .derivations
            .iter()
            .map(|d| (d.derived.as_str(), d))
            .collect();
        s.push_str(r#"<table class="versions"><thead><tr><th>version</th><th>outlet</th><th>date</th><th>title</th><th>derived from</th><th>covered</th><th>length</th><th></th></tr></thead><tbody>"#);
        for &(i, _) in &lay.nodes {
            let d = &docs[i];
            let (from, covered, button) = match source_of.get(d.id.as_str()) {
                Some(dv) => {
                    let src = self.doc(&dv.source);
                    let share = src.and_then(|(si, _)| self.pair_of.get(&(si, i))).map(|p| {
                        if p.b == d.id {
                            p.b_covered
                        } else {
                            p.a_covered
                        }
                    });
                    (
                        format!(
                            "{} <span class=\"rel rel-{}\">{} {:.2}</span>",
                            esc(&dv.source),
                            svg::css_class(&dv.relation),
                            esc(&dv.relation),
                            dv.confidence
                        ),
                        share.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_default(),
                        src.map(|(si, _)| {
                            format!(
                                r#"<button type="button" class="collate" data-story="{k}" data-s="{si}" data-d="{i}">collate</button>"#
                            )
                        })
                        .unwrap_or_default(),
                    )
                }
                None if st.roots.contains(&d.id) => (
                    "<span class=\"rel root\">origin</span>".to_owned(),
                    String::new(),
                    String::new(),
                ),
                None => (String::new(), String::new(), String::new()),
            };
            let _ = write!(
                s,
                r#"<tr id="d{i}"><td class="id">{id}</td><td>{outlet}</td><td>{date}</td><td>{title}</td><td>{from}</td><td class="num">{covered}</td><td class="num">{len}</td><td>{button}</td></tr>"#,
                id = esc(&d.id),
                outlet = esc(d.outlet.as_deref().unwrap_or("")),
                date = esc(&d
                    .published
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(10)
                    .collect::<String>()),
                title = esc(&truncate(d.title.as_deref().unwrap_or("(no title)"), 100)),
                len = d.length,
            );
        }
        s.push_str("</tbody></table>");

        if !findings.is_empty() {
            let _ = write!(s, r#"<h3>Findings</h3><ol class="findings">"#);
            for &n in findings {
                self.finding(s, n, Some(k));
            }
            s.push_str("</ol>");
        }

        // The collation panel: any two versions of the story.
        let options = |selected: Option<usize>| {
            let mut o = String::new();
            for &(i, _) in &lay.nodes {
                let _ = write!(
                    o,
                    r#"<option value="{i}"{sel}>{label}</option>"#,
                    sel = if selected == Some(i) { " selected" } else { "" },
                    label = esc(&truncate(&doc_label(&docs[i]), 70)),
                );
            }
            o
        };
        let first = st.derivations.iter().find_map(|d| {
            Some((
                self.index.get(d.source.as_str())?,
                self.index.get(d.derived.as_str())?,
            ))
        });
        let (a, b) = match first {
            Some((&a, &b)) => (Some(a), Some(b)),
            None => (
                lay.nodes.first().map(|n| n.0),
                lay.nodes.get(1).map(|n| n.0),
            ),
        };
        let _ = write!(
            s,
            r#"<div class="collation" id="c{k}" data-story="{k}"><h3>Collation</h3><form class="pick"><label>source <select class="src">{}</select></label> <label>derived <select class="der">{}</select></label> <button type="button" class="go" data-story="{k}">collate</button></form><div class="view"><p class="hint">Pick two versions, or click an edge of the graph.</p></div></div></details></section>"#,
            options(a),
            options(b),
        );
    }

    fn finding(&self, s: &mut String, n: usize, k: Option<usize>) {
        let Some(f) = self.report.findings.get(n) else {
            return;
        };
        let story = k
            .or_else(|| self.story_of_id.get(finding_story(f)).copied())
            .map(|k| format!(r#" data-story="{k}""#))
            .unwrap_or_default();
        let show = |doc: &str| -> String {
            match self.index.get(doc) {
                Some(i) if !story.is_empty() => format!(
                    r#" <button type="button" class="show" data-f="{n}" data-doc="{i}"{story}>show</button>"#
                ),
                _ => String::new(),
            }
        };
        match f {
            FindingOut::Conflict {
                topic,
                explanation,
                statements,
                ..
            } => {
                let _ = write!(
                    s,
                    r#"<li id="f{n}" class="finding conflict"><span class="tag">conflict</span> <b>{}</b>: {}<ul>"#,
                    esc(topic),
                    esc(explanation)
                );
                for st in statements {
                    let _ = write!(
                        s,
                        r#"<li><span class="id">{}</span> <q>{}</q> <span class="value">= {}</span>{}</li>"#,
                        esc(&st.doc),
                        esc(&st.quote),
                        esc(&st.value),
                        show(&st.doc)
                    );
                }
                s.push_str("</ul></li>");
            }
            FindingOut::Unsupported {
                doc,
                quote,
                explanation,
                ..
            } => {
                let _ = write!(
                    s,
                    r#"<li id="f{n}" class="finding unsupported"><span class="tag">unsupported</span> in <span class="id">{}</span>: {}<ul><li><q>{}</q>{}</li></ul></li>"#,
                    esc(doc),
                    esc(explanation),
                    esc(quote),
                    show(doc)
                );
            }
        }
    }

    fn diagnostics(&self, s: &mut String) {
        let ds = &self.report.diagnostics;
        if ds.is_empty() {
            return;
        }
        let _ = write!(
            s,
            r#"<section id="diagnostics"><details><summary>{}</summary><ul>"#,
            plural(ds.len(), "diagnostic")
        );
        for d in ds {
            let _ = write!(
                s,
                r#"<li><span class="level-{}">{}</span>: {}: {}</li>"#,
                if d.level == "error" {
                    "error"
                } else {
                    "warning"
                },
                esc(&d.level),
                esc(&d.source),
                esc(&d.message)
            );
        }
        s.push_str("</ul></details></section>");
    }
}

const LEGEND: &str = r#"<p class="legend">Collation: <span class="k k-verbatim">verbatim</span> <span class="k k-edited">edited</span> <span class="k k-paraphrased">paraphrased</span> <span class="k k-added">added</span> <span class="k k-dropped">dropped</span> <span class="bp">boilerplate</span> <mark class="finding">finding</mark></p>"#;

/// `outlet · date · title (id)`, whatever of it is known.
fn doc_label(d: &DocumentOut) -> String {
    let mut parts = Vec::new();
    if let Some(o) = &d.outlet {
        parts.push(o.clone());
    }
    if let Some(p) = &d.published {
        parts.push(p.chars().take(10).collect());
    }
    if let Some(t) = &d.title {
        parts.push(t.clone());
    }
    if parts.is_empty() {
        d.id.clone()
    } else {
        format!("{} ({})", parts.join(" · "), d.id)
    }
}

fn finding_story(f: &FindingOut) -> &str {
    match f {
        FindingOut::Conflict { story, .. } | FindingOut::Unsupported { story, .. } => story,
    }
}

/// The spans a finding points at, by document id.
fn finding_spans(f: &FindingOut) -> Vec<(&str, CharSpan)> {
    match f {
        FindingOut::Conflict { statements, .. } => statements
            .iter()
            .map(|s| (s.doc.as_str(), s.span))
            .collect(),
        FindingOut::Unsupported { doc, span, .. } => vec![(doc.as_str(), *span)],
    }
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, w) => format!("1 {w}"),
        (n, "story") => format!("{n} stories"),
        (n, w) => format!("{n} {w}s"),
    }
}
