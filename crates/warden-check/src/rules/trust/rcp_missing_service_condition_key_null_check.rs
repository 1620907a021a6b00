//! `RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK`: an RCP Deny keyed on the
//! service's source without checking that the request carries a source key.

use super::rcp_missing_related_principal_condition_key::{Guard, KeySet, RcpConditionKeyCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: RcpConditionKeyCheck = RcpConditionKeyCheck::new(
    RuleInfo {
        code: "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK",
        finding_type: FindingType::Warning,
        summary: "An RCP Deny on source keys does not check that the request has one.",
        documentation: "What: a Deny statement of a resource control policy has a condition on `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID` or `aws:SourceOrgPaths` that holds when the key is absent (a negated operator, `...IfExists`, `ForAllValues:`), and no `Null` condition requires one of those keys to be present (`\"false\"`).\nWhy: not every request of a service principal carries source keys: a service acting for no particular resource sends none. Without the presence check, the Deny also blocks those service integrations.\nExample: `\"Condition\": {\"StringNotEqualsIfExists\": {\"aws:SourceAccount\": \"111122223333\"}, \"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}}` in an RCP Deny.\nFix: add `\"Null\": {\"aws:SourceAccount\": \"false\"}` (or the same check on `aws:SourceArn`), so that the statement only applies when the service says whom it acts for.",
    },
    KeySet::Source,
    Guard::SourceKeyPresent,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, rcp, resource};

    const CODE: &str = "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK";

    fn policy(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"{"StringNotEqualsIfExists": {"aws:SourceAccount": "111122223333"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}"#,
        );
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""aws:SourceAccount""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
        // A Null check that the key may be absent is no presence check.
        let src = policy(
            r#"{"StringNotEquals": {"aws:SourceArn": "arn:aws:s3:::example-bucket"}, "Null": {"aws:SourceArn": "true"}}"#,
        );
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""aws:SourceArn""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        for c in [
            r#"{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-exampleorgid"}, "Null": {"aws:SourceAccount": "false"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}"#,
            r#"{"StringEquals": {"aws:SourceAccount": "444455556666"}}"#,
        ] {
            let got = findings_of(CODE, &policy(c), rcp());
            assert!(got.is_empty(), "{c}: {got:?}");
        }
        let src = policy(r#"{"StringNotEquals": {"aws:SourceAccount": "111122223333"}}"#);
        assert!(findings_of(CODE, &src, resource()).is_empty());
    }
}
