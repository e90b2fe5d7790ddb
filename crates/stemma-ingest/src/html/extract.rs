//! Main content: which lines of the visible text are the article body.
//! Everything else is reported as boilerplate spans of the same text,
//! each with the kind its elements suggest. See `DESIGN.md`.
//!
//! The walk records, for every visible block element (and every element
//! whose tag, class, id, role or itemprop says something), its parent and
//! the range of lines it holds, and for every line of the text its owner
//! (the innermost recorded element open at its first word), its length
//! and how much of it is link text. Here, without touching the tree again:
//!
//! 1. **Candidates**, as Readability scores them: every line of at least
//!    [`MIN_PARAGRAPH`] characters outside an unlikely element (class/id
//!    hints such as `comment`, `related`, `share`, `sidebar`, `footer`)
//!    adds `1 + commas + min(chars / 100, 3)` to the ancestors of its
//!    paragraph (the parent fully, the grandparent half, further ones a
//!    third of that per level, five levels), each ancestor starting from a
//!    tag bonus and ±25 for its class hints; the final score is scaled by
//!    one minus the element's link density (a run of text straight
//!    inside a container that also holds blocks is a paragraph of that
//!    container, as Readability wraps it in a `<p>`). An element marked as the
//!    article body (`itemprop=articleBody`, the usual CMS body classes)
//!    takes the place of the best candidate when it holds enough of it.
//! 2. **Root**: the best candidate, moved up while its parent scores
//!    higher, then widened to the ancestor whose extra content (what
//!    survives cleaning) is still mostly prose with few links, up to the
//!    nearest `article`, `main` or marked body: a body split over the
//!    rows and widgets of a page builder is one article. Siblings that
//!    score at least a fifth of the best candidate or are plain
//!    paragraphs of prose join it.
//! 3. **Cleaning** inside the root: unlikely elements, link lists
//!    (Readability's conditional cleaning, simplified; lists and
//!    quotations such as embedded posts only when mostly links), the `<h1>`
//!    headline, bylines and stock lines ("Advertisement", "Share this")
//!    come out; outside the best candidate, so do elements with a
//!    negative hint that a positive word saved (`post-comments`).
//! 4. **Kinds**: each line outside the body takes the kind of the nearest
//!    element with a hint (`nav` → navigation, `footer` → footer, `related`
//!    and sidebars → related, author and date lines → byline, newsletter
//!    and cookie prompts → disclaimer, ...), else header before the body
//!    and footer after it, else other. Runs of one kind make one span.

use stemma_core::{Boilerplate, BoilerplateKind, Span};

/// No element (the parent of a top-level element, the owner of text
/// outside any recorded element).
pub(super) const NO_EL: u32 = u32::MAX;

/// Shortest line, in characters, that counts as a paragraph of prose.
pub(super) const MIN_PARAGRAPH: u32 = 25;

/// Element kinds the extractor tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    P,
    H1,
    Heading,
    Li,
    List,
    Table,
    Pre,
    Quote,
    Figure,
    Caption,
    Nav,
    Header,
    Footer,
    Aside,
    Article,
    Main,
    Section,
    Form,
    Div,
    Address,
    Control,
    Time,
    Other,
}

impl Tag {
    pub(super) fn of(name: &str) -> Tag {
        match name {
            "p" => Tag::P,
            "h1" => Tag::H1,
            "h2" | "h3" | "h4" | "h5" | "h6" | "hgroup" => Tag::Heading,
            "li" | "dt" | "dd" => Tag::Li,
            "ul" | "ol" | "dl" | "menu" | "dir" => Tag::List,
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "caption" => Tag::Table,
            "pre" | "listing" | "xmp" => Tag::Pre,
            "blockquote" => Tag::Quote,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Caption,
            "nav" => Tag::Nav,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "section" => Tag::Section,
            "form" | "fieldset" => Tag::Form,
            "div" | "center" => Tag::Div,
            "address" => Tag::Address,
            "button" | "label" | "option" | "optgroup" | "legend" | "summary" => Tag::Control,
            "time" => Tag::Time,
            _ => Tag::Other,
        }
    }
}

