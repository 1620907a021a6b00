//! `DEPRECATED_GLOBAL_CONDITION_KEY`: the retired global key `aws:ARN`.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: DeprecatedGlobalConditionKey = DeprecatedGlobalConditionKey;

/// Reports `aws:ARN`, for which AWS names `aws:PrincipalArn` as the successor.
pub struct DeprecatedGlobalConditionKey;

static INFO: RuleInfo = RuleInfo {
    code: "DEPRECATED_GLOBAL_CONDITION_KEY",
    finding_type: FindingType::Warning,
    summary: "The deprecated global key `aws:ARN` is used; `aws:PrincipalArn` replaces it.",
    documentation: "What: a condition on `aws:ARN` (any capitalisation), the one global key AWS's check reference lists as deprecated.\nWhy: the key is retired; AWS recommends `aws:PrincipalArn` to compare the caller's ARN. The same key also draws `UNSUPPORTED_GLOBAL_CONDITION_KEY`, the error that says it has no effect.\nExample: `\"ArnLike\": {\"aws:ARN\": \"arn:aws:iam::111122223333:role/Deploy*\"}`.\nFix: rename the key to `aws:PrincipalArn` (or, for the resource a service acts for, `aws:SourceArn`).",
};

impl Rule for DeprecatedGlobalConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if let KeyClass::UnsupportedArn = classify(&c.key.value) {
                out.report(
                    c.key.span,
                    "aws:ARN is deprecated; use the newer key aws:PrincipalArn",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "DEPRECATED_GLOBAL_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"ArnNotLike": {"AWS:ARN": "arn:aws:iam::111122223333:role/Deploy*"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""AWS:ARN""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Deploy*", "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
