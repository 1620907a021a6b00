//! `TYPE_MISMATCH_BOOLEAN`: a `Bool` operator's value is not `true` or `false`.

use super::value_type::ValueType;
use super::values::is_bool;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::operator::Family;
use warden_policy::policy::{ConditionValue, ScalarKind};

fn valid(v: &ConditionValue) -> bool {
    v.kind == ScalarKind::Bool || (v.kind == ScalarKind::String && is_bool(&v.text))
}

/// The rule.
pub static RULE: ValueType = ValueType::new(
    RuleInfo {
        code: "TYPE_MISMATCH_BOOLEAN",
        finding_type: FindingType::Warning,
        summary: "A `Bool` operator has a value that is not `true` or `false`.",
        documentation: "What: a value of `Bool` (or `BoolIfExists`) other than `true` or `false`, written as a JSON Boolean or a string.\nWhy: the key's value is `true` or `false`; any other value never matches, so an Allow grants nothing and a Deny never applies.\nExample: `\"Bool\": {\"aws:SecureTransport\": \"yes\"}`.\nFix: use `\"true\"` or `\"false\"`.",
    },
    Family::Bool,
    valid,
    "true or false",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "TYPE_MISMATCH_BOOLEAN";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ["yes", 1]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""yes""#.to_string(), "1".to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false", "aws:ViaAWSService": false}, "StringEquals": {"aws:UserAgent": "yes"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
