//! HTML pages: charset prescan, visible text, metadata.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = stemma_ingest::html::parse(data, None);
    assert!(!page.text.contains("\n\n\n"));
});
