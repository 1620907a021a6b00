//! `REDUNDANT_ACTION`: an `Action`/`NotAction` entry that another entry of
//! the same element already matches in full.

use super::super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: RedundantAction = RedundantAction;

/// Reports each action entry whose every match is matched by another entry
/// of the same element, at the redundant entry.
pub struct RedundantAction;

static INFO: RuleInfo = RuleInfo {
    code: "REDUNDANT_ACTION",
    finding_type: FindingType::Suggestion,
    summary: "An action entry is already covered by another entry of the same element.",
    documentation: "What: an entry of `Action` or `NotAction` matches only actions that another entry of the same list matches too: a duplicate, or a name inside a wildcard (`ec2:DescribeVpcs` next to `ec2:Describe*`). Actions match without regard to case. Warden reports an entry only when the other pattern provably matches every string it matches; an entry that several patterns cover only together is not reported.\nWhy: the entry changes nothing, but it makes the list longer and suggests a narrower grant than the wildcard really gives.\nExample: `\"Action\": [\"sqs:Get*\", \"sqs:List*\", \"sqs:GetQueueUrl\"]`.\nFix: remove the redundant entry, or narrow the wildcard if only the named actions were meant.",
};

impl Rule for RedundantAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        super::report_covered(
            cx,
            out,
            "action",
            |l| l.actions.as_ref(),
            |st| st.action.as_ref(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "REDUNDANT_ACTION";

    fn policy(actions: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": {actions}, "Resource": "*"}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["sqs:Get*", "sqs:List*", "sqs:GetQueueUrl"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""sqs:GetQueueUrl""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        // Case does not matter for actions; of two duplicates the later one is reported.
        let src = policy(r#"["SQS:getqueueurl", "sqs:SendMessage", "sqs:GetQueueUrl"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""sqs:GetQueueUrl""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["s3:*", "s3:Get?bject"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""s3:Get?bject""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        // `*QueueUrl` also matches names outside `Get*`: neither covers the other.
        for a in [
            r#"["sqs:Get*", "sqs:*QueueUrl"]"#,
            r#"["sqs:GetQueueUrl", "sqs:GetQueueAttributes"]"#,
            r#""sqs:*""#,
            r#"["s3:Get?bject", "s3:Get*Object"]"#,
        ] {
            let got = findings_of(CODE, &policy(a), identity());
            assert!(got.is_empty(), "{a}: {got:?}");
        }
    }
}
