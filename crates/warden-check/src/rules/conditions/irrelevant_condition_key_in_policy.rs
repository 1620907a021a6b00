//! `IRRELEVANT_CONDITION_KEY_IN_POLICY`: a key that means nothing in the
//! policy of the resource being checked.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, ResourceType};

/// The rule.
pub static RULE: IrrelevantConditionKeyInPolicy = IrrelevantConditionKeyInPolicy;

/// Reports keys of [`IRRELEVANT`] in the policies of their resource types.
pub struct IrrelevantConditionKeyInPolicy;

static INFO: RuleInfo = RuleInfo {
    code: "IRRELEVANT_CONDITION_KEY_IN_POLICY",
    finding_type: FindingType::Suggestion,
    summary: "The condition key has no use in this resource type's policy.",
    documentation: "What: `s3:ResourceAccount` in the policy of an S3 bucket, access point, Multi-Region Access Point or Object Lambda access point.\nWhy: the key names the account that owns the resource being accessed; in the resource's own policy that is always the owner's account, so the condition decides nothing. It is meant for identity policies, to limit which accounts' buckets a principal can reach.\nExample: a bucket policy with `\"StringEquals\": {\"s3:ResourceAccount\": \"111122223333\"}`.\nFix: remove the condition from the resource policy and put it in the identity policies of the principals it should restrict.",
};

/// (key, resource types whose policies it is irrelevant in).
const IRRELEVANT: &[(&str, &[ResourceType])] = &[(
    "s3:ResourceAccount",
    &[
        ResourceType::S3Bucket,
        ResourceType::S3AccessPoint,
        ResourceType::S3MultiRegionAccessPoint,
        ResourceType::S3ObjectLambdaAccessPoint,
    ],
)];

impl Rule for IrrelevantConditionKeyInPolicy {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(rt) = cx.options.resource_type else {
            return;
        };
        for (_, c) in conditions(cx) {
            if IRRELEVANT
                .iter()
                .any(|(k, types)| types.contains(&rt) && c.key.value.eq_ignore_ascii_case(k))
            {
                out.report(
                    c.key.span,
                    format!(
                        "The condition key {} is not relevant in this resource policy; use it in an identity-based policy to govern access to this resource",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};
    use crate::{Options, PolicyType, ResourceType};

    const CODE: &str = "IRRELEVANT_CONDITION_KEY_IN_POLICY";

    fn bucket() -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: Some(ResourceType::S3Bucket),
            deep: false,
        }
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"s3:ResourceAccount": "111122223333"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, bucket()),
            vec![r#""s3:ResourceAccount""#.to_string()]
        );
        assert_findings!(CODE, src, bucket());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"s3:ResourceAccount": "111122223333"}}}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}]}"#;
        assert!(findings_of(CODE, src, bucket()).is_empty());
    }
}
