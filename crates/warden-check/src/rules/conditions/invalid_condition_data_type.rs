//! `INVALID_CONDITION_DATA_TYPE`: one condition key compared with values of
//! different JSON types.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: InvalidConditionDataType = InvalidConditionDataType;

/// Reports value lists that mix strings, numbers and Booleans.
pub struct InvalidConditionDataType;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_CONDITION_DATA_TYPE",
    finding_type: FindingType::Error,
    summary: "The values of one condition key mix JSON types.",
    documentation: "What: a condition key whose list of values mixes JSON strings, numbers and Booleans, such as `[\"2700\", 3600]` or `[true, \"false\"]`.\nWhy: AWS requires the values given for one key to share one JSON type; a mixed list is rejected or read in a way that depends on the type of each element.\nExample: `\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": [\"3600\", 7200]}`.\nFix: write every value with the same JSON type; quoting them all as strings always works (`[\"3600\", \"7200\"]`).",
};

fn kind_name(k: ScalarKind) -> &'static str {
    match k {
        ScalarKind::String => "string",
        ScalarKind::Number => "number",
        ScalarKind::Bool => "Boolean",
    }
}

impl Rule for InvalidConditionDataType {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let mut kinds: Vec<ScalarKind> = Vec::new();
            for v in &c.values {
                if !kinds.contains(&v.kind) {
                    kinds.push(v.kind);
                }
            }
            if kinds.len() > 1 {
                let names: Vec<&str> = kinds.iter().map(|k| kind_name(*k)).collect();
                out.report(
                    c.values_span,
                    format!(
                        "the values of {} mix JSON types ({}); give them all the same type",
                        c.key.value,
                        names.join(", ")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_CONDITION_DATA_TYPE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ["3600", 7200]}, "Bool": {"aws:SecureTransport": [true, "true"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#"["3600", 7200]"#.to_string(),
                r#"[true, "true"]"#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 7200]}, "Bool": {"aws:SecureTransport": true}, "StringEquals": {"aws:PrincipalAccount": ["111122223333", "444455556666"]}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
