//! Version sets with the findings the pipeline must report
//! (`testdata/findings.cases`): the claims stage end to end, through
//! extraction, alignment, stories and provenance.

use std::collections::HashMap;

use stemma_core::{Document, Finding, NoProgress, Topic};

#[derive(Debug)]
enum Expect {
    Conflict(Topic, [(String, String); 2]),
    Unsupported(String, String),
}

struct Case {
    name: String,
    documents: Vec<(String, String)>,
    expect: Vec<Expect>,
}

/// The two quoted strings of `rest`, and the words before each.
fn quoted(rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut r = rest;
    while let Some(open) = r.find('"') {
        let id = r[..open].trim().to_owned();
        let after = &r[open + 1..];
        let close = after.find('"').expect("closing quote");
        out.push((id, after[..close].to_owned()));
        r = &after[close + 1..];
    }
    out
}

fn cases() -> Vec<Case> {
    let text = include_str!("../testdata/findings.cases");
    let mut cases: Vec<Case> = Vec::new();
    let mut current_doc: Option<(String, String)> = None;
    let flush = |doc: &mut Option<(String, String)>, cases: &mut Vec<Case>| {
        if let (Some(d), Some(c)) = (doc.take(), cases.last_mut()) {
            c.documents.push((d.0, d.1.trim().to_owned()));
        }
    };
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("=== ") {
            flush(&mut current_doc, &mut cases);
            cases.push(Case {
                name: name.to_owned(),
                documents: Vec::new(),
                expect: Vec::new(),
            });
        } else if let Some(id) = line.strip_prefix("--- ") {
            flush(&mut current_doc, &mut cases);
            current_doc = Some((id.trim().to_owned(), String::new()));
        } else if let Some(e) = line.strip_prefix("expect: ") {
            flush(&mut current_doc, &mut cases);
            let case = cases.last_mut().expect("a case before expect");
            if e.trim() == "none" {
                continue;
            }
            let (kind, rest) = e.split_once(' ').expect("expect KIND …");
            match kind {
                "conflict" => {
                    let (topic, rest) = rest.split_once(' ').expect("topic");
                    let q = quoted(rest);
                    assert_eq!(q.len(), 2, "{e}");
                    case.expect.push(Expect::Conflict(
                        Topic::parse(topic).expect("a topic"),
                        [q[0].clone(), q[1].clone()],
                    ));
                }
                "unsupported" => {
                    let q = quoted(rest);
                    assert_eq!(q.len(), 1, "{e}");
                    case.expect
                        .push(Expect::Unsupported(q[0].0.clone(), q[0].1.clone()));
                }
                other => panic!("unknown expectation {other}"),
            }
        } else if let Some((_, body)) = current_doc.as_mut() {
            body.push_str(line);
            body.push('\n');
        } else {
            assert!(
                line.trim().is_empty() || line.starts_with('#'),
                "stray line: {line}"
            );
        }
    }
    flush(&mut current_doc, &mut cases);
    cases
}

#[test]
fn version_sets_give_their_findings() {
    let cases = cases();
    assert!(cases.len() >= 3);
    for case in cases {
        let mut docs: Vec<Document> = case
            .documents
            .iter()
            .map(|(id, text)| Document::from_text(id.clone(), text.clone()))
            .collect();
        docs.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
        let analysis =
            stemma_pipeline::analyze(&mut docs, &stemma_pipeline::Config::default(), &NoProgress)
                .expect("analysis");
        let id = |d: stemma_core::DocIdx| docs[d.index()].id.as_str().to_owned();
        let quote = |d: stemma_core::DocIdx, s: stemma_core::Span| {
            s.slice(&docs[d.index()].text)
                .unwrap_or_default()
                .to_owned()
        };
        let mut left: Vec<&Finding> = analysis.findings.iter().collect();
        for e in &case.expect {
            let at = left.iter().position(|f| match (e, f) {
                (Expect::Conflict(topic, sides), Finding::Conflict(c)) => {
                    c.topic == *topic
                        && sides.iter().all(|(doc, q)| {
                            c.statements
                                .iter()
                                .any(|s| id(s.doc) == *doc && quote(s.doc, s.span).contains(q))
                        })
                }
                (Expect::Unsupported(doc, q), Finding::Unsupported(u)) => {
                    id(u.doc) == *doc && quote(u.doc, u.span).starts_with(q.as_str())
                }
                _ => false,
            });
            match at {
                Some(i) => {
                    left.remove(i);
                }
                None => panic!("{}: {e:?} not found in {:#?}", case.name, analysis.findings),
            }
        }
        assert!(
            left.is_empty(),
            "{}: unexpected findings {left:#?}",
            case.name
        );
    }
}

