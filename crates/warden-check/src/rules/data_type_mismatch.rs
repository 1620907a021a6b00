//! `DATA_TYPE_MISMATCH`: An element has the wrong JSON type.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "DATA_TYPE_MISMATCH",
        finding_type: FindingType::Error,
        summary: "An element has the wrong JSON type.",
        documentation: "What: an element's value has a JSON type the policy grammar does not accept, such as a number for `Effect` or an object for `Action`.\nWhy: AWS rejects the policy.\nExample: `\"Action\": 3`.\nFix: use the type the grammar requires (strings, or arrays of strings, for most elements).",
    },
    "wrong-type",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 3, "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("DATA_TYPE_MISMATCH", TRIGGER, identity()),
            vec![r#"3"#.to_string()]
        );
        assert_findings!("DATA_TYPE_MISMATCH", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("DATA_TYPE_MISMATCH", NEAR_MISS, identity()).is_empty());
    }
}
