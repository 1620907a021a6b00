//! `WARDEN_FULL_ADMIN`: an Allow of every action on every resource.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: FullAdmin = FullAdmin;

/// Reports Allow statements whose actions and resources are both unbounded.
pub struct FullAdmin;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_FULL_ADMIN",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow of `*` actions on `*` resources.",
    documentation: "What: an Allow statement whose actions are all actions (`\"Action\": \"*\"` or `\"*:*\"`) and whose resources are all resources (`\"Resource\": \"*\"`, or a `NotResource` that excludes only a few).\nWhy: it grants full administrative power, including changing its own permissions; least privilege is impossible to review once it is present. Conditions narrow when it applies, not what it grants.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}`.\nFix: list the actions and resources the workload needs (`warden generate` can derive them from CloudTrail).",
};

impl Rule for FullAdmin {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow {
                continue;
            }
            let Some(action) = &st.action else { continue };
            if action.negated {
                continue;
            }
            let Some(all_actions) = action
                .values
                .iter()
                .find(|v| v.value == "*" || v.value == "*:*")
            else {
                continue;
            };
            let all_resources = match &st.resource {
                None => false,
                Some(r) if r.negated => true,
                Some(r) => r.values.iter().any(|v| v.value == "*"),
            };
            if all_resources {
                out.report(all_actions.span, "allows every action on every resource");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("WARDEN_FULL_ADMIN", src, identity()),
            vec![r#""*""#.to_string()]
        );
        assert_findings!("WARDEN_FULL_ADMIN", src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*:*", "NotResource": "arn:aws:s3:::audit/*"}]}"#;
        assert_eq!(
            findings_of("WARDEN_FULL_ADMIN", src, identity()),
            vec![r#""*:*""#.to_string()]
        );
        assert_findings!("WARDEN_FULL_ADMIN", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}"#,
        ] {
            assert!(
                findings_of("WARDEN_FULL_ADMIN", src, identity()).is_empty(),
                "{src}"
            );
        }
    }
}
