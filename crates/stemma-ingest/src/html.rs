//! HTML pages: charset, visible text in reading order, metadata.
//!
//! [`parse`] never fails and never panics: whatever the bytes, it returns a
//! page, with what went wrong in [`HtmlPage::warnings`].
//!
//! # Charset
//!
//! A byte-order mark wins, then the HTTP charset, then a `<meta charset>`
//! or `<meta http-equiv="Content-Type">` found by the WHATWG prescan of
//! the first 4096 bytes, then UTF-8 if valid, else detection
//! ([`crate::decode::decode`]). A declaration that does not fit the bytes
//! falls through to the next with a warning. Two departures from
//! browsers, both against mojibake: bytes that are valid UTF-8 (and not
//! ASCII) are read as UTF-8 whatever a declaration says, with a warning;
//! and a `<meta>` declaration the parser meets beyond the prescan window
//! re-decodes the page when nothing surer (mark, HTTP) decided.
//!
//! # Visible text
//!
//! The text a browser renders, in document order. Block elements (`p`,
//! `div`, headings, `li`, `tr`, `blockquote`, `pre`, ... the rendering
//! section's `display: block` list) are separated by one blank line, `<br>`
//! by a line break (two `<br>`s in a row by a blank line), table cells by
//! a space. Whitespace runs collapse to one space (Unicode White_Space, so
//! `&nbsp;` too); inside `pre` line breaks and inner whitespace are kept.
//! No line starts or ends with whitespace, and there is never more than
//! one blank line in a row.
//!
//! Left out, with their content: `head` (and `title`), `script`, `style`,
//! `noscript`, `template`, `svg`, `iframe`, media and plugin fallback
//! (`audio`, `video`, `canvas`, `object`, `embed`, `picture`), form state
//! (`select`, `textarea`), ruby annotations (`rt`, `rp`), closed
//! `dialog`s, and any element that is `hidden`, styled inline with
//! `display: none` or `visibility: hidden`, has a screen-reader-only
//! class (`sr-only`, `visually-hidden`, `screen-reader-text`, ...), or is
//! `aria-hidden="true"`. The last is a choice: on news pages it marks
//! modal dialogs, menus, share widgets, ad slots and icon glyphs, rarely
//! text that matters (some sites mark a visible caption or dateline so).
//! `html`, `body` and `main` are never hidden that way, so a page that
//! hides its body until a script runs keeps its text. `<img alt>` is not
//! text.
//!
//! # Metadata
//!
//! - title: `og:title`, else `<title>`, else the first visible `<h1>`
//!   (whitespace collapsed).
//! - outlet: `og:site_name`, else JSON-LD `publisher.name`, else the
//!   `name` of a microdata `itemprop=publisher` item, else the JSON-LD
//!   `WebSite` name, else `application-name`; `None` otherwise (the
//!   caller falls back to the URL's host).
//! - published: `article:published_time`, JSON-LD `datePublished`
//!   (article-like nodes first; `@graph`, lists and `@id` references
//!   handled; invalid JSON-LD gives a warning), `itemprop=datePublished`,
//!   `meta name=date|pubdate|dc.date|DC.date.issued|...`, `<time
//!   pubdate>`, the first `<time datetime>` inside an `<article>`, the
//!   first anywhere: the first that [`Published::parse`] reads and that is
//!   not a placeholder (year 1, the Unix epoch). Candidates before it that
//!   do not parse give a warning.
//! - url: `<link rel="canonical">`, else `og:url`, as written (a relative
//!   URL is not resolved).
//!
//! # Cost
//!
//! Linear in the input: html5ever's tree builder is quadratic in nesting
//! depth, so nesting beyond 512 elements is flattened (see `dom`); the
//! walk over the tree is a loop with an explicit stack.
//!
//! [`Published::parse`]: stemma_core::Published::parse

mod charset;
mod dom;
mod extract;
mod jsonld;
mod meta;
mod walk;

use stemma_core::{Boilerplate, Metadata};

/// A parsed page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// The decoded HTML source.
    pub html: String,
    /// The page's visible text in reading order, block elements separated
    /// by blank lines.
    pub text: String,
    /// Title, outlet (`None` when the page names none; the caller falls
    /// back to the URL's host), published, canonical URL.
    pub meta: Metadata,
    /// The spans of `text` that are not the article body (navigation,
    /// headline, byline, related links, footer, ...), in order, disjoint.
    pub boilerplate: Vec<Boilerplate>,
    /// Caveats about decoding, structure and metadata, lowercase.
    pub warnings: Vec<String>,
}

/// Parses a page from its bytes. `http_charset` is the charset named by an
/// HTTP `Content-Type` header, when there was one.
pub fn parse(bytes: &[u8], http_charset: Option<&str>) -> HtmlPage {
    let choice = charset::choose(bytes, http_charset);
    let mut decoded = choice.decoded;
    let mut parsed = dom::parse(&decoded.text);
    if !choice.certain
        && let Some(label) = parsed.meta_charset.as_deref()
    {
        match charset::late(bytes, label, decoded.encoding, &decoded.warnings) {
            Some(charset::Late::Redecoded(d)) => {
                decoded = d;
                parsed = dom::parse(&decoded.text);
            }
            Some(charset::Late::Warnings(warnings)) => decoded.warnings = warnings,
            None => {}
        }
    }
    let walked = walk::walk(&parsed.html);
    let mut warnings = decoded.warnings;
    if parsed.dropped_tags > 0 {
        warnings.push(format!(
            "elements nested deeper than {} levels: {} start tags ignored",
            dom::MAX_DEPTH,
            parsed.dropped_tags
        ));
    }
    let boilerplate =
        extract::boilerplate(&walked.layout, &walked.text, &extract::Params::default());
    let ld = jsonld::read(&walked.found.json_ld);
    let meta = meta::resolve(walked.found, ld, &mut warnings);
    HtmlPage {
        html: decoded.text,
        text: walked.text,
        meta,
        boilerplate,
        warnings,
    }
}

#[cfg(test)]
mod tests;
