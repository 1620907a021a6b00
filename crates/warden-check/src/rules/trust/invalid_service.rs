//! `INVALID_SERVICE`: a condition key whose service prefix names no service.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: InvalidService = InvalidService;

/// Reports condition keys `prefix:name` whose prefix is neither `aws`, nor a
/// service of the catalog, nor an identity provider's host name, at the key.
/// (Unknown prefixes in actions are `INVALID_SERVICE_IN_ACTION`'s.)
pub struct InvalidService;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_SERVICE",
    finding_type: FindingType::Error,
    summary: "A condition key's service prefix names no AWS service.",
    documentation: "What: the part of a condition key before the colon is not `aws`, not the prefix of any service in the catalog, and not the host name of an identity provider (keys such as `accounts.google.com:aud` or `token.actions.githubusercontent.com:sub` have a dot in the prefix and are not judged). A prefix with a wildcard is left alone.\nWhy: no request carries a key of a service that does not exist, so the condition can never be true (or, negated, is always true); usually a misspelt prefix (`s3express` for `s3`, `ec2s`, ...).\nExample: `\"Condition\": {\"StringEquals\": {\"sss:prefix\": \"home/\"}}`.\nFix: use the service's IAM prefix as listed in the Service Authorization Reference (`s3:prefix`).",
};

/// The prefixes of the catalog's condition keys, lower-cased: a few
/// services name their keys with a prefix other than their action prefix
/// (AWS Marketplace Catalog's `catalog:ChangeType`).
fn key_prefixes() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        warden_catalog::condition_keys()
            .filter_map(|k| {
                k.name()
                    .split_once(':')
                    .map(|(p, _)| p.to_ascii_lowercase())
            })
            .collect()
    })
}

impl Rule for InvalidService {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for c in &st.conditions {
                // A key without `:` is INVALID_CONDITION_KEY_FORMAT's finding.
                let Some((prefix, _)) = c.key.value.split_once(':') else {
                    continue;
                };
                if prefix.is_empty()
                    || prefix.eq_ignore_ascii_case("aws")
                    || prefix.contains(['.', '*', '?', '$'])
                    || warden_catalog::service(prefix).is_some()
                    || key_prefixes().contains(&prefix.to_ascii_lowercase())
                {
                    continue;
                }
                out.report(
                    c.key.span,
                    format!("the service `{prefix}` does not exist; use a valid service name"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_SERVICE";

    fn policy(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example-bucket", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"{"StringEquals": {"s3:prefix": "home/", "sss:prefix": "home/"}}"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""sss:prefix""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for c in [
            r#"{"StringEquals": {"S3:prefix": "home/"}}"#,
            r#"{"StringEquals": {"aws:SourceVpc": "vpc-1111aaaa"}}"#,
            r#"{"StringEquals": {"accounts.google.com:aud": "example-app"}}"#,
            r#"{"StringEquals": {"s3:NoSuchKey": "x"}}"#,
            r#"{"StringEquals": {"prefixonly": "x"}}"#,
            r#"{"StringEquals": {"catalog:ChangeType": "AddRevisions"}}"#,
        ] {
            let got = findings_of(CODE, &policy(c), identity());
            assert!(got.is_empty(), "{c}: {got:?}");
        }
    }
}
