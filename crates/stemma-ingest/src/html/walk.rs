//! One walk over the parsed tree: the visible text, and the metadata
//! candidates met on the way.
//!
//! The walk is a loop over first-child / next-sibling / parent links with
//! an explicit stack, so its depth is bounded by the heap, not the call
//! stack, and its time is linear in the number of nodes.

use ego_tree::NodeRef;
use scraper::Node;
use scraper::node::Element;

use super::extract::{El, Layout, Line, NO_EL, Tag, hints};

/// What the walk found.
#[derive(Debug, Default)]
pub(super) struct Walked {
    pub text: String,
    pub found: Found,
    /// The visible text's lines and the elements that hold them, for
    /// main-content extraction.
    pub layout: Layout,
}

/// Metadata candidates, raw (values trimmed, empty ones skipped; the
/// first of each kind in document order).
#[derive(Debug, Default)]
pub(super) struct Found {
    pub og_title: Option<String>,
    pub title: Option<String>,
    pub h1: Option<String>,
    pub og_site_name: Option<String>,
    /// The `name` of the first microdata `itemprop=publisher` item.
    pub microdata_publisher: Option<String>,
    pub application_name: Option<String>,
    pub article_published: Option<String>,
    pub itemprop_published: Option<String>,
    /// `meta name=date` and its kin, with the name as written.
    pub meta_date: Option<(String, String)>,
    pub time_pubdate: Option<String>,
    pub time_in_article: Option<String>,
    pub time_any: Option<String>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
}

/// Captured `<h1>` text is cut at this many bytes.
const CAPTURE_LIMIT: usize = 4096;

/// Frame flags.
const BLOCK: u16 = 1;
const HIDDEN: u16 = 2;
const PRE: u16 = 4;
const ARTICLE: u16 = 8;
const CELL: u16 = 16;
const H1: u16 = 32;
const SCOPE: u16 = 64;
/// The element has a record in [`Layout::els`].
const RECORD: u16 = 128;
/// A link (`<a href>`).
const LINK: u16 = 256;

/// Walks the document.
pub(super) fn walk(html: &scraper::Html) -> Walked {
    let root = html.tree.root();
    let mut w = Walker::default();
    let mut stack: Vec<u16> = Vec::new();
    let mut next = root.first_child();
    while let Some(node) = next {
        let descend = match node.value() {
            Node::Text(t) => {
                w.text(t);
                false
            }
            Node::Element(el) => match w.enter(node, el, stack.len()) {
                Some(flags) => {
                    stack.push(flags);
                    true
                }
                None => false,
            },
            _ => false,
        };
        if descend {
            if let Some(child) = node.first_child() {
                next = Some(child);
                continue;
            }
            if let Some(flags) = stack.pop() {
                w.leave(flags, stack.len());
            }
        }
        // Up until there is a next sibling, leaving the elements passed.
        let mut at = node;
        next = loop {
            if let Some(sibling) = at.next_sibling() {
                break Some(sibling);
            }
            match at.parent() {
                Some(parent) if parent.id() != root.id() => {
                    if let Some(flags) = stack.pop() {
                        w.leave(flags, stack.len());
                    }
                    at = parent;
                }
                _ => break None,
            }
        };
    }
    let (text, lines) = w.out.finish();
    Walked {
        text,
        found: w.found,
        layout: Layout { els: w.els, lines },
    }
}

#[derive(Default)]
struct Walker {
    out: TextOut,
    found: Found,
    /// Open elements that hide their content / are `pre` / `article`.
    hidden: u32,
    pre: u32,
    article: u32,
    /// The stack index of the `<h1>` being captured, and its text so far.
    h1_frame: Option<usize>,
    h1_text: String,
    /// The stack index of the microdata publisher item being read, the
    /// items open inside it, and the publisher's `name` being captured.
    publisher_frame: Option<usize>,
    inner_scopes: u32,
    name_frame: Option<usize>,
    name_text: String,
    /// Recorded elements, and the indices of those open, innermost last.
    els: Vec<El>,
    open: Vec<u32>,
    /// Open visible links.
    links: u32,
}

