//! The readable summary `stemma analyze` prints when no `--json` is asked
//! for: counts, stories with their derivation trees, findings with quotes,
//! and diagnostics. Fits 80 columns; colour only when asked (the binary
//! asks only for a terminal without `NO_COLOR`).

use std::collections::BTreeMap;
use std::fmt::Write;

use anstyle::{AnsiColor, Style as Ansi};

use crate::wire::*;

/// Whether the summary uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

struct Paint(Style);

impl Paint {
    fn paint(&self, style: Ansi, text: &str) -> String {
        match self.0 {
            Style::Plain => text.to_owned(),
            Style::Color => format!("{}{text}{}", style.render(), style.render_reset()),
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint(Ansi::new().bold(), t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint(Ansi::new().dimmed(), t)
    }
    fn color(&self, c: AnsiColor, t: &str) -> String {
        self.paint(Ansi::new().fg_color(Some(c.into())), t)
    }
}

const WIDTH: usize = 80;
/// One-version stories and loose documents listed before "… and N more".
const LIST_CAP: usize = 20;
/// Other related pairs listed before "… and N more".
const PAIR_CAP: usize = 20;
/// Lines of a quoted span before it is cut.
const QUOTE_LINES: usize = 3;

/// Renders the summary of `report`: counts; each story of more than one
/// version with its origins, its derivation tree (relation, coverage,
/// confidence) and its findings with their quoted spans, largest first;
/// one-version stories, documents in no story, the related pairs the trees
/// do not show, and diagnostics. Every line fits 80 columns.
pub fn summary(report: &Report, style: Style) -> String {
    let p = Paint(style);
    let mut s = String::new();
    let derivations = || report.stories.iter().flat_map(|s| &s.derivations);
    let copies = derivations()
        .filter(|d| d.relation == "duplicate" || d.relation == "excerpt")
        .count();
    let rewrites = derivations().filter(|d| d.relation == "rewrite").count();
    let head = format!(
        "{} · {} · {} · {} · {}",
        plural(report.documents.len(), "document"),
        plural(report.stories.len(), "story"),
        plural(copies, "copy"),
        plural(rewrites, "rewrite"),
        plural(report.findings.len(), "finding"),
    );
    for (i, line) in wrap(&head, WIDTH - 8, "        ").iter().enumerate() {
        if i == 0 {
            let _ = writeln!(s, "{} {line}", p.bold("stemma:"));
        } else {
            let _ = writeln!(s, "{line}");
        }
    }
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .count();
    let warnings = report.diagnostics.len() - errors;
    let mut second = vec![plural(report.pairs.len(), "related pair")];
    if errors + warnings > 0 {
        second.push(plural(errors, "input error"));
        second.push(plural(warnings, "warning"));
    }
    let _ = writeln!(s, "        {}", second.join(", "));

    let docs: BTreeMap<&str, &DocumentOut> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let pairs: BTreeMap<(&str, &str), &PairOut> = report
        .pairs
        .iter()
        .flat_map(|p| {
            [
                ((p.a.as_str(), p.b.as_str()), p),
                ((p.b.as_str(), p.a.as_str()), p),
            ]
        })
        .collect();
    let mut findings_of: BTreeMap<&str, Vec<&FindingOut>> = BTreeMap::new();
    for f in &report.findings {
        findings_of.entry(finding_story(f)).or_default().push(f);
    }
    let ctx = Ctx {
        p: &p,
        docs: &docs,
        pairs: &pairs,
    };

    let mut order: Vec<&StoryOut> = report.stories.iter().collect();
    order.sort_by_key(|st| std::cmp::Reverse(st.documents.len()));
    let mut in_story = std::collections::BTreeSet::new();
    let mut singles = Vec::new();
    for story in order {
        in_story.extend(story.documents.iter().map(String::as_str));
        let findings = findings_of.remove(story.id.as_str()).unwrap_or_default();
        if story.documents.len() == 1 && findings.is_empty() {
            singles.push(story);
            continue;
        }
        s.push('\n');
        let mut head = vec![plural(story.documents.len(), "version")];
        if story.roots.len() > 1 {
            head.push(plural(story.roots.len(), "origin"));
        }
        if !findings.is_empty() {
            head.push(plural(findings.len(), "finding"));
        }
        let _ = writeln!(
            s,
            "{} {}",
            p.bold(&fit(&story.id, WIDTH / 2)),
            p.dim(&format!("· {}", head.join(" · ")))
        );
        let mut children: BTreeMap<&str, Vec<&DerivationOut>> = BTreeMap::new();
        for d in &story.derivations {
            children.entry(d.source.as_str()).or_default().push(d);
        }
        for root in &story.roots {
            let kids = children.get(root.as_str()).is_some_and(|k| !k.is_empty());
            let meta = p.color(AnsiColor::Green, "origin");
            let room = WIDTH.saturating_sub(4 + 3 + "origin".len());
            let _ = writeln!(
                s,
                "  {} {}  {meta}",
                p.color(AnsiColor::Green, "●"),
                fit(root, room)
            );
            ctx.detail(&mut s, root, if kids { "  │ " } else { "    " });
            ctx.tree(&mut s, root, &children, "  ", &mut Vec::new());
        }
        if !findings.is_empty() {
            let _ = writeln!(s, "  {}", p.bold("Findings"));
            for f in findings {
                ctx.finding(&mut s, f, false);
            }
        }
    }

    if !singles.is_empty() {
        s.push('\n');
        let _ = writeln!(s, "{}", p.bold("One-version stories"));
        for story in singles.iter().take(LIST_CAP) {
            let id = story.documents.first().map(String::as_str).unwrap_or("");
            ctx.one_line(&mut s, &format!("  {} ", fit(&story.id, 16)), id);
        }
        more(&mut s, &p, singles.len(), LIST_CAP);
    }
    let loose: Vec<&DocumentOut> = report
        .documents
        .iter()
        .filter(|d| !in_story.contains(d.id.as_str()))
        .collect();
    if !loose.is_empty() {
        s.push('\n');
        let heading = if report.stories.is_empty() {
            "Documents"
        } else {
            "Documents in no story"
        };
        let _ = writeln!(s, "{}", p.bold(heading));
        for d in loose.iter().take(LIST_CAP) {
            ctx.one_line(&mut s, "  ", &d.id);
        }
        more(&mut s, &p, loose.len(), LIST_CAP);
    }

    // Pairs the trees show as derivations are not repeated.
    let shown: std::collections::BTreeSet<(&str, &str)> = derivations()
        .flat_map(|d| {
            [
                (d.source.as_str(), d.derived.as_str()),
                (d.derived.as_str(), d.source.as_str()),
            ]
        })
        .collect();
    let other: Vec<&PairOut> = report
        .pairs
        .iter()
        .filter(|p| !shown.contains(&(p.a.as_str(), p.b.as_str())))
        .collect();
    if !other.is_empty() {
        s.push('\n');
        let _ = writeln!(
            s,
            "{} {}",
            p.bold("Other related pairs"),
            p.dim("(coverage of each side)")
        );
        for pair in other.iter().take(PAIR_CAP) {
            let meta = format!(
                "{}  {:.0}% / {:.0}%",
                pair.relation,
                pair.a_covered * 100.0,
                pair.b_covered * 100.0
            );
            let room = WIDTH.saturating_sub(2 + 3 + 2 + meta.chars().count()) / 2;
            let _ = writeln!(
                s,
                "  {} ↔ {}  {}",
                fit(&pair.a, room),
                fit(&pair.b, room),
                p.color(AnsiColor::Cyan, &meta)
            );
        }
        more(&mut s, &p, other.len(), PAIR_CAP);
    }

    // Findings of stories the report does not list.
    let orphans: Vec<&FindingOut> = findings_of.into_values().flatten().collect();
    if !orphans.is_empty() {
        s.push('\n');
        let _ = writeln!(s, "{}", p.bold("Findings"));
        for f in orphans {
            ctx.finding(&mut s, f, true);
        }
    }

    if !report.diagnostics.is_empty() {
        s.push('\n');
        let _ = writeln!(s, "{}", p.bold("Diagnostics"));
        for d in &report.diagnostics {
            let level = if d.level == "error" {
                p.color(AnsiColor::Red, "error")
            } else {
                p.color(AnsiColor::Yellow, "warning")
            };
            let plain = format!("{}: {}: {}", d.level, d.source, d.message);
            for (i, line) in wrap(&plain, WIDTH - 2, "    ").iter().enumerate() {
                match line.get(d.level.len()..) {
                    // Colour the level word only.
                    Some(rest) if i == 0 && line.starts_with(d.level.as_str()) => {
                        let _ = writeln!(s, "  {level}{rest}");
                    }
                    _ => {
                        let _ = writeln!(s, "  {line}");
                    }
                }
            }
        }
    }
    s
}

struct Ctx<'a> {
    p: &'a Paint,
    docs: &'a BTreeMap<&'a str, &'a DocumentOut>,
    pairs: &'a BTreeMap<(&'a str, &'a str), &'a PairOut>,
}

impl Ctx<'_> {
    /// `date · outlet · title` of a version, under its tree line.
    fn detail(&self, s: &mut String, id: &str, prefix: &str) {
        let Some(d) = self.docs.get(id) else {
            return;
        };
        let mut parts = Vec::new();
        if let Some(p) = &d.published {
            parts.push(p.chars().take(10).collect::<String>());
        }
        if let Some(o) = &d.outlet {
            parts.push(o.clone());
        }
        parts.push(d.title.clone().unwrap_or_else(|| "(no title)".to_owned()));
        let room = WIDTH.saturating_sub(prefix.chars().count());
        let _ = writeln!(s, "{prefix}{}", self.p.dim(&fit(&parts.join(" · "), room)));
    }

