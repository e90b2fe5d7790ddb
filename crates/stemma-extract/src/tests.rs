use std::fmt::Write as _;

use stemma_core::{DocId, Document, Format, Metadata};

use super::*;

fn doc(id: &str, outlet: Option<&str>, text: &str) -> Document {
    Document {
        id: DocId::new(id),
        source: id.to_owned(),
        format: Format::Text,
        text: text.to_owned(),
        html: None,
        meta: Metadata {
            outlet: outlet.map(str::to_owned),
            ..Metadata::default()
        },
        boilerplate: Vec::new(),
        diagnostics: Vec::new(),
    }
}

fn render(d: &Document) -> String {
    let mut s = String::new();
    for b in &d.boilerplate {
        let quote = d.text[b.span.start..b.span.end].replace('\n', "⏎");
        let _ = writeln!(s, "{}: {quote}", b.kind.as_str());
    }
    s
}

/// Every case of `testdata/cues.cases`: one document, its expected
/// boilerplate (`kind: text`, line breaks as ⏎; nothing when the
/// expectation is empty).
#[test]
fn cue_cases() {
    let path = format!("{}/testdata/cues.cases", env!("CARGO_MANIFEST_DIR"));
    let all = std::fs::read_to_string(&path).expect("cases file");
    let body: String = all
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in body.split("===\n") {
        let Some((input, expect)) = case.split_once("---\n") else {
            continue;
        };
        count += 1;
        let mut docs = [doc("case", None, input.trim_end_matches('\n'))];
        extract(&mut docs, &Config::default());
        let got = render(&docs[0]);
        if got.trim_end() != expect.trim_end() {
            failures.push(format!("input:\n{input}\nexpected:\n{expect}\ngot:\n{got}"));
        }
    }
    assert!(count >= 10, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n-----\n")
    );
}

/// A site's template is learnt from its other stories, and found where no
/// cue names it; the same paragraph repeated in copies of one story is not.
#[test]
fn learns_site_templates_not_syndicated_body() {
    let stories = [
        (
            "Harbour tolls rise",
            "The port authority raised tolls by a fifth on Monday, citing repairs to the eastern quay.",
        ),
        (
            "Orchard fire contained",
            "Firefighters contained a blaze at the Lennick orchards late on Sunday after six hours.",
        ),
        (
            "Library reopens",
            "The central library reopened its doors after a two-year refit paid for by a local trust.",
        ),
        (
            "Tram line delayed",
            "The new tram line will open a year late because of a dispute over the depot site.",
        ),
    ];
    let mut docs = Vec::new();
    for (i, (title, body)) in stories.iter().enumerate() {
        docs.push(doc(
            &format!("gazette/{i}"),
            Some("The Gazette"),
            &format!("{title}\n\n{body}\n\nWe stand with our readers, edition {i}.\n\nPrinted by Quayside Press Number {}", i + 3),
        ));
    }
    // One story syndicated to one more site, whose copy also ends with
    // the story's own last paragraph.
    let shared = "Officials said the repairs would take until the spring.";
    for i in 0..3 {
        docs.push(doc(
            &format!("wire/{i}"),
            Some("Wire"),
            &format!("Harbour tolls rise\n\n{}\n\n{shared}", stories[0].1),
        ));
    }
    extract(&mut docs, &Config::default());
    for d in &docs[..4] {
        assert_eq!(
            render(d).lines().collect::<Vec<_>>().len(),
            2,
            "{}: {}",
            d.id.as_str(),
            render(d)
        );
        assert!(
            render(d).contains("other: Printed by Quayside Press"),
            "{}",
            render(d)
        );
    }
    for d in &docs[4..] {
        assert!(d.boilerplate.is_empty(), "{}: {}", d.id.as_str(), render(d));
    }
}

/// Spans already known (from HTML extraction) stay, and their lines are
/// not looked at again.
#[test]
fn keeps_known_spans() {
    let text = "Title\n\nBy Ana Ruiz | Staff\n\nBody sentence here that is long enough to be body.\n\n© 2024 Gazette";
    let mut d = doc("a", None, text);
    let known = Boilerplate {
        span: Span::new(7, 25),
        kind: BoilerplateKind::Navigation,
    };
    d.boilerplate.push(known);
    extract(std::slice::from_mut(&mut d), &Config::default());
    assert_eq!(d.boilerplate[0], known);
    assert_eq!(render(&d).lines().nth(1), Some("footer: © 2024 Gazette"));
    assert_eq!(d.boilerplate.len(), 2);
}

/// The boilerplate found in the demo corpus (`examples/demo`, read as one
/// corpus, as `stemma demo` does), as `kind: text` per document.
#[test]
fn demo_corpus_snapshot() {
    let dir = format!("{}/../../examples/demo", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("demo folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut docs: Vec<Document> = names
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(format!("{dir}/{n}")).expect("demo text");
            doc(n.trim_end_matches(".txt"), None, &text)
        })
        .collect();
    assert_eq!(docs.len(), 10);
    extract(&mut docs, &Config::default());
    let mut out = String::new();
    for d in &docs {
        let _ = writeln!(
            out,
            "== {} (published {})",
            d.id.as_str(),
            d.meta
                .published
                .as_ref()
                .map_or("unknown".to_owned(), ToString::to_string)
        );
        out.push_str(&render(d));
    }
    insta::assert_snapshot!(out);
}
