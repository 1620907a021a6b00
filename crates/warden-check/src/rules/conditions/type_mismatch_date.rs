//! `TYPE_MISMATCH_DATE`: a date operator's value is not a date.

use super::value_type::ValueType;
use super::values::{is_epoch, is_iso8601};
use crate::finding::{FindingType, RuleInfo};
use warden_policy::operator::Family;
use warden_policy::policy::{ConditionValue, ScalarKind};

/// Epoch values are valid here: `INVALID_DATE_VALUE` reports them.
fn valid(v: &ConditionValue) -> bool {
    v.kind != ScalarKind::Bool && (is_epoch(&v.text) || is_iso8601(&v.text))
}

/// The rule.
pub static RULE: ValueType = ValueType::new(
    RuleInfo {
        code: "TYPE_MISMATCH_DATE",
        finding_type: FindingType::Warning,
        summary: "A `Date...` operator has a value that is not a date.",
        documentation: "What: a value of `DateEquals`, `DateLessThan` and the other date operators that is neither an ISO 8601 date or date-time (`2024-06-30`, `2024-06-30T12:00:00Z`) nor an epoch time (those are reported by `INVALID_DATE_VALUE`).\nWhy: a value that is not a date cannot be compared with the request's time, so the condition does not do what it says.\nExample: `\"DateLessThan\": {\"aws:CurrentTime\": \"30/06/2024\"}`.\nFix: write the date as `YYYY-MM-DD` or a full ISO 8601 date-time.",
    },
    Family::Date,
    valid,
    "an ISO 8601 date",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "TYPE_MISMATCH_DATE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": ["2024-06-30", "30/06/2024"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""30/06/2024""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": ["2024-06-30T12:00:00Z", "1719748800"]}, "StringEquals": {"aws:UserAgent": "30/06/2024"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