    /// `prefix id (date, outlet) title` on one line.
    fn one_line(&self, s: &mut String, prefix: &str, id: &str) {
        let d = self.docs.get(id);
        let mut meta = Vec::new();
        if let Some(p) = d.and_then(|d| d.published.as_ref()) {
            meta.push(p.chars().take(10).collect::<String>());
        }
        if let Some(o) = d.and_then(|d| d.outlet.as_ref()) {
            meta.push(o.clone());
        }
        let mut left = fit(id, 36);
        if !meta.is_empty() {
            left = format!("{left} ({})", meta.join(", "));
        }
        let left = format!(
            "{prefix}{}",
            fit(&left, WIDTH - 12 - prefix.chars().count())
        );
        let room = WIDTH.saturating_sub(left.chars().count() + 1);
        let title = d.and_then(|d| d.title.as_deref()).unwrap_or("(no title)");
        let _ = writeln!(s, "{left} {}", self.p.dim(&fit(title, room)));
    }

    fn tree(
        &self,
        s: &mut String,
        node: &str,
        children: &BTreeMap<&str, Vec<&DerivationOut>>,
        indent: &str,
        path: &mut Vec<String>,
    ) {
        // A derivation graph is acyclic by contract; guard anyway.
        if path.iter().any(|n| n == node) {
            return;
        }
        path.push(node.to_owned());
        let kids = children.get(node).map(Vec::as_slice).unwrap_or_default();
        for (i, d) in kids.iter().enumerate() {
            let last = i + 1 == kids.len();
            let branch = if last { "└─" } else { "├─" };
            let coverage = self
                .pairs
                .get(&(d.source.as_str(), d.derived.as_str()))
                .map(|p| {
                    if p.b == d.derived {
                        p.b_covered
                    } else {
                        p.a_covered
                    }
                });
            let meta = match coverage {
                Some(c) => format!(
                    "{} · covers {:.0}% · confidence {:.2}",
                    d.relation,
                    c * 100.0,
                    d.confidence
                ),
                None => format!("{} · confidence {:.2}", d.relation, d.confidence),
            };
            let line = format!("{indent}{branch} ");
            let room = WIDTH
                .saturating_sub(line.chars().count() + meta.chars().count() + 2)
                .max(12);
            let _ = writeln!(
                s,
                "{line}{}  {}",
                fit(&d.derived, room),
                self.p.color(AnsiColor::Cyan, &meta)
            );
            let next = format!("{indent}{}", if last { "   " } else { "│  " });
            let has_kids = children
                .get(d.derived.as_str())
                .is_some_and(|k| !k.is_empty());
            let detail = format!("{next}{}", if has_kids { "│ " } else { "  " });
            self.detail(s, &d.derived, &detail);
            self.tree(s, &d.derived, children, &next, path);
        }
        path.pop();
    }

