//! polyonym resolves the many names of one entity, across languages and
//! scripts, to one canonical ID.
//!
//! "Wang Yi", "Vương Nghị", "Vuong Nghi", "王毅" and "Mr. Wang" are one
//! person; "Ursula von der Leyen", "Leyen, Ursula von der" and "Урсула фон
//! дер Ляйен" another. polyonym normalizes names in any script, keys them,
//! stores every alias of every entity in a compact FST dictionary, and
//! resolves queries against it.
//!
//! # The pipeline
//!
//! 1. [`normalize`]: Unicode folding, transliteration, titles, particles,
//!    order — a [`NormalizedName`] with its alternative spellings.
//! 2. [`key`]: the keys a name produces (exact, sorted, joined, skeleton,
//!    initials, token).
//!
//! # Quick start
//! ```
//! use polyonym::Normalizer;
//! let n = Normalizer::new();
//! let a = n.normalize("Leyen, Ursula von der");
//! let b = n.normalize("Ursula von der Leyen");
//! assert_eq!(a.text(), b.text());
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_op_in_unsafe_fn)]

pub mod dict;
pub mod embedded;
pub mod error;
mod fuzzy;
pub mod key;
pub mod knowledge;
pub mod normalize;
pub mod phonetic;
pub mod resolve;
pub mod scan;
pub mod score;

pub use dict::{Dictionary, DictionaryBuilder, EntityKind, EntityRecord};
pub use error::{Error, ErrorKind, Result};
pub use key::{Key, KeyKind};
pub use normalize::{
    Gender, NormalizedName, Normalizer, NormalizerBuilder, Script, Token, TokenRole,
};
pub use resolve::{compare, compare_kind, Comparison, Match, Resolution, Resolver, ResolverConfig};
pub use scan::{Mention, Scanner};