/// Hint bits, from the tag and the class, id, role and itemprop.
pub(super) mod hint {
    pub const NAV: u32 = 1;
    pub const FOOTER: u32 = 1 << 1;
    pub const HEADER: u32 = 1 << 2;
    pub const RELATED: u32 = 1 << 3;
    pub const SHARE: u32 = 1 << 4;
    pub const COMMENT: u32 = 1 << 5;
    pub const BYLINE: u32 = 1 << 6;
    pub const AD: u32 = 1 << 7;
    pub const SUBSCRIBE: u32 = 1 << 8;
    pub const CONSENT: u32 = 1 << 9;
    pub const SIDEBAR: u32 = 1 << 10;
    pub const TAGS: u32 = 1 << 11;
    pub const CAPTION: u32 = 1 << 12;
    pub const MODAL: u32 = 1 << 13;
    /// `article`, `content`, `post`, `story`, ... in the class or id.
    pub const POSITIVE: u32 = 1 << 14;
    /// Marked as the article body (`itemprop=articleBody`, CMS classes).
    pub const BODY: u32 = 1 << 15;
    /// `widget`: a component of a page builder (`elementor-widget`) as
    /// often as a sidebar box. It weighs against a candidate, as in
    /// Readability, but does not make an element unlikely; a widget area
    /// (`widget-area`) is a sidebar.
    pub const WIDGET: u32 = 1 << 16;
    /// Unlikely to hold the body: the elements cleaning removes.
    pub const NEGATIVE: u32 = NAV
        | FOOTER
        | HEADER
        | RELATED
        | SHARE
        | COMMENT
        | BYLINE
        | AD
        | SUBSCRIBE
        | CONSENT
        | SIDEBAR
        | TAGS
        | MODAL;
}

/// Substrings of the lowercased class and id, with the hint each gives.
const CLASS_HINTS: &[(&str, u32)] = &[
    ("nav", hint::NAV),
    ("menu", hint::NAV),
    ("breadcrumb", hint::NAV),
    ("pagination", hint::NAV),
    ("pager", hint::NAV),
    ("skip-link", hint::NAV),
    ("toolbar", hint::NAV),
    ("footer", hint::FOOTER),
    ("copyright", hint::FOOTER),
    ("colophon", hint::FOOTER),
    ("masthead", hint::HEADER),
    ("header", hint::HEADER),
    ("related", hint::RELATED),
    ("recommend", hint::RELATED),
    ("more-stories", hint::RELATED),
    ("popular", hint::RELATED),
    ("trending", hint::RELATED),
    ("most-read", hint::RELATED),
    ("mostread", hint::RELATED),
    ("read-more", hint::RELATED),
    ("readmore", hint::RELATED),
    ("outbrain", hint::RELATED),
    ("taboola", hint::RELATED),
    ("teaser", hint::RELATED),
    ("share", hint::SHARE),
    ("social", hint::SHARE),
    ("addthis", hint::SHARE),
    ("sociable", hint::SHARE),
    ("comment", hint::COMMENT),
    ("disqus", hint::COMMENT),
    ("respond", hint::COMMENT),
    ("byline", hint::BYLINE),
    ("author", hint::BYLINE),
    ("dateline", hint::BYLINE),
    ("posted-on", hint::BYLINE),
    ("timestamp", hint::BYLINE),
    ("newsletter", hint::SUBSCRIBE),
    ("subscri", hint::SUBSCRIBE),
    ("signup", hint::SUBSCRIBE),
    ("sign-up", hint::SUBSCRIBE),
    ("cookie", hint::CONSENT),
    ("consent", hint::CONSENT),
    ("gdpr", hint::CONSENT),
    ("disclaimer", hint::CONSENT),
    ("sidebar", hint::SIDEBAR),
    ("widget-area", hint::SIDEBAR),
    ("widget_area", hint::SIDEBAR),
    ("widgetarea", hint::SIDEBAR),
    ("widget", hint::WIDGET),
    ("caption", hint::CAPTION),
    ("credit", hint::CAPTION),
    ("modal", hint::MODAL),
    ("popup", hint::MODAL),
    ("overlay", hint::MODAL),
    ("lightbox", hint::MODAL),
    ("article", hint::POSITIVE),
    ("body", hint::POSITIVE),
    ("content", hint::POSITIVE),
    ("entry", hint::POSITIVE),
    ("main", hint::POSITIVE),
    ("post", hint::POSITIVE),
    ("story", hint::POSITIVE),
    ("text", hint::POSITIVE),
    ("blog", hint::POSITIVE),
];

/// Whole class/id tokens (split at anything not a letter or digit) with
/// the hint each gives: words too short to match as substrings.
const TOKEN_HINTS: &[(&str, u32)] = &[
    ("ad", hint::AD),
    ("ads", hint::AD),
    ("advert", hint::AD),
    ("advertisement", hint::AD),
    ("banner", hint::AD),
    ("promo", hint::AD),
    ("sponsor", hint::AD),
    ("sponsored", hint::AD),
    ("tags", hint::TAGS),
    ("tag", hint::TAGS),
    ("keywords", hint::TAGS),
    ("topics", hint::TAGS),
    ("categories", hint::TAGS),
    ("meta", hint::BYLINE),
    ("rail", hint::SIDEBAR),
];

