//! `JSON_SYNTAX_ERROR`: the document is not valid JSON.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: JsonSyntaxError = JsonSyntaxError;

/// Reports the JSON parser's error where it occurred.
pub struct JsonSyntaxError;

static INFO: RuleInfo = RuleInfo {
    code: "JSON_SYNTAX_ERROR",
    finding_type: FindingType::Error,
    summary: "The document is not valid JSON.",
    documentation: "What: a JSON syntax error: a missing comma or quote, a trailing comma, an unescaped control character, nesting deeper than 64 levels, or a document over 1 MiB.\nWhy: nothing else in the policy can be checked, and AWS rejects it.\nExample: `{\"Version\": \"2012-10-17\",}`.\nFix: correct the JSON at the reported line and column.",
};

impl Rule for JsonSyntaxError {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if let Some(e) = cx.json_error {
            out.report(e.span, e.message.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = "{\"Version\": \"2012-10-17\", \"Statement\": [}";
        assert_eq!(
            findings_of("JSON_SYNTAX_ERROR", src, identity()),
            vec!["}".to_string()]
        );
        assert_findings!("JSON_SYNTAX_ERROR", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = "{\"Version\": \"2012-10-17\", \"Statement\": []}";
        assert!(findings_of("JSON_SYNTAX_ERROR", src, identity()).is_empty());
    }
}
