//! `UNSUPPORTED_GLOBAL_CONDITION_KEY`: the `aws:ARN` condition key.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: UnsupportedGlobalConditionKey = UnsupportedGlobalConditionKey;

/// Reports `aws:ARN`.
pub struct UnsupportedGlobalConditionKey;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_GLOBAL_CONDITION_KEY",
    finding_type: FindingType::Error,
    summary: "The unsupported global key `aws:ARN` is used.",
    documentation: "What: a condition on `aws:ARN` (any capitalisation).\nWhy: AWS does not support the key in policies; it does not identify the caller or the calling resource, so the condition cannot express what it seems to. (AWS's reference also lists `DEPRECATED_GLOBAL_CONDITION_KEY`, a warning with the same trigger that names `aws:PrincipalArn` as the successor; Warden reports both.)\nExample: `\"ArnEquals\": {\"aws:ARN\": \"arn:aws:iam::111122223333:role/Ops\"}`.\nFix: compare the caller with `aws:PrincipalArn`, or the resource making a service-to-service request with `aws:SourceArn`.",
};

impl Rule for UnsupportedGlobalConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if let KeyClass::UnsupportedArn = classify(&c.key.value) {
                out.report(
                    c.key.span,
                    "the condition key aws:ARN is not supported; use aws:PrincipalArn or aws:SourceArn",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "UNSUPPORTED_GLOBAL_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnEquals": {"aws:arn": "arn:aws:iam::111122223333:role/Ops"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![r#""aws:arn""#.to_string()]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Ops", "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t", "aws:ARNs": "x"}}}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
    }
}
