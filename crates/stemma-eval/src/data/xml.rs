//! A small XML event scanner for the annotated corpora (ECB+, TimeML):
//! start and end tags with attributes, and text with entities decoded.
//! Comments, processing instructions, DOCTYPE and CDATA are handled; no
//! validation, no namespaces. Malformed markup ends the scan with an error
//! naming the byte offset.

/// One piece of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        /// `<x/>`: no separate end event follows.
        empty: bool,
    },
    End {
        name: String,
    },
    /// Character data with entities decoded.
    Text(String),
}

impl Event {
    /// An attribute of a start tag.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Event::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// Every event of `src`, in order.
pub fn events(src: &str) -> Result<Vec<Event>, String> {
    let mut out = Vec::new();
    let mut rest = src;
    let at = |rest: &str| src.len() - rest.len();
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Event::Text(unescape(rest)));
            break;
        };
        if lt > 0 {
            out.push(Event::Text(unescape(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<!--") {
            let end = r
                .find("-->")
                .ok_or_else(|| format!("unterminated comment at byte {}", at(rest)))?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r
                .find("]]>")
                .ok_or_else(|| format!("unterminated CDATA at byte {}", at(rest)))?;
            out.push(Event::Text(r[..end].to_owned()));
            rest = &r[end + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = rest
                .find('>')
                .ok_or_else(|| format!("unterminated declaration at byte {}", at(rest)))?;
            rest = &rest[end + 1..];
        } else {
            let end =
                tag_end(rest).ok_or_else(|| format!("unterminated tag at byte {}", at(rest)))?;
            let inner = &rest[1..end];
            out.push(tag(inner).ok_or_else(|| format!("malformed tag at byte {}", at(rest)))?);
            rest = &rest[end + 1..];
        }
    }
    Ok(out)
}

/// The offset of the `>` closing the tag that `s` starts with, skipping
/// quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn tag(inner: &str) -> Option<Event> {
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        return Some(Event::End {
            name: name.to_owned(),
        });
    }
    let (body, empty) = match inner.strip_suffix('/') {
        Some(b) => (b, true),
        None => (inner, false),
    };
    let body = body.trim_start();
    let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
    let name = &body[..name_end];
    if name.is_empty() {
        return None;
    }
    let mut attrs = Vec::new();
    let mut rest = body[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let q = after.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let close = after[1..].find(q)?;
        attrs.push((key.to_owned(), unescape(&after[1..1 + close])));
        rest = after[close + 2..].trim_start();
    }
    Some(Event::Start {
        name: name.to_owned(),
        attrs,
        empty,
    })
}

/// Decodes the five predefined entities and numeric character references;
/// anything else is kept as written.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 12).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let code = if let Some(h) = name.strip_prefix("#x").or(name.strip_prefix("#X"))
                    {
                        u32::from_str_radix(h, 16).ok()
                    } else if let Some(d) = name.strip_prefix('#') {
                        d.parse().ok()
                    } else {
                        None
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_tags_text_and_entities() {
        let ev = events(
            "<?xml version=\"1.0\"?><!-- c --><a k=\"v &amp; w\" j='2'>x &lt;&#65;&#x42;&bogus; y<b/></a>",
        )
        .unwrap_or_default();
        assert_eq!(
            ev,
            vec![
                Event::Start {
                    name: "a".into(),
                    attrs: vec![("k".into(), "v & w".into()), ("j".into(), "2".into())],
                    empty: false
                },
                Event::Text("x <AB&bogus; y".into()),
                Event::Start {
                    name: "b".into(),
                    attrs: vec![],
                    empty: true
                },
                Event::End { name: "a".into() },
            ]
        );
        assert_eq!(ev[0].attr("j"), Some("2"));
    }

    #[test]
    fn malformed_markup_is_an_error() {
        assert!(events("<a").is_err());
        assert!(events("<a k=v>").is_err());
        assert!(events("<!-- open").is_err());
        assert!(events("</>").is_err());
        assert_eq!(
            events("plain & simple").ok(),
            Some(vec![Event::Text("plain & simple".into())])
        );
    }
}
