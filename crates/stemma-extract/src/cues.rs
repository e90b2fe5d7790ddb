//! Cues inside one document: what a line of boilerplate says about itself.
//!
//! Each matcher looks at one trimmed line. They are only trusted where
//! boilerplate lives: the header zone (after the headline, before the first
//! line of body) and the footer zone (after the last line of body), which
//! `zones` in `lib.rs` peels from both ends. A matcher may fire on a body
//! line in the middle of an article ("Source: officials"), which is why
//! none of them is applied there.

use stemma_core::BoilerplateKind as Kind;

/// The kind of a line found in the header zone.
pub(crate) fn header(line: &str, words: usize) -> Option<Kind> {
    let lower = line.to_lowercase();
    if tracking(&lower, line, words) {
        Some(Kind::Tracking)
    } else if breadcrumb(line, words) {
        Some(Kind::Navigation)
    } else if byline(&lower, line, words) {
        Some(Kind::Byline)
    } else if meta_line(&lower, line, words) {
        Some(Kind::Header)
    } else if attribution(&lower, words) {
        Some(Kind::Other)
    } else {
        None
    }
}

/// The kind of a line found in the footer zone.
pub(crate) fn footer(line: &str, words: usize) -> Option<Kind> {
    let lower = line.to_lowercase();
    let l = lower.as_str();
    if tracking(l, line, words) {
        Some(Kind::Tracking)
    } else if copyright(l) || comments(l, words) {
        Some(Kind::Footer)
    } else if disclaimer(l, words) {
        Some(Kind::Disclaimer)
    } else if share(l, words) || tags(l, words) || breadcrumb(line, words) {
        Some(Kind::Navigation)
    } else if attribution(l, words) || subscribe(l, words) {
        Some(Kind::Other)
    } else if words <= 20 && (byline(l, line, words) || credit(l)) {
        Some(Kind::Byline)
    } else {
        None
    }
}

/// A cue strong enough to trust anywhere, for a line that the corpus has
/// also seen as a template: an advertisement marker, a share line, a
/// "Read more:" teaser.
pub(crate) fn anywhere(line: &str, words: usize) -> Option<Kind> {
    let lower = line.to_lowercase();
    let l = lower.as_str();
    if words <= 3
        && matches!(
            l.trim_end_matches(':'),
            "advertisement" | "advert" | "sponsored" | "ad"
        )
    {
        return Some(Kind::Other);
    }
    if words <= 25
        && starts_any(
            l,
            &[
                "read more:",
                "read more at",
                "related:",
                "see also:",
                "also read:",
                "more:",
                "watch:",
            ],
        )
    {
        return Some(Kind::Related);
    }
    if tracking(l, line, words) {
        return Some(Kind::Tracking);
    }
    if share(l, words) {
        return Some(Kind::Navigation);
    }
    None
}

/// The heading of a list of links to other articles.
pub(crate) fn related_heading(line: &str, words: usize) -> bool {
    if words == 0 || words > 7 {
        return false;
    }
    let lower = line.to_lowercase();
    let l = lower.trim_end_matches([':', '.', '»', '›', ' ']).trim();
    const HEADINGS: &[&str] = &[
        "related",
        "related articles",
        "related stories",
        "related news",
        "related content",
        "related coverage",
        "read more",
        "read next",
        "more to read",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "recommended stories",
        "trending",
        "trending now",
        "trending stories",
        "most read",
        "most popular",
        "most viewed",
        "popular",
        "popular now",
        "popular stories",
        "top stories",
        "more stories",
        "more news",
        "latest",
        "latest news",
        "latest stories",
        "see also",
        "also read",
        "also on",
        "more on this story",
        "more from this stream",
        "what to read next",
        "don't miss",
        "don’t miss",
        "editor's picks",
        "editor’s picks",
        "in other news",
        "elsewhere",
    ];
    HEADINGS.contains(&l)
        || (l.starts_with("more from ") && words <= 6)
        || (l.starts_with("more in ") && words <= 5)
        || (l.starts_with("more ") && l.ends_with(" news") && words <= 5)
}

/// A teaser in a related list: a headline, a one-sentence blurb, a bullet.
pub(crate) fn teaser(line: &str, words: usize) -> bool {
    (1..=35).contains(&words) && !line.ends_with(':') || bullet(line)
}

/// A headline line: short, and either not ending a sentence or running
/// into its blurb after a dash (`Headline — One-line blurb.`).
pub(crate) fn headline(line: &str, words: usize) -> bool {
    (1..=30).contains(&words)
        && (!ends_sentence(line)
            || [" — ", " – ", " | "].iter().any(|sep| {
                line.split_once(sep)
                    .is_some_and(|(head, _)| !ends_sentence(head))
            }))
}

