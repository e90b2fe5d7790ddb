//! HTML pages: charset, visible text in reading order, metadata.
//!
//! Placeholder interface; the real implementation replaces this file.

use stemma_core::Metadata;

/// A parsed page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// The decoded HTML source.
    pub html: String,
    /// The page's visible text in reading order, block elements separated
    /// by blank lines.
    pub text: String,
    /// Title, outlet (`og:site_name` only; the caller falls back to the
    /// URL's host), published, canonical URL.
    pub meta: Metadata,
    /// Caveats about decoding, lowercase.
    pub warnings: Vec<String>,
}

/// Parses a page from its bytes. `http_charset` is the charset named by an
/// HTTP `Content-Type` header, when there was one.
pub fn parse(bytes: &[u8], http_charset: Option<&str>) -> HtmlPage {
    let decoded = crate::decode::decode(bytes, http_charset);
    HtmlPage {
        text: decoded.text.clone(),
        html: decoded.text,
        meta: Metadata::default(),
        warnings: decoded.warnings,
    }
}
