//! Which charset a page is in: byte-order mark, HTTP header, `<meta>`
//! prescan, then UTF-8 or detection (through [`crate::decode::decode`]).

use encoding_rs::{Encoding, UTF_8};

use crate::decode::{self, Decoded};

/// How many leading bytes the `<meta>` prescan reads. The HTML standard
/// says 1024; pages with long inline scripts or styles before their
/// `<meta charset>` are common enough to read further, and a declaration
/// the parser meets later still counts (see [`Choice::certain`]).
pub(super) const PRESCAN_BYTES: usize = 4096;

/// The decoded page and how sure the choice of encoding is.
pub(super) struct Choice {
    pub decoded: Decoded,
    /// True when a byte-order mark or the HTTP header decided: a
    /// `<meta charset>` found later by the parser does not override it.
    pub certain: bool,
}

/// Decodes a page: a byte-order mark wins; then the HTTP charset, then a
/// `<meta>` declaration found by prescanning the first [`PRESCAN_BYTES`];
/// a declaration that does not fit the bytes falls through to the next one
/// and then to UTF-8 or detection, with a warning. Bytes that are valid
/// UTF-8 and not ASCII are read as UTF-8 whatever a declaration says (a
/// legacy encoding practically never produces valid multi-byte UTF-8;
/// servers that label every page `iso-8859-1` are common), with a warning.
pub(super) fn choose(bytes: &[u8], http_charset: Option<&str>) -> Choice {
    if decode::bom(bytes).is_some() {
        return Choice {
            decoded: decode::decode(bytes, None),
            certain: true,
        };
    }
    let meta = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    let candidates = [
        http_charset.map(|l| (l.trim(), "the http header")),
        meta.as_deref().map(|l| (l.trim(), "a <meta> tag")),
    ];
    let mut warnings = Vec::new();
    for (i, (label, source)) in candidates.into_iter().flatten().enumerate() {
        if label.is_empty() {
            continue;
        }
        let Some(enc) = resolve(label) else {
            warnings.push(format!("unknown charset {label:?} in {source} ignored"));
            continue;
        };
        match try_declared(bytes, label, enc, source) {
            Ok(mut decoded) => {
                warnings.append(&mut decoded.warnings);
                decoded.warnings = warnings;
                return Choice {
                    decoded,
                    certain: i == 0 && http_charset.is_some(),
                };
            }
            Err(warning) => warnings.push(warning),
        }
    }
    let mut decoded = decode::decode(bytes, None);
    warnings.append(&mut decoded.warnings);
    decoded.warnings = warnings;
    Choice {
        decoded,
        certain: false,
    }
}

/// What a `<meta>` charset met by the parser beyond the prescan changes.
pub(super) enum Late {
    /// The page reads differently in the declared encoding: parse again.
    Redecoded(Decoded),
    /// The text stands; these warnings replace the page's: the declaration
    /// confirms a detected encoding, or does not fit the bytes.
    Warnings(Vec<String>),
}

/// Weighs a charset `label` the parser found in a `<meta>`, against the
/// encoding `used`, whose choice left `warnings`. `None` when nothing
/// changes.
pub(super) fn late(bytes: &[u8], label: &str, used: &str, warnings: &[String]) -> Option<Late> {
    let label = label.trim();
    let enc = resolve(label)?;
    if enc.name() == used {
        if warnings.is_empty() {
            return None;
        }
        let d = try_declared(bytes, label, enc, "a <meta> tag").ok()?;
        return (d.encoding == used).then_some(Late::Warnings(d.warnings));
    }
    if bytes.is_ascii() && enc.is_ascii_compatible() {
        return None;
    }
    match try_declared(bytes, label, enc, "a <meta> tag") {
        Ok(d) if d.encoding != used => Some(Late::Redecoded(d)),
        Ok(_) => None,
        // Already said when the prescan found the same declaration.
        Err(warning) if warnings.contains(&warning) => None,
        Err(warning) => {
            let mut w = warnings.to_vec();
            w.insert(0, warning);
            Some(Late::Warnings(w))
        }
    }
}

