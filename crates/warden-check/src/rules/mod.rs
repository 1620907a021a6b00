//! The rules, one file each. A rule has a [`RuleInfo`] (code, finding type,
//! documentation) and a `check` over a [`CheckContext`]; its tests sit in
//! its file: a fixture that triggers it (with the exact span expected) and a
//! near miss that does not.

use crate::finding::{Findings, RuleInfo};
use crate::CheckContext;

/// A policy check.
pub trait Rule: Sync {
    /// What the rule is.
    fn info(&self) -> &RuleInfo;
    /// Reports the rule's findings for one policy.
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>);
}

/// A rule that reports one kind of parser diagnostic under an Access
/// Analyzer code: the parser already knows where the problem is.
pub struct ParserDiagnostic {
    info: RuleInfo,
    parser_code: &'static str,
}

impl ParserDiagnostic {
    /// A rule for the parser's `parser_code` diagnostics.
    pub const fn new(info: RuleInfo, parser_code: &'static str) -> Self {
        ParserDiagnostic { info, parser_code }
    }
}

impl Rule for ParserDiagnostic {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for d in cx.diagnostics.iter().filter(|d| d.code == self.parser_code) {
            out.report(d.span, d.message.clone());
        }
    }
}

/// Whether the text at `span` is a JSON array with nothing in it (`[]`, `[ ]`).
fn is_empty_array(cx: &CheckContext<'_>, span: warden_policy::Span) -> bool {
    cx.source
        .get(span.range())
        .and_then(|t| t.strip_prefix('['))
        .and_then(|t| t.strip_suffix(']'))
        .is_some_and(|inner| inner.trim().is_empty())
}

mod allow_with_not_principal;
mod broad_action;
mod data_type_mismatch;
mod duplicate_keys_with_different_case;
mod empty_array_action;
mod empty_array_principal;
mod empty_array_resource;
mod empty_sid_value;
mod invalid_action;
mod invalid_condition_operator;
mod invalid_effect;
mod invalid_policy_element;
mod invalid_principal_format;
mod invalid_principal_key;
mod invalid_service_in_action;
mod invalid_version;
mod json_syntax_error;
mod missing_action;
mod missing_effect;
mod missing_principal;
mod missing_resource;
mod missing_statement;
mod missing_version;
mod null_with_if_exists;
mod pass_role;
mod pass_role_with_not_action_and_not_resource;
mod pass_role_with_not_resource;
mod pass_role_with_star_in_action_and_not_resource;
mod pass_role_with_star_in_action_and_resource;
mod pass_role_with_star_in_resource;
mod pass_role_with_star_in_resource_and_not_action;
mod suggest;
mod unique_sids_recommended;
mod unique_sids_required;
mod unsupported_element_combination;
mod unsupported_principal;
mod unsupported_sid;
mod warden_full_admin;
mod wildcard_in_service_name;

mod arns;
mod conditions;
mod redundancy;
mod security;
mod trust;

/// The rules of this module (the families in submodules have their own lists).
static CORE: &[&dyn Rule] = &[
    &allow_with_not_principal::RULE,
    &data_type_mismatch::RULE,
    &duplicate_keys_with_different_case::RULE,
    &empty_array_action::RULE,
    &empty_array_principal::RULE,
    &empty_array_resource::RULE,
    &empty_sid_value::RULE,
    &invalid_action::RULE,
    &invalid_condition_operator::RULE,
    &invalid_effect::RULE,
    &invalid_policy_element::RULE,
    &invalid_principal_format::RULE,
    &invalid_principal_key::RULE,
    &invalid_service_in_action::RULE,
    &invalid_version::RULE,
    &json_syntax_error::RULE,
    &missing_action::RULE,
    &missing_effect::RULE,
    &missing_principal::RULE,
    &missing_resource::RULE,
    &missing_statement::RULE,
    &missing_version::RULE,
    &null_with_if_exists::RULE,
    &pass_role_with_not_action_and_not_resource::RULE,
    &pass_role_with_not_resource::RULE,
    &pass_role_with_star_in_action_and_not_resource::RULE,
    &pass_role_with_star_in_action_and_resource::RULE,
    &pass_role_with_star_in_resource::RULE,
    &pass_role_with_star_in_resource_and_not_action::RULE,
    &unique_sids_recommended::RULE,
    &unique_sids_required::RULE,
    &unsupported_element_combination::RULE,
    &unsupported_principal::RULE,
    &unsupported_sid::RULE,
    &warden_full_admin::RULE,
    &wildcard_in_service_name::RULE,
];

/// Every rule, sorted by code.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static dyn Rule> = CORE
            .iter()
            .chain(conditions::RULES)
            .chain(arns::RULES)
            .chain(redundancy::RULES)
            .chain(security::RULES)
            .chain(trust::RULES)
            .copied()
            .collect();
        v.sort_by_key(|r| r.info().code);
        v
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Fixture helpers shared by the rules' tests.

    use crate::{check, Options, PolicyType, ResourceType};

    /// The findings of `code` for `src`, as (code, text under the span).
    pub fn findings_of(code: &str, src: &str, options: Options) -> Vec<String> {
        check(src, &options)
            .into_iter()
            .filter(|f| f.code == code)
            .map(|f| src.get(f.span.range()).unwrap_or("<bad span>").to_string())
            .collect()
    }

    /// Identity-policy options.
    pub fn identity() -> Options {
        Options::default()
    }

    /// Resource-policy options.
    pub fn resource() -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: None,
        }
    }

    /// Role-trust-policy options.
    pub fn trust() -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: Some(ResourceType::RoleTrustPolicy),
        }
    }
}

#[cfg(test)]
mod order {
    #[test]
    fn all_is_sorted_by_code_without_duplicates() {
        let codes: Vec<&str> = super::all().iter().map(|r| r.info().code).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    }
}
