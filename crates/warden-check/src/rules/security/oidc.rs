//! Shared helpers of the rules on web-identity (OIDC) principals in role
//! trust policies.

use super::reach::grants;
use warden_policy::policy::{Condition, PrincipalKind, PrincipalValue, Spanned, Statement};

/// GitHub Actions' OIDC provider host.
pub const GITHUB: &str = "token.actions.githubusercontent.com";

/// The `Federated` principal values of an Allow statement granting
/// `sts:AssumeRoleWithWebIdentity` that name an OIDC provider, each with the
/// provider's name as condition keys use it (`token.actions.githubusercontent.com`,
/// `oidc.eks.us-east-1.amazonaws.com/id/ABC`, `accounts.google.com`). SAML
/// providers and malformed values are skipped.
pub fn oidc_principals(st: &Statement) -> Vec<(&Spanned<String>, &str)> {
    if !grants(st, "sts:AssumeRoleWithWebIdentity") {
        return Vec::new();
    }
    let Some(p) = st.principal.as_ref().filter(|p| !p.negated) else {
        return Vec::new();
    };
    let PrincipalValue::Typed(entries) = &p.value else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| e.kind == PrincipalKind::Federated)
        .flat_map(|e| &e.values)
        .filter_map(|v| provider(&v.value).map(|name| (v, name)))
        .collect()
}

/// The provider name of an OIDC `Federated` value: the part after
/// `oidc-provider/` of an IAM ARN, or a bare domain name that is not a SAML
/// provider ARN.
fn provider(value: &str) -> Option<&str> {
    if value.starts_with("arn:") {
        let [_, _, service, _, _, resource] = warden_policy::arn::split_fields(value)?;
        if service != "iam" {
            return None;
        }
        return resource
            .strip_prefix("oidc-provider/")
            .filter(|n| !n.is_empty());
    }
    let domain = !value.is_empty()
        && value.contains('.')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'/' | b'_'));
    domain.then_some(value)
}

/// The conditions of the statement that pin a value of `key` (ignoring
/// case): not `Null` checks and not negated operators, which leave every
/// other value allowed.
pub fn pinning_conditions<'s>(
    st: &'s Statement,
    key: &'s str,
) -> impl Iterator<Item = &'s Condition> + 's {
    st.conditions.iter().filter(move |c| {
        let op = c.operator_text.value.to_ascii_lowercase();
        !op.starts_with("null") && !op.contains("not") && c.key.value.eq_ignore_ascii_case(key)
    })
}

#[cfg(test)]
mod tests {
    use super::provider;

    #[test]
    fn providers() {
        assert_eq!(
            provider("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"),
            Some("token.actions.githubusercontent.com")
        );
        assert_eq!(provider("accounts.google.com"), Some("accounts.google.com"));
        assert_eq!(
            provider("arn:aws:iam::111122223333:saml-provider/okta"),
            None
        );
    }
}
