//! Cross-script knowledge: what transliteration and edit distance cannot
//! know. The dictionary builder asks it for extra keys per alias.

use crate::dict::ExtraKeys;

/// The extra key sources a default builder uses.
pub(crate) fn default_extra_keys() -> Vec<ExtraKeys> {
    Vec::new()
}
