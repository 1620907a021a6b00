//! `EMPTY_SID_VALUE`: a statement's `Sid` is the empty string.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: EmptySidValue = EmptySidValue;

/// Reports `"Sid": ""`.
pub struct EmptySidValue;

static INFO: RuleInfo = RuleInfo {
    code: "EMPTY_SID_VALUE",
    finding_type: FindingType::Suggestion,
    summary: "A statement's `Sid` is empty.",
    documentation: "What: `\"Sid\": \"\"`.\nWhy: an empty identifier identifies nothing; findings, logs and reviews cannot name the statement.\nExample: `{\"Sid\": \"\", \"Effect\": \"Allow\", ...}`.\nFix: give the statement a descriptive Sid of letters and digits, or remove the element.",
};

impl Rule for EmptySidValue {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some(sid) = &st.sid {
                if sid.value.is_empty() {
                    out.report(sid.span, "the Sid is empty");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("EMPTY_SID_VALUE", src, identity()),
            vec![r#""""#.to_string()]
        );
        assert_findings!("EMPTY_SID_VALUE", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ReadAll", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
        assert!(findings_of("EMPTY_SID_VALUE", src, identity()).is_empty());
    }
}
