//! The crate's one error type.
//!
//! [`Error`] is opaque: match on [`Error::kind`] (an [`ErrorKind`]) to
//! branch on the failure, and print it for a message that says what went
//! wrong and, where it can, how to recover. New failure cases can be added
//! without breaking users because [`ErrorKind`] is `#[non_exhaustive]`.

use std::fmt;
use std::path::PathBuf;

/// A convenient alias for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from polyonym: reading input, building or opening a dictionary.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    location: Option<Location>,
}

/// Where in the user's input an error was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, when the input came from one.
    pub path: Option<PathBuf>,
    /// 1-based line number, when the input is line-oriented.
    pub line: Option<u64>,
    /// The field or column, when known (e.g. `aliases[2].name`).
    pub field: Option<String>,
}

/// What kind of failure an [`Error`] is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An I/O error while reading or writing a file.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Input that does not follow its format: `expected` says what the format
    /// requires and `found` what was there.
    #[error("expected {expected}, found {found}")]
    Parse {
        /// What the format requires at this place.
        expected: String,
        /// What was found instead.
        found: String,
    },
    /// Input bytes that are not UTF-8.
    #[error("invalid UTF-8 at byte offset {byte_offset}")]
    Utf8 {
        /// Byte offset of the first invalid byte within the line (or file).
        byte_offset: u64,
    },
    /// An entity record that is well-formed but not acceptable
    /// (empty name, unknown kind, conflicting duplicate id …).
    #[error("invalid entity: {0}")]
    InvalidEntity(String),
    /// A dictionary file that is not a polyonym dictionary, is damaged, or
    /// was written by an incompatible version.
    #[error("not a valid polyonym dictionary: {0}")]
    Format(String),
    /// A dictionary whose format version this build cannot read.
    #[error(
        "dictionary format version {got} cannot be read by this build, which reads version \
         {expected}; rebuild the dictionary with this version's `build` example \
         (cargo run --release --example build -- --input FILE --output FILE)"
    )]
    Version {
        /// The format version this build reads.
        expected: u32,
        /// The version found in the file.
        got: u32,
    },
    /// A dictionary built with a different normalizer configuration.
    #[error(
        "dictionary was built with a different normalizer (fingerprint {got:016x}, this build \
         uses {expected:016x}), so its keys would not match this build's queries; rebuild it \
         with this version's `build` example (cargo run --release --example build -- --input \
         FILE --output FILE)"
    )]
    Fingerprint {
        /// Fingerprint of this build's normalizer.
        expected: u64,
        /// Fingerprint recorded in the file.
        got: u64,
    },
    /// A checksum that does not match its section.
    #[error(
        "checksum mismatch in section `{section}`: the file is damaged; rebuild it or restore \
         it from a copy"
    )]
    Checksum {
        /// The section whose checksum failed.
        section: String,
    },
    /// An error from the `fst` crate.
    #[error("FST error: {0}")]
    Fst(#[from] fst::Error),
    /// An input that exceeds a configured limit.
    #[error("limit exceeded: {0}")]
    Limit(String),
}

#[allow(dead_code)] // constructors used by the dictionary readers as they land
impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            location: None,
        }
    }

    pub(crate) fn parse(expected: impl Into<String>, found: impl Into<String>) -> Error {
        Error::new(ErrorKind::Parse {
            expected: expected.into(),
            found: found.into(),
        })
    }

    pub(crate) fn format(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Format(message.into()))
    }

    pub(crate) fn invalid_entity(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidEntity(message.into()))
    }

    /// Attaches (or completes) the location of this error.
    pub(crate) fn at(mut self, path: Option<&std::path::Path>, line: Option<u64>) -> Error {
        let location = self.location.get_or_insert(Location {
            path: None,
            line: None,
            field: None,
        });
        if location.path.is_none() {
            location.path = path.map(|p| p.to_path_buf());
        }
        if location.line.is_none() {
            location.line = line;
        }
        self
    }

    /// Attaches the field in which this error was found.
    pub(crate) fn in_field(mut self, field: impl Into<String>) -> Error {
        let location = self.location.get_or_insert(Location {
            path: None,
            line: None,
            field: None,
        });
        location.field = Some(field.into());
        self
    }

    /// This error with its input location set (file and 1-based line),
    /// unless it already has one: for callers that feed the builder from
    /// their own readers.
    pub fn located(self, path: &std::path::Path, line: u64) -> Error {
        self.at(Some(path), Some(line))
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where in the input the error was found, if it came from input.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The 1-based line of the input at which the error was found, if known.
    pub fn line(&self) -> Option<u64> {
        self.location.as_ref().and_then(|l| l.line)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            let mut wrote = false;
            if let Some(path) = &location.path {
                write!(f, "{}", path.display())?;
                wrote = true;
            }
            if let Some(line) = location.line {
                write!(f, "{}line {line}", if wrote { ":" } else { "" })?;
                wrote = true;
            }
            if let Some(field) = &location.field {
                write!(f, "{}field `{field}`", if wrote { ", " } else { "" })?;
                wrote = true;
            }
            if wrote {
                f.write_str(": ")?;
            }
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}

impl From<fst::Error> for Error {
    fn from(e: fst::Error) -> Error {
        Error::new(ErrorKind::Fst(e))
    }
}
