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

/// The number of characters of `source` outside JSON's insignificant
/// whitespace (spaces, tabs and line breaks between tokens; whitespace inside
/// strings counts).
fn chars_without_whitespace(source: &str) -> usize {
    // A character is counted at its first byte: every byte that changes the
    // state is ASCII, and UTF-8 continuation bytes never are. One table
    // lookup per byte (no branches) instead of a chain of tests: large
    // policies are tens of kilobytes.
    let mut n = 0;
    let mut state = OUTSIDE;
    for &b in source.as_bytes() {
        let step = SIZE_STEPS[state & 3][usize::from(b)];
        n += usize::from(step & 1);
        state = usize::from(step >> 1);
    }
    n
}

/// States of [`chars_without_whitespace`]: between tokens, in a string, in a
/// string right after a backslash.
const OUTSIDE: usize = 0;
const IN_STRING: usize = 1;
const ESCAPED: usize = 2;

/// For each state and byte: the next state (shifted left by one) and whether
/// the byte starts a counted character (the low bit).
const SIZE_STEPS: [[u8; 256]; 4] = {
    let mut table = [[0u8; 256]; 4];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let starts = byte & 0xC0 != 0x80;
        let space = matches!(byte, b' ' | b'\t' | b'\n' | b'\r');
        let (next_out, count_out) = if !starts || space {
            (OUTSIDE, false)
        } else if byte == b'"' {
            (IN_STRING, true)
        } else {
            (OUTSIDE, true)
        };
        let next_in = match byte {
            b'"' => OUTSIDE,
            b'\\' => ESCAPED,
            _ => IN_STRING,
        };
        // Continuation bytes leave an escape pending, as they are skipped.
        let next_escaped = if starts { IN_STRING } else { ESCAPED };
        table[OUTSIDE][b] = ((next_out as u8) << 1) | count_out as u8;
        table[IN_STRING][b] = ((next_in as u8) << 1) | starts as u8;
        table[ESCAPED][b] = ((next_escaped as u8) << 1) | starts as u8;
        table[3][b] = table[OUTSIDE][b];
        b += 1;
    }
    table
};

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
        assert_eq!(
            super::chars_without_whitespace("{ \"\u{e9} \u{1f600}\" : \"\\\u{e9}\" }"),
            12
        );
        assert_eq!(super::chars_without_whitespace(" \"a\\\"b\" "), 6);
        assert_eq!(super::chars_without_whitespace("\"a b"), 4);
        assert_eq!(super::chars_without_whitespace("\"a\\"), 3);
        assert_eq!(super::chars_without_whitespace(""), 0);
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
    fn agrees_with_the_definition_on_every_short_text() {
        let alphabet = [' ', '"', '\\', 'a', '\u{e9}', '\n', '\u{1f600}'];
        let mut text = String::new();
        for mut i in 0..alphabet.len().pow(6) {
            text.clear();
            while i > 0 {
                text.push(alphabet[i % alphabet.len()]);
                i /= alphabet.len();
            }
            assert_eq!(
                super::chars_without_whitespace(&text),
                reference(&text),
                "{text:?}"
            );
        }
    }
}
