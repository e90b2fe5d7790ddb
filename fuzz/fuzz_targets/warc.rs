//! WARC records and their HTTP payloads, read as a stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stemma_ingest::warc::WarcReader;

fuzz_target!(|data: &[u8]| {
    for _event in WarcReader::new(data, 1 << 20) {}
});
