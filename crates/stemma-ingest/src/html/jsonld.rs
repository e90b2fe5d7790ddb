//! Schema.org JSON-LD: publication date and publisher of the article.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// What the page's JSON-LD says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct LdInfo {
    /// `datePublished` of the first article-like node that has one, else of
    /// the first node of any type that has one.
    pub date_published: Option<String>,
    /// `publisher.name` (resolving `{"@id": ...}` references), article
    /// nodes first.
    pub publisher: Option<String>,
    /// `name` of the first `WebSite` node.
    pub website: Option<String>,
    /// Caveats, lowercase: invalid scripts.
    pub warnings: Vec<String>,
}

/// Reads the text of each `<script type="application/ld+json">`.
pub(super) fn read(scripts: &[String]) -> LdInfo {
    let mut info = LdInfo::default();
    let mut values = Vec::new();
    let mut scanned_date = None;
    for (i, script) in scripts.iter().enumerate() {
        if script.trim().is_empty() {
            continue;
        }
        match parse_lenient(script) {
            Ok(mut v) => values.append(&mut v),
            Err(e) => {
                let date = scan_date(script);
                let n = i + 1;
                info.warnings.push(match &date {
                    Some(_) => format!(
                        "invalid JSON-LD in script {n} ({e}); datePublished read from its text"
                    ),
                    None => format!("invalid JSON-LD in script {n} ignored: {e}"),
                });
                if scanned_date.is_none() {
                    scanned_date = date;
                }
            }
        }
    }
    let nodes = objects(&values);
    let mut ids: BTreeMap<&str, &Map<String, Value>> = BTreeMap::new();
    for node in &nodes {
        if let Some(id) = node.get("@id").and_then(Value::as_str) {
            ids.entry(id).or_insert(node);
        }
    }
    let articles: Vec<_> = nodes.iter().filter(|n| has_type(n, is_article)).collect();
    let in_order = articles.iter().copied().chain(nodes.iter());
    info.date_published = in_order
        .clone()
        .find_map(|n| n.get("datePublished").and_then(text))
        .or(scanned_date);
    info.publisher = in_order
        .clone()
        .find_map(|n| n.get("publisher").and_then(|p| name_of(p, &ids)));
    info.website = nodes
        .iter()
        .filter(|n| has_type(n, |t| t == "WebSite"))
        .find_map(|n| n.get("name").and_then(text));
    info
}

/// Parses one script: one or more JSON values in a row. Retries once with
/// the usual damage repaired: HTML comment or CDATA wrappers, raw control
/// characters (newlines inside strings), a trailing semicolon.
fn parse_lenient(script: &str) -> Result<Vec<Value>, serde_json::Error> {
    match parse_all(script) {
        Ok(v) => Ok(v),
        Err(first) => {
            let mut s = script.trim();
            for wrapper in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
                s = s.strip_prefix(wrapper).unwrap_or(s).trim_start();
            }
            for wrapper in ["-->", "//]]>", "/*]]>*/", "]]>", ";"] {
                s = s.strip_suffix(wrapper).unwrap_or(s).trim_end();
            }
            let repaired: String = s
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            parse_all(&repaired).map_err(|_| first)
        }
    }
}

fn parse_all(s: &str) -> Result<Vec<Value>, serde_json::Error> {
    serde_json::Deserializer::from_str(s)
        .into_iter::<Value>()
        .collect()
}

/// Every object, in document order, without recursion.
fn objects(values: &[Value]) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = values.iter().rev().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                out.push(map);
                // `@graph` first, as it holds the document's nodes.
                let graph = map.get("@graph");
                for (k, child) in map.iter().rev() {
                    if k != "@graph" && matches!(child, Value::Object(_) | Value::Array(_)) {
                        stack.push(child);
                    }
                }
                if let Some(g) = graph {
                    stack.push(g);
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    out
}

/// Whether the node's `@type` (a string or a list) has a type for which
/// `pred` holds, with any `schema:` or URL prefix removed.
fn has_type(node: &Map<String, Value>, pred: impl Fn(&str) -> bool) -> bool {
    let local = |t: &str| t.rsplit(['/', ':', '#']).next().unwrap_or(t).to_owned();
    match node.get("@type") {
        Some(Value::String(t)) => pred(&local(t)),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(|t| pred(&local(t))),
        _ => false,
    }
}

