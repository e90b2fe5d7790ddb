//! The `stemma` binary: a thin layer over the library crates. It parses
//! the command line, draws progress, prints, and maps outcomes to exit
//! codes (0 all input read, 1 some input skipped, 2 usage error or nothing
//! read). A closed stdout (`stemma … | head`) is success.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod cmd;
mod demo_corpus;
mod output;
mod progress;

/// How a run ended, as the exit code says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// All input was read.
    Clean,
    /// Some input was skipped; diagnostics say which.
    Skipped,
    /// Usage error, or nothing could be read.
    Failed,
}

impl Outcome {
    fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Skipped => 1,
            Outcome::Failed => 2,
        }
    }
}

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&format!("{e:#}"));
            ExitCode::from(Outcome::Failed.code())
        }
    }
}
