//! `MISSING_ACTION`: A statement has neither `Action` nor `NotAction`.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "MISSING_ACTION",
        finding_type: FindingType::Error,
        summary: "A statement has neither `Action` nor `NotAction`.",
        documentation: "What: the statement names no actions.\nWhy: AWS rejects the policy.\nExample: a statement with only Effect and Resource.\nFix: add `Action` (or, rarely, `NotAction`).",
    },
    "missing-action",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str =
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("MISSING_ACTION", TRIGGER, identity()),
            vec![r#"{"#.to_string()]
        );
        assert_findings!("MISSING_ACTION", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("MISSING_ACTION", NEAR_MISS, identity()).is_empty());
    }
}
