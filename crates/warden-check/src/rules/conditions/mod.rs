//! Checks of condition keys, operators and values. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