/// Classes that mark the article body in common CMSs and templates
/// (substrings of the lowercased class or id).
const BODY_CLASSES: &[&str] = &[
    "articlebody",
    "article-body",
    "article__body",
    "article_body",
    "articletext",
    "article-text",
    "article-content",
    "article__content",
    "articlecontent",
    "story-body",
    "storybody",
    "story-content",
    "entry-content",
    "post-content",
    "post-body",
    "postbody",
    "post-entry",
    "body-text",
    "content-body",
];

/// The hint bits of an element.
pub(super) fn hints(
    tag: Tag,
    class: Option<&str>,
    id: Option<&str>,
    role: Option<&str>,
    itemprop: Option<&str>,
) -> u32 {
    let mut h = match tag {
        Tag::Nav => hint::NAV,
        Tag::Footer => hint::FOOTER,
        Tag::Header => hint::HEADER,
        Tag::Aside => hint::SIDEBAR,
        Tag::Caption => hint::CAPTION,
        Tag::Address => hint::BYLINE,
        _ => 0,
    };
    if let Some(role) = role {
        for r in role.split_ascii_whitespace() {
            h |= match r {
                "navigation" | "menu" | "menubar" => hint::NAV,
                "contentinfo" => hint::FOOTER,
                "banner" => hint::HEADER,
                "complementary" => hint::SIDEBAR,
                "dialog" | "alertdialog" => hint::MODAL,
                _ => 0,
            };
        }
    }
    if let Some(p) = itemprop {
        for p in p.split_ascii_whitespace() {
            h |= match p {
                "articleBody" | "reviewBody" => hint::BODY,
                "author" | "creator" => hint::BYLINE,
                _ => 0,
            };
        }
    }
    for value in [class, id].into_iter().flatten() {
        if value.is_empty() || value.len() > 512 {
            continue;
        }
        let lower = value.to_ascii_lowercase();
        for (pat, bit) in CLASS_HINTS {
            if h & bit == 0 && lower.contains(pat) {
                h |= bit;
            }
        }
        for token in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
            for (pat, bit) in TOKEN_HINTS {
                if token == *pat {
                    h |= bit;
                }
            }
        }
        if BODY_CLASSES.iter().any(|c| lower.contains(c)) {
            h |= hint::BODY;
        }
    }
    h
}

/// A recorded element.
#[derive(Debug, Clone)]
pub(super) struct El {
    /// The parent's index, or [`NO_EL`]. Parents come before children.
    pub parent: u32,
    pub tag: Tag,
    pub hints: u32,
    /// The lines that start inside the element: `first_line..end_line`.
    pub first_line: u32,
    pub end_line: u32,
}

/// A line of the visible text (between line breaks).
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// Byte range in the text.
    pub start: u32,
    pub end: u32,
    /// The innermost recorded element open at the line's first word.
    pub owner: u32,
    /// Characters in words, and in words inside links.
    pub chars: u32,
    pub link_chars: u32,
    /// Commas (and their CJK forms).
    pub commas: u32,
}

impl Line {
    pub(super) fn new(start: usize, owner: u32) -> Line {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        Line {
            start,
            end: start,
            owner,
            chars: 0,
            link_chars: 0,
            commas: 0,
        }
    }

    /// Adds a word that ends at byte `end`.
    pub(super) fn add_word(&mut self, w: &str, end: usize, in_link: bool) {
        let chars = u32::try_from(w.chars().count()).unwrap_or(u32::MAX);
        self.chars = self.chars.saturating_add(chars);
        if in_link {
            self.link_chars = self.link_chars.saturating_add(chars);
        }
        let commas = w
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
            .count();
        self.commas = self
            .commas
            .saturating_add(u32::try_from(commas).unwrap_or(0));
        self.end = u32::try_from(end).unwrap_or(u32::MAX);
    }
}

/// What the walk recorded for extraction.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub els: Vec<El>,
    pub lines: Vec<Line>,
}

/// Tunable parameters (see `DESIGN.md` for how they were set).
#[derive(Debug, Clone)]
pub(super) struct Params {
    /// Siblings of the best candidate join the root when they score at
    /// least this share of it.
    pub sibling_share: f64,
    /// Inside the root, an element (list, table, div, ...) whose link
    /// density exceeds this is a link list and is cut.
    pub max_link_density: f64,
    /// A line inside the root with more of its characters in links than
    /// this, and shorter than [`Params::link_line_chars`], is cut.
    pub link_line_density: f64,
    pub link_line_chars: u32,
    /// An element with both a negative and a positive class word
    /// (`post-meta`) is cut when it holds fewer characters of prose.
    pub small_hinted_prose: u32,
    /// The root widens to an ancestor when what the ancestor adds (in
    /// lines that survive cleaning) is at least this share prose and at
    /// most this share link text; ancestors adding fewer characters than
    /// `expand_min_chars` are passed over.
    pub expand_prose_share: f64,
    pub expand_link_density: f64,
    pub expand_min_chars: u32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            sibling_share: 0.2,
            max_link_density: 0.5,
            link_line_density: 0.5,
            link_line_chars: 200,
            small_hinted_prose: 100,
            expand_prose_share: 0.5,
            expand_link_density: 0.2,
            expand_min_chars: 50,
        }
    }
}

