//! Bytes to text: UTF-8 first, a declared or detected legacy encoding
//! otherwise, and a verdict on whether the bytes are text at all.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, by its WHATWG name.
    pub encoding: &'static str,
    /// Caveats, lowercase: replaced bytes, a detected encoding, a
    /// declaration that did not fit.
    pub warnings: Vec<String>,
}

/// Why some bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Empty,
    WhitespaceOnly,
    /// A NUL byte or a high share of control characters, at this offset.
    Binary {
        offset: usize,
        what: &'static str,
    },
}

impl NotText {
    pub fn message(self) -> String {
        match self {
            NotText::Empty => "empty document".to_owned(),
            NotText::WhitespaceOnly => "document holds only whitespace".to_owned(),
            NotText::Binary { offset, what } => {
                format!("binary content ({what} at byte {offset}), not text")
            }
        }
    }
}

/// Looks at up to the first 8 KiB: a known binary signature, a NUL byte or
/// more than 10% control characters (other than tab, newline, carriage
/// return, form feed, escape) mean binary.
pub fn sniff_binary(bytes: &[u8]) -> Option<NotText> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF signature"),
        (b"\x89PNG", "a PNG signature"),
        (b"\xff\xd8\xff", "a JPEG signature"),
        (b"GIF8", "a GIF signature"),
        (b"PK\x03\x04", "a ZIP signature"),
        (b"\x7fELF", "an ELF signature"),
        (b"RIFF", "a RIFF signature"),
        (b"\x28\xb5\x2f\xfd", "a zstd signature"),
        (b"BZh", "a bzip2 signature"),
        (b"\xfd7zXZ", "an xz signature"),
    ];
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Some(NotText::Binary { offset: 0, what });
        }
    }
    // UTF-16 text has NUL bytes but a BOM: it is text.
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(offset) = memchr::memchr(0, head) {
        return Some(NotText::Binary {
            offset,
            what: "a NUL byte",
        });
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if head.len() >= 32 && control * 10 > head.len() {
        return Some(NotText::Binary {
            offset: 0,
            what: "mostly control characters",
        });
    }
    None
}

/// The encoding a byte-order mark announces, and the mark's length.
pub fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Decodes `bytes` as text.
///
/// Order: a byte-order mark; then `declared` (a charset label from HTTP or
/// the document itself) if it decodes without error; then UTF-8 if valid;
/// then UTF-8 with replacement characters if the bytes are mostly UTF-8;
/// then the encoding `chardetng` detects. Every fallback leaves a warning.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    if let Some((enc, len)) = bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[len..]);
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                enc.name()
            ));
        }
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            warnings,
        };
    }
    if let Some(label) = declared {
        match Encoding::for_label(label.trim().as_bytes()) {
            Some(enc) => {
                // A UTF-16 label on a byte-oriented page is a lie browsers
                // also ignore.
                let enc = enc.output_encoding();
                if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
                    return Decoded {
                        text: text.into_owned(),
                        encoding: enc.name(),
                        warnings,
                    };
                }
                warnings.push(format!(
                    "declared charset {:?} does not fit the bytes",
                    label.trim()
                ));
            }
            None => warnings.push(format!("unknown charset {:?} ignored", label.trim())),
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            warnings,
        };
    }
    if mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        let first = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let replaced = text.matches('\u{FFFD}').count();
        warnings.push(format!(
            "invalid UTF-8 from byte {first}: {replaced} sequence(s) replaced with U+FFFD"
        ));
        return Decoded {
            text: text.into_owned(),
            encoding: UTF_8.name(),
            warnings,
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = enc.decode(bytes);
    warnings.push(format!(
        "not valid UTF-8; decoded as {} (detected){}",
        enc.name(),
        if had_errors {
            ", with replacement characters"
        } else {
            ""
        }
    ));
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        warnings,
    }
}

/// True when the bytes hold multi-byte UTF-8 sequences and few invalid ones:
/// a UTF-8 file with a stray bad byte, not a legacy-encoded file.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.bytes().filter(|&b| b >= 0xc0).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multibyte += good.iter().filter(|&&b| b >= 0xc0).count();
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multibyte >= 2 * invalid
}

/// Checks that decoded text has something in it.
pub fn check_content(text: &str) -> Result<(), NotText> {
    if text.is_empty() {
        Err(NotText::Empty)
    } else if text.trim().is_empty() {
        Err(NotText::WhitespaceOnly)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Zoë said “yes”".as_bytes(), None);
        assert_eq!(d.text, "Zoë said “yes”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn stray_bad_byte_in_utf8_is_replaced_with_warning() {
        let mut bytes = "café crème brûlée ".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(" done".as_bytes());
        let d = decode(&bytes, None);
        assert_eq!(d.text, "café crème brûlée \u{FFFD} done");
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].contains("invalid UTF-8 from byte 22"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn latin1_is_detected() {
        let bytes = b"Le ministre a d\xe9clar\xe9 que la r\xe9forme \xe9tait termin\xe9e.";
        let d = decode(bytes, None);
        assert_eq!(
            d.text,
            "Le ministre a déclaré que la réforme était terminée."
        );
        assert!(
            d.warnings[0].contains("decoded as windows-1252"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn wrong_declaration_falls_back() {
        // Declared Shift_JIS, but the bytes are UTF-8 that Shift_JIS rejects.
        let d = decode("naïve “quotes” — ok".as_bytes(), Some("shift_jis"));
        assert_eq!(d.text, "naïve “quotes” — ok");
        assert!(d.warnings[0].contains("does not fit"), "{:?}", d.warnings);
    }

    #[test]
    fn declaration_is_used_when_it_fits() {
        let d = decode(b"caf\xe9", Some("iso-8859-1"));
        assert_eq!(d.text, "café");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn bom_wins() {
        let d = decode(b"\xef\xbb\xbfhello", Some("iso-8859-1"));
        assert_eq!(d.text, "hello");
        let d = decode(b"\xff\xfeh\0i\0", None);
        assert_eq!(d.text, "hi");
    }

    #[test]
    fn binary_is_recognised() {
        assert!(matches!(
            sniff_binary(b"%PDF-1.7 ..."),
            Some(NotText::Binary { .. })
        ));
        assert!(matches!(
            sniff_binary(b"abc\0def"),
            Some(NotText::Binary { offset: 3, .. })
        ));
        assert_eq!(sniff_binary("plain words\n\tand tabs".as_bytes()), None);
        assert_eq!(sniff_binary(b"\xff\xfeh\0i\0"), None);
        assert_eq!(check_content(" \n\t"), Err(NotText::WhitespaceOnly));
        assert_eq!(check_content(""), Err(NotText::Empty));
    }
}
