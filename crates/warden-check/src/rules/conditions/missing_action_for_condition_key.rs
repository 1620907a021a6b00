//! `MISSING_ACTION_FOR_CONDITION_KEY`: a condition key that only one action
//! sets, used in a statement that does not include that action.

use super::support::positive_actions;
use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: MissingActionForConditionKey = MissingActionForConditionKey;

/// Reports keys whose values only exist in requests for one action, when
/// the statement's `Action` cannot match that action.
pub struct MissingActionForConditionKey;

/// Keys that AWS only puts in the request context of one action, and that
/// action. `ec2:CreateAction` names the creating API (`RunInstances`,
/// `CreateVolume`, …) when tags are applied at creation, which AWS
/// authorizes as an `ec2:CreateTags` request.
const KEY_ACTIONS: &[(&str, &str)] = &[("ec2:CreateAction", "ec2:CreateTags")];

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_ACTION_FOR_CONDITION_KEY",
    finding_type: FindingType::Error,
    summary: "A condition key is used without the one action whose requests carry it.",
    documentation: "What: a statement with `Action` and a condition on a key that only one action's requests carry, where no entry of `Action` matches that action. Warden knows one such key: `ec2:CreateAction`, which only `ec2:CreateTags` requests carry (EC2 authorizes tagging on creation as a `CreateTags` request whose `ec2:CreateAction` is the creating API).\nWhy: for every action the statement does list, the key is absent, so the condition never restricts them as meant; the tagging-on-create permission the statement was written for is not granted at all.\nExample: `\"Action\": \"ec2:RunInstances\"` with `\"StringEquals\": {\"ec2:CreateAction\": \"RunInstances\"}`.\nFix: add the action (`ec2:CreateTags`) to `Action`, usually in its own statement with this condition.",
};

impl Rule for MissingActionForConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            let Some((key, action)) = KEY_ACTIONS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&c.key.value))
            else {
                continue;
            };
            let Some(actions) = positive_actions(st) else {
                continue;
            };
            let covered = actions
                .values
                .iter()
                .any(|a| warden_catalog::glob::glob_match(&a.value, action, true));
            if !covered {
                out.report(
                    c.key.span,
                    format!(
                        "only {action} requests carry the condition key {key}; add {action} to the Action element so that the condition has something to restrict"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_ACTION_FOR_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:RunInstances"], "Resource": "*", "Condition": {"StringEquals": {"ec2:createaction": "RunInstances"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""ec2:createaction""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "arn:aws:ec2:*:111122223333:instance/*", "Condition": {"StringEquals": {"ec2:CreateAction": "RunInstances"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:Create*"], "Resource": "*", "Condition": {"StringEquals": {"ec2:CreateAction": "RunInstances"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:RunInstances"], "Resource": "*", "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
