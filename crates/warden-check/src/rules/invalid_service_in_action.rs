//! `INVALID_SERVICE_IN_ACTION`: an action's service prefix is unknown.

use super::suggest::closest;
use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::memo::Memo;
use crate::CheckContext;
use warden_catalog::glob::has_wildcard;

/// The rule.
pub static RULE: InvalidServiceInAction = InvalidServiceInAction;

/// Reports `Action`/`NotAction` entries whose service prefix (the part
/// before `:`) names no service in the catalog. Prefixes with a wildcard are
/// left to `WILDCARD_IN_SERVICE_NAME`.
pub struct InvalidServiceInAction;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_SERVICE_IN_ACTION",
    finding_type: FindingType::Error,
    summary: "An action names a service prefix that does not exist.",
    documentation: "What: the part of an action before the colon is not the IAM prefix of any AWS service, so the entry matches no action at all.\nWhy: usually a typo or a product name used in place of its prefix; the permission the author meant is never granted (or, in a Deny, never denied).\nExample: `\"Action\": \"s3bucket:GetObject\"` or `\"Action\": \"lamda:InvokeFunction\"`.\nFix: use the service's IAM prefix (`s3`, `lambda`, ...); `warden` suggests the closest known prefix.",
};

impl Rule for InvalidServiceInAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        // The verdict depends only on the prefix, which policies repeat.
        thread_local! {
            static MEMO: Memo<Option<String>> = Memo::new();
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for v in st.action.iter().flat_map(|a| &a.values) {
                let Some((prefix, _)) = v.value.split_once(':') else {
                    continue;
                };
                if let Some(message) = MEMO.with(|m| m.get_or(prefix, || verdict(prefix))) {
                    out.report(v.span, message);
                }
            }
        }
    }
}

/// The finding's message when `prefix` is no service's prefix.
fn verdict(prefix: &str) -> Option<String> {
    if has_wildcard(prefix) || warden_catalog::service(prefix).is_some() {
        return None;
    }
    Some(
        match closest(prefix, warden_catalog::services().map(|s| s.prefix())) {
            Some(s) => format!("the service `{prefix}` does not exist; did you mean `{s}`?"),
            None => format!("the service `{prefix}` does not exist"),
        },
    )
}

#[cfg(test)]
mod tests {
    use crate::check;
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "lamda:InvokeFunction"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("INVALID_SERVICE_IN_ACTION", src, identity()),
            vec![r#""lamda:InvokeFunction""#.to_string()]
        );
        assert_findings!("INVALID_SERVICE_IN_ACTION", src, identity());
        let f = check(src, &identity());
        let f = f
            .iter()
            .find(|f| f.code == "INVALID_SERVICE_IN_ACTION")
            .unwrap();
        assert!(f.message.contains("`lambda`"), "{}", f.message);
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "nosuchservice:Get*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("INVALID_SERVICE_IN_ACTION", src, identity()),
            vec![r#""nosuchservice:Get*""#.to_string()]
        );
        assert_findings!("INVALID_SERVICE_IN_ACTION", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["S3:GetObject", "lambda:Invoke*", "*"], "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s*:GetObject", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:NoSuchAction", "Resource": "*"}]}"#,
        ] {
            assert!(
                findings_of("INVALID_SERVICE_IN_ACTION", src, identity()).is_empty(),
                "{src}"
            );
        }
    }
}
