//! `WARDEN_EXTERNAL_TRUST_WITHOUT_EXTERNAL_ID`: a role trust policy lets
//! another account assume the role without an `sts:ExternalId` condition.

use super::reach::grants;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::{PrincipalKind, PrincipalValue, Statement};
use warden_policy::Span;

/// The rule.
pub static RULE: ExternalTrust = ExternalTrust;

/// Reports, once per statement of a role trust policy, the first `AWS`
/// principal value that names an account (or everyone) in an Allow of
/// `sts:AssumeRole` without a condition on `sts:ExternalId`,
/// `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` or `aws:PrincipalAccount`.
pub struct ExternalTrust;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_EXTERNAL_TRUST_WITHOUT_EXTERNAL_ID",
    finding_type: FindingType::SecurityWarning,
    summary: "A role trust policy lets other accounts assume the role without `sts:ExternalId`.",
    documentation: "What: an Allow statement of a role trust policy that grants `sts:AssumeRole` (exactly, by a wildcard, or through `NotAction`) to an `AWS` principal naming an account (a 12-digit ID or any IAM or STS ARN) or to everyone (`*`), with no condition on `sts:ExternalId` and none pinning the caller to your organization or account (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`). Offline, the account the role lives in is unknown, so every named account counts as external: for a principal in the role's own account the finding can be dismissed, or silenced by adding `aws:PrincipalAccount`.\nWhy: a third party that assumes roles in many customers' accounts (a SaaS vendor, a monitoring service) can be tricked into using its access to your role on behalf of another customer: the confused-deputy problem. The external ID, agreed with the vendor and unique to you, is what tells your role the vendor is acting for you. For `*`, anyone with AWS credentials can try the role.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"sts:AssumeRole\"}`.\nFix: add `\"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<the ID agreed with the third party>\"}}`; for principals of your own organization, condition on `aws:PrincipalOrgID` instead; never trust `*` without such a condition.",
};

/// Condition keys that answer the finding.
const ANSWERS: &[&str] = &[
    "sts:ExternalId",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
];

impl Rule for ExternalTrust {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if !grants(st, "sts:AssumeRole") || answered(st) {
                continue;
            }
            if let Some((span, who)) = external_principal(st) {
                out.report(
                    span,
                    format!("{who} may assume the role without an sts:ExternalId condition"),
                );
            }
        }
    }
}

/// Whether a positive condition on one of [`ANSWERS`] is present (`Null`
/// checks and negated operators do not pin a value).
fn answered(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        let op = c.operator_text.value.to_ascii_lowercase();
        !op.starts_with("null")
            && !op.contains("not")
            && ANSWERS.iter().any(|k| c.key.value.eq_ignore_ascii_case(k))
    })
}

/// The first `AWS` principal that may be another account, and a description.
fn external_principal(st: &Statement) -> Option<(Span, String)> {
    let p = st.principal.as_ref().filter(|p| !p.negated)?;
    match &p.value {
        PrincipalValue::Wildcard => Some((p.span, "every AWS principal".to_string())),
        PrincipalValue::Typed(entries) => entries
            .iter()
            .filter(|e| e.kind == PrincipalKind::Aws)
            .flat_map(|e| &e.values)
            .find_map(|v| {
                if v.value == "*" {
                    return Some((v.span, "every AWS principal".to_string()));
                }
                account_of(&v.value).map(|a| (v.span, format!("account {a}")))
            }),
    }
}

/// The account a principal value names: a bare 12-digit ID, or the account
/// field of an IAM or STS ARN.
fn account_of(value: &str) -> Option<&str> {
    if warden_policy::arn::is_account_id(value) {
        return Some(value);
    }
    let [arn, _, service, _, account, _] = warden_policy::arn::split_fields(value)?;
    (arn == "arn" && matches!(service, "iam" | "sts") && warden_policy::arn::is_account_id(account))
        .then_some(account)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "WARDEN_EXTERNAL_TRUST_WITHOUT_EXTERNAL_ID";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com", "AWS": ["arn:aws:iam::444455556666:root", "111122223333"]}, "Action": "sts:AssumeRole"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""arn:aws:iam::444455556666:root""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:*", "Condition": {"Null": {"sts:ExternalId": "false"}}}]}"#;
        assert_eq!(findings_of(CODE, src, trust()), vec![r#""*""#.to_string()]);
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "a1b2c3"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:TagSession"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
        // Role trust policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
