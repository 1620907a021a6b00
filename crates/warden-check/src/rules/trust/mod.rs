//! Checks of principals, role trust policies, SCPs and RCPs. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
