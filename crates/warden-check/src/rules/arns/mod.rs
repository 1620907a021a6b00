//! Checks of ARNs in Resource elements and policy variables. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
