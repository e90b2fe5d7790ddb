//! The generator against its own ground truth, on the invented articles
//! of `testdata/articles` (no text from `../shared` is used).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use stemma_synth::measure::ngram_containment;
use stemma_synth::truth::{ChangeTruth, DocumentTruth, Record};
use stemma_synth::{
    Article, Config, DirSink, Format, MemorySink, Size, Summary, generate, load_articles,
};

fn articles() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/articles");
    let loaded = load_articles(&dir).expect("the test articles load");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded.articles
}

fn config(seed: u64, size: Size) -> Config {
    Config {
        seed,
        size,
        ..Config::default()
    }
}

fn run(config: &Config) -> (MemorySink, Summary) {
    let mut sink = MemorySink::default();
    let summary = generate(config, &articles(), &mut sink).expect("generation succeeds");
    (sink, summary)
}

/// The text of `[start, end)` in code points.
fn slice(text: &str, [start, end]: [usize; 2]) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// A corpus read back: texts by id, records by type.
struct Corpus {
    texts: HashMap<String, String>,
    docs: Vec<DocumentTruth>,
    records: Vec<Record>,
}

impl Corpus {
    fn new(sink: MemorySink) -> Corpus {
        let texts = sink
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.text.clone()))
            .collect();
        let docs = sink
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Document(d) => Some(d.clone()),
                _ => None,
            })
            .collect();
        Corpus {
            texts,
            docs,
            records: sink.records,
        }
    }

    fn text(&self, id: &str) -> &str {
        self.texts
            .get(id)
            .unwrap_or_else(|| panic!("no document {id}"))
    }

    fn changes(&self) -> impl Iterator<Item = &ChangeTruth> {
        self.records.iter().filter_map(|r| match r {
            Record::Change(c) => Some(c),
            _ => None,
        })
    }

    /// The text without its boilerplate spans and its title line.
    fn body(&self, d: &DocumentTruth) -> String {
        self.body_without(d, false)
    }

    /// [`Corpus::body`], inserted paragraphs blanked too when `inserted`.
    fn body_without(&self, d: &DocumentTruth, inserted: bool) -> String {
        let text = self.text(&d.id);
        let mut chars: Vec<char> = text.chars().collect();
        let mut spans: Vec<[usize; 2]> = d.boilerplate.iter().map(|b| b.span).collect();
        if inserted {
            spans.extend(self.records.iter().filter_map(|r| match r {
                Record::Inserted(i) if i.doc == d.id => Some(i.span),
                _ => None,
            }));
        }
        for span in spans {
            for c in &mut chars[span[0]..span[1]] {
                *c = ' ';
            }
        }
        let s: String = chars.into_iter().collect();
        s.split_once('\n')
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or_default()
    }
}

#[test]
fn same_seed_same_corpus() {
    let c = config(7, Size::Stories(30));
    let (a, sa) = run(&c);
    let (b, sb) = run(&c);
    assert_eq!(a.documents, b.documents);
    assert_eq!(a.records, b.records);
    assert_eq!(sa, sb);
    let (other, _) = run(&config(8, Size::Stories(30)));
    assert_ne!(a.documents, other.documents);
}

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).expect("under root").to_owned();
                out.insert(rel, std::fs::read(&p).expect("readable"));
            }
        }
    }
    out
}

#[test]
fn byte_identical_directories() {
    for format in [Format::Txt, Format::Jsonl] {
        let c = config(3, Size::Stories(25));
        let mut trees = Vec::new();
        for _ in 0..2 {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut sink = DirSink::create(dir.path(), format, false).expect("creates");
            generate(&c, &articles(), &mut sink).expect("generates");
            trees.push(files(dir.path()));
        }
        assert!(trees[0].len() >= 2);
        assert_eq!(trees[0], trees[1], "{format:?}");
        // Txt: one file per truth id, at docs/<id>.txt (what `stemma
        // analyze DIR/docs` names it).
        let truth = String::from_utf8(trees[0][Path::new("truth.jsonl")].clone()).expect("utf-8");
        let ids: Vec<String> = truth
            .lines()
            .filter_map(
                |l| match serde_json::from_str::<Record>(l).expect("a record") {
                    Record::Document(d) => Some(d.id),
                    _ => None,
                },
            )
            .collect();
        match format {
            Format::Txt => {
                for id in &ids {
                    assert!(
                        trees[0].contains_key(&Path::new("docs").join(format!("{id}.txt"))),
                        "{id}"
                    );
                }
                assert_eq!(trees[0].len(), ids.len() + 1);
            }
            Format::Jsonl => {
                let shard = &trees[0][Path::new("docs/part-00001.jsonl")];
                let lines: Vec<serde_json::Value> = std::str::from_utf8(shard)
                    .expect("utf-8")
                    .lines()
                    .map(|l| serde_json::from_str(l).expect("json"))
                    .collect();
                let got: Vec<&str> = lines
                    .iter()
                    .map(|v| v["id"].as_str().expect("id"))
                    .collect();
                assert_eq!(got, ids.iter().map(String::as_str).collect::<Vec<_>>());
                for v in &lines {
                    for field in ["title", "outlet", "published", "text"] {
                        assert!(v[field].is_string(), "{field}");
                    }
                }
            }
        }
    }
}

