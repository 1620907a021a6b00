//! `RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY`: an RCP Deny keyed
//! on the service's source that does not limit itself to service principals.

use super::rcp_missing_related_principal_condition_key::{Guard, KeySet, RcpConditionKeyCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: RcpConditionKeyCheck = RcpConditionKeyCheck::new(
    RuleInfo {
        code: "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY",
        finding_type: FindingType::Warning,
        summary: "An RCP Deny on source keys does not limit itself to AWS service principals.",
        documentation: "What: a Deny statement of a resource control policy has a condition on a key that AWS services send about the resource they act for (`aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`, `aws:SourceOrgPaths`) that holds when the key is absent (a negated operator, `...IfExists`, `ForAllValues:`), but no condition `aws:PrincipalIsAWSService` is `true` (`Bool` or `BoolIfExists`).\nWhy: requests from IAM users and roles carry no source keys, so the condition is true for them and the Deny meant for confused-deputy protection blocks the account's own principals too.\nExample: `\"Condition\": {\"StringNotEqualsIfExists\": {\"aws:SourceOrgID\": \"o-exampleorgid\"}}` alone in an RCP Deny.\nFix: add `\"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}` so that the statement only governs service principals.",
    },
    KeySet::Source,
    Guard::PrincipalIsAwsService("true"),
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, rcp};

    const CODE: &str = "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY";

    fn policy(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-exampleorgid"}, "Null": {"aws:SourceAccount": "false"}}"#,
        );
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""aws:SourceOrgID""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        for c in [
            r#"{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-exampleorgid"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}"#,
            r#"{"StringEquals": {"aws:SourceAccount": "444455556666"}}"#,
            r#"{"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}"#,
        ] {
            let got = findings_of(CODE, &policy(c), rcp());
            assert!(got.is_empty(), "{c}: {got:?}");
        }
        let src = policy(r#"{"StringNotEquals": {"aws:SourceAccount": "111122223333"}}"#);
        assert!(findings_of(CODE, &src, identity()).is_empty());
    }
}