/// The boilerplate spans of a page's text: everything but its body.
/// Empty when no line looks like prose (the whole text is the body).
pub(super) fn boilerplate(layout: &Layout, text: &str, params: &Params) -> Vec<Boilerplate> {
    let body = body_lines(layout, text, params).unwrap_or_else(|| hinted_only(layout));
    spans(layout, &body)
}

/// When no line looks like prose: every line is body except those inside
/// elements whose tag or class says what they are (a `nav`, a `footer`).
fn hinted_only(layout: &Layout) -> Vec<bool> {
    let n = layout.els.len();
    let mut bad = vec![false; n];
    for i in 0..n {
        let up = index(layout.els[i].parent, n).is_some_and(|p| bad[p]);
        bad[i] = up || unlikely(&layout.els[i]);
    }
    layout
        .lines
        .iter()
        .map(|l| !index(l.owner, n).is_some_and(|o| bad[o]))
        .collect()
}

/// Per element: characters and link characters of the lines it holds.
struct Totals {
    chars: Vec<u32>,
    links: Vec<u32>,
    commas: Vec<u32>,
    /// `<p>` and `<li>` elements inside.
    paragraphs: Vec<u32>,
    items: Vec<u32>,
    /// Characters in lines of prose (at least [`MIN_PARAGRAPH`]
    /// characters, at most a quarter in links).
    prose: Vec<u32>,
    /// Holds (or is) an element marked as the article body.
    marked: Vec<bool>,
    /// Characters of lines inside a list item, and inside a quotation
    /// (`blockquote`).
    listed: Vec<u32>,
    quoted: Vec<u32>,
}

fn totals(layout: &Layout) -> Totals {
    let n = layout.els.len();
    let mut t = Totals {
        chars: vec![0; n],
        links: vec![0; n],
        commas: vec![0; n],
        paragraphs: vec![0; n],
        items: vec![0; n],
        prose: vec![0; n],
        marked: vec![false; n],
        listed: vec![0; n],
        quoted: vec![0; n],
    };
    // Inside a list item, inside a quotation (parents come first).
    let mut in_li = vec![false; n];
    let mut in_quote = vec![false; n];
    for (i, el) in layout.els.iter().enumerate() {
        let parent = index(el.parent, n);
        in_li[i] = el.tag == Tag::Li || parent.is_some_and(|p| in_li[p]);
        in_quote[i] = el.tag == Tag::Quote || parent.is_some_and(|p| in_quote[p]);
    }
    for line in &layout.lines {
        if let Some(i) = index(line.owner, n) {
            if in_li[i] {
                t.listed[i] = t.listed[i].saturating_add(line.chars);
            }
            if in_quote[i] {
                t.quoted[i] = t.quoted[i].saturating_add(line.chars);
            }
            t.chars[i] = t.chars[i].saturating_add(line.chars);
            t.links[i] = t.links[i].saturating_add(line.link_chars);
            t.commas[i] = t.commas[i].saturating_add(line.commas);
            if line.chars >= MIN_PARAGRAPH && line.link_chars * 4 <= line.chars {
                t.prose[i] = t.prose[i].saturating_add(line.chars);
            }
        }
    }
    // Children come after their parents: one backward pass sums subtrees.
    for i in (0..n).rev() {
        let el = &layout.els[i];
        match el.tag {
            Tag::P => t.paragraphs[i] += 1,
            Tag::Li => t.items[i] += 1,
            _ => {}
        }
        if el.hints & hint::BODY != 0 {
            t.marked[i] = true;
        }
        if let Some(p) = index(el.parent, n) {
            t.prose[p] = t.prose[p].saturating_add(t.prose[i]);
            t.marked[p] |= t.marked[i];
            t.listed[p] = t.listed[p].saturating_add(t.listed[i]);
            t.quoted[p] = t.quoted[p].saturating_add(t.quoted[i]);
            t.chars[p] = t.chars[p].saturating_add(t.chars[i]);
            t.links[p] = t.links[p].saturating_add(t.links[i]);
            t.commas[p] = t.commas[p].saturating_add(t.commas[i]);
            t.paragraphs[p] = t.paragraphs[p].saturating_add(t.paragraphs[i]);
            t.items[p] = t.items[p].saturating_add(t.items[i]);
        }
    }
    t
}

