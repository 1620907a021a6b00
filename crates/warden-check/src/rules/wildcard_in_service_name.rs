//! `WILDCARD_IN_SERVICE_NAME`: a wildcard in an action's service prefix.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_catalog::glob::has_wildcard;

/// The rule.
pub static RULE: WildcardInServiceName = WildcardInServiceName;

/// Reports `Action`/`NotAction` entries such as `s*:GetObject` whose service
/// prefix contains `*` or `?`. The bare `*` (every action) is not reported.
pub struct WildcardInServiceName;

static INFO: RuleInfo = RuleInfo {
    code: "WILDCARD_IN_SERVICE_NAME",
    finding_type: FindingType::Suggestion,
    summary: "An action's service prefix contains a wildcard.",
    documentation: "What: the part of an action before the colon uses `*` or `?`, so the entry covers every service whose prefix fits the pattern.\nWhy: many prefixes look alike (`code*` alone matches a dozen services), and services launched later join the match silently, so the entry grants more than its author had in mind.\nExample: `\"Action\": \"s*:GetObject\"` or `\"Action\": \"*:List*\"`.\nFix: name each service's prefix explicitly (`\"s3:GetObject\"`).",
};

impl Rule for WildcardInServiceName {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for v in st.action.iter().flat_map(|a| &a.values) {
                // A byte scan: `split_once` costs several times more on
                // strings this short, and every action entry comes here.
                let colon = v.value.bytes().position(|b| b == b':');
                let Some(prefix) = colon.and_then(|c| v.value.get(..c)) else {
                    continue;
                };
                if has_wildcard(prefix) {
                    out.report(
                        v.span,
                        format!("the service prefix `{prefix}` contains a wildcard"),
                    );
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
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s*:GetObject", "ec?:Describe*"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("WILDCARD_IN_SERVICE_NAME", src, identity()),
            vec![
                r#""s*:GetObject""#.to_string(),
                r#""ec?:Describe*""#.to_string()
            ]
        );
        assert_findings!("WILDCARD_IN_SERVICE_NAME", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["*", "s3:*", "ec2:Describe*"], "Resource": "*"}]}"#;
        assert!(findings_of("WILDCARD_IN_SERVICE_NAME", src, identity()).is_empty());
    }
}
