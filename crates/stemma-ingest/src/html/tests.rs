//! HTML reading: the cases in `testdata/html/`, invariants on arbitrary
//! input, and pathological nesting.

use std::path::Path;

use proptest::prelude::*;

use super::*;

/// Checks what always holds of the visible text and its boilerplate
/// spans (in order, disjoint, non-empty, on character boundaries, each a
/// run of whole lines).
#[track_caller]
fn check_invariants(page: &HtmlPage) {
    let t = &page.text;
    assert!(!t.contains("\n\n\n"), "more than one blank line: {t:?}");
    assert_eq!(t.trim(), t, "leading or trailing whitespace: {t:?}");
    for line in t.split('\n') {
        assert_eq!(line.trim(), line, "line with outer whitespace: {line:?}");
    }
    let mut end = 0;
    for b in &page.boilerplate {
        let s = b.span;
        assert!(
            s.start < s.end && s.start >= end,
            "span order: {:?}",
            page.boilerplate
        );
        assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end) && s.end <= t.len());
        assert!(
            s.start == 0 || t.as_bytes()[s.start - 1] == b'\n',
            "span {s:?} starts mid-line"
        );
        assert!(
            s.end == t.len() || t.as_bytes()[s.end] == b'\n',
            "span {s:?} ends mid-line"
        );
        end = s.end;
    }
}

/// Each line of the text, labelled with the kind of the boilerplate span
/// it falls in, or `body`; blank lines stay blank.
fn render_extraction(page: &HtmlPage) -> String {
    let mut out = String::new();
    let mut at = 0;
    for line in page.text.split('\n') {
        let start = at;
        at += line.len() + 1;
        if line.is_empty() {
            out.push('\n');
            continue;
        }
        let kind = page
            .boilerplate
            .iter()
            .find(|b| b.span.start <= start && start < b.span.end)
            .map_or("body", |b| b.kind.as_str());
        out.push_str(&format!("{kind:<10} | {line}\n"));
    }
    out
}