    /// A finding with its quoted spans, wrapped.
    fn finding(&self, s: &mut String, f: &FindingOut, with_story: bool) {
        let p = self.p;
        match f {
            FindingOut::Conflict {
                story,
                topic,
                explanation,
                statements,
            } => {
                let tag = p.color(AnsiColor::Red, "conflict");
                let mut text = format!("{topic}: {explanation}");
                if with_story {
                    text = format!("{text} ({story})");
                }
                put_wrapped(s, &format!("    {tag} · "), 4 + 11, &text, "      ");
                let leads: Vec<String> = statements
                    .iter()
                    .map(|st| format!("      {} [{}, {}] ", st.doc, st.span[0], st.span[1]))
                    .collect();
                let cols = leads.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                for (st, lead) in statements.iter().zip(&leads) {
                    let note = format!("value {}", st.value);
                    quote_lines(s, p, lead, cols, &st.quote, &note);
                }
            }
            FindingOut::Unsupported {
                story,
                doc,
                span,
                quote,
                explanation,
            } => {
                let tag = p.color(AnsiColor::Yellow, "unsupported");
                let mut text = format!("in {doc}: {explanation}");
                if with_story {
                    text = format!("{text} ({story})");
                }
                put_wrapped(s, &format!("    {tag} "), 4 + 12, &text, "      ");
                let lead = format!("      [{}, {}] ", span[0], span[1]);
                quote_lines(s, p, &lead, lead.chars().count(), quote, "");
            }
        }
    }
}