pub(crate) fn bullet(line: &str) -> bool {
    starts_any(line, &["- ", "• ", "* ", "· ", "– ", "— ", "» ", "› "])
}

/// The length in bytes of a source tag opening the first line of body:
/// `(AGENCY - Outlet) `, `[Outlet] `, `CITY (Agency) - `, `AGENCY/WIRE — `,
/// the separator included.
pub(crate) fn source_tag(line: &str) -> Option<usize> {
    let bracketed = |open: char, close: char| -> Option<usize> {
        let rest = line.strip_prefix(open)?;
        let end = rest.find(close)?;
        let inner = &rest[..end];
        let words = inner.split_whitespace().count();
        let upper = inner.split_whitespace().any(is_upper_word);
        ((1..=8).contains(&words) && (upper || open == '[') && !inner.contains(['.', ','])
            || inner.contains(" - ") && words <= 8)
            .then_some(open.len_utf8() + end + close.len_utf8())
    };
    let tag_len = bracketed('(', ')')
        .or_else(|| bracketed('[', ']'))
        .map(|n| n + separator_len(&line[n..]).unwrap_or(0))
        .or_else(|| {
            // CITY (Agency) - ; AGENCY/WIRE — ; AGENCY —
            let (head, _) = line
                .split_once(" - ")
                .or_else(|| line.split_once(" — "))
                .or_else(|| line.split_once(" – "))?;
            let words: Vec<&str> = head.split_whitespace().collect();
            if words.is_empty() || words.len() > 6 {
                return None;
            }
            let first_upper = words
                .first()
                .is_some_and(|w| is_upper_word(w.split('/').next().unwrap_or(w)));
            let shaped = words.iter().all(|w| {
                is_upper_word(w)
                    || w.starts_with('(')
                    || w.ends_with(')')
                    || w.contains('/')
                    || w.chars().next().is_some_and(char::is_uppercase)
            });
            // A bare dateline (`CARROWMERE — `) is the article's own.
            (first_upper && shaped && (head.contains('(') || head.contains('/'))).then(|| {
                let n = head.len();
                n + separator_len(&line[n..]).unwrap_or(0)
            })
        })?;
    // A tag is followed by the sentence it opens.
    let after = line[tag_len..].trim_start();
    after
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“')
        .then_some(tag_len)
        .filter(|&n| n < line.len())
}

/// Length of a separator (` - `, ` — `, ` – `, `: `, or white space) at the
/// start of `s`.
fn separator_len(s: &str) -> Option<usize> {
    for sep in [" - ", " — ", " – ", " -- ", ": ", " "] {
        if s.starts_with(sep) {
            return Some(sep.len());
        }
    }
    None
}

fn is_upper_word(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn starts_any(l: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| l.starts_with(p))
}

fn contains_any(l: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| l.contains(n))
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

fn tracking(l: &str, line: &str, words: usize) -> bool {
    if words > 12 {
        return false;
    }
    if contains_any(
        l,
        &[
            "story-id",
            "story id:",
            "tracking id",
            "feed item #",
            "article id:",
            "item id:",
            "doc id:",
            "guid:",
        ],
    ) || starts_any(l, &["ref:", "ref. ", "reference:", "[id:", "id:"])
    {
        return true;
    }
    // Mostly an identifier: a long run of hex digits or digits and dashes.
    words <= 6
        && line
            .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == '#')
            .any(|t| {
                t.len() >= 8
                    && t.chars()
                        .all(|c| c.is_ascii_hexdigit() || c == '-' || c == '_')
                    && t.chars().filter(char::is_ascii_digit).count() >= 4
            })
}

fn breadcrumb(line: &str, words: usize) -> bool {
    if words == 0 || words > 14 || ends_sentence(line) {
        return false;
    }
    for sep in [" > ", " » ", " › ", " / ", " ‣ ", " :: "] {
        let parts: Vec<&str> = line.split(sep).collect();
        if parts.len() >= 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.split_whitespace().count()))
        {
            return true;
        }
        if parts.len() == 2 && parts[0].trim().eq_ignore_ascii_case("home") {
            return true;
        }
    }
    false
}

/// `Outlet | Section | 17.10.2004 00:42`, `Posted Oct 5, 2004 at 3:12 pm`.
fn meta_line(l: &str, line: &str, words: usize) -> bool {
    if words == 0 || words > 16 || ends_sentence(line) && !has_time(l) {
        return false;
    }
    let dated = has_date(l) || has_time(l);
    if starts_any(
        l,
        &[
            "posted",
            "published",
            "updated",
            "last updated",
            "first published",
            "modified",
        ],
    ) && dated
    {
        return true;
    }
    let separated = contains_any(line, &[" | ", " · ", " • ", " — ", " - ", " / "]);
    separated && dated
}