/// Runs every `testdata/extract/NAME.html` through [`parse`] and compares
/// its lines, each labelled `body` or with its boilerplate kind, with
/// `NAME.expect.txt`. `STEMMA_BLESS=1` rewrites them.
#[test]
fn extract_testdata() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "{} cases", cases.len());
    let bless = std::env::var_os("STEMMA_BLESS").is_some();
    let mut failures = Vec::new();
    for path in cases {
        let page = parse(&std::fs::read(&path)?, None);
        check_invariants(&page);
        let got = render_extraction(&page);
        let expect = path.with_extension("expect.txt");
        if bless {
            std::fs::write(&expect, &got)?;
            continue;
        }
        let want = std::fs::read_to_string(&expect).unwrap_or_default();
        if got != want {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            failures.push(format!(
                "{}\n--- got ---\n{got}--- want ---\n{want}",
                name.unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

/// Renders the metadata and warnings of a page as the `.meta.json` files
/// hold them.
fn render_meta(page: &HtmlPage) -> String {
    let m = &page.meta;
    let value = serde_json::json!({
        "title": m.title,
        "outlet": m.outlet,
        "published": m.published.as_ref().map(ToString::to_string),
        "url": m.url,
        "warnings": page.warnings,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// Runs every `testdata/html/NAME.html` through [`parse`] (with the HTTP
/// charset in `NAME.http-charset`, if that file exists) and compares the
/// text with `NAME.expect.txt` and the metadata and warnings with
/// `NAME.meta.json`. `STEMMA_BLESS=1` rewrites both.
#[test]
fn html_testdata() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/html");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let bless = std::env::var_os("STEMMA_BLESS").is_some();
    let mut failures = Vec::new();
    for path in cases {
        let bytes = std::fs::read(&path)?;
        let http = std::fs::read_to_string(path.with_extension("http-charset")).ok();
        let page = parse(&bytes, http.as_deref().map(str::trim));
        check_invariants(&page);
        let text = format!("{}\n", page.text);
        let meta = render_meta(&page);
        let text_path = path.with_extension("expect.txt");
        let meta_path = path.with_extension("meta.json");
        if bless {
            std::fs::write(&text_path, &text)?;
            std::fs::write(&meta_path, &meta)?;
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        for (what, got, file) in [("text", &text, &text_path), ("meta", &meta, &meta_path)] {
            let want = std::fs::read_to_string(file).unwrap_or_default();
            if *got != want {
                failures.push(format!(
                    "{name} {what}\n--- got ---\n{got}--- want ---\n{want}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[track_caller]
fn text_of(html: &str) -> String {
    let page = parse(html.as_bytes(), None);
    check_invariants(&page);
    page.text
}

#[test]
fn whitespace_and_breaks() {
    assert_eq!(text_of(""), "");
    assert_eq!(text_of("  \n "), "");
    assert_eq!(text_of("a<br>b"), "a\nb");
    assert_eq!(text_of("a<br> <br>b"), "a\n\nb");
    assert_eq!(text_of("a<br><br><br><br>b"), "a\n\nb");
    assert_eq!(text_of("<p>a<br></p><p>b</p>"), "a\n\nb");
    assert_eq!(text_of("<br><p><br>a <br> </p>"), "a");
    assert_eq!(text_of("x<b> y </b>z"), "x y z");
    assert_eq!(text_of("x<b>y</b>z"), "xyz");
    assert_eq!(text_of("a&nbsp;&nbsp;b\u{3000}c"), "a b c");
    assert_eq!(text_of("<pre>\n  a  b \n\n\n\n c\n</pre>"), "a  b\n\nc");
    assert_eq!(text_of("<pre>x <b>y</b>\n<i> z</i></pre>"), "x y\nz");
    assert_eq!(
        text_of("<span hidden><div>x</div></span>a<div hidden>b</div>c"),
        "ac"
    );
    assert_eq!(
        text_of("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
        "a b\n\nc"
    );
}

#[test]
fn hiding() {
    assert_eq!(
        text_of(
            r#"<p style="color: red; display : NONE !important">x</p><p style="display:block">y</p>"#
        ),
        "y"
    );
    assert_eq!(text_of(r#"<div aria-hidden="true">menu</div>body"#), "body");
    assert_eq!(
        text_of(r#"<body aria-hidden="true" style="display:none">kept</body>"#),
        "kept"
    );
    assert_eq!(
        text_of(r#"<a href="/x">Read<span class="sr-only"> about it</span></a>"#),
        "Read"
    );
    assert_eq!(text_of("<dialog>d</dialog><dialog open>o</dialog>"), "o");
    assert_eq!(
        text_of("<ruby>漢<rp>(</rp><rt>kan</rt>字<rt>ji</rt></ruby>"),
        "漢字"
    );
    assert_eq!(
        text_of("<select><option>one</option></select><textarea>t</textarea>z"),
        "z"
    );
    assert_eq!(
        text_of("<svg><title>icon</title><text>s</text></svg>x"),
        "x"
    );
    assert_eq!(
        text_of("<img alt=\"picture\">x<video>fallback</video>"),
        "x"
    );
}

#[test]
fn title_capture() {
    let page = parse(
        b"<body><h1 hidden>no</h1><h1>  </h1><h1>The <em>real</em>\n one</h1>",
        None,
    );
    assert_eq!(page.meta.title.as_deref(), Some("The real one"));
    // An unclosed <title> swallows the page: too long to be a title.
    let html = format!("<title>{}", "word ".repeat(500));
    let page = parse(html.as_bytes(), None);
    assert_eq!(page.meta.title, None);
    assert_eq!(page.text, "");
    assert_eq!(
        page.warnings,
        ["title from <title> of 2499 bytes ignored (over 1024)"]
    );
}

/// Builds `n` nested copies of `open` around a word, closed by `close`.
fn nested(open: &str, close: &str, n: usize) -> String {
    let mut s = String::with_capacity(n * (open.len() + close.len()) + 32);
    s.push_str("<!doctype html><body><p>before</p>");
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str("deep");
    for _ in 0..n {
        s.push_str(close);
    }
    s.push_str("<p>after</p>");
    s
}

/// 100,000 nested `<div>`s took html5ever 52 s unguarded, nested lists
/// longer. The other shapes run at 20,000 levels: enough to be quadratic
/// without the guard, quick with it even unoptimised.
#[test]
fn deep_nesting_is_flattened_not_quadratic() {
    for (open, close, n) in [
        ("<div>", "</div>", 100_000),
        ("<ul><li>", "</li></ul>", 20_000),
        ("<div>", "", 20_000),
        ("<b>", "", 20_000),
        ("<b id=1>", "</p>", 20_000),
        ("<table><tr><td>", "", 20_000),
        ("<blockquote><p>x", "</p></blockquote>", 20_000),
        ("<a><svg><g>", "", 20_000),
        ("<template>", "", 20_000),
    ] {
        let html = nested(open, close, n);
        let start = std::time::Instant::now();
        let page = parse(html.as_bytes(), None);
        let took = start.elapsed();
        check_invariants(&page);
        assert!(
            page.text.starts_with("before"),
            "{open}: {:?}",
            &page.text[..20.min(page.text.len())]
        );
        assert!(took.as_secs() < 20, "{open}: {n} levels took {took:?}");
        if (open, close) == ("<div>", "</div>") {
            assert!(page.text.ends_with("deep\n\nafter"), "{:?}", page.text);
            assert_eq!(
                page.warnings,
                ["elements nested deeper than 512 levels: 99492 start tags ignored"]
            );
        }
    }
}

#[test]
fn nesting_below_the_limit_is_kept() {
    let page = parse(nested("<div>", "</div>", 400).as_bytes(), None);
    assert_eq!(page.text, "before\n\ndeep\n\nafter");
    assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    // Script and style stay raw text however deep.
    let html =
        nested("<div>", "", 2000) + "<script>var x = '<p>no</p>';</script><style>p{}</style>end";
    let page = parse(html.as_bytes(), None);
    // `<p>` deeper than the limit is dropped: its text runs on.
    assert_eq!(page.text, "before\n\ndeepafterend");
}

#[test]
fn late_meta_charset_redecodes() {
    // The declaration sits beyond the prescan window, after a long style.
    let mut html = b"<html><head><style>".to_vec();
    html.extend(std::iter::repeat_n(b'a', 5000));
    html.extend(b"</style><meta charset=\"iso-8859-2\"></head><body>\xa3\xf3d\xbc</body>");
    let page = parse(&html, None);
    assert_eq!(page.text, "Łódź");
    assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    // An HTTP charset is surer than a late meta.
    let page = parse(&html, Some("windows-1252"));
    assert_eq!(page.text, "£ód¼");
}

/// Tag soup from a vocabulary of the troublesome parts of HTML.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>"),
        Just("</p>"),
        Just("<div>"),
        Just("</div>"),
        Just("<br>"),
        Just("<br/>"),
        Just("<pre>"),
        Just("</pre>"),
        Just("<li>"),
        Just("<ul>"),
        Just("</ul>"),
        Just("<table>"),
        Just("<tr>"),
        Just("<td>"),
        Just("</td>"),
        Just("</table>"),
        Just("<b>"),
        Just("</b>"),
        Just("<i>"),
        Just("<a href='x'>"),
        Just("</a>"),
        Just("<script>"),
        Just("</script>"),
        Just("<style>"),
        Just("</style>"),
        Just("<title>"),
        Just("</title>"),
        Just("<h1>"),
        Just("</h1>"),
        Just("<svg>"),
        Just("</svg>"),
        Just("<math>"),
        Just("<template>"),
        Just("</template>"),
        Just("<noscript>"),
        Just("<textarea>"),
        Just("<plaintext>"),
        Just("<span hidden>"),
        Just("<div aria-hidden=true>"),
        Just("</span>"),
        Just("<!--"),
        Just("-->"),
        Just("<![CDATA["),
        Just("]]>"),
        Just("<!doctype html>"),
        Just("<head>"),
        Just("<body>"),
        Just("</html>"),
        Just("<meta charset=shift_jis>"),
        Just("<meta property=og:title content=' T '>"),
        Just("<time datetime=2024-01-02>"),
        Just("<script type=application/ld+json>{\"datePublished\":"),
        Just("<link rel=canonical href=u>"),
        Just("&amp;"),
        Just("&nbsp;"),
        Just("&#0;"),
        Just("&#x85;"),
        Just("&#13;"),
        Just("&"),
        Just(" "),
        Just("\n"),
        Just("\t"),
        Just("\r\n"),
        Just("\u{a0}"),
        Just("\u{2028}"),
        Just("\u{b}"),
        Just("\u{c}"),
        Just("\0"),
        Just("word"),
        Just("é"),
        Just("<"),
        Just(">"),
        Just("\""),
        Just("'"),
        Just("="),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn html_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600),
                            http in prop::option::of(prop_oneof![Just("utf-8"), Just("shift_jis"), Just("bogus"), Just("utf-16le")])) {
        check_invariants(&parse(&bytes, http));
    }

    #[test]
    fn html_arbitrary_tag_soup(s in soup()) {
        check_invariants(&parse(s.as_bytes(), None));
    }

    #[test]
    fn html_arbitrary_text(s in "\\PC{0,200}") {
        check_invariants(&parse(s.as_bytes(), None));
    }
}
