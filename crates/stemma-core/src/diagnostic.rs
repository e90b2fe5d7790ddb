use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The input was read, with a caveat (a replaced byte, a renamed id).
    Warning,
    /// Some input was skipped: a file, a record, a line.
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A message about one piece of input: which file (and line or record) and
/// what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub level: Level,
    /// The file as given, with `:line` or `#record` when it names a part.
    pub source: String,
    /// Lowercase, no trailing period, concrete values.
    pub message: String,
}

impl Diagnostic {
    pub fn warning(source: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            source: source.into(),
            message: message.into(),
        }
    }

    pub fn error(source: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            source: source.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.level.as_str(),
            self.source,
            self.message
        )
    }
}
