//! `SCP_SYNTAX_ERROR_ACTION_WILDCARD`: an SCP action with a `*` that is not
//! at its end.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};

/// The rule.
pub static RULE: ScpActionWildcard = ScpActionWildcard;

/// Reports `Action`/`NotAction` values of SCPs with a `*` before their last
/// character.
pub struct ScpActionWildcard;

static INFO: RuleInfo = RuleInfo {
    code: "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
    finding_type: FindingType::Error,
    summary: "An SCP action has a `*` that is not at the end.",
    documentation: "What: a value of `Action` or `NotAction` in a service control policy with a `*` anywhere but as its last character (`iam:*Role`, `*:Get*`).\nWhy: Organizations accepts wildcards in SCP actions only at the end of the string, and rejects the policy otherwise (IAM policies allow them anywhere, so policies copied from IAM often trip on this).\nExample: `\"Action\": \"iam:*Role\"` in an SCP.\nFix: list the actions individually (`iam:CreateRole`, `iam:DeleteRole`, ...) or use a trailing wildcard that covers them (`iam:*`).",
};

impl Rule for ScpActionWildcard {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ServiceControl {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for v in st.action.iter().flat_map(|a| &a.values) {
                let body = v.value.strip_suffix('*').unwrap_or(&v.value);
                if body.contains('*') {
                    out.report(
                        v.span,
                        format!(
                            "SCP actions can include wildcards (*) only at the end of a string; update {}",
                            v.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, scp};

    const CODE: &str = "SCP_SYNTAX_ERROR_ACTION_WILDCARD";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["iam:Get*", "iam:*Role"], "Resource": "*"}, {"Effect": "Deny", "NotAction": "*:List*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, scp()),
            vec![r#""iam:*Role""#.to_string(), r#""*:List*""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, scp());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["iam:Get*", "s3:*", "*", "ec2:RunInstances"], "Resource": "*"}]}"#;
        assert!(findings_of(CODE, src, scp()).is_empty());
        assert!(findings_of(CODE, TRIGGER, identity()).is_empty());
    }
}
