//! `TYPE_MISMATCH_STRING`: a `BinaryEquals` value is not base64.

use super::value_type::ValueType;
use super::values::is_base64;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::operator::Family;
use warden_policy::policy::{ConditionValue, ScalarKind};

fn valid(v: &ConditionValue) -> bool {
    v.kind == ScalarKind::String && is_base64(&v.text)
}

/// The rule.
pub static RULE: ValueType = ValueType::new(
    RuleInfo {
        code: "TYPE_MISMATCH_STRING",
        finding_type: FindingType::Warning,
        summary: "A `BinaryEquals` value is not a base64-encoded string.",
        documentation: "What: a value of `BinaryEquals` (or `BinaryEqualsIfExists`) that is not a base64-encoded string. AWS names this check after the string the operator expects, but it concerns the binary operator.\nWhy: `BinaryEquals` compares the key's bytes with the decoded value; a value that does not decode never matches.\nExample: `\"BinaryEquals\": {\"key\": \"not base64!\"}`.\nFix: base64-encode the bytes to compare, e.g. `\"QmluYXJ5VmFsdWU=\"`.",
    },
    Family::Binary,
    valid,
    "a base64-encoded string",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "TYPE_MISMATCH_STRING";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"BinaryEquals": {"aws:UserAgent": ["QmluYXJ5VmFsdWU=", "not base64!"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""not base64!""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"BinaryEquals": {"aws:UserAgent": "QmluYXJ5VmFsdWU="}, "StringEquals": {"aws:UserAgent": "not base64!"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