/// The attributes the walk looks at, from one pass over an element's.
#[derive(Default)]
struct Attrs<'a> {
    hides: bool,
    aria_hidden: bool,
    open: bool,
    pubdate: bool,
    itemscope: bool,
    type_: Option<&'a str>,
    datetime: Option<&'a str>,
    itemprop: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
    content: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(el: &'a Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (key, value) in el.attrs() {
            match key {
                "hidden" => a.hides = true,
                "aria-hidden" => a.aria_hidden = value.trim().eq_ignore_ascii_case("true"),
                "style" => a.hides |= style_hides(value),
                "class" => {
                    a.hides |= class_hides(value);
                    a.class = Some(value);
                }
                "id" => a.id = Some(value),
                "role" => a.role = Some(value),
                "open" => a.open = true,
                "pubdate" => a.pubdate = true,
                "itemscope" => a.itemscope = true,
                "type" => a.type_ = Some(value),
                "datetime" => a.datetime = Some(value),
                "itemprop" => a.itemprop = Some(value),
                "property" => a.property = Some(value),
                "name" => a.name = Some(value),
                "content" => a.content = Some(value),
                "rel" => a.rel = Some(value),
                "href" => a.href = Some(value),
                _ => {}
            }
        }
        a
    }
}

/// An inline `display: none` or `visibility: hidden`.
fn style_hides(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        let prop = prop.trim();
        let value = value.trim().split_ascii_whitespace().next().unwrap_or("");
        (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (prop.eq_ignore_ascii_case("visibility")
                && (value.eq_ignore_ascii_case("hidden") || value.eq_ignore_ascii_case("collapse")))
    })
}

/// The class names that the common CSS frameworks use for text shown to
/// screen readers only (Bootstrap, WordPress, Drupal, HTML5 Boilerplate).
fn class_hides(class: &str) -> bool {
    class.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "screen-reader-text"
                | "element-invisible"
        )
    })
}

/// Elements skipped with everything inside: not rendered as text, or
/// whose content is fallback for something else (media, plugins, frames),
/// form state, or ruby annotations.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "style"
            | "template"
            | "noscript"
            | "iframe"
            | "object"
            | "embed"
            | "applet"
            | "canvas"
            | "audio"
            | "video"
            | "picture"
            | "map"
            | "select"
            | "datalist"
            | "textarea"
            | "noembed"
            | "noframes"
            | "rp"
            | "rt"
            | "base"
            | "img"
            | "input"
            | "wbr"
            | "area"
            | "source"
            | "track"
            | "param"
    )
}

/// Elements rendered as blocks (the HTML standard's rendering section):
/// a blank line before and after.
fn block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "optgroup"
            | "option"
            | "p"
            | "plaintext"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
            | "xmp"
    )
}

/// Sets `slot` to the trimmed `value` unless it is set or the value empty.
fn first(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none()
        && let Some(v) = value.map(str::trim).filter(|v| !v.is_empty())
    {
        *slot = Some(v.to_owned());
    }
}

/// The `meta name=...` forms of a publication date, besides
/// `article:published_time` and `itemprop=datePublished`.
const DATE_NAMES: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "citation_publication_date",
    "citation_date",
];

/// Text of the element's text children.
fn child_text(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for child in node.children() {
        if let Node::Text(t) = child.value() {
            s.push_str(t);
        }
    }
    s
}