fn index(i: u32, n: usize) -> Option<usize> {
    let i = i as usize;
    (i < n).then_some(i)
}

fn link_density(t: &Totals, i: usize) -> f64 {
    if t.chars[i] == 0 {
        0.0
    } else {
        f64::from(t.links[i]) / f64::from(t.chars[i])
    }
}

/// Unlikely to hold the body: a negative hint and no positive one.
fn unlikely(el: &El) -> bool {
    el.hints & hint::NEGATIVE != 0 && el.hints & (hint::POSITIVE | hint::BODY) == 0
}

/// At least nine tenths of `all`.
fn mostly(part: u32, all: u32) -> bool {
    all > 0 && u64::from(part) * 10 >= u64::from(all) * 9
}

/// An embedded post (a tweet, an Instagram post): an element whose only
/// negative hint is `social`/`share` and whose text is a quotation
/// (`<div class="social-media-embed"><blockquote>`). A share bar holds
/// links, not quoted text; this is part of the article.
fn embedded_post(el: &El, t: &Totals, i: usize) -> bool {
    el.hints & hint::NEGATIVE == hint::SHARE && mostly(t.quoted[i], t.chars[i])
}

/// Readability's class weight.
fn class_weight(el: &El) -> f64 {
    let mut w = 0.0;
    if el.hints & (hint::NEGATIVE | hint::WIDGET) != 0 {
        w -= 25.0;
    }
    if el.hints & (hint::POSITIVE | hint::BODY) != 0 {
        w += 25.0;
    }
    w
}

fn tag_bonus(tag: Tag) -> f64 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Table | Tag::Quote => 3.0,
        Tag::Address | Tag::List | Tag::Li | Tag::Form => -3.0,
        Tag::H1 | Tag::Heading => -5.0,
        _ => 0.0,
    }
}

/// A block that reads as a paragraph: the line's owner, or the nearest
/// block above an inline owner.
fn is_inline(tag: Tag) -> bool {
    matches!(tag, Tag::Other | Tag::Time | Tag::Control)
}

/// An element that holds paragraphs rather than being one.
fn is_container(tag: Tag) -> bool {
    matches!(tag, Tag::Div | Tag::Section | Tag::Article | Tag::Main)
}