/// An encoding for a label, as browsers map it: UTF-16 labels on a
/// byte-oriented page mean UTF-8, `x-user-defined` means windows-1252.
fn resolve(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.as_bytes())?;
    if enc == encoding_rs::X_USER_DEFINED {
        return Some(encoding_rs::WINDOWS_1252);
    }
    Some(enc.output_encoding())
}

/// Decodes with a declared encoding, or says why not.
fn try_declared(
    bytes: &[u8],
    label: &str,
    enc: &'static Encoding,
    source: &str,
) -> Result<Decoded, String> {
    if enc == UTF_8 {
        // A UTF-8 page with a stray bad byte is still UTF-8.
        return Ok(decode::decode(bytes, Some("utf-8")));
    }
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        let mut d = decode::decode(bytes, None);
        d.warnings.insert(
            0,
            format!("charset {label:?} in {source} ignored: the bytes are valid UTF-8"),
        );
        return Ok(d);
    }
    let d = decode::decode(bytes, Some(enc.name()));
    if d.encoding == enc.name() {
        Ok(d)
    } else {
        Err(format!(
            "charset {label:?} in {source} does not fit the bytes"
        ))
    }
}

const fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The WHATWG "prescan a byte stream to determine its encoding": the
/// charset label of the first `<meta charset>` or `<meta http-equiv=
/// content-type content="...; charset=...">` outside comments, if any.
/// Labels that name no encoding are skipped, as browsers do.
pub(super) fn prescan(bytes: &[u8]) -> Option<String> {
    let mut pos = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.starts_with(b"<!--") {
            // To the first `>` preceded by `--` (the dashes of `<!--` count).
            let mut i = pos + 2;
            loop {
                i += 1;
                if i >= bytes.len() {
                    return None;
                }
                if bytes[i] == b'>' && bytes[i - 1] == b'-' && bytes[i - 2] == b'-' {
                    break;
                }
            }
            pos = i + 1;
            continue;
        }
        if rest.len() >= 6
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (is_space(rest[5]) || rest[5] == b'/')
        {
            pos += 5;
            if let Some(label) = meta_charset(bytes, &mut pos) {
                return Some(label);
            }
            continue;
        }
        let tag_start = rest.len() >= 2
            && (rest[1].is_ascii_alphabetic()
                || (rest.len() >= 3 && rest[1] == b'/' && rest[2].is_ascii_alphabetic()));
        if rest[0] == b'<' && tag_start {
            pos += if rest[1] == b'/' { 2 } else { 1 };
            while pos < bytes.len() && !is_space(bytes[pos]) && bytes[pos] != b'>' {
                pos += 1;
            }
            while get_attribute(bytes, &mut pos)?.is_some() {}
            pos += 1;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            match memchr::memchr(b'>', &rest[2..]) {
                Some(i) => pos += 2 + i + 1,
                None => return None,
            }
            continue;
        }
        pos += 1;
    }
    None
}

