//! `INVALID_KMS_KEY_VALUE`: a condition key that carries a KMS key ARN,
//! compared with something that is not one.

use super::util::{conditions, is_pattern};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: InvalidKmsKeyValue = InvalidKmsKeyValue;

/// Reports key IDs, aliases and other non-ARNs given for KMS key ARN keys.
pub struct InvalidKmsKeyValue;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_KMS_KEY_VALUE",
    finding_type: FindingType::Error,
    summary: "A condition key that holds a KMS key ARN is compared with a value that is not a key ARN.",
    documentation: "What: a value for a condition key whose request value is the ARN of a KMS key (`s3:x-amz-server-side-encryption-aws-kms-key-id`, its `s3express:` twin, and the service keys named `…KmsKeyArn`/`…KMSKeyArn(s)`, such as `secretsmanager:KmsKeyArn`) that is not of the form `arn:partition:kms:region:account:key/key-id`: a bare key ID, an alias name or alias ARN, or any other text. Values with wildcards or policy variables are not judged; `Null` conditions are left alone.\nWhy: the service puts the full key ARN in the request, so a key ID or an alias never equals it; the condition silently never matches (an Allow grants nothing, a Deny guards nothing).\nExample: `\"StringEquals\": {\"s3:x-amz-server-side-encryption-aws-kms-key-id\": \"alias/example-key\"}`.\nFix: write the key ARN, such as `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`.",
};

/// Whether the key `name` carries a KMS key ARN.
fn is_kms_arn_key(name: &str) -> bool {
    let Some((prefix, rest)) = name.split_once(':') else {
        return false;
    };
    let lower = rest.to_ascii_lowercase();
    ((prefix.eq_ignore_ascii_case("s3") || prefix.eq_ignore_ascii_case("s3express"))
        && lower == "x-amz-server-side-encryption-aws-kms-key-id")
        || lower.ends_with("kmskeyarn")
        || lower.ends_with("kmskeyarns")
}

/// `arn:partition:kms:region:account:key/id` with every field present.
fn is_key_arn(text: &str) -> bool {
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = fields.as_slice() else {
        return false;
    };
    *arn == "arn"
        && !partition.is_empty()
        && *service == "kms"
        && !region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && resource
            .strip_prefix("key/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

impl Rule for InvalidKmsKeyValue {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if c.operator.is_none_or(|op| op.kind == OperatorKind::Null)
                || !is_kms_arn_key(&c.key.value)
            {
                continue;
            }
            for v in &c.values {
                if v.kind != ScalarKind::String || is_pattern(&v.text) || is_key_arn(&v.text) {
                    continue;
                }
                out.report(
                    v.span,
                    format!(
                        "{} holds the ARN of a KMS key; `{}` is not a key ARN, so it never matches. Use arn:partition:kms:region:account:key/key-id",
                        c.key.value, v.text
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "INVALID_KMS_KEY_VALUE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": ["alias/example-key", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:111122223333:alias/example-key"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![
                r#""alias/example-key""#.to_string(),
                r#""1234abcd-12ab-34cd-56ef-1234567890ab""#.to_string(),
                r#""arn:aws:kms:us-east-1:111122223333:alias/example-key""#.to_string()
            ]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, "StringNotLike": {"secretsmanager:KmsKeyArn": "arn:aws:kms:*:111122223333:key/*"}, "Null": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "false"}, "StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
    }
}
