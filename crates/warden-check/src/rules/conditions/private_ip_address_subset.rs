//! `PRIVATE_IP_ADDRESS_SUBSET` and `PRIVATE_NOT_IP_ADDRESS_SUBSET`:
//! `aws:SourceIp` compared with public and private addresses together.

use super::util::conditions;
use super::values::{is_private, parse_cidr};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;
use warden_policy::policy::ScalarKind;

/// `PRIVATE_IP_ADDRESS_SUBSET`.
pub static RULE: PrivateIpSubset = PrivateIpSubset::new(
    RuleInfo {
        code: "PRIVATE_IP_ADDRESS_SUBSET",
        finding_type: FindingType::Suggestion,
        summary: "`IpAddress` on `aws:SourceIp` mixes public and private addresses; the private ones never match.",
        documentation: "What: an `IpAddress` condition on `aws:SourceIp` listing both public ranges and ranges inside a private block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7). Each private value is reported. (When every value is private, `PRIVATE_IP_ADDRESS` reports the condition instead.)\nWhy: `aws:SourceIp` only ever carries public addresses, so the private entries never match anything; they suggest an access path from the VPC that the statement does not grant.\nExample: `\"IpAddress\": {\"aws:SourceIp\": [\"203.0.113.0/24\", \"10.1.0.0/16\"]}`.\nFix: remove the private ranges; to match callers inside a VPC, compare `aws:VpcSourceIp` (with `aws:SourceVpc` or `aws:SourceVpce`) in a separate condition or statement.",
    },
    OperatorKind::IpAddress,
);

/// The check, for one of the two operators.
pub struct PrivateIpSubset {
    info: RuleInfo,
    kind: OperatorKind,
}

impl PrivateIpSubset {
    /// The check of `kind` (`IpAddress` or `NotIpAddress`) under `info`.
    pub(super) const fn new(info: RuleInfo, kind: OperatorKind) -> Self {
        PrivateIpSubset { info, kind }
    }
}

impl Rule for PrivateIpSubset {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind != self.kind || !c.key.value.eq_ignore_ascii_case("aws:SourceIp") {
                continue;
            }
            let parsed: Vec<_> = c
                .values
                .iter()
                .map(|v| {
                    (v.kind == ScalarKind::String)
                        .then(|| parse_cidr(&v.text))
                        .flatten()
                })
                .collect();
            let public = parsed.iter().flatten().any(|&r| !is_private(r));
            if !public {
                continue;
            }
            let effect = if self.kind == OperatorKind::IpAddress {
                "never matches"
            } else {
                "excludes nothing"
            };
            for (v, r) in c.values.iter().zip(&parsed) {
                if r.is_some_and(is_private) {
                    out.report(
                        v.span,
                        format!(
                            "{} is a private range, which aws:SourceIp never carries, so this value {effect}; use aws:VpcSourceIp for addresses inside a VPC",
                            v.text
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "PRIVATE_IP_ADDRESS_SUBSET";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.1.0.0/16", "fd12::/16"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""10.1.0.0/16""#.to_string(), r#""fd12::/16""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            // All private: PRIVATE_IP_ADDRESS's case.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": ["203.0.113.0/24", "10.1.0.0/16"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.1.0.0/16"]}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