impl Walker {
    /// Enters an element: `Some(flags)` to walk its children, `None` to
    /// skip them. `depth` is the stack index the element's frame takes.
    fn enter(&mut self, node: NodeRef<'_, Node>, el: &Element, depth: usize) -> Option<u16> {
        let name = el.name();
        let html_ns = &*el.name.ns == "http://www.w3.org/1999/xhtml";
        if !html_ns && name == "svg" {
            return None;
        }
        let a = Attrs::of(el);
        let has_prop = |name: &str| {
            a.itemprop
                .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == name))
        };
        if has_prop("datePublished") {
            first(&mut self.found.itemprop_published, a.content.or(a.datetime));
        }
        // The publisher item's own `name`, not that of an item inside it.
        let publisher_name = self.publisher_frame.is_some()
            && self.inner_scopes == 0
            && self.name_frame.is_none()
            && self.found.microdata_publisher.is_none()
            && has_prop("name");
        if publisher_name {
            first(&mut self.found.microdata_publisher, a.content);
        }
        let mut flags = 0;
        if html_ns {
            match name {
                "script" => {
                    let ld = a.type_.is_some_and(|t| {
                        t.split(';')
                            .next()
                            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    });
                    if ld {
                        self.found.json_ld.push(child_text(node));
                    }
                    return None;
                }
                "title" => {
                    if self.found.title.is_none() {
                        first(&mut self.found.title, Some(&child_text(node)));
                    }
                    return None;
                }
                "meta" => {
                    self.meta(&a);
                    return None;
                }
                "link" => {
                    let canonical = a.rel.is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|t| t.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        first(&mut self.found.canonical, a.href);
                    }
                    return None;
                }
                "br" => {
                    if self.hidden == 0 && !a.hides {
                        self.out.line_break();
                    }
                    return None;
                }
                "hr" => {
                    if self.hidden == 0 && !a.hides {
                        self.out.block();
                    }
                    return None;
                }
                "time" => {
                    if let Some(dt) = a.datetime {
                        if a.pubdate {
                            first(&mut self.found.time_pubdate, Some(dt));
                        }
                        if self.article > 0 {
                            first(&mut self.found.time_in_article, Some(dt));
                        }
                        first(&mut self.found.time_any, Some(dt));
                    }
                }
                "head" => flags |= HIDDEN,
                "h1" => flags |= BLOCK | H1,
                "article" => flags |= BLOCK | ARTICLE,
                "pre" | "listing" | "xmp" | "plaintext" => flags |= BLOCK | PRE,
                "td" | "th" => flags |= CELL,
                "dialog" if !a.open => flags |= BLOCK | HIDDEN,
                _ if skipped(name) => return None,
                _ if block(name) => flags |= BLOCK,
                _ => {}
            }
        }
        // The document's wrappers are never hidden: a page that hides its
        // body until a script runs still has its text.
        let wrapper = html_ns && matches!(name, "html" | "body" | "main");
        if !wrapper && (a.hides || a.aria_hidden) {
            flags |= HIDDEN;
        }
        let visible = self.hidden == 0 && flags & HIDDEN == 0;
        if visible {
            if flags & BLOCK != 0 {
                self.out.block();
            } else if flags & CELL != 0 {
                self.out.space();
            }
        }
        if visible && html_ns {
            let tag = Tag::of(name);
            // The document's wrappers carry page-wide classes; inside
            // `pre`, classes mark up code (`hljs-comment`), not the page.
            let hints = if (wrapper && name != "main") || self.pre > 0 {
                0
            } else {
                hints(tag, a.class, a.id, a.role, a.itemprop)
            };
            if flags & BLOCK != 0 || hints != 0 || tag != Tag::Other {
                let parent = self.open.last().copied().unwrap_or(NO_EL);
                self.open
                    .push(u32::try_from(self.els.len()).unwrap_or(NO_EL));
                self.els.push(El {
                    parent,
                    tag,
                    hints,
                    first_line: self.out.line_count(),
                    end_line: self.out.line_count(),
                });
                flags |= RECORD;
            }
            if name == "a" && a.href.is_some() {
                self.links += 1;
                flags |= LINK;
            }
        }
        if flags & HIDDEN != 0 {
            self.hidden += 1;
        }
        if flags & PRE != 0 {
            self.pre += 1;
        }
        if flags & ARTICLE != 0 {
            self.article += 1;
        }
        if flags & H1 != 0 && visible && self.found.h1.is_none() && self.h1_frame.is_none() {
            self.h1_frame = Some(depth);
        }
        if publisher_name && self.found.microdata_publisher.is_none() {
            self.name_frame = Some(depth);
        }
        if a.itemscope {
            if self.publisher_frame.is_some() {
                self.inner_scopes += 1;
                flags |= SCOPE;
            } else if self.found.microdata_publisher.is_none() && has_prop("publisher") {
                self.publisher_frame = Some(depth);
            }
        }
        Some(flags)
    }

    /// Leaves an element entered with `flags` at stack index `depth`.
    fn leave(&mut self, flags: u16, depth: usize) {
        if flags & RECORD != 0
            && let Some(i) = self.open.pop()
            && let Some(el) = self.els.get_mut(i as usize)
        {
            el.end_line = self.out.line_count();
        }
        if flags & LINK != 0 {
            self.links = self.links.saturating_sub(1);
        }
        if flags & HIDDEN != 0 {
            self.hidden = self.hidden.saturating_sub(1);
        }
        if flags & PRE != 0 {
            self.pre = self.pre.saturating_sub(1);
        }
        if flags & ARTICLE != 0 {
            self.article = self.article.saturating_sub(1);
        }
        if self.hidden == 0 && flags & HIDDEN == 0 {
            if flags & BLOCK != 0 {
                self.out.block();
            } else if flags & CELL != 0 {
                self.out.space();
            }
        }
        if self.h1_frame == Some(depth) {
            self.h1_frame = None;
            let text = collapse(&self.h1_text);
            self.h1_text.clear();
            if !text.is_empty() {
                self.found.h1 = Some(text);
            }
        }
        if flags & SCOPE != 0 {
            self.inner_scopes = self.inner_scopes.saturating_sub(1);
        }
        if self.name_frame == Some(depth) {
            self.name_frame = None;
            let text = collapse(&self.name_text);
            self.name_text.clear();
            if !text.is_empty() {
                self.found.microdata_publisher = Some(text);
            }
        }
        if self.publisher_frame == Some(depth) {
            self.publisher_frame = None;
            self.inner_scopes = 0;
        }
    }

    fn text(&mut self, t: &str) {
        // Microdata is often hidden: its name is captured all the same.
        if self.name_frame.is_some() && self.name_text.len() < CAPTURE_LIMIT {
            self.name_text.push_str(t);
        }
        if self.hidden > 0 {
            return;
        }
        if self.h1_frame.is_some() && self.h1_text.len() < CAPTURE_LIMIT {
            self.h1_text.push_str(t);
        }
        self.out.owner = self.open.last().copied().unwrap_or(NO_EL);
        self.out.in_link = self.links > 0;
        if self.pre > 0 {
            self.out.pre_text(t);
        } else {
            self.out.text(t);
        }
    }

    fn meta(&mut self, a: &Attrs<'_>) {
        let Some(content) = a.content.map(str::trim).filter(|c| !c.is_empty()) else {
            return;
        };
        let keys = [a.property, a.name]
            .into_iter()
            .flatten()
            .flat_map(str::split_ascii_whitespace);
        let f = &mut self.found;
        for key in keys {
            let is = |k: &str| key.eq_ignore_ascii_case(k);
            let slot = if is("og:title") {
                &mut f.og_title
            } else if is("og:site_name") {
                &mut f.og_site_name
            } else if is("application-name") {
                &mut f.application_name
            } else if is("article:published_time") || is("og:article:published_time") {
                &mut f.article_published
            } else if is("og:url") {
                &mut f.og_url
            } else {
                if f.meta_date.is_none() && DATE_NAMES.iter().any(|n| is(n)) {
                    f.meta_date = Some((key.to_owned(), content.to_owned()));
                }
                continue;
            };
            first(slot, Some(content));
        }
    }
}

