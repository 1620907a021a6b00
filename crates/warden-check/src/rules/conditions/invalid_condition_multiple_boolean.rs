//! `INVALID_CONDITION_MULTIPLE_BOOLEAN`: several values for a key that
//! carries one Boolean.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_catalog::ConditionType;
use warden_policy::operator::Family;

/// The rule.
pub static RULE: InvalidConditionMultipleBoolean = InvalidConditionMultipleBoolean;

/// Reports `Bool` conditions on single-valued Boolean keys with more than one
/// value.
pub struct InvalidConditionMultipleBoolean;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_CONDITION_MULTIPLE_BOOLEAN",
    finding_type: FindingType::Error,
    summary: "A single-valued Boolean condition key is given several values.",
    documentation: "What: a `Bool` condition without a set qualifier whose key the catalog types as `Bool` (`aws:SecureTransport`, `aws:MultiFactorAuthPresent`, ...) and whose value is an array of more than one Boolean.\nWhy: the key is either true or false; a list such as `[\"true\", \"false\"]` matches every request that carries the key, so the condition does not test what it seems to.\nExample: `\"Bool\": {\"aws:SecureTransport\": [\"true\", \"false\"]}`.\nFix: give a single value (`\"Bool\": {\"aws:SecureTransport\": \"true\"}`); to test whether the key is present at all, use `Null`.",
};

impl Rule for InvalidConditionMultipleBoolean {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != Family::Bool || op.set.is_some() || c.values.len() < 2 {
                continue;
            }
            let KeyClass::Known(key) = classify(&c.key.value) else {
                continue;
            };
            if key.condition_type() == ConditionType::Bool {
                out.report(
                    c.values_span,
                    format!(
                        "The condition key {} does not support multiple Boolean values; use a single Boolean value",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_CONDITION_MULTIPLE_BOOLEAN";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ["true", "false"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#"["true", "false"]"#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/x": ["true", "false"]}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