/// What a boilerplate span of each kind looks like: (kind, starts or
/// contains one of these).
const SHAPES: &[(&str, &[&str])] = &[
    ("header", &["(", "[", " (", " · ", " | ", "/", "Posted "]),
    ("byline", &["By ", "Written by "]),
    (
        "tracking",
        &["Ref: ", "[story-id: ", "Tracking ID ", "Feed item #"],
    ),
    (
        "disclaimer",
        &[
            "Disclaimer",
            "The content above",
            "Legal notice",
            "holds no position",
            "Disclosure",
            "is a contributor",
        ],
    ),
    (
        "related",
        &[
            "Related articles\n",
            "Read more\n",
            "You may also like:\n",
            "Recommended\n",
            "More from ",
            "Trending now\n",
        ],
    ),
    (
        "other",
        &[
            "Read the full story",
            "Continue reading",
            "This is an excerpt",
            "Originally published",
            "first appeared",
            "Source: ",
            "Subscribe",
            "Get ",
            "Enjoyed this story",
        ],
    ),
    (
        "navigation",
        &[" » ", "Home > ", " / ", "Share ", "Tags: ", "Filed under: "],
    ),
    ("footer", &["©", "Copyright ", "Comments (", " comments · "]),
];

/// Phrases of boilerplate that no body text contains.
const MARKERS: &[&str] = &[
    "Disclaimer",
    "Ref: ",
    "Tracking ID",
    "[story-id",
    "Feed item #",
    "Tags: ",
    "Filed under",
    "Subscribe",
    "newsletter",
    "Share this",
    "Share on",
    "©",
    "Copyright",
    "Comments (",
    "Related articles",
    "You may also like",
    "Recommended\n",
    "Trending now",
    "Originally published",
    "first appeared in",
    "Read the full story",
    "Continue reading",
    "This is an excerpt",
    "Written by",
    "staff writer",
    "min read",
    " » ",
    "Home > ",
];

#[test]
fn spans_point_at_what_they_say() {
    let (sink, _) = run(&config(11, Size::Stories(60)));
    let corpus = Corpus::new(sink);
    for d in &corpus.docs {
        let text = corpus.text(&d.id);
        let len = text.chars().count();
        let mut last_end = 0;
        for b in &d.boilerplate {
            let [start, end] = b.span;
            assert!(start < end && end <= len, "{} {:?}", d.id, b.span);
            assert!(start >= last_end, "overlapping spans in {}", d.id);
            last_end = end;
            let s = slice(text, b.span);
            assert_eq!(s.trim_start(), s, "{} {:?}", d.id, b.span);
            assert!(!s.contains("\n\n"), "{} {:?}: {s:?}", d.id, b.span);
            let shapes = SHAPES.iter().find(|(k, _)| *k == b.kind).map(|(_, s)| *s);
            let shapes = shapes.unwrap_or_else(|| panic!("unknown kind {}", b.kind));
            assert!(
                shapes.iter().any(|p| s.starts_with(p) || s.contains(p)),
                "{} {}: {s:?}",
                d.id,
                b.kind
            );
            // Line pieces sit on their own lines; the source tag is inline.
            let before = slice(text, [start.saturating_sub(1), start]);
            assert!(
                before == "\n" || b.kind == "header",
                "{} {:?}",
                d.id,
                b.span
            );
        }
        let body = corpus.body(d);
        for m in MARKERS {
            assert!(
                !body.contains(m),
                "{}: boilerplate {m:?} outside the spans:\n{body}",
                d.id
            );
        }
    }
}

