//! `WARDEN_ALLOW_NOT_ACTION`: an Allow with `NotAction` on every resource.

use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: AllowNotAction = AllowNotAction;

/// Reports the `NotAction` key of Allow statements whose resources are
/// unrestricted (`*` among `Resource`, or a `NotResource`).
pub struct AllowNotAction;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_ALLOW_NOT_ACTION",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow with `NotAction` applies to every resource.",
    documentation: "What: an Allow statement that lists its actions with `NotAction` (every action except those listed) and whose resource is `*` or a `NotResource`.\nWhy: the grant is open-ended: it covers every action of every service except the few excluded, including actions and services that AWS adds later, so nobody can say what it allows by reading it. Excluding `iam:*` still leaves `sts`, `organizations`, `lambda`, and every other way to reach more power. Conditions narrow when it applies, not what it grants.\nExample: `{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}`.\nFix: list the actions the workload needs under `Action`; to carve exceptions out of a broad grant, pair a bounded Allow with a Deny statement (where `NotAction` is safe).",
};

impl Rule for AllowNotAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow {
                continue;
            }
            let Some(action) = st.action.as_ref().filter(|a| a.negated) else {
                continue;
            };
            let unrestricted = match &st.resource {
                None => false,
                Some(r) if r.negated => !r.values.iter().any(|v| v.value == "*"),
                Some(r) => r.values.iter().any(|v| v.value == "*"),
            };
            if unrestricted {
                out.report(
                    action.key_span,
                    "Allow with NotAction grants every action not listed, on every resource",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "WARDEN_ALLOW_NOT_ACTION";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::audit/*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
