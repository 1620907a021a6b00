//! Checks of principals, role trust policies, SCPs and RCPs. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

mod federated_principal_not_supported;
mod invalid_federated_principal_syntax_in_role_trust_policy;
mod invalid_service_principal_format;
mod mismatched_action_for_principal;
mod missing_action_for_roles_anywhere_trust_policy;
mod policy_size_exceeds_identity_policy_quota;
mod policy_size_exceeds_rcp_quota;
mod policy_size_exceeds_resource_policy_quota;
mod policy_size_exceeds_role_trust_policy_quota;
mod policy_size_exceeds_scp_quota;
mod rcp_syntax_error_allow;
mod rcp_syntax_error_notaction;
mod rcp_syntax_error_principal;
mod redundant_principal_in_role_trust_policy;
mod role_trust_policy_syntax_error_notprincipal;
mod role_trust_policy_syntax_error_resource;
mod role_trust_policy_unsupported_wildcard_in_principal;
mod scp_syntax_error_action_wildcard;
mod scp_syntax_error_principal;
mod unsupported_wildcard_in_principal;

/// The rules of this family, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &federated_principal_not_supported::RULE,
    &invalid_federated_principal_syntax_in_role_trust_policy::RULE,
    &invalid_service_principal_format::RULE,
    &mismatched_action_for_principal::RULE,
    &missing_action_for_roles_anywhere_trust_policy::RULE,
    &policy_size_exceeds_identity_policy_quota::RULE,
    &policy_size_exceeds_rcp_quota::RULE,
    &policy_size_exceeds_resource_policy_quota::RULE,
    &policy_size_exceeds_role_trust_policy_quota::RULE,
    &policy_size_exceeds_scp_quota::RULE,
    &rcp_syntax_error_allow::RULE,
    &rcp_syntax_error_notaction::RULE,
    &rcp_syntax_error_principal::RULE,
    &redundant_principal_in_role_trust_policy::RULE,
    &role_trust_policy_syntax_error_notprincipal::RULE,
    &role_trust_policy_syntax_error_resource::RULE,
    &role_trust_policy_unsupported_wildcard_in_principal::RULE,
    &scp_syntax_error_action_wildcard::RULE,
    &scp_syntax_error_principal::RULE,
    &unsupported_wildcard_in_principal::RULE,
];

/// What a `Federated` principal value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Federation {
    /// A SAML provider: `arn:<partition>:iam::<account>:saml-provider/<name>`.
    Saml,
    /// An OIDC provider: `arn:<partition>:iam::<account>:oidc-provider/<host>`,
    /// or a provider's domain name (`accounts.google.com`,
    /// `cognito-identity.amazonaws.com`, ...).
    Oidc,
}

/// Classifies a `Federated` principal value; `None` when it is neither a
/// SAML/OIDC provider ARN nor a domain name.
fn federation(value: &str) -> Option<Federation> {
    if value.starts_with("arn:") {
        let [_, partition, service, region, account, resource] =
            warden_policy::arn::split_fields(value)?;
        if partition.is_empty()
            || service != "iam"
            || !region.is_empty()
            || !warden_policy::arn::is_account_id(account)
        {
            return None;
        }
        return if resource
            .strip_prefix("saml-provider/")
            .is_some_and(|n| !n.is_empty())
        {
            Some(Federation::Saml)
        } else if resource
            .strip_prefix("oidc-provider/")
            .is_some_and(|n| !n.is_empty())
        {
            Some(Federation::Oidc)
        } else {
            None
        };
    }
    is_domain_name(value).then_some(Federation::Oidc)
}

/// Whether `text` is a DNS name of at least two labels (letters, digits and
/// inner hyphens), the last of which is not all digits.
fn is_domain_name(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|l| !l.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the statement's `Action` (not `NotAction`) lists an action that
/// equals `name`, ignoring case; returns that entry.
fn exact_action<'s>(
    st: &'s warden_policy::policy::Statement,
    name: &str,
) -> Option<&'s warden_policy::policy::Spanned<String>> {
    st.action
        .as_ref()
        .filter(|a| !a.negated)?
        .values
        .iter()
        .find(|v| v.value.eq_ignore_ascii_case(name))
}

/// The number of characters of `source` outside JSON's insignificant
/// whitespace (spaces, tabs and line breaks between tokens; whitespace inside
/// strings counts).
fn chars_without_whitespace(source: &str) -> usize {
    let mut n = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in source.chars() {
        if in_string {
            n += 1;
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            n += 1;
            in_string = c == '"';
        }
    }
    n
}

/// A policy size check: a quota in characters for the policies it applies to.
pub struct SizeQuota {
    info: crate::finding::RuleInfo,
    /// The quota for these options, or `None` when the check does not apply.
    quota: fn(&crate::Options) -> Option<usize>,
    /// Whether whitespace between JSON tokens counts against the quota.
    whitespace_counts: bool,
    /// The kind of policy, for the message.
    what: &'static str,
}

impl Rule for SizeQuota {
    fn info(&self) -> &crate::finding::RuleInfo {
        &self.info
    }

    fn check(&self, cx: &crate::CheckContext<'_>, out: &mut crate::finding::Findings<'_>) {
        let Some(quota) = (self.quota)(cx.options) else {
            return;
        };
        let Some(policy) = cx.policy else { return };
        let (size, how) = if self.whitespace_counts {
            (cx.source.chars().count(), "")
        } else {
            (
                chars_without_whitespace(cx.source),
                ", excluding whitespace,",
            )
        };
        if size > quota {
            out.report(
                warden_policy::Span::new(policy.span.start, policy.span.start + 1),
                format!(
                    "the {size} characters in the {}{how} exceed the {quota} character maximum",
                    self.what
                ),
            );
        }
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn whitespace_between_tokens_is_not_counted() {
        assert_eq!(super::chars_without_whitespace("{ \"a b\" :\n [ 1 ] }"), 11);
        assert_eq!(super::chars_without_whitespace(r#"{"a\" ": 1}"#), 10);
    }
}