#[test]
fn changes_and_insertions_are_exact() {
    let (sink, summary) = run(&config(5, Size::Stories(80)));
    assert!(summary.changes > 5, "{summary:?}");
    let corpus = Corpus::new(sink);
    let mut topics = BTreeSet::new();
    let mut by_fact: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in corpus.changes() {
        let old = slice(corpus.text(&c.source), c.source_span);
        let new = slice(corpus.text(&c.derived), c.derived_span);
        assert!(!old.is_empty() && !new.is_empty(), "{c:?}");
        assert_ne!(old, new, "{c:?}");
        match c.topic.as_str() {
            "date" => {
                // A year, or a day of the month beside its month.
                let year = |s: &str| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit());
                let day = |s: &str| {
                    let d = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                    (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit())
                };
                assert!(
                    year(&old) && year(&new) || day(&old) && day(&new),
                    "{old} / {new}"
                );
            }
            "number" => {
                let numeric = |s: &str| {
                    s.chars().any(|c| c.is_ascii_digit())
                        || [
                            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                        ]
                        .iter()
                        .any(|w| s.to_lowercase().contains(w))
                };
                assert!(numeric(&old) && numeric(&new), "{old} / {new}");
            }
            "name" => {
                assert!(
                    old.starts_with(char::is_uppercase) && new.starts_with(char::is_uppercase),
                    "{old} / {new}"
                );
            }
            other => panic!("topic {other}"),
        }
        topics.insert(c.topic.clone());
        // A figure may be restyled from version to version; a year or a
        // name is written the same.
        if c.topic == "name" || c.topic == "date" && new.len() == 4 {
            by_fact
                .entry(c.fact.clone().expect("fact id"))
                .or_default()
                .insert(new);
        }
    }
    assert_eq!(topics.len(), 3, "{topics:?}");
    // Every version carrying a changed value states the same new value.
    for (fact, values) in by_fact {
        assert_eq!(values.len(), 1, "{fact}: {values:?}");
    }
    // Each change has exactly one record where it was made.
    let primary = corpus.changes().filter(|c| !c.inherited).count() as u64;
    assert_eq!(primary, summary.changes);

    let paragraphs: Vec<String> = articles().into_iter().flat_map(|a| a.paragraphs).collect();
    let header = match &corpus.records[0] {
        Record::Header(h) => h.clone(),
        _ => panic!("the first record is the header"),
    };
    let pool = header.params["insertion_paragraphs"]
        .as_u64()
        .expect("insertion_paragraphs");
    let mut inserted = 0;
    for r in &corpus.records {
        let Record::Inserted(i) = r else { continue };
        let text = corpus.text(&i.doc);
        let s = slice(text, i.span);
        let before = slice(text, [i.span[0].saturating_sub(2), i.span[0]]);
        let after = slice(text, [i.span[1], i.span[1] + 2]);
        assert_eq!(before, "\n\n", "{i:?}");
        assert!(after == "\n\n" || after == "\n", "{i:?}");
        let story: u64 = corpus
            .docs
            .iter()
            .find(|d| d.id == i.doc)
            .map(|d| d.story[1..].parse().expect("s…"))
            .expect("doc");
        // The first use of each insertion paragraph is verbatim.
        if story * 2 + 1 < pool && !i.inherited {
            assert!(paragraphs.contains(&s), "not a source paragraph: {s:?}");
        }
        inserted += 1;
    }
    assert!(inserted > 0);
}