/// The analysis is the same whatever the stages' block sizes: a
/// generated corpus (from the generator's invented test articles, each
/// told again in later stories with other names and figures) with blocks
/// of one document (every candidate aligned in a block of its own two
/// documents, every story a claims batch of its own) and of three,
/// against the defaults.
#[test]
fn block_sizes_do_not_change_the_analysis() {
    let (docs, _) = generated(30, 5);
    let run = |blocks: stemma_pipeline::Blocks| {
        let config = stemma_pipeline::Config {
            blocks,
            ..Default::default()
        };
        stemma_pipeline::analyze(&mut docs.clone(), &config, &NoProgress).expect("analysis")
    };
    let default = run(stemma_pipeline::Blocks::default());
    let story = |f: &Finding| match f {
        Finding::Conflict(c) => c.story,
        Finding::Unsupported(u) => u.story,
    };
    let with_findings: std::collections::BTreeSet<usize> =
        default.findings.iter().map(story).collect();
    assert!(default.pairs.len() >= 30, "{} pairs", default.pairs.len());
    assert!(
        with_findings.len() >= 3,
        "findings in stories {with_findings:?}"
    );
    for size in [1, 3] {
        let small = run(stemma_pipeline::Blocks {
            sketch: size,
            align: size,
            claims: size,
        });
        assert!(small == default, "blocks of {size} changed the analysis");
    }
}

/// A corpus generated from the generator's invented test articles, sorted
/// by id, and the story the truth gives each document.
fn generated(stories: u64, seed: u64) -> (Vec<Document>, HashMap<String, String>) {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../stemma-synth/testdata/articles");
    let articles = stemma_synth::load_articles(&dir)
        .expect("the test articles load")
        .articles;
    let config = stemma_synth::Config {
        seed,
        size: stemma_synth::Size::Stories(stories),
        ..Default::default()
    };
    let mut sink = stemma_synth::MemorySink::default();
    stemma_synth::generate(&config, &articles, &mut sink).expect("generation");
    let story = sink
        .records
        .iter()
        .filter_map(|r| match r {
            stemma_synth::truth::Record::Document(d) => Some((d.id.clone(), d.story.clone())),
            _ => None,
        })
        .collect();
    let mut docs: Vec<Document> = sink
        .documents
        .into_iter()
        .map(|d| {
            let mut doc = Document::from_text(d.id, d.text);
            doc.meta.published = stemma_core::Published::parse(&d.published);
            doc
        })
        .collect();
    docs.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    (docs, story)
}

/// With candidate generation made sparse (one rare-term neighbour per
/// document), stories still hold their versions together through the
/// pairs found, and completing the stories aligns the pairs of versions
/// no generator proposed: every pair found without completion is still
/// there, and the pairs added have reuse and join versions of one story
/// of the truth.
#[test]
fn completing_stories_aligns_the_pairs_candidates_missed() {
    let (docs, truth) = generated(30, 9);
    let run = |complete_stories: usize| {
        let mut config = stemma_pipeline::Config {
            complete_stories,
            ..Default::default()
        };
        config.sketch.terms.neighbours = 1;
        stemma_pipeline::analyze(&mut docs.clone(), &config, &NoProgress).expect("analysis")
    };
    let sparse = run(0);
    let complete = run(stemma_pipeline::Config::default().complete_stories);
    let key = |p: &stemma_core::Pair| (p.a, p.b);
    let found: std::collections::BTreeSet<_> = complete.pairs.iter().map(key).collect();
    assert!(sparse.pairs.iter().all(|p| found.contains(&key(p))));
    let added: Vec<&stemma_core::Pair> = complete
        .pairs
        .iter()
        .filter(|p| !sparse.pairs.iter().any(|q| key(q) == key(p)))
        .collect();
    assert!(added.len() >= 5, "{} pairs added", added.len());
    for p in &added {
        assert_ne!(p.relation, stemma_core::Relation::SameStory);
        let story = |d: stemma_core::DocIdx| &truth[docs[d.index()].id.as_str()];
        assert_eq!(story(p.a), story(p.b), "{p:?}");
    }
}
