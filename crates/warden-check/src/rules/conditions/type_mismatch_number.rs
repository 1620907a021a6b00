//! `TYPE_MISMATCH_NUMBER`: a numeric operator's value is not a number.

use super::value_type::ValueType;
use super::values::is_number;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::operator::Family;
use warden_policy::policy::{ConditionValue, ScalarKind};

fn valid(v: &ConditionValue) -> bool {
    v.kind != ScalarKind::Bool && is_number(&v.text)
}

/// The rule.
pub static RULE: ValueType = ValueType::new(
    RuleInfo {
        code: "TYPE_MISMATCH_NUMBER",
        finding_type: FindingType::Warning,
        summary: "A `Numeric...` operator has a value that is not a number.",
        documentation: "What: a value of `NumericEquals`, `NumericLessThan` and the other numeric operators that is not a decimal number (digits with an optional sign and fraction).\nWhy: a value that is not a number never compares equal, less or greater, so the condition does not do what it says.\nExample: `\"NumericLessThanEquals\": {\"s3:max-keys\": \"ten\"}`.\nFix: write the number, e.g. `\"10\"` or `10`.",
    },
    Family::Numeric,
    valid,
    "a number",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "TYPE_MISMATCH_NUMBER";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"NumericLessThanEquals": {"s3:max-keys": ["10", "ten", true]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""ten""#.to_string(), "true".to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"NumericLessThanEquals": {"s3:max-keys": ["10", 20, "-1.5"]}, "StringEquals": {"s3:prefix": "ten"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