/// The attributes of one `<meta`, from `pos` just after its name; the
/// label when they declare a known charset. Advances `pos` past the tag.
fn meta_charset(bytes: &[u8], pos: &mut usize) -> Option<String> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma = None;
    let mut charset: Option<Vec<u8>> = None;
    while let Some((name, value)) = get_attribute(bytes, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" => {
                if charset.is_none()
                    && let Some(c) = charset_from_content(&value)
                {
                    charset = Some(c.to_vec());
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(value.clone());
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    *pos += 1;
    let need_pragma = need_pragma?;
    if need_pragma && !got_pragma {
        return None;
    }
    let label = String::from_utf8_lossy(&charset?).trim().to_owned();
    resolve(&label).map(|_| label)
}

/// The WHATWG "get an attribute" step of the prescan: `Some(None)` at the
/// tag's end (`pos` on the `>`), `None` when the bytes run out, else a
/// lowercased name and value.
#[allow(clippy::type_complexity)]
fn get_attribute(bytes: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    let at = |p: usize| bytes.get(p).copied();
    while at(*pos).is_some_and(|b| is_space(b) || b == b'/') {
        *pos += 1;
    }
    let b = at(*pos)?;
    if b == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // The name.
    loop {
        let b = at(*pos)?;
        if b == b'=' && !name.is_empty() {
            *pos += 1;
            break;
        }
        if is_space(b) {
            while at(*pos).is_some_and(is_space) {
                *pos += 1;
            }
            if at(*pos)? != b'=' {
                return Some(Some((name, value)));
            }
            *pos += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some(Some((name, value)));
        }
        name.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    // The value.
    while at(*pos).is_some_and(is_space) {
        *pos += 1;
    }
    let b = at(*pos)?;
    if b == b'"' || b == b'\'' {
        *pos += 1;
        loop {
            let c = at(*pos)?;
            *pos += 1;
            if c == b {
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = at(*pos)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The WHATWG "extracting a character encoding from a meta element":
/// the label after `charset=` in a `content` value.
pub(super) fn charset_from_content(content: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        let found = content[pos..]
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        pos += found + 7;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if content.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        let rest = &content[pos..];
        return match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &rest[1..])?;
                Some(&rest[1..1 + end])
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                (end > 0).then(|| &rest[..end])
            }
            None => None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_prescan(input: &str, expect: Option<&str>) {
        assert_eq!(prescan(input.as_bytes()).as_deref(), expect, "{input:?}");
    }

    #[test]
    fn prescan_forms() {
        check_prescan(r#"<meta charset="windows-1252">"#, Some("windows-1252"));
        check_prescan(r#"<META CHARSET=ISO-8859-2>"#, Some("iso-8859-2"));
        check_prescan(r#"<meta charset='utf-8'/>"#, Some("utf-8"));
        check_prescan(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">"#,
            Some("koi8-r"),
        );
        check_prescan(
            r#"<meta content='text/html;charset="euc-jp"' http-equiv=content-type>"#,
            Some("euc-jp"),
        );
        // content without the pragma does not count.
        check_prescan(r#"<meta content="text/html; charset=koi8-r">"#, None);
        // Comments, other tags with `>` in quoted attributes, unknown labels.
        check_prescan(
            r#"<!-- <meta charset="koi8-r"> --><div title="a>b"><meta charset="bogus"><meta charset="big5">"#,
            Some("big5"),
        );
        check_prescan(r#"<!--><meta charset="gbk">"#, Some("gbk"));
        check_prescan(r#"<metadata charset="gbk">"#, None);
        check_prescan(r#"<meta charset="gbk""#, None);
        check_prescan("", None);
        check_prescan("<", None);
        check_prescan("<meta ", None);
        check_prescan("<!", None);
    }

    #[test]
    fn content_forms() {
        let c = |s: &str| {
            charset_from_content(s.as_bytes()).map(|b| String::from_utf8_lossy(b).into_owned())
        };
        assert_eq!(c("text/html; charset=utf-8").as_deref(), Some("utf-8"));
        assert_eq!(c("text/html; CHARSET = 'x' ").as_deref(), Some("x"));
        assert_eq!(c("charsetcharset=a;b").as_deref(), Some("a"));
        assert_eq!(c("charset=\"unterminated"), None);
        assert_eq!(c("charset="), None);
        assert_eq!(c("text/html"), None);
    }

    #[test]
    fn choice_order() {
        // HTTP wins over meta when both fit.
        let page = b"<meta charset=iso-8859-2><p>\xb1</p>";
        let c = choose(page, Some("windows-1252"));
        assert_eq!(c.decoded.encoding, "windows-1252");
        assert!(c.certain);
        let c = choose(page, None);
        assert_eq!(c.decoded.encoding, "ISO-8859-2");
        assert!(c.decoded.text.contains('ą'));
        assert!(!c.certain);
        // An unknown HTTP label falls through to meta.
        let c = choose(page, Some("nonsense"));
        assert_eq!(c.decoded.encoding, "ISO-8859-2");
        assert_eq!(
            c.decoded.warnings,
            ["unknown charset \"nonsense\" in the http header ignored"]
        );
        // Valid UTF-8 beats a legacy declaration.
        let c = choose("<p>café</p>".as_bytes(), Some("iso-8859-1"));
        assert_eq!(c.decoded.text, "<p>café</p>");
        assert_eq!(
            c.decoded.warnings,
            ["charset \"iso-8859-1\" in the http header ignored: the bytes are valid UTF-8"]
        );
    }
}
