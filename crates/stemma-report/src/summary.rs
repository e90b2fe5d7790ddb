//! The readable summary `stemma analyze` prints when no `--json` is asked
//! for: counts, stories with their derivation trees, findings with quotes,
//! and diagnostics. Fits 80 columns.

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

/// Renders the summary of `report`.
pub fn summary(report: &Report, style: Style) -> String {
    let p = Paint(style);
    let mut s = String::new();
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .count();
    let warnings = report.diagnostics.len() - errors;
    let _ = writeln!(
        s,
        "{} {} · {} · {} · {}",
        p.bold("stemma:"),
        plural(report.documents.len(), "document"),
        plural(report.stories.len(), "story"),
        plural(report.pairs.len(), "related pair"),
        plural(report.findings.len(), "finding"),
    );
    if errors + warnings > 0 {
        let _ = writeln!(
            s,
            "        {}, {}",
            plural(errors, "input error"),
            plural(warnings, "warning")
        );
    }

    let docs: BTreeMap<&str, &DocumentOut> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let label = |id: &str| -> String {
        let Some(d) = docs.get(id) else {
            return id.to_owned();
        };
        let mut parts = Vec::new();
        if let Some(o) = &d.outlet {
            parts.push(o.clone());
        }
        if let Some(p) = &d.published {
            parts.push(p.chars().take(10).collect());
        }
        if parts.is_empty() {
            id.to_owned()
        } else {
            format!("{id} ({})", parts.join(", "))
        }
    };

    let mut in_story = std::collections::BTreeSet::new();
    for story in &report.stories {
        in_story.extend(story.documents.iter().map(String::as_str));
        s.push('\n');
        let _ = writeln!(
            s,
            "{} {}",
            p.bold(&story.id),
            p.dim(&format!("· {}", plural(story.documents.len(), "version")))
        );
        let mut children: BTreeMap<&str, Vec<&DerivationOut>> = BTreeMap::new();
        for d in &story.derivations {
            children.entry(d.source.as_str()).or_default().push(d);
        }
        for root in &story.roots {
            let _ = writeln!(
                s,
                "  {} {}",
                p.color(AnsiColor::Green, "●"),
                fit(&label(root), WIDTH - 4)
            );
            tree(&mut s, &p, root, &children, "  ", &label, &mut Vec::new());
        }
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
        for d in loose {
            let title = d.title.as_deref().unwrap_or("(no title)");
            let left = format!("  {} ", label(&d.id));
            let room = WIDTH.saturating_sub(left.chars().count()).max(20);
            let _ = writeln!(s, "{left}{}", p.dim(&fit(title, room)));
        }
    }

    if !report.pairs.is_empty() {
        s.push('\n');
        let _ = writeln!(s, "{}", p.bold("Related pairs"));
        for pair in &report.pairs {
            let _ = writeln!(
                s,
                "  {} ↔ {}  {}  {:.0}% / {:.0}%",
                pair.a,
                pair.b,
                p.color(AnsiColor::Cyan, &pair.relation),
                pair.a_covered * 100.0,
                pair.b_covered * 100.0
            );
        }
    }

    if !report.findings.is_empty() {
        s.push('\n');
        let _ = writeln!(s, "{}", p.bold("Findings"));
        for f in &report.findings {
            match f {
                FindingOut::Conflict {
                    story,
                    topic,
                    explanation,
                    statements,
                } => {
                    let _ = writeln!(
                        s,
                        "  {} {} in {story}: {}",
                        p.color(AnsiColor::Red, "conflict"),
                        topic,
                        fit(explanation, WIDTH.saturating_sub(20 + story.len()))
                    );
                    for st in statements {
                        let _ = writeln!(
                            s,
                            "    {} {}",
                            st.doc,
                            p.dim(&quoted(&st.quote, WIDTH - 8 - st.doc.len()))
                        );
                    }
                }
                FindingOut::Unsupported {
                    story,
                    doc,
                    quote,
                    explanation,
                    ..
                } => {
                    let _ = writeln!(
                        s,
                        "  {} in {doc} ({story}): {}",
                        p.color(AnsiColor::Yellow, "unsupported"),
                        fit(
                            explanation,
                            WIDTH.saturating_sub(22 + doc.len() + story.len())
                        )
                    );
                    let _ = writeln!(s, "    {}", p.dim(&quoted(quote, WIDTH - 6)));
                }
            }
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
                    Some(rest) if i == 0 => {
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

fn tree(
    s: &mut String,
    p: &Paint,
    node: &str,
    children: &BTreeMap<&str, Vec<&DerivationOut>>,
    indent: &str,
    label: &dyn Fn(&str) -> String,
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
        let meta = format!("{} {:.0}%", d.relation, d.confidence * 100.0);
        let line = format!("{indent}{branch} ");
        let room = WIDTH.saturating_sub(line.chars().count() + meta.chars().count() + 3);
        let _ = writeln!(
            s,
            "{line}{}  {}",
            fit(&label(&d.derived), room),
            p.color(AnsiColor::Cyan, &meta)
        );
        let next = format!("{indent}{}", if last { "   " } else { "│  " });
        tree(s, p, &d.derived, children, &next, label, path);
    }
    path.pop();
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, w) => format!("1 {w}"),
        (n, "story") => format!("{n} stories"),
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

fn quoted(text: &str, width: usize) -> String {
    format!("“{}”", fit(text, width.saturating_sub(2)))
}

#[cfg(test)]
mod tests;
