//! What a task returns, and its text form: tables, notes, and the one
//! machine-readable line `RESULT <task> <metric>=<value> … n=<items>`.

use std::fmt::Write;

/// A table of figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(title: impl Into<String>, columns: &[&str]) -> Table {
        Table {
            title: title.into(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Aligned text: the title, the header, a rule, the rows. The first
    /// column is left-aligned, the others right-aligned.
    pub fn render(&self) -> String {
        let ncol = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.columns.len()])
            .max()
            .unwrap_or(0);
        let mut width = vec![0usize; ncol];
        for r in self.rows.iter().chain([&self.columns]) {
            for (i, c) in r.iter().enumerate() {
                width[i] = width[i].max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, w) in width.iter().enumerate() {
                let c = cells.get(i).map(String::as_str).unwrap_or("");
                let pad = w.saturating_sub(c.chars().count());
                if i > 0 {
                    s.push_str("  ");
                }
                if i == 0 {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                } else {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                }
            }
            s.trim_end().to_owned()
        };
        let mut out = String::new();
        if !self.title.is_empty() {
            let _ = writeln!(out, "{}", self.title);
        }
        let head = line(&self.columns);
        let _ = writeln!(out, "{head}");
        let _ = writeln!(out, "{}", "-".repeat(head.chars().count()));
        for r in &self.rows {
            let _ = writeln!(out, "{}", line(r));
        }
        out
    }
}

/// The outcome of one task.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// The task's name as typed on the command line.
    pub task: String,
    pub tables: Vec<Table>,
    /// Caveats a reader must see beside the figures (baselines, skipped
    /// records, averaging).
    pub notes: Vec<String>,
    /// The headline metrics, in order, for the RESULT line.
    pub result: Vec<(String, f64)>,
    /// How many items the headline metrics were computed over.
    pub n: u64,
    /// Per-item figures, for tasks that score items one by one (`aeb`,
    /// `wcxb`: one per page, in the data set's order); empty otherwise.
    pub items: Vec<ItemScore>,
}

/// One item's figures: its id and named metrics, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemScore {
    pub id: String,
    pub metrics: Vec<(String, f64)>,
}

impl Evaluation {
    pub fn new(task: &str) -> Evaluation {
        Evaluation {
            task: task.to_owned(),
            ..Evaluation::default()
        }
    }

    pub fn metric(&mut self, name: &str, value: f64) {
        self.result.push((name.to_owned(), value));
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// `RESULT <task> <metric>=<value> … n=<items>`; values with four
    /// decimals, a non-finite value as 0.
    pub fn result_line(&self) -> String {
        let mut s = format!("RESULT {}", self.task);
        for (k, v) in &self.result {
            let _ = write!(s, " {k}={}", fmt4(*v));
        }
        let _ = write!(s, " n={}", self.n);
        s
    }

    /// The per-item figures as JSON Lines, one object per item in order:
    /// `{"id": …, "<metric>": value, …}`, values with six decimals (a
    /// non-finite value as 0).
    pub fn items_jsonl(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            let id = serde_json::Value::String(item.id.clone());
            let _ = write!(out, "{{\"id\":{id}");
            for (k, v) in &item.metrics {
                let k = serde_json::Value::String(k.clone());
                let v = if v.is_finite() { *v } else { 0.0 };
                let _ = write!(out, ",{k}:{v:.6}");
            }
            out.push_str("}\n");
        }
        out
    }

    /// The tables, the notes, then the RESULT line, newline-terminated.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for t in &self.tables {
            out.push_str(&t.render());
            out.push('\n');
        }
        for n in &self.notes {
            let _ = writeln!(out, "note: {n}");
        }
        if !self.notes.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.result_line());
        out.push('\n');
        out
    }
}

/// A figure with four decimals (`-0.0000` shown as `0.0000`; non-finite
/// as `0.0000`).
pub fn fmt4(v: f64) -> String {
    if !v.is_finite() {
        return "0.0000".to_owned();
    }
    let s = format!("{v:.4}");
    if s == "-0.0000" {
        "0.0000".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_and_result() {
        let mut e = Evaluation::new("demo");
        let mut t = Table::new("scores", &["metric", "value", "n"]);
        t.row(vec!["f1".into(), fmt4(0.5), "10".into()]);
        t.row(vec!["precision".into(), fmt4(1.0 / 3.0), "3".into()]);
        e.tables.push(t);
        e.note("baseline");
        e.metric("f1", 0.5);
        e.metric("odd", f64::NAN);
        e.n = 10;
        assert_eq!(
            e.render(),
            "scores\nmetric      value   n\n---------------------\nf1         0.5000  10\nprecision  0.3333   3\n\n\
             note: baseline\n\nRESULT demo f1=0.5000 odd=0.0000 n=10\n"
        );
    }
}
