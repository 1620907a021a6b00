//! `UNSUPPORTED_RESOURCE_ARN_IN_POLICY`: a resource policy of a known
//! resource type names an ARN of another service. Also holds the table of
//! what each resource type's policy may name, shared with
//! `UNSUPPORTED_ACTION_IN_POLICY`.

use super::util;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, PolicyType, ResourceType};
use warden_catalog::glob::glob_match;

/// The rule.
pub static RULE: UnsupportedResourceArn = UnsupportedResourceArn;

/// Reports `Resource`/`NotResource` ARNs whose service field cannot be a
/// service of the policy's resource type.
pub struct UnsupportedResourceArn;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
    finding_type: FindingType::Error,
    summary: "A resource policy names an ARN its resource type cannot govern.",
    documentation: "What: the policy is checked as the resource policy of a given resource type (`--resource-type`), and a `Resource` or `NotResource` ARN belongs to a service whose resources that policy cannot govern: anything but `s3` in the policy of a bucket, an access point or a Multi-Region Access Point, anything but `s3-object-lambda` in the policy of an Object Lambda access point, anything but `dynamodb` in a table's policy. An ARN whose service field is a wildcard is reported only when it can match none of the allowed services.\nWhy: a resource policy only ever decides about its own resource, so an entry naming another service's resource matches nothing; usually a statement copied from an identity policy.\nExample: `\"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"` in a bucket policy.\nFix: name the resource the policy is attached to (for a bucket, `arn:aws:s3:::example-bucket` and `arn:aws:s3:::example-bucket/*`), and move the other grant to the other resource's policy or to an identity policy.",
};

/// What the policy of a resource type may name: the resource type's name,
/// the service fields of its ARNs, and its action prefixes.
pub(super) struct Allowed {
    /// Access Analyzer's name of the resource type.
    pub name: &'static str,
    /// ARN service fields.
    pub arn_services: &'static [&'static str],
    /// Action service prefixes.
    pub action_services: &'static [&'static str],
}

/// What the policy may name, for the resource types where Warden knows it.
pub(super) fn allowed(options: &crate::Options) -> Option<Allowed> {
    if options.policy_type != PolicyType::Resource {
        return None;
    }
    Some(match options.resource_type? {
        ResourceType::S3Bucket => Allowed {
            name: "AWS::S3::Bucket",
            arn_services: &["s3"],
            action_services: &["s3"],
        },
        ResourceType::S3AccessPoint => Allowed {
            name: "AWS::S3::AccessPoint",
            arn_services: &["s3"],
            action_services: &["s3"],
        },
        ResourceType::S3MultiRegionAccessPoint => Allowed {
            name: "AWS::S3::MultiRegionAccessPoint",
            arn_services: &["s3"],
            action_services: &["s3"],
        },
        ResourceType::S3ObjectLambdaAccessPoint => Allowed {
            name: "AWS::S3ObjectLambda::AccessPoint",
            arn_services: &["s3-object-lambda"],
            action_services: &["s3-object-lambda"],
        },
        ResourceType::DynamoDbTable => Allowed {
            name: "AWS::DynamoDB::Table",
            arn_services: &["dynamodb"],
            action_services: &["dynamodb"],
        },
        // Trust policies have their own checks of actions and resources.
        ResourceType::RoleTrustPolicy => return None,
    })
}

/// Whether the pattern `field` (a service field or action prefix, as
/// written) can stand for one of `services`.
pub(super) fn may_be_one_of(field: &str, services: &[&str]) -> bool {
    if util::is_open(field) {
        let field = field.replace("${", "*").replace('}', "*");
        services.iter().any(|s| glob_match(&field, s, true))
    } else {
        services.iter().any(|s| s.eq_ignore_ascii_case(field))
    }
}

impl Rule for UnsupportedResourceArn {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(allowed) = allowed(cx.options) else {
            return;
        };
        for v in util::resource_values(cx) {
            let Some([_, _, service, ..]) = util::arn_fields(&v.value) else {
                continue;
            };
            if !may_be_one_of(service, allowed.arn_services) {
                out.report(
                    v.span,
                    format!(
                        "the resource ARN is not supported for the resource-based policy attached to the resource type {}",
                        allowed.name
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

    const CODE: &str = "UNSUPPORTED_RESOURCE_ARN_IN_POLICY";

    fn of(resource_type: ResourceType) -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: Some(resource_type),
            deep: false,
        }
    }

    fn policy(resources: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": {{"AWS": "arn:aws:iam::111122223333:root"}}, "Action": "s3:GetObject", "Resource": {resources}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:s3:::example-bucket/*", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, of(ResourceType::S3Bucket)),
            vec![
                r#""arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab""#
                    .to_string()
            ]
        );
        assert_findings!(CODE, &src, of(ResourceType::S3Bucket));
        let src = policy(r#""arn:aws:s3:::example-bucket/*""#);
        assert_eq!(
            findings_of(CODE, &src, of(ResourceType::DynamoDbTable)),
            vec![r#""arn:aws:s3:::example-bucket/*""#.to_string()]
        );
        assert_findings!(CODE, &src, of(ResourceType::DynamoDbTable));
    }

    #[test]
    fn near_miss_is_clean() {
        let src =
            policy(r#"["*", "arn:aws:s3:::example-bucket", "arn:aws:s?:::example-bucket/*"]"#);
        assert!(findings_of(CODE, &src, of(ResourceType::S3Bucket)).is_empty());
        // Without a resource type, any ARN may be right.
        let src = policy(r#""arn:aws:kms:us-east-1:111122223333:key/x""#);
        assert!(findings_of(CODE, &src, resource()).is_empty());
    }
}