/// `NewsArticle`, `BlogPosting`, `Report` and the like.
fn is_article(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting") || t == "Report"
}

/// A string value: a string, the first string of a list, or `@value`.
fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(items) => return items.iter().find_map(text),
        Value::Object(map) => map.get("@value")?.as_str()?,
        _ => return None,
    };
    let s = decode_entities(s.trim());
    (!s.is_empty()).then_some(s)
}

/// The name of a publisher: a string, an object's `name`, a reference to
/// another node by `@id`, or the first of a list that has one.
fn name_of(v: &Value, ids: &BTreeMap<&str, &Map<String, Value>>) -> Option<String> {
    match v {
        Value::String(_) => text(v),
        Value::Array(items) => items.iter().find_map(|i| name_of(i, ids)),
        Value::Object(map) => map.get("name").and_then(text).or_else(|| {
            let id = map.get("@id")?.as_str()?;
            ids.get(id)?.get("name").and_then(text)
        }),
        _ => None,
    }
}

/// Script text is raw: sites HTML-escape inside it all the same. Decodes
/// the five XML entities and numeric references.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
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

/// The string after the first `"datePublished":` in text that is not
/// valid JSON.
fn scan_date(script: &str) -> Option<String> {
    let key = "\"datePublished\"";
    let at = script.find(key)? + key.len();
    let rest = script[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let v = rest[..end].trim();
    (!v.is_empty() && v.len() <= 100).then(|| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read1(s: &str) -> LdInfo {
        read(&[s.to_owned()])
    }

    #[test]
    fn graph_with_references() {
        let info = read1(
            r##"{"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "@id": "#site", "name": "The Courier"},
                {"@type": "Organization", "@id": "#org", "name": "Courier Media &amp; Sons"},
                {"@type": "WebPage", "datePublished": "2020-01-01"},
                {"@type": ["NewsArticle"], "datePublished": "2024-03-14T10:00:00Z",
                 "publisher": {"@id": "#org"}}
            ]}"##,
        );
        assert_eq!(info.date_published.as_deref(), Some("2024-03-14T10:00:00Z"));
        assert_eq!(info.publisher.as_deref(), Some("Courier Media & Sons"));
        assert_eq!(info.website.as_deref(), Some("The Courier"));
        assert!(info.warnings.is_empty());
    }

    #[test]
    fn lists_and_nesting() {
        let info = read1(
            r#"[{"@type": "BreadcrumbList"},
                {"@type": "WebPage", "mainEntity": {"@type": "schema:BlogPosting",
                  "datePublished": ["2023-05-01"], "publisher": [{"name": {"@value": "Blog"}}]}}]"#,
        );
        assert_eq!(info.date_published.as_deref(), Some("2023-05-01"));
        assert_eq!(info.publisher.as_deref(), Some("Blog"));
    }

    #[test]
    fn invalid_json_ld() {
        let info = read1("{\"@type\": \"NewsArticle\",\n \"datePublished\": \"2024-01-02\",\n}");
        assert_eq!(info.date_published.as_deref(), Some("2024-01-02"));
        assert_eq!(
            info.warnings,
            [
                "invalid JSON-LD in script 1 (trailing comma at line 3 column 1); datePublished read from its text"
            ]
        );
        let info = read1("{nope");
        assert_eq!(info.date_published, None);
        assert_eq!(
            info.warnings,
            ["invalid JSON-LD in script 1 ignored: key must be a string at line 1 column 2"]
        );
        // Repairable: a comment wrapper and a raw newline inside a string.
        let info = read1(
            "<!--\n{\"@type\": \"Article\", \"headline\": \"two\nlines\", \"datePublished\": \"2024-01-03\"}\n-->",
        );
        assert_eq!(info.date_published.as_deref(), Some("2024-01-03"));
        assert!(info.warnings.is_empty());
        assert_eq!(read(&["  ".to_owned()]), LdInfo::default());
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#8217; &#x27; &bogus; & &;"),
            "a & b ’ ' &bogus; & &;"
        );
        assert_eq!(decode_entities("&#xFFFFFFFF;"), "&#xFFFFFFFF;");
    }
}
