//! ECB+ (event coreference over news, Cybulska & Vossen 2014): a folder per
//! topic (`1/`, `2/`, …), in it `<topic>_<n>ecb.xml` (articles about one
//! event) and `<topic>_<n>ecbplus.xml` (articles about a second, similar
//! event of the same topic). Each file is tokenised XML:
//! `<token t_id=".." sentence="S" number="..">word</token>`.
//!
//! The reader rebuilds each article's text from its tokens: tokens joined
//! by spaces with light detokenisation (no space before closing
//! punctuation and clitics, none after opening brackets), `` `` `` and
//! `''` as `"`, one sentence per line. The gold story of an article is its
//! topic and sub-event (`ecb` or `ecbplus`).

use std::path::Path;

use super::xml::{Event, events};
use super::{Skipped, list_dir, read_string};
use crate::Error;

/// Which of a topic's two events an article reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubEvent {
    Ecb,
    EcbPlus,
}

impl SubEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            SubEvent::Ecb => "ecb",
            SubEvent::EcbPlus => "ecbplus",
        }
    }
}

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file name without `.xml` (`1_10ecb`).
    pub id: String,
    pub topic: u32,
    pub sub_event: SubEvent,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EcbSet {
    /// Sorted by topic, then id.
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
}

/// Reads the topics in `topics` (inclusive) of an ECB+ folder.
pub fn read(dir: &Path, topics: std::ops::RangeInclusive<u32>) -> Result<EcbSet, Error> {
    let mut set = EcbSet::default();
    let mut found_topic = false;
    for topic_dir in list_dir(dir)? {
        let Some(topic) = topic_dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if !topics.contains(&topic) || !topic_dir.is_dir() {
            continue;
        }
        found_topic = true;
        for file in list_dir(&topic_dir)? {
            let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(stem) = name.strip_suffix(".xml") else {
                continue;
            };
            let what = file.display().to_string();
            let sub_event = if stem.ends_with("ecbplus") {
                SubEvent::EcbPlus
            } else if stem.ends_with("ecb") {
                SubEvent::Ecb
            } else {
                set.skipped
                    .push(Skipped::new(what, "name ends in neither ecb nor ecbplus"));
                continue;
            };
            let parsed = read_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|s| text_of(&s));
            match parsed {
                Ok(text) if !text.trim().is_empty() => set.articles.push(Article {
                    id: stem.to_owned(),
                    topic,
                    sub_event,
                    text,
                }),
                Ok(_) => set.skipped.push(Skipped::new(what, "no tokens")),
                Err(e) => set.skipped.push(Skipped::new(what, e)),
            }
        }
    }
    if !found_topic {
        return Err(Error::format(
            dir,
            format!(
                "no topic folder {}–{} (expected folders named by topic number)",
                topics.start(),
                topics.end()
            ),
        ));
    }
    set.articles
        .sort_by(|a, b| (a.topic, &a.id).cmp(&(b.topic, &b.id)));
    Ok(set)
}

/// The text of one ECB+ XML document.
pub fn text_of(src: &str) -> Result<String, String> {
    let mut sentences: Vec<(String, Vec<String>)> = Vec::new();
    let mut current: Option<String> = None;
    let mut word = String::new();
    for ev in events(src)? {
        match &ev {
            Event::Start { name, empty, .. } if name == "token" => {
                let s = ev.attr("sentence").unwrap_or("").to_owned();
                if *empty {
                    continue;
                }
                current = Some(s);
                word.clear();
            }
            Event::Text(t) if current.is_some() => word.push_str(t),
            Event::End { name } if name == "token" => {
                if let Some(s) = current.take() {
                    let w = word.trim().to_owned();
                    if w.is_empty() {
                        continue;
                    }
                    match sentences.last_mut() {
                        Some((last, words)) if *last == s => words.push(w),
                        _ => sentences.push((s, vec![w])),
                    }
                }
            }
            _ => {}
        }
    }
    let lines: Vec<String> = sentences.iter().map(|(_, w)| detokenize(w)).collect();
    Ok(lines.join("\n"))
}

/// Joins tokens into a readable sentence.
pub fn detokenize(tokens: &[String]) -> String {
    const NO_SPACE_BEFORE: &[&str] = &[
        ".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "n't", "'re", "'ve", "'ll",
        "'d", "'m", "’s",
    ];
    const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "#"];
    let mut out = String::new();
    let mut open_quote = false;
    let mut glue_next = true;
    for t in tokens {
        let t = match t.as_str() {
            "``" | "''" | "\"" => {
                // Opening quotes glue to what follows, closing ones to what
                // precedes.
                let opening = t == "``" || (t == "\"" && !open_quote);
                open_quote = opening;
                if opening {
                    if !glue_next {
                        out.push(' ');
                    }
                    out.push('"');
                    glue_next = true;
                } else {
                    out.push('"');
                    glue_next = false;
                }
                continue;
            }
            "-LRB-" => "(",
            "-RRB-" => ")",
            other => other,
        };
        if !glue_next && !NO_SPACE_BEFORE.contains(&t) {
            out.push(' ');
        }
        out.push_str(t);
        glue_next = NO_SPACE_AFTER.contains(&t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<Document doc_name="7_1ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">Storm</token>
<token t_id="2" sentence="0" number="1">hits</token>
<token t_id="3" sentence="0" number="2">coast</token>
<token t_id="4" sentence="1" number="0">``</token>
<token t_id="5" sentence="1" number="1">It</token>
<token t_id="6" sentence="1" number="2">'s</token>
<token t_id="7" sentence="1" number="3">bad</token>
<token t_id="8" sentence="1" number="4">,</token>
<token t_id="9" sentence="1" number="5">''</token>
<token t_id="10" sentence="1" number="6">he</token>
<token t_id="11" sentence="1" number="7">said</token>
<token t_id="12" sentence="1" number="8">(</token>
<token t_id="13" sentence="1" number="9">AT&amp;T</token>
<token t_id="14" sentence="1" number="10">)</token>
<token t_id="15" sentence="1" number="11">.</token>
<Markables><ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE></Markables>
</Document>"#;

    #[test]
    fn rebuilds_text() {
        assert_eq!(
            text_of(DOC).ok().as_deref(),
            Some("Storm hits coast\n\"It's bad,\" he said (AT&T).")
        );
    }

    #[test]
    fn reads_topics() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for (topic, name) in [
            ("7", "7_1ecb.xml"),
            ("7", "7_2ecbplus.xml"),
            ("31", "31_1ecb.xml"),
            ("7", "7_3other.xml"),
        ] {
            std::fs::create_dir_all(d.join(topic)).expect("mkdir");
            std::fs::write(d.join(topic).join(name), DOC).expect("write");
        }
        std::fs::write(d.join("7/._7_1ecb.xml"), b"\x00\x05binary").expect("write");
        std::fs::write(d.join("7/7_4ecb.xml"), "<Document><token sentence=\"0\"").expect("write");
        std::fs::write(d.join("notes.csv"), "Topic,File\n").expect("write");
        let set = read(d, 1..=30).expect("reads");
        let got: Vec<(&str, u32, SubEvent)> = set
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.topic, a.sub_event))
            .collect();
        assert_eq!(
            got,
            [
                ("7_1ecb", 7, SubEvent::Ecb),
                ("7_2ecbplus", 7, SubEvent::EcbPlus)
            ]
        );
        // 7_3other: neither suffix; 7_4ecb: unterminated tag.
        assert_eq!(set.skipped.len(), 2);
        assert!(read(d, 40..=50).is_err());
    }
}
