//! `REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION`: a negated wildcard
//! condition on a key that every request carries, so the statement never
//! applies.

use super::super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: RedundantStatementDueToWildcard = RedundantStatementDueToWildcard;

/// Reports the `*` value of `StringNotLike`/`ArnNotLike` conditions on keys
/// that are always in the request context.
pub struct RedundantStatementDueToWildcard;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION",
    finding_type: FindingType::Suggestion,
    summary: "A negated wildcard condition can never match, so the statement never applies.",
    documentation: "What: a `StringNotLike` or `ArnNotLike` condition (with or without `IfExists`) lists a value made only of `*`, on a key that every request carries: `aws:CurrentTime`, `aws:EpochTime`, `aws:SecureTransport`, `aws:RequestedRegion`, and in identity policies and SCPs (which only see signed requests) `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType` and `aws:userid`. Every value of the key matches `*`, so \"matches none of these\" is never true and neither is the statement's condition.\nWhy: the statement has no effect at all; the author probably meant the positive operator, or a narrower value.\nExample: `\"Condition\": {\"StringNotLike\": {\"aws:PrincipalArn\": \"*\"}}` in an identity policy.\nFix: remove the statement, or write the condition that was intended (`StringLike`, or a specific pattern).",
};

/// Keys in the context of every request.
const ALWAYS: &[&str] = &[
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:SecureTransport",
    "aws:RequestedRegion",
];

/// Keys in the context of every signed request.
const SIGNED: &[&str] = &[
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalType",
    "aws:userid",
];

impl Rule for RedundantStatementDueToWildcard {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let signed_only = matches!(
            cx.options.policy_type,
            PolicyType::Identity | PolicyType::ServiceControl
        );
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for c in &st.conditions {
                let Some(op) = c.operator else { continue };
                if op.set.is_some()
                    || !matches!(
                        op.kind,
                        OperatorKind::StringNotLike | OperatorKind::ArnNotLike
                    )
                {
                    continue;
                }
                let key = c.key.value.as_str();
                let always = ALWAYS.iter().any(|k| k.eq_ignore_ascii_case(key))
                    || (signed_only && SIGNED.iter().any(|k| k.eq_ignore_ascii_case(key)));
                if !always {
                    continue;
                }
                if let Some(v) = c
                    .values
                    .iter()
                    .find(|v| !v.text.is_empty() && v.text.bytes().all(|b| b == b'*'))
                {
                    out.report(
                        v.span,
                        format!(
                            "`{key}` is in every request and every value matches `*`, so `{}` is never true and the statement never applies",
                            c.operator_text.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION";

    fn policy(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"{"StringNotLike": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:role/ops", "*"]}}"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""*""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#"{"StringNotLikeIfExists": {"aws:requestedregion": "**"}}"#);
        assert_eq!(
            findings_of(CODE, &src, resource()),
            vec![r#""**""#.to_string()]
        );
        assert_findings!(CODE, &src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for (c, o) in [
            // Anonymous requests to a resource carry no principal ARN.
            (
                r#"{"StringNotLike": {"aws:PrincipalArn": "*"}}"#,
                resource(),
            ),
            (r#"{"StringLike": {"aws:PrincipalArn": "*"}}"#, identity()),
            (
                r#"{"StringNotLike": {"aws:PrincipalArn": "arn:*"}}"#,
                identity(),
            ),
            (
                r#"{"StringNotLike": {"aws:PrincipalTag/team": "*"}}"#,
                identity(),
            ),
            (
                r#"{"ForAnyValue:StringNotLike": {"aws:PrincipalArn": "*"}}"#,
                identity(),
            ),
        ] {
            let got = findings_of(CODE, &policy(c), o);
            assert!(got.is_empty(), "{c}: {got:?}");
        }
    }
}
