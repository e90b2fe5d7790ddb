use super::*;

fn doc(id: &str, outlet: &str, title: &str, text: &str) -> DocumentOut {
    DocumentOut {
        id: id.into(),
        source: format!("corpus/{id}.txt"),
        title: Some(title.into()),
        outlet: Some(outlet.into()),
        published: Some("2026-03-10".into()),
        url: None,
        length: text.chars().count(),
        text: Some(text.into()),
        boilerplate: vec![],
        diagnostics: vec![],
    }
}

/// Where `needle` starts in `hay`, in code points.
fn at(hay: &str, needle: &str) -> usize {
    let byte = hay.find(needle).expect("needle in text");
    hay[..byte].chars().count()
}

fn span(hay: &str, needle: &str) -> CharSpan {
    let s = at(hay, needle);
    [s, s + needle.chars().count()]
}

const ORIGINAL: &str = "Bridge shut\n\nThe Halvey Bridge closed on March 9, 2026 after divers found a crack. Traffic moves to the ferry. Read more at javascript:alert(1)";
const REWRITE: &str = "Vital crossing closed\n\nOfficials shut the Halvey span on March 9, 2025 when a crack was found. Traffic moves to the ferry. Watchdogs say the closure was engineered.";

/// A story of two versions with a conflict and an unsupported claim.
fn sample() -> Report {
    let mut a = doc("a_original", "Valley Courier", "Bridge shut", ORIGINAL);
    a.boilerplate.push(BoilerplateOut {
        span: span(ORIGINAL, "Read more at javascript:alert(1)"),
        kind: "related".into(),
    });
    let b = doc("b_rewrite", "TrendPulse", "Vital crossing closed", REWRITE);
    let c = doc(
        "c_alone",
        "Rowing News",
        "Club wins",
        "The rowing club won.",
    );
    Report {
        stemma_report: 1,
        documents: vec![a, b, c],
        pairs: vec![PairOut {
            a: "a_original".into(),
            b: "b_rewrite".into(),
            relation: "rewrite".into(),
            a_covered: 0.7,
            b_covered: 0.6,
            passages: vec![
                PassageOut {
                    a: span(ORIGINAL, "Traffic moves to the ferry."),
                    b: span(REWRITE, "Traffic moves to the ferry."),
                    kind: "verbatim".into(),
                },
                PassageOut {
                    a: span(
                        ORIGINAL,
                        "The Halvey Bridge closed on March 9, 2026 after divers found a crack.",
                    ),
                    b: span(
                        REWRITE,
                        "Officials shut the Halvey span on March 9, 2025 when a crack was found.",
                    ),
                    kind: "paraphrase".into(),
                },
            ],
        }],
        stories: vec![StoryOut {
            id: "story-1".into(),
            documents: vec!["a_original".into(), "b_rewrite".into()],
            roots: vec!["a_original".into()],
            derivations: vec![DerivationOut {
                source: "a_original".into(),
                derived: "b_rewrite".into(),
                relation: "rewrite".into(),
                confidence: 0.8,
                evidence: vec!["sentences in order".into()],
            }],
        }],
        findings: vec![
            FindingOut::Conflict {
                story: "story-1".into(),
                topic: "date".into(),
                explanation: "the year differs: 2026 vs 2025".into(),
                statements: vec![
                    StatementOut {
                        doc: "a_original".into(),
                        span: span(ORIGINAL, "March 9, 2026"),
                        quote: "March 9, 2026".into(),
                        value: "2026-03-09".into(),
                    },
                    StatementOut {
                        doc: "b_rewrite".into(),
                        span: span(REWRITE, "March 9, 2025"),
                        quote: "March 9, 2025".into(),
                        value: "2025-03-09".into(),
                    },
                ],
            },
            FindingOut::Unsupported {
                story: "story-1".into(),
                doc: "b_rewrite".into(),
                span: span(REWRITE, "Watchdogs say the closure was engineered."),
                quote: "Watchdogs say the closure was engineered.".into(),
                explanation: "found in no source".into(),
            },
        ],
        diagnostics: vec![],
    }
}

