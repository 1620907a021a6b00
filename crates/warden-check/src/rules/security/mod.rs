//! Security checks: Access Analyzer's over-permissive-access checks and
//! Warden's own (`WARDEN_…` codes). Each rule is one file in this folder,
//! listed in `RULES` (sorted by code).

use super::Rule;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[];
