//! Checks of ARNs in Resource elements and policy variables. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

mod arn_account_not_allowed;
mod arn_region_not_allowed;
mod invalid_arn_account;
mod invalid_arn_prefix;
mod invalid_arn_region;
mod invalid_arn_service_case;
mod invalid_partition;
mod missing_arn_field;
mod missing_arn_region;
mod util;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &arn_account_not_allowed::RULE,
    &arn_region_not_allowed::RULE,
    &invalid_arn_account::RULE,
    &invalid_arn_prefix::RULE,
    &invalid_arn_region::RULE,
    &invalid_arn_service_case::RULE,
    &invalid_partition::RULE,
    &missing_arn_field::RULE,
    &missing_arn_region::RULE,
];
