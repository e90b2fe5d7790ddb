//! A byte stream over a `BufRead` with the few operations a WARC reader
//! needs: bounded line reads, look-ahead across buffer boundaries, and
//! pushing bytes back (to resume at a record found inside a block whose
//! `Content-Length` was wrong).
//!
//! Every read is bounded by the caller; nothing here allocates according to
//! a number read from the input.

use std::io::{self, BufRead, ErrorKind};

/// How a bounded line read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineEnd {
    /// The line ends with `\n` (included in the output).
    Newline,
    /// The stream ended first (the output holds what was there).
    Eof,
    /// The limit was reached before a `\n`.
    Limit,
}

/// Bytes pushed back are read before the inner reader.
pub(super) struct Stream<R> {
    inner: R,
    back: Vec<u8>,
    pos: usize,
    /// Bytes taken from `inner`.
    taken: u64,
    /// Bytes put back with [`Stream::rewind`].
    rewound: u64,
}

/// Bytes that [`Stream::rewind`] may put back beyond those read.
const REWIND_SLACK: u64 = 1 << 20;

/// `fill_buf`, retrying on `Interrupted`.
fn fill<R: BufRead>(inner: &mut R) -> io::Result<&[u8]> {
    loop {
        match inner.fill_buf() {
            Ok(_) => break,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    // The data is buffered now; asking again does no I/O.
    inner.fill_buf()
}

/// True when `bytes` start like a WARC version line: `WARC/` and a digit.
pub(super) fn is_version_start(bytes: &[u8]) -> bool {
    bytes.len() >= 6 && bytes.starts_with(b"WARC/") && bytes[5].is_ascii_digit()
}

/// A valid version line (without its line end): `WARC/<digits>.<digits>`
/// and white space.
pub(super) fn is_version_line(line: &[u8]) -> bool {
    let Some(v) = line.trim_ascii_end().strip_prefix(b"WARC/") else {
        return false;
    };
    let Some(dot) = v.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (major, minor) = (&v[..dot], &v[dot + 1..]);
    !major.is_empty()
        && !minor.is_empty()
        && major.iter().all(u8::is_ascii_digit)
        && minor.iter().all(u8::is_ascii_digit)
}

impl<R: BufRead> Stream<R> {
    pub(super) fn new(inner: R) -> Stream<R> {
        Stream {
            inner,
            back: Vec::new(),
            pos: 0,
            taken: 0,
            rewound: 0,
        }
    }

    fn back_len(&self) -> usize {
        self.back.len() - self.pos
    }

    /// The next buffered bytes; empty at the end of the stream.
    pub(super) fn buf(&mut self) -> io::Result<&[u8]> {
        if self.back_len() > 0 {
            return Ok(&self.back[self.pos..]);
        }
        if !self.back.is_empty() {
            self.back.clear();
            self.pos = 0;
            if self.back.capacity() > 1 << 20 {
                self.back = Vec::new();
            }
        }
        fill(&mut self.inner)
    }

    /// Marks `n` bytes of the last [`Stream::buf`] as read.
    pub(super) fn consume(&mut self, n: usize) {
        if self.back_len() > 0 {
            self.pos += n.min(self.back_len());
        } else {
            self.inner.consume(n);
            self.taken += n as u64;
        }
    }

    /// Up to `n` next bytes without reading them (fewer only at the end of
    /// the stream).
    pub(super) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.back_len() == 0 {
            let len = self.buf()?.len();
            if len >= n || len == 0 {
                let b = self.buf()?;
                return Ok(&b[..n.min(b.len())]);
            }
        } else if self.back_len() >= n {
            return Ok(&self.back[self.pos..self.pos + n]);
        }
        // Gather the bytes in `back`.
        self.back.drain(..self.pos);
        self.pos = 0;
        while self.back.len() < n {
            let b = fill(&mut self.inner)?;
            if b.is_empty() {
                break;
            }
            let k = b.len().min(n - self.back.len());
            self.back.extend_from_slice(&b[..k]);
            self.inner.consume(k);
            self.taken += k as u64;
        }
        Ok(&self.back[..n.min(self.back.len())])
    }

    /// Puts `data` back in front of the unread bytes.
    pub(super) fn unread(&mut self, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        if self.back_len() == 0 {
            self.back.clear();
            self.back.extend_from_slice(data);
        } else {
            let mut joined = Vec::with_capacity(data.len() + self.back_len());
            joined.extend_from_slice(data);
            joined.extend_from_slice(&self.back[self.pos..]);
            self.back = joined;
        }
        self.pos = 0;
    }

    /// Puts back a large stretch of bytes (a block's tail) to read again,
    /// unless that would make the total read again exceed what was read
    /// from the inner reader (plus some slack): on hostile input (records
    /// nested in blocks with lengths that run past them) rereading is
    /// thus bounded by a constant factor. False when refused.
    pub(super) fn rewind(&mut self, data: &[u8]) -> bool {
        let total = self.rewound.saturating_add(data.len() as u64);
        if total > self.taken.saturating_add(REWIND_SLACK) {
            return false;
        }
        self.rewound = total;
        self.unread(data);
        true
    }

    /// True when the next line is a WARC version line: `WARC/`, digits, a
    /// dot, digits, and white space up to the line end.
    pub(super) fn at_version_line(&mut self, max_len: usize) -> io::Result<bool> {
        let head = self.peek(max_len)?;
        if !is_version_start(head) {
            return Ok(false);
        }
        let line = match memchr::memchr(b'\n', head) {
            Some(i) => &head[..i],
            None if head.len() < max_len => head,
            None => return Ok(false),
        };
        Ok(is_version_line(line))
    }

    /// Appends bytes up to and including the next `\n` to `out`, as long as
    /// `out` stays within `limit` bytes.
    pub(super) fn read_line(&mut self, out: &mut Vec<u8>, limit: usize) -> io::Result<LineEnd> {
        loop {
            let room = limit.saturating_sub(out.len());
            if room == 0 {
                return Ok(LineEnd::Limit);
            }
            let avail = self.buf()?;
            if avail.is_empty() {
                return Ok(LineEnd::Eof);
            }
            let avail = &avail[..avail.len().min(room)];
            let (n, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            out.extend_from_slice(&avail[..n]);
            self.consume(n);
            if done {
                return Ok(LineEnd::Newline);
            }
        }
    }

    /// Reads through the next `\n` (or to the end of the stream), keeping
    /// the first bytes in `preview` up to `preview_cap`. Returns the number
    /// of bytes read.
    pub(super) fn skip_line(
        &mut self,
        preview: &mut Vec<u8>,
        preview_cap: usize,
    ) -> io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            let avail = self.buf()?;
            if avail.is_empty() {
                return Ok(skipped);
            }
            let (n, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let room = preview_cap.saturating_sub(preview.len());
            preview.extend_from_slice(&avail[..n.min(room)]);
            self.consume(n);
            skipped += n as u64;
            if done {
                return Ok(skipped);
            }
        }
    }

    /// Reads the bytes that `keep` accepts; returns how many.
    pub(super) fn skip_while(&mut self, keep: impl Fn(u8) -> bool) -> io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            let avail = self.buf()?;
            let n = avail.iter().position(|&b| !keep(b)).unwrap_or(avail.len());
            let at_end = n < avail.len() || avail.is_empty();
            self.consume(n);
            skipped += n as u64;
            if at_end {
                return Ok(skipped);
            }
        }
    }

    /// Appends up to `n` bytes to `out`; returns how many (fewer only at
    /// the end of the stream). `out` grows as bytes arrive.
    pub(super) fn read_into(&mut self, out: &mut Vec<u8>, n: u64) -> io::Result<u64> {
        let mut got = 0u64;
        while got < n {
            let avail = self.buf()?;
            if avail.is_empty() {
                break;
            }
            let k = avail
                .len()
                .min(usize::try_from(n - got).unwrap_or(usize::MAX));
            out.extend_from_slice(&avail[..k]);
            self.consume(k);
            got += k as u64;
        }
        Ok(got)
    }

    /// Reads and drops up to `n` bytes; returns how many.
    pub(super) fn discard(&mut self, n: u64) -> io::Result<u64> {
        let mut got = 0u64;
        while got < n {
            let avail = self.buf()?.len();
            if avail == 0 {
                break;
            }
            let k = avail.min(usize::try_from(n - got).unwrap_or(usize::MAX));
            self.consume(k);
            got += k as u64;
        }
        Ok(got)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte per `fill_buf`, to cross every
    /// buffer boundary.
    struct OneByte<'a>(&'a [u8]);

    impl io::Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }

    impl BufRead for OneByte<'_> {
        fn fill_buf(&mut self) -> io::Result<&[u8]> {
            Ok(&self.0[..self.0.len().min(1)])
        }
        fn consume(&mut self, n: usize) {
            self.0 = &self.0[n.min(self.0.len())..];
        }
    }

    #[test]
    fn warc_stream_peek_crosses_buffers_and_unread_comes_first() -> io::Result<()> {
        let mut s = Stream::new(OneByte(b"WARC/1.0\nrest"));
        assert_eq!(s.peek(6)?, b"WARC/1");
        assert!(is_version_start(s.peek(6)?));
        assert!(s.at_version_line(64)?);
        assert!(!s.at_version_line(5)?);
        let mut line = Vec::new();
        assert_eq!(s.read_line(&mut line, 100)?, LineEnd::Newline);
        assert_eq!(line, b"WARC/1.0\n");
        s.unread(b"ab");
        assert_eq!(s.peek(4)?, b"abre");
        s.unread(b"x");
        let mut all = Vec::new();
        assert_eq!(s.read_into(&mut all, 100)?, 7);
        assert_eq!(all, b"xabrest");
        assert_eq!(s.peek(3)?, b"");
        Ok(())
    }

    #[test]
    fn warc_stream_bounded_reads() -> io::Result<()> {
        let mut s = Stream::new(OneByte(b"abcdef\n  \r\nxyz"));
        let mut line = Vec::new();
        assert_eq!(s.read_line(&mut line, 3)?, LineEnd::Limit);
        assert_eq!(line, b"abc");
        let mut preview = Vec::new();
        assert_eq!(s.skip_line(&mut preview, 2)?, 4);
        assert_eq!(preview, b"de");
        assert_eq!(s.skip_while(|b| b.is_ascii_whitespace())?, 4);
        assert_eq!(s.discard(10)?, 3);
        line.clear();
        assert_eq!(s.read_line(&mut line, 3)?, LineEnd::Eof);
        Ok(())
    }
}