#[test]
fn every_role_and_relation() {
    let (sink, summary) = run(&config(2, Size::Stories(40)));
    let corpus = Corpus::new(sink);
    let roles: BTreeSet<&str> = corpus.docs.iter().map(|d| d.role.as_str()).collect();
    for role in ["original", "copy", "excerpt", "rewrite", "distractor"] {
        assert!(roles.contains(role), "no {role} in {roles:?}");
    }
    for (role, n) in &summary.roles {
        assert_eq!(
            corpus.docs.iter().filter(|d| d.role == *role).count() as u64,
            *n
        );
    }
    let levels: BTreeSet<&str> = corpus
        .docs
        .iter()
        .filter_map(|d| d.level.as_deref())
        .collect();
    assert_eq!(levels, BTreeSet::from(["easy", "hard"]));
    let ids: BTreeSet<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), corpus.docs.len(), "ids are unique");
    let story_of: HashMap<&str, &str> = corpus
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.story.as_str()))
        .collect();
    let negatives: Vec<(&str, &str)> = corpus
        .docs
        .iter()
        .filter_map(|d| d.hard_negative_of.as_deref().map(|o| (d.id.as_str(), o)))
        .collect();
    assert!(!negatives.is_empty());
    for (a, b) in &negatives {
        assert!(ids.contains(b), "{b}");
        assert_ne!(story_of[a], story_of[b]);
    }
    let mut pairs: HashMap<(&str, &str), &str> = HashMap::new();
    let mut listed = BTreeSet::new();
    let mut generations = BTreeSet::new();
    let mut derivations = Vec::new();
    for r in &corpus.records {
        match r {
            Record::Pair(p) => {
                assert!(p.a < p.b, "{p:?}");
                assert!(listed.insert((p.a.as_str(), p.b.as_str())), "{p:?}");
                // Within a story, a version's relation to another; across
                // stories, only a quoted paragraph.
                if story_of[p.a.as_str()] != story_of[p.b.as_str()] {
                    assert_eq!(p.relation, "partial", "{p:?}");
                    continue;
                }
                assert!(
                    ["duplicate", "excerpt", "rewrite"].contains(&p.relation.as_str()),
                    "{p:?}"
                );
                pairs.insert((p.a.as_str(), p.b.as_str()), p.relation.as_str());
            }
            Record::Derivation(d) => {
                generations.insert(d.generation);
                derivations.push(d);
            }
            _ => {}
        }
    }
    assert!(
        generations.contains(&1) && generations.contains(&2),
        "{generations:?}"
    );
    assert!(listed.len() > pairs.len(), "no quotation in 40 stories");
    // Every pair of one story is listed, and a derivation's relation is
    // its pair's.
    let mut per_story: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &corpus.docs {
        *per_story.entry(d.story.as_str()).or_default() += 1;
    }
    let expected: usize = per_story.values().map(|n| n * (n - 1) / 2).sum();
    assert_eq!(pairs.len(), expected);
    let published: HashMap<&str, &str> = corpus
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.published.as_deref().expect("published")))
        .collect();
    let mut later = 0;
    for d in &derivations {
        let key = if d.source < d.derived {
            (d.source.as_str(), d.derived.as_str())
        } else {
            (d.derived.as_str(), d.source.as_str())
        };
        assert_eq!(pairs[&key], d.relation, "{d:?}");
        // Day-only dates compare by their day.
        let (s, t) = (published[d.source.as_str()], published[d.derived.as_str()]);
        if t[..10] > s[..10] || t >= s {
            later += 1;
        }
    }
    assert!(
        later * 10 >= derivations.len() * 8,
        "{later} of {}",
        derivations.len()
    );
}

#[test]
fn hard_rewrites_keep_few_five_grams() {
    // Fresh articles only (nine stories: no recycling), over many seeds.
    let (mut easy, mut hard) = ((0u64, 0.0, 0.0), (0u64, 0.0, 0.0));
    for seed in 1..=12 {
        let (_, s) = run(&config(seed, Size::Stories(9)));
        assert_eq!(s.recycled_stories, 0);
        for (acc, r) in [(&mut easy, s.easy), (&mut hard, s.hard)] {
            acc.0 += r.count;
            acc.1 += r.ngram5 * r.count as f64;
            acc.2 += r.vocabulary * r.count as f64;
        }
    }
    let mean = |a: (u64, f64, f64)| (a.1 / a.0 as f64, a.2 / a.0 as f64);
    let ((easy5, easy_v), (hard5, hard_v)) = (mean(easy), mean(hard));
    assert!(easy.0 > 30 && hard.0 > 30, "{easy:?} {hard:?}");
    assert!(
        (0.35..=0.70).contains(&easy5),
        "easy keeps {easy5:.3} of 5-grams"
    );
    assert!(hard5 <= 0.06, "hard keeps {hard5:.3} of 5-grams");
    assert!(
        hard_v < easy_v - 0.2,
        "vocabulary: easy {easy_v:.3}, hard {hard_v:.3}"
    );
    assert!(hard_v <= 0.6, "hard keeps {hard_v:.3} of the vocabulary");
}