/// Which lines are body (`true`), or `None` when nothing looks like prose.
fn body_lines(layout: &Layout, text: &str, params: &Params) -> Option<Vec<bool>> {
    let els = &layout.els;
    let n = els.len();
    if n == 0 || layout.lines.is_empty() {
        return None;
    }
    let t = totals(layout);
    // A negative hint on an element holding the body is wrong (a page
    // wrapper named `has-sidebar`): it counts only on elements holding
    // less than half the page's prose and no element marked as the body.
    let page_prose = t
        .prose
        .iter()
        .enumerate()
        .filter(|&(i, _)| els[i].parent == NO_EL)
        .map(|(_, &p)| u64::from(p))
        .sum::<u64>();
    let mut in_unlikely = vec![false; n];
    for i in 0..n {
        let up = index(els[i].parent, n).is_some_and(|p| in_unlikely[p]);
        let holds_body = t.marked[i] || u64::from(t.prose[i]) * 2 >= page_prose;
        in_unlikely[i] = up || (unlikely(&els[i]) && !holds_body && !embedded_post(&els[i], &t, i));
    }
    let mut has_block_child = vec![false; n];
    for el in els {
        if let Some(p) = index(el.parent, n)
            && !is_inline(el.tag)
        {
            has_block_child[p] = true;
        }
    }
    let mut score = vec![f64::NAN; n];
    let mut scored_any = false;
    for pass in 0..2 {
        for line in &layout.lines {
            if line.chars < MIN_PARAGRAPH {
                continue;
            }
            let Some(mut p) = index(line.owner, n) else {
                continue;
            };
            while is_inline(els[p].tag) {
                match index(els[p].parent, n) {
                    Some(up) => p = up,
                    None => break,
                }
            }
            if pass == 0 && in_unlikely[p] {
                continue;
            }
            let s = 1.0 + f64::from(line.commas) + (f64::from(line.chars) / 100.0).min(3.0);
            // Text straight inside a container that also holds blocks
            // (a run of text beside a `<p>` and a `<div>`, lines split by
            // `<br>`) is a paragraph of its own: Readability wraps such
            // runs in a `<p>`, so the container is its parent. A
            // container holding no block is the paragraph itself, as
            // Readability turns it into a `<p>`.
            let mut at = if is_container(els[p].tag) && has_block_child[p] {
                p as u32
            } else {
                els[p].parent
            };
            for level in 0..5 {
                let Some(a) = index(at, n) else { break };
                if score[a].is_nan() {
                    score[a] = tag_bonus(els[a].tag) + class_weight(&els[a]);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => f64::from(l * 3),
                };
                score[a] += s / div;
                scored_any = true;
                at = els[a].parent;
            }
        }
        if scored_any {
            break;
        }
    }
    if !scored_any {
        return None;
    }
    let final_score: Vec<f64> = (0..n)
        .map(|i| {
            if score[i].is_nan() {
                f64::NAN
            } else {
                score[i] * (1.0 - link_density(&t, i))
            }
        })
        .collect();
    let mut top = (0..n)
        .filter(|&i| !final_score[i].is_nan())
        .max_by(|&a, &b| final_score[a].total_cmp(&final_score[b]).then(b.cmp(&a)))?;
    // Climb while the parent scores higher (it holds more of the prose),
    // as long as the parent is not far below.
    let mut last = final_score[top];
    let mut at = els[top].parent;
    while let Some(p) = index(at, n) {
        let s = final_score[p];
        if !s.is_nan() {
            if s < final_score[top] / 3.0 {
                break;
            }
            if s > last {
                top = p;
                break;
            }
            last = s;
        }
        at = els[p].parent;
    }
    // An element marked as the body that holds most of the best
    // candidate's prose, or lies inside it and holds most of its text,
    // is a tighter root.
    if let Some(b) = marked_body(layout, &t, top) {
        top = b;
    }
    // Elements on the path from the document down to the prose keep
    // their hints from cutting: mark the ancestors of the top.
    let mut protected = vec![false; n];
    let mut at = top as u32;
    while let Some(p) = index(at, n) {
        protected[p] = true;
        at = els[p].parent;
    }
    let cut = cut_elements(layout, &t, top, &protected, params);
    // Outside the top candidate, an element with a negative hint is not
    // body even when a positive word saved it from cleaning
    // (`post-comments`, `entry-footer`), unless it holds the body as
    // above (`content-with-sidebar`); comments never do.
    let mut negative = vec![false; n];
    for i in 0..n {
        let up = index(els[i].parent, n).is_some_and(|p| negative[p]);
        let h = els[i].hints;
        let holds_body = t.marked[i] || u64::from(t.prose[i]) * 2 >= page_prose;
        negative[i] = up
            || (!protected[i]
                && !embedded_post(&els[i], &t, i)
                && (h & hint::COMMENT != 0 || (h & hint::NEGATIVE != 0 && !holds_body)));
    }
    let (top_first, top_end) = (els[top].first_line as usize, els[top].end_line as usize);
    // Lines that survive cleaning wherever they stand.
    let kept: Vec<bool> = layout
        .lines
        .iter()
        .enumerate()
        .map(|(li, line)| {
            let owner = index(line.owner, n);
            if owner.is_some_and(|o| cut[o]) {
                return false;
            }
            let outside = li < top_first || li >= top_end;
            if outside && owner.is_some_and(|o| negative[o]) {
                return false;
            }
            let ld = if line.chars == 0 {
                0.0
            } else {
                f64::from(line.link_chars) / f64::from(line.chars)
            };
            if ld > params.link_line_density && line.chars < params.link_line_chars {
                return false;
            }
            let s = text
                .get(line.start as usize..line.end as usize)
                .unwrap_or("");
            !stock_line(s)
        })
        .collect();
    let root = expand(layout, &kept, top, params);
    // The root and qualifying siblings.
    let mut roots = vec![root];
    if let Some(parent) = index(els[root].parent, n) {
        let threshold = (final_score[top] * params.sibling_share).max(10.0);
        for i in (parent + 1)..n {
            if els[i].first_line >= els[parent].end_line {
                break;
            }
            if els[i].parent as usize != parent || i == root {
                continue;
            }
            let s = final_score[i];
            let prose = els[i].tag == Tag::P && {
                let ld = link_density(&t, i);
                let len = t.chars[i];
                (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0)
            };
            // Prose split into several blocks (between ads, say): a
            // sibling that is mostly prose with few links.
            let mostly_prose = t.prose[i] >= 2 * MIN_PARAGRAPH
                && t.prose[i] * 2 >= t.chars[i]
                && link_density(&t, i) < 0.25;
            if (!in_unlikely[i] && ((!s.is_nan() && s >= threshold) || mostly_prose)) || prose {
                roots.push(i);
            }
        }
    }
    let mut body = vec![false; layout.lines.len()];
    for &r in &roots {
        let (a, b) = (els[r].first_line as usize, els[r].end_line as usize);
        for (li, slot) in body.iter_mut().enumerate().take(b).skip(a) {
            *slot = kept[li];
        }
    }
    if !body.iter().any(|&b| b) {
        return None;
    }
    Some(body)
}