fn byline(l: &str, line: &str, words: usize) -> bool {
    if !(2..=24).contains(&words) {
        return false;
    }
    let after_by = [
        "by ",
        "written by ",
        "words by ",
        "reporting by ",
        "story by ",
        "text by ",
    ]
    .iter()
    .find_map(|p| l.starts_with(p).then(|| &line[p.len()..]));
    match after_by {
        Some(rest) => {
            rest.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && !ends_sentence(line)
                || rest.contains(" | ")
        }
        None => false,
    }
}

/// A wire credit: `(Reporting by A; editing by B)`.
fn credit(l: &str) -> bool {
    let l = l.trim_start_matches('(');
    starts_any(
        l,
        &[
            "reporting by ",
            "writing by ",
            "editing by ",
            "additional reporting by ",
            "compiled by ",
        ],
    )
}

fn copyright(l: &str) -> bool {
    starts_any(l, &["©", "(c) ", "copyright", "all rights reserved"])
        || l.contains("all rights reserved")
}

fn comments(l: &str, words: usize) -> bool {
    words <= 8
        && (starts_any(
            l,
            &[
                "comments (",
                "comments:",
                "leave a comment",
                "add a comment",
                "view comments",
                "show comments",
                "join the conversation",
                "post a comment",
            ],
        ) || l == "comments"
            || l.contains("add yours")
            || l.split_whitespace()
                .nth(1)
                .is_some_and(|w| w.starts_with("comment"))
                && l.starts_with(|c: char| c.is_ascii_digit()))
}

fn disclaimer(l: &str, words: usize) -> bool {
    if words > 80 {
        return false;
    }
    starts_any(
        l,
        &[
            "disclaimer",
            "legal notice",
            "disclosure",
            "editor's note:",
            "editor’s note:",
            "note to readers",
        ],
    ) || contains_any(
        l,
        &[
            "does not endorse",
            "not responsible for",
            "for information only",
            "for informational purposes",
            "does not constitute",
            "may not be reproduced",
            "may not be published, broadcast",
            "holds no position",
            "no financial interest",
            "opinions are their own",
            "views expressed are",
            "is a contributor to",
            "accepts no liability",
            "not be redistributed",
            "does not necessarily reflect",
            "do not necessarily reflect",
            "infringes your rights",
        ],
    )
}

fn share(l: &str, words: usize) -> bool {
    if words > 14 {
        return false;
    }
    if starts_any(
        l,
        &[
            "share this",
            "share on ",
            "share:",
            "share via",
            "share article",
            "share story",
            "follow us",
        ],
    ) {
        return true;
    }
    const SOCIAL: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "email",
        "linkedin",
        "reddit",
        "pinterest",
        "telegram",
        "print",
        "copy",
        "link",
        "share",
        "on",
        "bookmark",
        "messenger",
    ];
    words >= 3
        && l.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| SOCIAL.contains(&w))
}

fn tags(l: &str, words: usize) -> bool {
    words <= 30
        && starts_any(
            l,
            &[
                "tags:",
                "filed under:",
                "topics:",
                "tagged:",
                "tagged with:",
                "keywords:",
                "categories:",
                "category:",
            ],
        )
}

fn attribution(l: &str, words: usize) -> bool {
    if words > 30 {
        return false;
    }
    starts_any(
        l,
        &[
            "source:",
            "sources:",
            "originally published",
            "this article first appeared",
            "this story first appeared",
            "this article originally appeared",
            "this story originally appeared",
            "this article was originally",
            "this story was originally",
            "republished",
            "read the full story",
            "read the full article",
            "continue reading",
            "the full article is available",
            "this is an excerpt",
            "read the original",
            "via ",
            "first published on",
            "first published in",
        ],
    ) && (words <= 20 || ends_sentence(l))
        && !(l.starts_with("via ") && words > 6)
        && !(starts_any(l, &["source:", "sources:"]) && words > 12)
}

fn subscribe(l: &str, words: usize) -> bool {
    words <= 30
        && contains_any(
            l,
            &[
                "subscribe",
                "newsletter",
                "sign up for",
                "sign up to",
                "in your inbox",
                "to your inbox",
                "daily briefing",
                "become a member",
                "support our journalism",
            ],
        )
}

fn has_time(l: &str) -> bool {
    let b = l.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    }) || b
        .windows(3)
        .any(|w| w[0] == b':' && w[1].is_ascii_digit() && w[2].is_ascii_digit())
}

fn has_date(l: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let digits = l.chars().any(|c| c.is_ascii_digit());
    let month = l.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)) && (w.len() <= 4 || full_month(w))
    });
    let numeric = l.split_whitespace().any(|t| {
        let parts: Vec<&str> = t
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['.', '/', '-'])
            .collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
    });
    let year = l
        .split(|c: char| !c.is_ascii_digit())
        .any(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")));
    numeric || digits && month || year && month
}

fn full_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "sept"
    )
}
