//! `MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY`: a trust policy trusts
//! IAM Roles Anywhere without all of the actions it needs.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_catalog::glob::glob_match;
use warden_policy::policy::{Effect, PrincipalKind, PrincipalValue, Spanned, Statement};

/// The rule.
pub static RULE: RolesAnywhereActions = RolesAnywhereActions;

/// Reports the `rolesanywhere.amazonaws.com` principal values when the Allow
/// statements that name it do not together grant the three actions.
pub struct RolesAnywhereActions;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
    finding_type: FindingType::Error,
    summary: "A trust of IAM Roles Anywhere lacks `sts:AssumeRole`, `sts:SetSourceIdentity` or `sts:TagSession`.",
    documentation: "What: a role trust policy allows the `rolesanywhere.amazonaws.com` service principal, but its Allow statements for that principal do not grant, between them, all of `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` (wildcards such as `sts:*` count).\nWhy: Roles Anywhere sets the source identity and session tags from the client certificate whenever it assumes a role; without all three permissions it cannot deliver credentials for the role.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"rolesanywhere.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}`.\nFix: `\"Action\": [\"sts:AssumeRole\", \"sts:SetSourceIdentity\", \"sts:TagSession\"]`, usually with conditions on the trust anchor (`aws:SourceArn`).",
};

const SERVICE: &str = "rolesanywhere.amazonaws.com";
const NEEDED: [&str; 3] = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

/// The statement's `rolesanywhere.amazonaws.com` values.
fn roles_anywhere(st: &Statement) -> Vec<&Spanned<String>> {
    match st
        .principal
        .as_ref()
        .filter(|p| !p.negated)
        .map(|p| &p.value)
    {
        Some(PrincipalValue::Typed(entries)) => entries
            .iter()
            .filter(|e| e.kind == PrincipalKind::Service)
            .flat_map(|e| &e.values)
            .filter(|v| v.value.eq_ignore_ascii_case(SERVICE))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether the statement's action element grants `action`.
fn grants(st: &Statement, action: &str) -> bool {
    st.action.as_ref().is_some_and(|a| {
        let listed = a.values.iter().any(|v| glob_match(&v.value, action, true));
        listed != a.negated
    })
}

impl Rule for RolesAnywhereActions {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        let trusting: Vec<(&Statement, Vec<&Spanned<String>>)> = cx
            .policy
            .iter()
            .flat_map(|p| &p.statements)
            .filter(|st| st.effect.value == Effect::Allow)
            .map(|st| (st, roles_anywhere(st)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let missing: Vec<&str> = NEEDED
            .iter()
            .copied()
            .filter(|n| !trusting.iter().any(|(st, _)| grants(st, n)))
            .collect();
        if missing.is_empty() {
            return;
        }
        for v in trusting.iter().flat_map(|(_, v)| v) {
            out.report(
                v.span,
                format!(
                    "the {SERVICE} service principal needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession; missing: {}",
                    missing.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""rolesanywhere.amazonaws.com""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": "sts:*"}]}"#,
            // Split over two statements.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:TagSession", "sts:SetSourceIdentity"]}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