/// Which elements cleaning removes (with everything inside them), the
/// elements on the path down to the top candidate excepted.
fn cut_elements(
    layout: &Layout,
    t: &Totals,
    top: usize,
    protected: &[bool],
    params: &Params,
) -> Vec<bool> {
    let els = &layout.els;
    let n = els.len();
    let mut cut = vec![false; n];
    for i in 0..n {
        let up = index(els[i].parent, n).is_some_and(|p| cut[p]);
        if up {
            cut[i] = true;
            continue;
        }
        if protected[i] {
            continue;
        }
        let el = &els[i];
        // Inside the body, a positive word does not save an element: a
        // `post-meta` line or a `story-share` bar is still furniture.
        // An element holding half the top candidate's prose is the body,
        // whatever its class says (`elementor-widget-container`).
        let holds_body = t.prose[i] * 2 >= t.prose[top];
        let hinted = !embedded_post(el, t, i)
            && ((unlikely(el) && !holds_body)
                || (el.hints & hint::NEGATIVE != 0
                    && el.hints & hint::BODY == 0
                    && t.prose[i] < params.small_hinted_prose));
        let date = el.tag == Tag::Time && t.chars[i] < 40;
        if hinted || date || matches!(el.tag, Tag::H1 | Tag::Form | Tag::Control) {
            cut[i] = true;
            continue;
        }
        if el.hints & hint::CAPTION != 0 || el.tag == Tag::Caption {
            cut[i] = true;
            continue;
        }
        if matches!(
            el.tag,
            Tag::List | Tag::Table | Tag::Div | Tag::Section | Tag::Aside | Tag::Figure
        ) && t.commas[i] < 10
        {
            let ld = link_density(t, i);
            let weight = class_weight(el);
            // Readability spares lists (and elements whose text is
            // mostly list items) from its "a little linky" cut, and a
            // quotation is someone's text, links and all (an embedded
            // post: the handle, the hashtags, the dated link): only the
            // "mostly links" cut applies to them.
            let spared = el.tag == Tag::List
                || mostly(t.listed[i], t.chars[i])
                || mostly(t.quoted[i], t.chars[i]);
            let fishy = (!spared
                && weight < 25.0
                && ld > params.max_link_density * 0.4
                && t.chars[i] < 1000)
                || (ld > params.max_link_density)
                || (el.tag != Tag::List && t.items[i] > t.paragraphs[i] + 2 && ld > 0.2);
            if fishy {
                cut[i] = true;
            }
        }
    }
    cut
}

/// The top candidate, widened to the ancestor whose content that
/// survives cleaning is, beyond what the candidate holds, still mostly
/// prose with few links: a body split over the rows and columns of a
/// page builder, or over sections with a heading each, is one article.
/// Ancestors adding less than [`Params::expand_min_chars`] of such
/// content are passed over; the first adding anything else stops the
/// climb. The climb ends at the nearest `article`, `main` or
/// element marked as the body around the candidate (unless the page
/// marks several, a body in chunks): what lies beyond is another article
/// or the page around it.
fn expand(layout: &Layout, kept: &[bool], top: usize, params: &Params) -> usize {
    let els = &layout.els;
    let n = els.len();
    // Kept characters, link characters and prose per element, subtrees
    // summed (children come after their parents).
    let mut chars = vec![0u64; n];
    let mut links = vec![0u64; n];
    let mut prose = vec![0u64; n];
    for (li, line) in layout.lines.iter().enumerate() {
        if !kept[li] {
            continue;
        }
        if let Some(o) = index(line.owner, n) {
            chars[o] += u64::from(line.chars);
            links[o] += u64::from(line.link_chars);
            if line.chars >= MIN_PARAGRAPH && line.link_chars * 4 <= line.chars {
                prose[o] += u64::from(line.chars);
            }
        }
    }
    for i in (0..n).rev() {
        if let Some(p) = index(els[i].parent, n) {
            chars[p] += chars[i];
            links[p] += links[i];
            prose[p] += prose[i];
        }
    }
    // Elements marked as the body with no marked element around them:
    // when there are several, the body comes in chunks and a marked
    // element is no boundary.
    let mut in_marked = vec![false; n];
    let mut chunks = 0usize;
    for i in 0..n {
        let up = index(els[i].parent, n).is_some_and(|p| in_marked[p]);
        let marked = els[i].hints & hint::BODY != 0;
        if marked && !up {
            chunks += 1;
        }
        in_marked[i] = up || marked;
    }
    let boundary = |i: usize| {
        matches!(els[i].tag, Tag::Article | Tag::Main)
            || (chunks == 1 && els[i].hints & hint::BODY != 0)
    };
    let mut root = top;
    if boundary(top) {
        return top;
    }
    let mut at = els[top].parent;
    while let Some(a) = index(at, n) {
        let added = chars[a].saturating_sub(chars[root]);
        if added >= u64::from(params.expand_min_chars) {
            let added_prose = prose[a].saturating_sub(prose[root]) as f64;
            let added_links = links[a].saturating_sub(links[root]) as f64;
            let added = added as f64;
            if added_prose >= params.expand_prose_share * added
                && added_links <= params.expand_link_density * added
            {
                root = a;
            } else {
                break;
            }
        }
        if boundary(a) {
            break;
        }
        at = els[a].parent;
    }
    root
}

