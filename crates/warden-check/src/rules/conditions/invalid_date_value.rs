//! `INVALID_DATE_VALUE`: a date operator's value is an epoch time.

use super::util::conditions;
use super::values::is_epoch;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: InvalidDateValue = InvalidDateValue;

/// Reports epoch values of date operators.
pub struct InvalidDateValue;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_DATE_VALUE",
    finding_type: FindingType::Warning,
    summary: "A `Date...` operator has an epoch time instead of an ISO 8601 date.",
    documentation: "What: a value of a date operator written as a Unix epoch time (only digits, as a string or a number). Conditions on `aws:EpochTime`, a key that holds epoch seconds, are exempt.\nWhy: epoch values may not resolve to the instant the author meant (seconds versus milliseconds, time zones are invisible); ISO 8601 is unambiguous and readable.\nExample: `\"DateGreaterThan\": {\"aws:TokenIssueTime\": \"1719748800\"}`.\nFix: write the instant as ISO 8601, e.g. `\"2024-06-30T12:00:00Z\"`.",
};

impl Rule for InvalidDateValue {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != Family::Date || c.key.value.eq_ignore_ascii_case("aws:EpochTime")
            {
                continue;
            }
            for v in &c.values {
                if v.kind != ScalarKind::Bool && is_epoch(&v.text) {
                    out.report(
                        v.span,
                        format!(
                            "the date `{}` is an epoch time and may not resolve as expected; use YYYY-MM-DD or another ISO 8601 form",
                            v.text
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_DATE_VALUE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:TokenIssueTime": ["1719748800", 1719748801, "2024-06-30"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""1719748800""#.to_string(), "1719748801".to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:TokenIssueTime": "2024-06-30T12:00:00Z"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateLessThan": {"aws:EpochTime": "1719748800"}, "NumericLessThan": {"s3:max-keys": "1719748800"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
