//! `REDUNDANT_CONDITION_VALUE_NUM`: several values under a numeric ordering
//! operator, where only the widest one counts.

use super::util::conditions;
use super::values::is_number;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: RedundantConditionValueNum = RedundantConditionValueNum;

/// Reports numeric `LessThan`/`GreaterThan` conditions with several values.
pub struct RedundantConditionValueNum;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_CONDITION_VALUE_NUM",
    finding_type: FindingType::Suggestion,
    summary: "A numeric comparison lists several values; only the greatest (or least) one matters.",
    documentation: "What: `NumericLessThan`, `NumericLessThanEquals`, `NumericGreaterThan` or `NumericGreaterThanEquals` with two or more numbers for one key.\nWhy: the values are alternatives (any one may match), so for the `LessThan` operators the greatest value includes every other one, and for the `GreaterThan` operators the least does; the rest only make the condition harder to read.\nExample: `\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": [\"1800\", \"3600\"]}` allows MFA up to an hour old, exactly as `\"3600\"` alone.\nFix: keep the single greatest (`LessThan`) or least (`GreaterThan`) value.",
};

impl Rule for RedundantConditionValueNum {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        use OperatorKind::*;
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            let greatest = match op.kind {
                NumericLessThan | NumericLessThanEquals => true,
                NumericGreaterThan | NumericGreaterThanEquals => false,
                _ => continue,
            };
            if c.values.len() < 2 {
                continue;
            }
            let numbers: Option<Vec<(f64, &str)>> = c
                .values
                .iter()
                .map(|v| {
                    is_number(&v.text)
                        .then(|| v.text.parse::<f64>().ok())
                        .flatten()
                        .map(|n| (n, v.text.as_str()))
                })
                .collect();
            let Some(numbers) = numbers else { continue };
            let keep = numbers.iter().copied().reduce(|a, b| {
                if (b.0 > a.0) == greatest && b.0 != a.0 {
                    b
                } else {
                    a
                }
            });
            let Some((_, keep)) = keep else { continue };
            out.report(
                c.values_span,
                format!(
                    "the values of {} under {} are alternatives; the {} value {keep} covers the others, so keep only it",
                    c.key.value,
                    c.operator_text.value,
                    if greatest { "greatest" } else { "least" }
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "REDUNDANT_CONDITION_VALUE_NUM";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ["1800", "3600"]}, "NumericGreaterThanEquals": {"s3:TlsVersion": [1.3, 1.2]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#"["1800", "3600"]"#.to_string(), "[1.3, 1.2]".to_string()]
        );
        assert_findings!(CODE, src, identity());
        let out = crate::check(src, &identity());
        let msgs: Vec<&str> = out
            .iter()
            .filter(|f| f.code == CODE)
            .map(|f| f.message.as_str())
            .collect();
        assert!(msgs[0].contains("greatest value 3600"), "{}", msgs[0]);
        assert!(msgs[1].contains("least value 1.2"), "{}", msgs[1]);
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}, "NumericEquals": {"s3:max-keys": ["10", "20"]}, "NumericGreaterThan": {"s3:TlsVersion": ["1.2", "${aws:MultiFactorAuthAge}"]}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