/// The JSON data block of a page, parsed back.
fn data_of(page: &str) -> serde_json::Value {
    let start =
        page.find(r#"id="stemma-data">"#).expect("data block") + r#"id="stemma-data">"#.len();
    let end = start + page[start..].find("</script>").expect("end of data");
    serde_json::from_str(&page[start..end]).expect("data is JSON")
}

#[test]
fn page_has_overview_graph_versions_findings_and_data() {
    let page = html(&sample());
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<svg class="graph" id="g0""#));
    assert_eq!(page.matches(r#"class="node"#).count(), 2);
    assert_eq!(page.matches(r#"<g class="edge rel-rewrite""#).count(), 1);
    assert!(page.contains(r#"<li id="f0" class="finding conflict">"#));
    assert!(page.contains(r#"<li id="f1" class="finding unsupported">"#));
    assert!(page.contains("<b>2</b> findings (1 conflicts, 1 unsupported)"));
    assert!(page.contains("1 document in no story"));
    let data = data_of(&page);
    // Only documents in a story carry their text.
    assert!(data["docs"][2]["text"].is_null());
    assert_eq!(data["docs"][0]["text"], ORIGINAL);
    // Marks: two statements and one unsupported span, as UTF-16 offsets.
    assert_eq!(data["marks"].as_array().map(Vec::len), Some(3));
    let rows = data["pairs"][0]["rows"].as_array().expect("rows");
    let kinds: Vec<u64> = rows.iter().filter_map(|r| r[0].as_u64()).collect();
    // Title dropped/added, paraphrase, verbatim, the boilerplate tail
    // dropped, the unsupported sentence added.
    assert!(
        kinds.contains(&2) && kinds.contains(&0) && kinds.contains(&3) && kinds.contains(&4),
        "{kinds:?}"
    );
}

#[test]
fn spans_become_utf16_offsets() {
    let mut r = sample();
    // An astral character before the finding shifts UTF-16 offsets by one.
    let text = "😀 March 9, 2026";
    r.documents[0].text = Some(text.into());
    r.documents[0].length = text.chars().count();
    r.documents[0].boilerplate.clear();
    r.pairs.clear();
    let FindingOut::Conflict { statements, .. } = &mut r.findings[0] else {
        panic!("conflict first");
    };
    statements[0].span = [2, 15];
    let data = data_of(&html(&r));
    assert_eq!(data["marks"][0], serde_json::json!([0, 3, 16, 0]));
}

#[test]
fn same_report_same_bytes() {
    assert_eq!(html(&sample()), html(&sample()));
}

#[test]
fn csp_hashes_match_the_inline_style_and_script() {
    let page = html(&sample());
    assert!(page.contains(&esc(&csp_hash(CSS))));
    assert!(page.contains(&esc(&csp_hash(JS))));
    assert!(page.contains(&format!("<style>{CSS}</style>")));
    assert!(page.contains(&format!("<script>{JS}</script>")));
    assert!(page.contains(&esc("default-src 'none'; style-src 'sha256-")));
    // Never innerHTML in the page's script.
    assert!(
        !JS.contains("innerHTML")
            && !JS.contains("insertAdjacentHTML")
            && !JS.contains("document.write")
    );
}

const PAYLOADS: &[&str] = &[
    "<script>window.__pwned=1;alert(1)</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "<a href=\"javascript:window.__pwned=3\">click</a>",
    "</style><style>body{display:none}</style>",
    "</script><script>window.__pwned=4</script>",
    "<!--<script>window.__pwned=5</script>-->",
    "<svg onload=window.__pwned=6>",
    "\u{2028}\u{2029}'\"&amp;",
];

#[test]
fn untrusted_text_never_reaches_the_markup_raw() {
    let mut r = sample();
    let evil = PAYLOADS.join(" ");
    for d in &mut r.documents {
        d.title = Some(evil.clone());
        d.outlet = Some(evil.clone());
        d.published = Some(evil.clone());
        d.text = Some(format!("{evil} {}", d.text.as_deref().unwrap_or("")));
        d.length = d.text.as_deref().map_or(0, |t| t.chars().count());
    }
    r.stories[0].id = evil.clone();
    r.stories[0].derivations[0].relation = evil.clone();
    r.stories[0].derivations[0].evidence = vec![evil.clone()];
    if let FindingOut::Conflict {
        topic,
        explanation,
        statements,
        ..
    } = &mut r.findings[0]
    {
        *topic = evil.clone();
        *explanation = evil.clone();
        statements[0].quote = evil.clone();
        statements[0].value = evil.clone();
    }
    r.diagnostics.push(DiagnosticOut {
        level: evil.clone(),
        source: evil.clone(),
        message: evil.clone(),
    });
    let page = html(&r);
    for p in PAYLOADS {
        assert!(!page.contains(p), "raw {p:?} in the page");
    }
    for part in [
        "<script>window",
        "<img",
        "onerror=\"",
        "<a href=\"javascript",
        "<style>body",
        "<!--",
        "-->",
        "<svg onload",
    ] {
        assert!(!page.contains(part), "raw {part:?} in the page");
    }
    assert_eq!(
        page.matches("<script").count(),
        2,
        "one data block, one script"
    );
    assert_eq!(page.matches("</script>").count(), 2);
    assert_eq!(page.matches("<style").count(), 1);
    assert_eq!(page.matches("<img").count(), 0);
    // Line and paragraph separators are fine in HTML, never in a script.
    let block = &page[page.find("id=\"stemma-data\"").expect("data block")..];
    assert!(!block.contains('\u{2028}') && !block.contains('\u{2029}'));
    assert!(!page.contains("href=\"javascript:"));
    // The data block still parses back to the very text.
    let data = data_of(&page);
    assert!(
        data["docs"][0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with(&evil))
    );
}

#[test]
fn a_report_without_texts_still_renders() {
    let mut r = sample();
    for d in &mut r.documents {
        d.text = None;
    }
    let page = html(&r);
    assert!(page.contains(r#"<svg class="graph""#));
    assert!(data_of(&page)["docs"][0]["text"].is_null());
}
