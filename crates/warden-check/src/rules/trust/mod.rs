//! Checks of principals, role trust policies, SCPs and RCPs. Each rule is one file in this folder, listed in
//! `RULES` (sorted by code).

use super::Rule;

mod empty_object_principal;
mod federated_principal_not_supported;
mod invalid_federated_principal_syntax_in_role_trust_policy;
mod invalid_role_reference;
mod invalid_service;
mod invalid_service_principal_format;
mod invalid_user_reference;
mod mismatched_action_for_principal;
mod missing_action_for_roles_anywhere_trust_policy;
mod policy_size_exceeds_identity_policy_quota;
mod policy_size_exceeds_rcp_quota;
mod policy_size_exceeds_resource_policy_quota;
mod policy_size_exceeds_role_trust_policy_quota;
mod policy_size_exceeds_scp_quota;
mod rcp_missing_related_principal_condition_key;
mod rcp_missing_related_service_principal_condition_key;
mod rcp_missing_service_condition_key_null_check;
mod rcp_syntax_error_action;
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
    &empty_object_principal::RULE,
    &federated_principal_not_supported::RULE,
    &invalid_federated_principal_syntax_in_role_trust_policy::RULE,
    &invalid_role_reference::RULE,
    &invalid_service::RULE,
    &invalid_service_principal_format::RULE,
    &invalid_user_reference::RULE,
    &mismatched_action_for_principal::RULE,
    &missing_action_for_roles_anywhere_trust_policy::RULE,
    &policy_size_exceeds_identity_policy_quota::RULE,
    &policy_size_exceeds_rcp_quota::RULE,
    &policy_size_exceeds_resource_policy_quota::RULE,
    &policy_size_exceeds_role_trust_policy_quota::RULE,
    &policy_size_exceeds_scp_quota::RULE,
    &rcp_missing_related_principal_condition_key::RULE,
    &rcp_missing_related_service_principal_condition_key::RULE,
    &rcp_missing_service_condition_key_null_check::RULE,
    &rcp_syntax_error_action::RULE,
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
        // A text has at most as many characters as bytes: most policies are
        // far below their quota, so there is nothing to count.
        if cx.source.len() <= quota {
            return;
        }
        // The parser counted the whitespace between tokens, which is ASCII:
        // one character a byte.
        let (size, how) = if self.whitespace_counts {
            (cx.source.chars().count(), "")
        } else {
            (
                cx.source.chars().count().saturating_sub(cx.whitespace),
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
    /// The characters of a JSON text outside the whitespace between tokens,
    /// as `SizeQuota` counts them: all characters, less what the parser
    /// skipped.
    fn counted(source: &str) -> usize {
        let (_, whitespace) = warden_policy::json::parse_counting_whitespace(source).unwrap();
        source.chars().count() - whitespace
    }

    /// The definition, a character at a time.
    fn reference(source: &str) -> usize {
        let (mut n, mut in_string, mut escaped) = (0, false, false);
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

    #[test]
    fn whitespace_between_tokens_is_not_counted() {
        assert_eq!(counted("{ \"a b\" :\n [ 1 ] }"), 11);
        assert_eq!(counted(r#"{"a\" ": 1}"#), 10);
        assert_eq!(counted("{ \"\u{e9} \u{1f600}\" : \"\\n\u{e9}\" }"), 13);
        assert_eq!(counted(" \"a\\\"b\" "), 6);
        assert_eq!(counted("\u{feff} [ \"\\u0041\" , true ]\r\n"), 16);
    }

    /// Random documents: nested objects and arrays, strings with escapes,
    /// spaces and non-ASCII characters, and random whitespace between
    /// every two tokens.
    #[test]
    fn agrees_with_the_definition_on_random_documents() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        fn gap(out: &mut String, next: &mut impl FnMut(u64) -> u64) {
            for _ in 0..next(3) {
                out.push([' ', '\n', '\t', '\r'][next(4) as usize]);
            }
        }
        fn string(out: &mut String, next: &mut impl FnMut(u64) -> u64) {
            out.push('"');
            for _ in 0..next(6) {
                out.push_str(
                    ["a", " ", "\\\"", "\\\\", "\u{e9}", "\u{1f600}", "\\u00e9"][next(7) as usize],
                );
            }
            out.push('"');
        }
        fn value(out: &mut String, depth: u32, next: &mut impl FnMut(u64) -> u64) {
            match if depth > 3 { 2 } else { next(4) } {
                0 => {
                    out.push('{');
                    for i in 0..next(3) {
                        if i > 0 {
                            out.push(',');
                        }
                        gap(out, next);
                        string(out, next);
                        gap(out, next);
                        out.push(':');
                        gap(out, next);
                        value(out, depth + 1, next);
                        gap(out, next);
                    }
                    out.push('}');
                }
                1 => {
                    out.push('[');
                    for i in 0..next(3) {
                        if i > 0 {
                            out.push(',');
                        }
                        gap(out, next);
                        value(out, depth + 1, next);
                        gap(out, next);
                    }
                    out.push(']');
                }
                2 => string(out, next),
                _ => out.push_str(["true", "12.5e3", "null", "-7"][next(4) as usize]),
            }
        }
        for _ in 0..3_000 {
            let mut doc = String::new();
            gap(&mut doc, &mut next);
            value(&mut doc, 0, &mut next);
            gap(&mut doc, &mut next);
            assert_eq!(counted(&doc), reference(&doc), "{doc:?}");
        }
    }

    /// Every AWS managed policy, when the corpus is beside the checkout.
    #[test]
    fn agrees_with_the_definition_on_the_managed_policies() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/managed-policies/latest"
        );
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            assert_eq!(counted(&text), reference(&text), "{:?}", e.path());
        }
    }
}
