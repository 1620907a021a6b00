//! `MISSING_PAIRED_CONDITION_KEYS`: a key that is only safe together with a
//! related key, used without it.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: MissingPairedConditionKeys = MissingPairedConditionKeys;

/// Reports keys of [`PAIRS`] without any of their partner keys in the same
/// statement.
pub struct MissingPairedConditionKeys;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_PAIRED_CONDITION_KEYS",
    finding_type: FindingType::SecurityWarning,
    summary: "A condition key that needs a related key is used without it.",
    documentation: "What: an Allow statement whose `Condition` block tests `aws:VpcSourceIp` but neither `aws:SourceVpc` nor `aws:SourceVpce`.\nWhy: `aws:VpcSourceIp` is a private address inside some VPC; the same private ranges are reused in every VPC, including VPCs of other accounts that reach the resource through their own endpoints, so the address alone does not say where the request came from.\nExample: `\"IpAddress\": {\"aws:VpcSourceIp\": \"10.0.0.0/16\"}` with nothing else also matches 10.0.1.5 in someone else's VPC.\nFix: add `\"StringEquals\": {\"aws:SourceVpc\": \"vpc-...\"}` (or `aws:SourceVpce`) to the same `Condition` block.",
};

/// (key, partner keys of which one must be present).
const PAIRS: &[(&str, &[&str])] = &[("aws:VpcSourceIp", &["aws:SourceVpc", "aws:SourceVpce"])];

impl Rule for MissingPairedConditionKeys {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            if st.effect.value != Effect::Allow {
                continue;
            }
            for (key, partners) in PAIRS {
                if !c.key.value.eq_ignore_ascii_case(key) {
                    continue;
                }
                let paired = st
                    .conditions
                    .iter()
                    .any(|o| partners.iter().any(|p| o.key.value.eq_ignore_ascii_case(p)));
                if !paired {
                    out.report(
                        c.key.span,
                        format!(
                            "Using the condition key {} can be overly permissive without also using one of: {}; add it to the same Condition block",
                            c.key.value,
                            partners.join(", ")
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

    const CODE: &str = "MISSING_PAIRED_CONDITION_KEYS";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:VpcSourceIp""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:sourcevpce": "vpce-1a2b3c4d"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
