//! `NULL_WITH_IF_EXISTS`: the `Null` operator with an `IfExists` suffix.

use super::invalid_condition_operator::is_null_variant;
use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: NullWithIfExists = NullWithIfExists;

/// Reports `NullIfExists`.
pub struct NullWithIfExists;

static INFO: RuleInfo = RuleInfo {
    code: "NULL_WITH_IF_EXISTS",
    finding_type: FindingType::Error,
    summary: "`Null` with an `IfExists` suffix.",
    documentation: "What: `NullIfExists`.\nWhy: `Null` already tests whether a key exists; AWS does not accept the suffix on it.\nExample: `\"NullIfExists\": {\"aws:TokenIssueTime\": \"true\"}`.\nFix: use `Null`.",
};

impl Rule for NullWithIfExists {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for d in cx
            .diagnostics
            .iter()
            .filter(|d| d.code == "unknown-operator")
        {
            let text = cx
                .source
                .get(d.span.range())
                .unwrap_or("")
                .trim_matches('"');
            if is_null_variant(text) {
                out.report(d.span, "the Null operator cannot take the IfExists suffix");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NullIfExists": {"aws:TokenIssueTime": "true"}}}]}"#;
        assert_eq!(
            findings_of("NULL_WITH_IF_EXISTS", src, identity()),
            vec![r#""NullIfExists""#.to_string()]
        );
        assert_findings!("NULL_WITH_IF_EXISTS", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:TokenIssueTime": "true"}}}]}"#;
        assert!(findings_of("NULL_WITH_IF_EXISTS", src, identity()).is_empty());
    }
}
