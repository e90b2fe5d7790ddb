//! html5ever driven by hand, with a guard on nesting depth.
//!
//! html5ever follows the standard's tree construction, whose scope checks
//! walk the stack of open elements: on a start tag such as `<div>` or
//! `<li>` that walk is as long as the stack, so deeply nested input is
//! quadratic (100,000 nested `<div>`s took 52 s, nested `<ul><li>` longer).
//! Browsers cap the depth (Chromium at 512). Here a token filter between
//! the tokenizer and the tree builder measures the stack now and then and,
//! once it holds [`MAX_DEPTH`] elements, drops further start tags (and the
//! end tags that match them): their text is kept, inside the deepest
//! element allowed. Tags that switch the tokenizer into raw text
//! (`script`, `style`, `title`, ...) and void elements always pass, so
//! script source never turns into text.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{LocalName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

/// Open elements (plus active formatting entries) beyond which start tags
/// are dropped.
pub(super) const MAX_DEPTH: usize = 512;

/// Input is handed to the tokenizer in pieces of at most this many bytes
/// (a tendril holds at most 4 GiB).
const CHUNK: usize = 1 << 20;

type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// A parsed document and what the parser noticed.
pub(super) struct Parsed {
    pub html: Html,
    /// The charset label of the first `<meta charset>` (or `http-equiv`)
    /// the tree builder met in the head.
    pub meta_charset: Option<String>,
    /// Start tags dropped for depth.
    pub dropped_tags: usize,
}

/// Parses a document like [`Html::parse_document`], with the depth guard.
pub(super) fn parse(text: &str) -> Parsed {
    let sink = HtmlTreeSink::new(Html::new_document());
    let guard = Guard {
        tb: TreeBuilder::new(sink, TreeBuilderOpts::default()),
        budget: Cell::new(0),
        saturated: Cell::new(0),
        dropped: RefCell::new(Vec::new()),
        dropped_total: Cell::new(0),
        meta_charset: RefCell::new(None),
    };
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let input = BufferQueue::default();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (piece, tail) = rest.split_at(cut);
        input.push_back(StrTendril::from_slice(piece));
        rest = tail;
    }
    // `Script` results (a `</script>`) only pause the tokenizer.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let guard = tokenizer.sink;
    let meta_charset = guard.meta_charset.into_inner();
    let dropped_tags = guard.dropped_total.get();
    Parsed {
        html: guard.tb.sink.finish(),
        meta_charset,
        dropped_tags,
    }
}

struct Guard {
    tb: TreeBuilder<Handle, HtmlTreeSink>,
    /// Start tags that may pass before the depth is measured again.
    budget: Cell<usize>,
    /// The last measure reached the limit: start tags are dropped without
    /// measuring until this many end tags have reached the tree builder
    /// (before that the stack cannot have shrunk much).
    saturated: Cell<u8>,
    /// Names of dropped start tags whose end tags are still to come, with
    /// their counts.
    dropped: RefCell<Vec<(LocalName, usize)>>,
    dropped_total: Cell<usize>,
    meta_charset: RefCell<Option<String>>,
}

/// Counts the handles the tree builder holds.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = Handle;
    fn trace_handle(&self, _node: &Handle) {
        self.0.set(self.0.get() + 1);
    }
}

impl Guard {
    /// True when the open elements reach [`MAX_DEPTH`]. Measuring costs as
    /// much as the stack is deep, so it is done only when the stack could
    /// have grown that deep since the last time (a start tag pushes at most
    /// a couple of elements, reconstructed formatting aside).
    fn too_deep(&self) -> bool {
        if self.saturated.get() > 0 {
            return true;
        }
        let budget = self.budget.get();
        if budget > 0 {
            self.budget.set(budget - 1);
            return false;
        }
        let counter = Counter(Cell::new(0));
        self.tb.trace_handles(&counter);
        let depth = counter.0.get();
        if depth >= MAX_DEPTH {
            self.saturated.set(8);
            return true;
        }
        self.budget.set((MAX_DEPTH - depth) / 4);
        false
    }

    /// Whether a start tag is to be dropped; remembers it if so.
    fn drop_start(&self, name: &LocalName) -> bool {
        if always_passes(name) || !self.too_deep() {
            return false;
        }
        let mut dropped = self.dropped.borrow_mut();
        match dropped.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => dropped.push((name.clone(), 1)),
        }
        self.dropped_total.set(self.dropped_total.get() + 1);
        true
    }

    /// Whether an end tag closes a dropped start tag (and is dropped too).
    fn drop_end(&self, name: &LocalName) -> bool {
        let mut dropped = self.dropped.borrow_mut();
        let Some(i) = dropped.iter().position(|(n, _)| n == name) else {
            return false;
        };
        dropped[i].1 -= 1;
        if dropped[i].1 == 0 {
            dropped.swap_remove(i);
        }
        true
    }
}

/// Raw-text elements (they change the tokenizer's state), void elements
/// (never pushed) and the document's own elements.
fn always_passes(name: &LocalName) -> bool {
    matches!(
        &**name,
        "script"
            | "style"
            | "title"
            | "textarea"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
            | "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "html"
            | "head"
            | "body"
    )
}

impl TokenSink for Guard {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        match &token {
            // Tokenizer errors are of no use here; skip the bookkeeping.
            Token::ParseError(_) => return TokenSinkResult::Continue,
            Token::TagToken(tag) => {
                let drop = match tag.kind {
                    TagKind::StartTag => self.drop_start(&tag.name),
                    TagKind::EndTag => self.drop_end(&tag.name),
                };
                if drop {
                    return TokenSinkResult::Continue;
                }
                if tag.kind == TagKind::EndTag {
                    self.saturated.set(self.saturated.get().saturating_sub(1));
                }
            }
            _ => {}
        }
        match self.tb.process_token(token, line_number) {
            TokenSinkResult::EncodingIndicator(label) => {
                let mut slot = self.meta_charset.borrow_mut();
                if slot.is_none() {
                    *slot = Some(label.to_string());
                }
                TokenSinkResult::Continue
            }
            other => other,
        }
    }

    fn end(&self) {
        self.tb.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tb
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
