//! Plain-text documents.

use stemma_core::{Diagnostic, DocId, Document, Format, Metadata};

use crate::decode;
use crate::source::Output;

/// A document from a plain-text file; `None` (with a diagnostic) when the
/// bytes are binary, empty or only whitespace.
pub(crate) fn document(
    bytes: &[u8],
    source: &str,
    id: &str,
    out: &mut Output<'_>,
) -> Option<Document> {
    document_with_charset(bytes, None, source, id, out)
}

/// [`document`], with a charset declared by the container (HTTP, WARC).
pub(crate) fn document_with_charset(
    bytes: &[u8],
    charset: Option<&str>,
    source: &str,
    id: &str,
    out: &mut Output<'_>,
) -> Option<Document> {
    if let Some(not_text) = decode::sniff_binary(bytes) {
        out.error(source, not_text.message() + "; skipped");
        return None;
    }
    let decoded = decode::decode(bytes, charset);
    decoded_document(decoded.text, decoded.warnings, source, id, out)
}

/// [`document`] of text already decoded (a JSON string): what
/// [`decode::decode`] would make of its UTF-8 bytes, without copying them.
pub(crate) fn document_from_string(
    mut text: String,
    source: &str,
    id: &str,
    out: &mut Output<'_>,
) -> Option<Document> {
    if let Some(not_text) = decode::sniff_binary(text.as_bytes()) {
        out.error(source, not_text.message() + "; skipped");
        return None;
    }
    // The one byte-order mark valid UTF-8 can start with.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    decoded_document(text, Vec::new(), source, id, out)
}

fn decoded_document(
    text: String,
    warnings: Vec<String>,
    source: &str,
    id: &str,
    out: &mut Output<'_>,
) -> Option<Document> {
    if let Err(e) = decode::check_content(&text) {
        out.error(source, e.message() + "; skipped");
        return None;
    }
    let diagnostics: Vec<Diagnostic> = warnings
        .into_iter()
        .map(|w| Diagnostic::warning(source, w))
        .collect();
    out.diagnostics.extend(diagnostics.iter().cloned());
    let title = headline(&text).map(str::to_owned);
    Some(Document {
        id: DocId::new(id),
        source: source.to_owned(),
        format: Format::Text,
        text,
        html: None,
        meta: Metadata {
            title,
            ..Metadata::default()
        },
        boilerplate: Vec::new(),
        diagnostics,
    })
}

/// The first line of `text` when it looks like a headline: short, not a
/// sentence that runs on (no closing `.`, `,`, `;` or `:`), and followed by
/// more text.
pub fn headline(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let first = first.trim();
    if rest.trim().is_empty() || first.is_empty() {
        return None;
    }
    let chars = first.chars().count();
    let words = first.split_whitespace().count();
    let ends_open = first.ends_with(['.', ',', ';', ':']) && !first.ends_with("...");
    let has_letters = first.chars().any(char::is_alphabetic);
    (chars <= 200 && words <= 30 && !ends_open && has_letters).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::headline;

    #[test]
    fn headlines() {
        assert_eq!(
            headline("Bridge closed after crack found\n\nThe bridge…"),
            Some("Bridge closed after crack found")
        );
        assert_eq!(headline("\n  Is it safe?  \nBody"), Some("Is it safe?"));
        assert_eq!(headline("This is a sentence that ends.\nMore."), None);
        assert_eq!(headline("Only one line"), None);
        assert_eq!(headline("2024\nbody"), None);
        let long = "word ".repeat(40);
        assert_eq!(headline(&format!("{long}\nbody")), None);
    }
}
