//! Checks of condition keys, operators and values. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

mod permissive;
mod support;
mod unsupported_tag;
mod util;
mod value_type;
mod values;
mod vpc_id_format;

mod allow_notaction_with_unsupported_tag_condition_key_for_service;
mod allow_with_unsupported_tag_condition_key_for_service;
mod confirm_audience_claim_type;
mod deny_notaction_with_unsupported_tag_condition_key_for_service;
mod deny_with_unsupported_tag_condition_key_for_service;
mod deprecated_global_condition_key;
mod dynamodb_attributes_without_select;
mod empty_array_condition;
mod empty_array_condition_forallvalues;
mod empty_array_condition_foranyvalue;
mod empty_array_condition_ifexists;
mod empty_object_condition;
mod equivalent_to_null_false;
mod equivalent_to_null_true;
mod forallvalues_with_single_valued_key;
mod foranyvalue_with_audience_claim_type;
mod improve_ip_range;
mod invalid_condition_data_type;
mod invalid_condition_key_format;
mod invalid_condition_multiple_boolean;
mod invalid_date_value;
mod invalid_global_condition_key;
mod invalid_kms_key_value;
mod invalid_region;
mod invalid_service_condition_key;
mod invalid_vpc_format;
mod invalid_vpce_format;
mod irrelevant_condition_key_in_policy;
mod missing_action_for_condition_key;
mod missing_paired_condition_keys;
mod missing_qualifier;
mod missing_tag_key_in_condition;
mod null_with_qualifier;
mod private_ip_address;
mod private_ip_address_subset;
mod private_not_ip_address;
mod private_not_ip_address_subset;
mod recommended_condition_key_for_service_principal;
mod redundant_condition_value_num;
mod redundant_key_due_to_wildcard_in_condition;
mod restrict_access_to_service_principal;
mod s3_prefix_in_negative_context;
mod string_like_operator_with_arn_condition_keys;
mod type_mismatch;
mod type_mismatch_boolean;
mod type_mismatch_date;
mod type_mismatch_ip_range;
mod type_mismatch_number;
mod type_mismatch_string;
mod unsupported_action_for_condition_key;
mod unsupported_condition_key_for_service_principal;
mod unsupported_global_condition_key;
mod untrustworthy_condition_key;
mod use_condition_key_only_with_supported_services;
mod variable_usage_too_permissive;
mod wildcard_usage_too_permissive;
mod wildcard_without_like_operator;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &allow_notaction_with_unsupported_tag_condition_key_for_service::RULE,
    &allow_with_unsupported_tag_condition_key_for_service::RULE,
    &confirm_audience_claim_type::RULE,
    &deny_notaction_with_unsupported_tag_condition_key_for_service::RULE,
    &deny_with_unsupported_tag_condition_key_for_service::RULE,
    &deprecated_global_condition_key::RULE,
    &dynamodb_attributes_without_select::RULE,
    &empty_array_condition::RULE,
    &empty_array_condition_forallvalues::RULE,
    &empty_array_condition_foranyvalue::RULE,
    &empty_array_condition_ifexists::RULE,
    &empty_object_condition::RULE,
    &equivalent_to_null_false::RULE,
    &equivalent_to_null_true::RULE,
    &forallvalues_with_single_valued_key::RULE,
    &foranyvalue_with_audience_claim_type::RULE,
    &improve_ip_range::RULE,
    &invalid_condition_data_type::RULE,
    &invalid_condition_key_format::RULE,
    &invalid_condition_multiple_boolean::RULE,
    &invalid_date_value::RULE,
    &invalid_global_condition_key::RULE,
    &invalid_kms_key_value::RULE,
    &invalid_region::RULE,
    &invalid_service_condition_key::RULE,
    &invalid_vpce_format::RULE,
    &invalid_vpc_format::RULE,
    &irrelevant_condition_key_in_policy::RULE,
    &missing_action_for_condition_key::RULE,
    &missing_paired_condition_keys::RULE,
    &missing_qualifier::RULE,
    &missing_tag_key_in_condition::RULE,
    &null_with_qualifier::RULE,
    &private_ip_address::RULE,
    &private_ip_address_subset::RULE,
    &private_not_ip_address::RULE,
    &private_not_ip_address_subset::RULE,
    &recommended_condition_key_for_service_principal::RULE,
    &redundant_condition_value_num::RULE,
    &redundant_key_due_to_wildcard_in_condition::RULE,
    &restrict_access_to_service_principal::RULE,
    &s3_prefix_in_negative_context::RULE,
    &string_like_operator_with_arn_condition_keys::RULE,
    &type_mismatch::RULE,
    &type_mismatch_boolean::RULE,
    &type_mismatch_date::RULE,
    &type_mismatch_ip_range::RULE,
    &type_mismatch_number::RULE,
    &type_mismatch_string::RULE,
    &unsupported_action_for_condition_key::RULE,
    &unsupported_condition_key_for_service_principal::RULE,
    &unsupported_global_condition_key::RULE,
    &untrustworthy_condition_key::RULE,
    &use_condition_key_only_with_supported_services::RULE,
    &variable_usage_too_permissive::RULE,
    &wildcard_usage_too_permissive::RULE,
    &wildcard_without_like_operator::RULE,
];