/// An element marked as the article body near the top candidate: inside
/// it holding at least half its characters, or above it holding at most
/// twice as many.
fn marked_body(layout: &Layout, t: &Totals, top: usize) -> Option<usize> {
    let els = &layout.els;
    let n = els.len();
    let top_chars = t.chars[top];
    // Above (or the top itself).
    let mut at = top as u32;
    while let Some(p) = index(at, n) {
        if els[p].hints & hint::BODY != 0 {
            return (t.chars[p] <= top_chars.saturating_mul(2)).then_some(p);
        }
        at = els[p].parent;
    }
    // Inside: the largest marked element.
    let mut best: Option<usize> = None;
    for i in (top + 1)..n {
        if els[i].first_line >= els[top].end_line {
            break;
        }
        if els[i].hints & hint::BODY != 0 && best.is_none_or(|b| t.chars[i] > t.chars[b]) {
            best = Some(i);
        }
    }
    best.filter(|&b| t.chars[b].saturating_mul(2) >= top_chars)
}

/// Lines that are page furniture wherever they stand.
fn stock_line(s: &str) -> bool {
    if s.len() > 40 {
        return false;
    }
    let s = s
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        s.as_str(),
        "advertisement"
            | "advertisements"
            | "sponsored"
            | "sponsored content"
            | "share"
            | "share this"
            | "share this article"
            | "share this story"
            | "read more"
            | "continue reading"
            | "click here"
            | "subscribe"
            | "comments"
            | "related"
            | "related articles"
            | "related stories"
            | "print"
            | "email"
            | "tweet"
            | "story continues below advertisement"
            | "article continues below"
            | "skip to content"
            | "skip to main content"
            | "you may also like"
            | "you might also like"
            | "more stories"
            | "most popular"
            | "recommended for you"
            | "read next"
    )
}

/// The kind a line's elements suggest, nearest first.
fn hinted_kind(layout: &Layout, owner: u32) -> Option<BoilerplateKind> {
    let n = layout.els.len();
    let mut at = owner;
    while let Some(i) = index(at, n) {
        let el = &layout.els[i];
        if el.tag == Tag::H1 {
            return Some(BoilerplateKind::Header);
        }
        if el.tag == Tag::Time {
            return Some(BoilerplateKind::Byline);
        }
        let h = el.hints;
        let kind = if h & hint::NAV != 0 {
            Some(BoilerplateKind::Navigation)
        } else if h & hint::FOOTER != 0 {
            Some(BoilerplateKind::Footer)
        } else if h & hint::BYLINE != 0 {
            Some(BoilerplateKind::Byline)
        } else if h & (hint::RELATED | hint::SIDEBAR) != 0 {
            Some(BoilerplateKind::Related)
        } else if h & (hint::SUBSCRIBE | hint::CONSENT) != 0 {
            Some(BoilerplateKind::Disclaimer)
        } else if h & hint::HEADER != 0 {
            Some(BoilerplateKind::Header)
        } else if h & (hint::SHARE | hint::COMMENT | hint::AD | hint::MODAL | hint::TAGS) != 0 {
            Some(BoilerplateKind::Other)
        } else {
            None
        };
        if kind.is_some() {
            return kind;
        }
        at = el.parent;
    }
    None
}

/// Spans of the non-body lines, runs of one kind merged.
fn spans(layout: &Layout, body: &[bool]) -> Vec<Boilerplate> {
    let first = body.iter().position(|&b| b).unwrap_or(body.len());
    let last = body.iter().rposition(|&b| b).unwrap_or(0);
    let mut out: Vec<Boilerplate> = Vec::new();
    let mut prev_line: Option<usize> = None;
    for (li, line) in layout.lines.iter().enumerate() {
        if body[li] {
            continue;
        }
        let kind = hinted_kind(layout, line.owner).unwrap_or(if li < first {
            BoilerplateKind::Header
        } else if li > last {
            BoilerplateKind::Footer
        } else {
            BoilerplateKind::Other
        });
        let span = Span::new(line.start as usize, line.end as usize);
        match out.last_mut() {
            Some(b) if b.kind == kind && prev_line == Some(li.wrapping_sub(1)) => {
                b.span = Span::new(b.span.start, span.end);
            }
            _ => out.push(Boilerplate { span, kind }),
        }
        prev_line = Some(li);
    }
    out
}
