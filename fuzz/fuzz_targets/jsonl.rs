//! JSON Lines through the whole ingest path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = stemma_ingest::read_memory(&[("input.jsonl", data)], &stemma_ingest::Config::default());
});
