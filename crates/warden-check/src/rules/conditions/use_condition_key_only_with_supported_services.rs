//! `USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES`: the VPC endpoint owner
//! keys (`aws:VpceAccount`, `aws:VpceOrgID`, `aws:VpceOrgPaths`) next to
//! actions of services that do not put them in the request context.

use super::support::{not_actions, positive_actions};
use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: UseConditionKeyOnlyWithSupportedServices =
    UseConditionKeyOnlyWithSupportedServices;

/// Reports the VPC endpoint owner keys used with unsupported services.
pub struct UseConditionKeyOnlyWithSupportedServices;

/// The services that AWS's global condition key reference lists as
/// supporting `aws:VpceAccount` and `aws:VpceOrgPaths` (for IAM, every
/// action but `iam:PassRole`).
const ACCOUNT_AND_PATHS: &[&str] = &[
    "acm-pca",
    "applicationinsights",
    "apprunner",
    "athena",
    "cloudformation",
    "comprehendmedical",
    "compute-optimizer",
    "datasync",
    "discovery",
    "dynamodb",
    "ebs",
    "ecr",
    "ecs",
    "firehose",
    "gamelift",
    "healthlake",
    "iam",
    "iotfleetwise",
    "iotwireless",
    "kinesisanalytics",
    "kms",
    "lambda",
    "medical-imaging",
    "omics",
    "payment-cryptography",
    "polly",
    "rbin",
    "rekognition",
    "route53",
    "s3",
    "scheduler",
    "servicediscovery",
    "servicequotas",
    "shield",
    "ssm-contacts",
    "storagegateway",
    "textract",
    "transcribe",
    "transfer",
];

/// The services listed for `aws:VpceOrgID` beyond [`ACCOUNT_AND_PATHS`].
const ORG_ID_EXTRA: &[&str] = &[
    "b2bi",
    "cassandra",
    "cognito-identity",
    "dms",
    "ds-data",
    "identitystore",
    "iottwinmaker",
    "network-firewall",
    "pricing",
    "ses",
    "sms-voice",
    "sqs",
    "workmail",
];

/// Whether `action` (a full `prefix:Name`) is one that puts the key in the
/// request context.
fn supported(key: &str, action: warden_catalog::Action) -> bool {
    let prefix = action.service().prefix();
    if prefix.eq_ignore_ascii_case("iam") && action.name().eq_ignore_ascii_case("PassRole") {
        return false;
    }
    ACCOUNT_AND_PATHS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(prefix))
        || (key.eq_ignore_ascii_case("aws:VpceOrgID")
            && ORG_ID_EXTRA.iter().any(|s| s.eq_ignore_ascii_case(prefix)))
}

fn is_vpce_owner_key(name: &str) -> bool {
    ["aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(name))
}

static INFO: RuleInfo = RuleInfo {
    code: "USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES",
    finding_type: FindingType::Warning,
    summary: "`aws:VpceAccount`, `aws:VpceOrgID` or `aws:VpceOrgPaths` is used with actions of services that do not support it.",
    documentation: "What: a condition on `aws:VpceAccount`, `aws:VpceOrgID` or `aws:VpceOrgPaths` in a statement whose actions include services that AWS's global condition key reference does not list as supporting that key (S3, KMS, DynamoDB, Lambda, IAM except `iam:PassRole`, and about forty more; `aws:VpceOrgID` has a few more, such as SQS). A statement with `NotAction` always covers unsupported services.\nWhy: those services never put the key in the request context, even for requests through a VPC endpoint, so the condition behaves as if the key were missing: an Allow never applies and a `StringNotEqualsIfExists` Deny never applies, whatever the network path.\nExample: `\"Action\": [\"s3:GetObject\", \"sns:Publish\"]` with `\"StringEquals\": {\"aws:VpceAccount\": \"111122223333\"}`.\nFix: scope the statement to actions of supported services, and guard the others with `aws:SourceVpce` or `aws:SourceVpc`.",
};

impl Rule for UseConditionKeyOnlyWithSupportedServices {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            let key = c.key.value.as_str();
            if !is_vpce_owner_key(key) {
                continue;
            }
            if not_actions(st).is_some() {
                out.report(
                    c.key.span,
                    format!("{key} is only set by some services, and NotAction covers the actions of every other service; list the supported actions with Action instead"),
                );
                continue;
            }
            let Some(actions) = positive_actions(st) else {
                continue;
            };
            let mut unsupported: Vec<String> = Vec::new();
            for entry in &actions.values {
                for a in warden_catalog::expand(&entry.value) {
                    if supported(key, a) {
                        continue;
                    }
                    let name = if a.service().prefix().eq_ignore_ascii_case("iam") {
                        a.full_name()
                    } else {
                        a.service().prefix().to_ascii_lowercase()
                    };
                    if !unsupported.contains(&name) {
                        unsupported.push(name);
                    }
                }
            }
            if unsupported.is_empty() {
                continue;
            }
            let shown: Vec<&str> = unsupported.iter().take(8).map(String::as_str).collect();
            let more = unsupported.len().saturating_sub(shown.len());
            out.report(
                c.key.span,
                format!(
                    "{key} is not set for requests to {}{}; the condition treats them as if the key were missing. Use it only with supported services",
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Reader"}, "Action": ["s3:GetObject", "sns:Publish", "iam:PassRole"], "Resource": "*", "Condition": {"StringEquals": {"aws:VpceAccount": "111122223333"}, "ForAnyValue:StringLike": {"aws:VpceOrgPaths": "o-a1b2c3d4e5/r-ab12/*"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![
                r#""aws:VpceAccount""#.to_string(),
                r#""aws:VpceOrgPaths""#.to_string()
            ]
        );
        assert_findings!(CODE, src, resource());
        let out = crate::check(src, &resource());
        let f = out.iter().find(|f| f.code == CODE).unwrap();
        assert!(f.message.contains("sns, iam:PassRole"), "{}", f.message);
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "kms:*"], "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:VpceOrgID": "o-a1b2c3d4e5"}}}]}"#,
            // SQS supports aws:VpceOrgID but not aws:VpceAccount.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:VpceOrgID": "o-a1b2c3d4e5"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
    }
}
