//! Everything the binary prints: data to stdout, the rest to stderr.

#![allow(clippy::print_stderr)]

use std::io::{self, Write};

use anstream::ColorChoice;
use stemma_core::{Diagnostic, Level};

/// True when `e` (or its cause) is a closed pipe on stdout.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `stemma: error: …` on stderr.
pub fn error(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "stemma: \x1b[31merror\x1b[0m: {message}");
}

/// A diagnostic on stderr.
pub fn diagnostic(d: &Diagnostic) {
    let mut err = anstream::stderr();
    let level = match d.level {
        Level::Error => "\x1b[31merror\x1b[0m",
        Level::Warning => "\x1b[33mwarning\x1b[0m",
    };
    let _ = writeln!(err, "stemma: {level}: {}: {}", d.source, d.message);
}

/// A note on stderr (`wrote report.json`).
pub fn note(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "stemma: {message}");
}

/// Whether stdout takes colour: a terminal, and `NO_COLOR` unset.
pub fn stdout_color() -> bool {
    !matches!(
        anstream::AutoStream::choice(&io::stdout()),
        ColorChoice::Never
    )
}
