//! Checks of ARNs in Resource elements and policy variables. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

mod arn_account_not_allowed;
mod arn_region_not_allowed;
mod empty_variable;
mod invalid_arn_account;
mod invalid_arn_prefix;
mod invalid_arn_region;
mod invalid_arn_resource;
mod invalid_arn_service_case;
mod invalid_partition;
mod invalid_variable_for_operator;
mod missing_arn_account;
mod missing_arn_field;
mod missing_arn_region;
mod missing_brace_in_variable;
mod missing_quote_in_variable;
mod resource_formats;
mod unsupported_action_in_policy;
mod unsupported_resource_arn_in_policy;
mod unsupported_space_in_variable;
mod util;
mod variable_unsupported_in_element;
mod variable_unsupported_in_version;
mod variables;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &arn_account_not_allowed::RULE,
    &arn_region_not_allowed::RULE,
    &empty_variable::RULE,
    &invalid_arn_account::RULE,
    &invalid_arn_prefix::RULE,
    &invalid_arn_region::RULE,
    &invalid_arn_resource::RULE,
    &invalid_arn_service_case::RULE,
    &invalid_partition::RULE,
    &invalid_variable_for_operator::RULE,
    &missing_arn_field::RULE,
    &missing_arn_account::RULE,
    &missing_arn_region::RULE,
    &missing_brace_in_variable::RULE,
    &missing_quote_in_variable::RULE,
    &unsupported_action_in_policy::RULE,
    &unsupported_resource_arn_in_policy::RULE,
    &unsupported_space_in_variable::RULE,
    &variable_unsupported_in_element::RULE,
    &variable_unsupported_in_version::RULE,
];
