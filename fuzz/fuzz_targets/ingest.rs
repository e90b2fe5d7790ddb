//! Any bytes under any name: format sniffing, gzip, decoding, every reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.gz", "a"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let config = stemma_ingest::Config {
        max_document_bytes: 1 << 20,
    };
    for doc in stemma_ingest::read_memory(&[(name, rest)], &config).documents {
        assert!(!doc.text.trim().is_empty());
    }
});