#[test]
fn stories_share_no_text_the_truth_does_not_list() {
    // Ten articles, 60 stories: each article is told six times. Recycled
    // tellings replace every name, number and date and are paraphrased,
    // so that they share only chance phrases with each other. Quotations
    // share text across stories on purpose (`quoted_paragraphs_are_partial_pairs`).
    let (sink, summary) = run(&Config {
        quote_share: 0.0,
        ..config(4, Size::Stories(60))
    });
    assert!(summary.recycled_stories > 40, "{summary:?}");
    let corpus = Corpus::new(sink);
    let origin: HashMap<&str, &str> = corpus
        .docs
        .iter()
        .filter_map(|d| {
            d.origin
                .as_deref()
                .map(|o| (d.story.as_str(), o.split('#').next().unwrap_or(o)))
        })
        .collect();
    // Inserted paragraphs are left out: they are re-told across stories
    // (see the DESIGN note) and their truth is the `inserted` record. So
    // are the generic framing sentences of rewrites, the same everywhere.
    let framing: Vec<&str> = include_str!("../data/lists.txt")
        .split("[framing]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(framing.len() > 5);
    let bodies: Vec<(&DocumentTruth, String)> = corpus
        .docs
        .iter()
        .map(|d| {
            let mut body = corpus.body_without(d, true);
            for f in &framing {
                body = body.replace(f, "");
            }
            (d, body)
        })
        .collect();
    let (mut same, mut other) = (Vec::new(), Vec::new());
    for (i, (a, ta)) in bodies.iter().enumerate() {
        for (b, tb) in &bodies[i + 1..] {
            if a.story == b.story {
                continue;
            }
            let c = ngram_containment(ta, tb, 8);
            if origin[a.story.as_str()] == origin[b.story.as_str()] {
                same.push((c, &a.id, &b.id));
            } else {
                other.push((c, &a.id, &b.id));
            }
        }
    }
    let by = |x: &(f64, &String, &String), y: &(f64, &String, &String)| x.0.total_cmp(&y.0);
    same.sort_by(by);
    other.sort_by(by);
    let mean = same.iter().map(|x| x.0).sum::<f64>() / same.len() as f64;
    let p99 = same[same.len() * 99 / 100].0;
    // Different tellings of one article: chance phrases only.
    assert!(
        mean < 0.03 && p99 < 0.2,
        "mean {mean:.3}, p99 {p99:.3}, worst {:?}",
        same.last()
    );
    // Different articles: nothing.
    assert!(other.last().is_none_or(|w| w.0 < 0.1), "{:?}", other.last());
}

#[test]
fn twenty_thousand_documents_stream_to_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = config(9, Size::Documents(20_000));
    let mut sink = DirSink::create(dir.path(), Format::Jsonl, false).expect("creates");
    let s = generate(&c, &articles(), &mut sink).expect("generates");
    assert_eq!(s.documents, 20_000);
    let mut lines = 0;
    for shard in std::fs::read_dir(dir.path().join("docs")).expect("docs") {
        let text = std::fs::read_to_string(shard.expect("shard").path()).expect("text");
        lines += text.lines().count();
    }
    assert_eq!(lines, 20_000);
    let truth = std::fs::read_to_string(dir.path().join("truth.jsonl")).expect("truth");
    let documents = truth
        .lines()
        .filter(|l| l.starts_with(r#"{"type":"document""#))
        .count();
    assert_eq!(documents, 20_000);
}

#[test]
fn quoted_paragraphs_are_partial_pairs() {
    let (sink, _) = run(&Config {
        quote_share: 0.5,
        ..config(6, Size::Stories(200))
    });
    let corpus = Corpus::new(sink);
    let story: HashMap<&str, &str> = corpus
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.story.as_str()))
        .collect();
    let grams = |id: &str| -> BTreeSet<Vec<String>> {
        let words: Vec<String> = corpus
            .text(id)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.windows(8).map(<[String]>::to_vec).collect()
    };
    let partial: Vec<(&String, &String)> = corpus
        .records
        .iter()
        .filter_map(|r| match r {
            Record::Pair(p) if p.relation == "partial" => Some((&p.a, &p.b)),
            _ => None,
        })
        .collect();
    assert!(partial.len() >= 10, "{} partial pairs", partial.len());
    // A rewrite keeps the quotation paraphrased; where it left a run of
    // it untouched, its pairs are listed too.
    let role: HashMap<&str, &str> = corpus
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.role.as_str()))
        .collect();
    assert!(
        partial
            .iter()
            .any(|(a, b)| role[a.as_str()] == "rewrite" || role[b.as_str()] == "rewrite"),
        "no partial pair with a rewrite"
    );
    for (a, b) in partial {
        // Nearby stories (the donor is at most 12 before) ...
        let number = |id: &str| story[id][1..].parse::<i64>().expect("story number");
        let apart = (number(a) - number(b)).abs();
        assert!((1..=12).contains(&apart), "{a} {b}");
        // ... that share a quoted paragraph of at least 30 tokens, or a run
        // of 25 of its words (house style may change a word of either,
        // which stemma's normalisation undoes and these 8-grams do not).
        let shared = grams(a).intersection(&grams(b)).count();
        assert!(shared >= 12, "{a} {b}: {shared} shared 8-grams");
    }
}
