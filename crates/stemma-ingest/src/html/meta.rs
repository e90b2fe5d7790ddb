//! Metadata from the candidates the walk found, in order of trust.

use stemma_core::{Metadata, Published};

use super::jsonld::LdInfo;
use super::walk::{Found, collapse};

/// Longest title or outlet kept, in bytes; longer ones (an unclosed
/// `<title>` swallows the page) are dropped with a warning.
const MAX_NAME: usize = 1024;
/// Longest URL kept, in bytes.
const MAX_URL: usize = 4096;

/// Chooses title, outlet, published and URL.
pub(super) fn resolve(found: Found, ld: LdInfo, warnings: &mut Vec<String>) -> Metadata {
    let title = pick(
        [
            ("og:title", found.og_title),
            ("<title>", found.title),
            ("<h1>", found.h1),
        ],
        "title",
        warnings,
    );
    let outlet = pick(
        [
            ("og:site_name", found.og_site_name),
            ("JSON-LD publisher", ld.publisher),
            ("microdata publisher", found.microdata_publisher),
            ("JSON-LD WebSite", ld.website),
            ("application-name", found.application_name),
        ],
        "outlet",
        warnings,
    );
    let url = [found.canonical, found.og_url]
        .into_iter()
        .flatten()
        .map(|u| u.trim().to_owned())
        .find(|u| !u.is_empty() && u.len() <= MAX_URL);
    let meta_date = found
        .meta_date
        .map(|(key, value)| (format!("meta {key}"), value));
    let dates = [
        ("article:published_time".to_owned(), found.article_published),
        ("JSON-LD datePublished".to_owned(), ld.date_published),
        (
            "itemprop=datePublished".to_owned(),
            found.itemprop_published,
        ),
    ]
    .into_iter()
    .chain(meta_date.map(|(k, v)| (k, Some(v))))
    .chain([
        ("<time pubdate>".to_owned(), found.time_pubdate),
        ("<time> in <article>".to_owned(), found.time_in_article),
        ("<time>".to_owned(), found.time_any),
    ]);
    let published = published(dates, warnings);
    warnings.extend(ld.warnings);
    Metadata {
        title,
        outlet,
        published,
        url,
    }
}

/// The first candidate that is non-empty after collapsing whitespace and
/// not too long.
fn pick<const N: usize>(
    candidates: [(&str, Option<String>); N],
    field: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    for (source, value) in candidates {
        let Some(value) = value else { continue };
        let value = collapse(&value);
        if value.is_empty() {
            continue;
        }
        if value.len() > MAX_NAME {
            warnings.push(format!(
                "{field} from {source} of {} bytes ignored (over {MAX_NAME})",
                value.len()
            ));
            continue;
        }
        return Some(value);
    }
    None
}

/// The first date candidate that parses and is plausible; a warning for
/// each one before it that does not.
fn published(
    candidates: impl Iterator<Item = (String, Option<String>)>,
    warnings: &mut Vec<String>,
) -> Option<Published> {
    let mut failed: Vec<String> = Vec::new();
    for (source, value) in candidates {
        let Some(value) = value else { continue };
        if failed.contains(&value) {
            continue;
        }
        match Published::parse(&value) {
            Some(p) if plausible(&p) => return Some(p),
            Some(_) => warnings.push(format!("implausible date {value:?} in {source} ignored")),
            None => warnings.push(format!("unrecognised date {value:?} in {source} ignored")),
        }
        failed.push(value);
    }
    None
}

/// Not a placeholder: year 1 (`0001-01-01`, the zero of .NET and Go) or
/// the Unix epoch itself.
fn plausible(p: &Published) -> bool {
    let epoch = matches!(p, Published::Instant { at, .. } if at.as_second() == 0);
    p.day().year() >= 1000 && !epoch
}