/// Whitespace runs to one space, trimmed.
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text output with separators held back until the next word, so that no
/// line starts or ends with whitespace and there is never more than one
/// blank line: a block asks for a blank line, `<br>` for a line break
/// (two in a row make a blank line), whitespace for a space; the strongest
/// request since the last word wins. "Whitespace" is Unicode White_Space
/// (`char::is_whitespace`) throughout, so `&nbsp;` collapses like a space.
#[derive(Default)]
struct TextOut {
    out: String,
    /// Line breaks asked for since the last word, at most 2.
    newlines: u8,
    /// Whitespace held since the last word: one space, or inside `pre`
    /// the run as written.
    space: String,
    /// The lines written so far.
    lines: Vec<Line>,
    /// The innermost recorded element open, and whether a link is: set
    /// before each piece of text.
    owner: u32,
    in_link: bool,
}

impl TextOut {
    fn block(&mut self) {
        self.newlines = 2;
    }

    fn line_break(&mut self) {
        self.newlines = (self.newlines + 1).min(2);
    }

    fn space(&mut self) {
        if self.space.is_empty() {
            self.space.push(' ');
        }
    }

    fn word(&mut self, w: &str) {
        let new_line = self.out.is_empty() || self.newlines > 0;
        if !self.out.is_empty() {
            match self.newlines {
                0 => self.out.push_str(&self.space),
                1 => self.out.push('\n'),
                _ => self.out.push_str("\n\n"),
            }
        }
        self.newlines = 0;
        self.space.clear();
        let start = self.out.len();
        self.out.push_str(w);
        if new_line {
            self.lines.push(Line::new(start, self.owner));
        }
        if let Some(line) = self.lines.last_mut() {
            line.add_word(w, self.out.len(), self.in_link);
        }
    }

    fn line_count(&self) -> u32 {
        u32::try_from(self.lines.len()).unwrap_or(u32::MAX)
    }

    /// Text outside `pre`: whitespace runs become one space.
    fn text(&mut self, t: &str) {
        let mut pieces = t.split(char::is_whitespace);
        if let Some(w) = pieces.next()
            && !w.is_empty()
        {
            self.word(w);
        }
        for w in pieces {
            self.space();
            if !w.is_empty() {
                self.word(w);
            }
        }
    }

    /// Text inside `pre`: line breaks kept, whitespace inside a line kept
    /// as written, whitespace at either end of a line dropped.
    fn pre_text(&mut self, t: &str) {
        for (i, line) in t.split('\n').enumerate() {
            if i > 0 {
                self.line_break();
            }
            let mut rest = line;
            while !rest.is_empty() {
                let ws_end = rest
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(rest.len());
                if ws_end > 0 {
                    if self.newlines == 0 {
                        self.space.push_str(&rest[..ws_end]);
                    }
                    rest = &rest[ws_end..];
                    continue;
                }
                let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                self.word(&rest[..word_end]);
                rest = &rest[word_end..];
            }
        }
    }

    fn finish(self) -> (String, Vec<Line>) {
        (self.out, self.lines)
    }
}
