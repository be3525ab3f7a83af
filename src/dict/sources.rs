//! Input formats (being written).