/// `lead` (printed `lead_cols` wide) then `text` wrapped to 80 columns,
/// continuation lines after `indent`.
fn put_wrapped(s: &mut String, lead: &str, lead_cols: usize, text: &str, indent: &str) {
    let lines = wrap_words(
        text,
        WIDTH.saturating_sub(lead_cols),
        WIDTH.saturating_sub(indent.chars().count()),
    );
    for (i, line) in lines.iter().enumerate() {
        let left = if i == 0 { lead } else { indent };
        let _ = writeln!(s, "{left}{line}");
    }
}

/// Words of `text` in lines of at most `first` columns, then `rest`. A
/// word longer than a line stays whole.
fn wrap_words(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let width = if lines.is_empty() { first } else { rest };
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A quote after `lead`, wrapped under itself, cut after a few lines, with
/// an optional dimmed `note` after it.
fn quote_lines(s: &mut String, p: &Paint, lead: &str, lead_cols: usize, quote: &str, note: &str) {
    let lead_cols = lead_cols.min(WIDTH / 2);
    let lead: String = if lead.chars().count() > lead_cols {
        let cut: String = lead.chars().take(lead_cols.saturating_sub(2)).collect();
        format!("{cut}… ")
    } else {
        format!("{lead:<lead_cols$}")
    };
    let room = WIDTH - lead_cols;
    let quoted = format!(
        "“{}”",
        quote.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let mut lines = wrap_words(&quoted, room, room);
    if lines.len() > QUOTE_LINES {
        lines.truncate(QUOTE_LINES);
        if let Some(last) = lines.last_mut() {
            *last = format!("{}”", fit(&format!("{last} …"), room.saturating_sub(1)));
        }
    }
    let pad = " ".repeat(lead_cols);
    let n = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let left = if i == 0 { lead.as_str() } else { pad.as_str() };
        let mut out = format!("{left}{}", p.dim(line));
        if i + 1 == n && !note.is_empty() {
            if line.chars().count() + 2 + note.chars().count() <= room {
                out = format!("{out}  {}", p.dim(note));
            } else {
                out = format!("{out}\n{pad}{}", p.dim(note));
            }
        }
        let _ = writeln!(s, "{out}");
    }
}

fn more(s: &mut String, p: &Paint, total: usize, cap: usize) {
    if total > cap {
        let _ = writeln!(
            s,
            "  {}",
            p.dim(&format!(
                "… and {} more (see --html or --json)",
                total - cap
            ))
        );
    }
}

fn finding_story(f: &FindingOut) -> &str {
    match f {
        FindingOut::Conflict { story, .. } | FindingOut::Unsupported { story, .. } => story,
    }
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, w) => format!("1 {w}"),
        (n, "story") => format!("{n} stories"),
        (n, "copy") => format!("{n} copies"),
        (n, w) => format!("{n} {w}s"),
    }
}

/// `text` cut to `width` code points with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= width {
        return text;
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Word-wraps `text` to `width` columns; continuation lines start with
/// `indent`. A word longer than a line stays whole.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let len = line.chars().count();
        if len > indent.len() && len + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, indent.to_owned()));
            line.push_str(word);
        } else {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests;
