//! The rules, one file each. A rule has a [`RuleInfo`] (code, finding type,
//! documentation) and a `check` over a [`CheckContext`]; its tests sit in
//! its file: a fixture that triggers it (with the exact span expected) and a
//! near miss that does not.

use crate::finding::{Findings, RuleInfo};
use crate::CheckContext;

/// A policy check.
pub trait Rule: Sync {
    /// What the rule is.
    fn info(&self) -> &RuleInfo;
    /// Reports the rule's findings for one policy.
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>);
}

/// A rule that reports one kind of parser diagnostic under an Access
/// Analyzer code: the parser already knows where the problem is.
pub struct ParserDiagnostic {
    info: RuleInfo,
    parser_code: &'static str,
}

impl ParserDiagnostic {
    /// A rule for the parser's `parser_code` diagnostics.
    pub const fn new(info: RuleInfo, parser_code: &'static str) -> Self {
        ParserDiagnostic { info, parser_code }
    }
}

impl Rule for ParserDiagnostic {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for d in cx.diagnostics.iter().filter(|d| d.code == self.parser_code) {
            out.report(d.span, d.message.clone());
        }
    }
}

/// Whether the text at `span` is a JSON array with nothing in it (`[]`, `[ ]`).
fn is_empty_array(cx: &CheckContext<'_>, span: warden_policy::Span) -> bool {
    cx.source
        .get(span.range())
        .and_then(|t| t.strip_prefix('['))
        .and_then(|t| t.strip_suffix(']'))
        .is_some_and(|inner| inner.trim().is_empty())
}

/// The `Principal` and `NotPrincipal` members of every statement object of
/// the JSON tree (`Statement` as an array or a single object), as written:
/// for the checks that look at the element's raw shape, which the policy
/// AST no longer shows (an empty object, an empty array).
pub(crate) fn principal_members<'a>(
    cx: &'a CheckContext<'_>,
) -> impl Iterator<Item = &'a warden_policy::json::Member<'a>> + 'a {
    use warden_policy::json::ValueKind;
    let statements = cx.json.and_then(|j| j.get("Statement"));
    let statements: &[warden_policy::json::Value<'_>] = match statements.map(|s| &s.kind) {
        Some(ValueKind::Array(items)) => items,
        Some(ValueKind::Object(_)) => statements.map(std::slice::from_ref).unwrap_or_default(),
        _ => &[],
    };
    statements
        .iter()
        .filter_map(|st| match &st.kind {
            ValueKind::Object(members) => Some(members.iter()),
            _ => None,
        })
        .flatten()
        .filter(|m| m.key == "Principal" || m.key == "NotPrincipal")
}

mod allow_with_not_principal;
mod broad_action;
mod data_type_mismatch;
mod duplicate_keys_with_different_case;
mod empty_array_action;
mod empty_array_principal;
mod empty_array_resource;
mod empty_sid_value;
mod invalid_action;
mod invalid_condition_operator;
mod invalid_effect;
mod invalid_policy_element;
mod invalid_principal_format;
mod invalid_principal_key;
mod invalid_service_in_action;
mod invalid_version;
mod json_syntax_error;
mod missing_action;
mod missing_effect;
mod missing_principal;
mod missing_resource;
mod missing_statement;
mod missing_version;
mod null_with_if_exists;
mod pass_role;
mod pass_role_with_not_action_and_not_resource;
mod pass_role_with_not_resource;
mod pass_role_with_star_in_action_and_not_resource;
mod pass_role_with_star_in_action_and_resource;
mod pass_role_with_star_in_resource;
mod pass_role_with_star_in_resource_and_not_action;
mod suggest;
mod unique_sids_recommended;
mod unique_sids_required;
mod unsupported_element_combination;
mod unsupported_principal;
mod unsupported_sid;
mod warden_full_admin;
mod wildcard_in_service_name;

mod arns;
mod conditions;
pub(crate) mod redundancy;
mod security;
mod semantic;
mod trust;

/// The rules of this module (the families in submodules have their own lists).
static CORE: &[&dyn Rule] = &[
    &allow_with_not_principal::RULE,
    &data_type_mismatch::RULE,
    &duplicate_keys_with_different_case::RULE,
    &empty_array_action::RULE,
    &empty_array_principal::RULE,
    &empty_array_resource::RULE,
    &empty_sid_value::RULE,
    &invalid_action::RULE,
    &invalid_condition_operator::RULE,
    &invalid_effect::RULE,
    &invalid_policy_element::RULE,
    &invalid_principal_format::RULE,
    &invalid_principal_key::RULE,
    &invalid_service_in_action::RULE,
    &invalid_version::RULE,
    &json_syntax_error::RULE,
    &missing_action::RULE,
    &missing_effect::RULE,
    &missing_principal::RULE,
    &missing_resource::RULE,
    &missing_statement::RULE,
    &missing_version::RULE,
    &null_with_if_exists::RULE,
    &pass_role_with_not_action_and_not_resource::RULE,
    &pass_role_with_not_resource::RULE,
    &pass_role_with_star_in_action_and_not_resource::RULE,
    &pass_role_with_star_in_action_and_resource::RULE,
    &pass_role_with_star_in_resource::RULE,
    &pass_role_with_star_in_resource_and_not_action::RULE,
    &unique_sids_recommended::RULE,
    &unique_sids_required::RULE,
    &unsupported_element_combination::RULE,
    &unsupported_principal::RULE,
    &unsupported_sid::RULE,
    &warden_full_admin::RULE,
    &wildcard_in_service_name::RULE,
];

/// Every rule, sorted by code.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static dyn Rule> = CORE
            .iter()
            .chain(conditions::RULES)
            .chain(arns::RULES)
            .chain(redundancy::RULES)
            .chain(security::RULES)
            .chain(semantic::RULES)
            .chain(trust::RULES)
            .copied()
            .collect();
        v.sort_by_key(|r| r.info().code);
        v
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Fixture helpers shared by the rules' tests.

    use crate::{check, Options, PolicyType, ResourceType};
    use warden_policy::LineIndex;

    /// The findings of `code` for `src`, as (code, text under the span).
    pub fn findings_of(code: &str, src: &str, options: Options) -> Vec<String> {
        check(src, &options)
            .into_iter()
            .filter(|f| f.code == code)
            .map(|f| src.get(f.span.range()).unwrap_or("<bad span>").to_string())
            .collect()
    }

    /// Longer texts under a span (a whole oversized policy) are shown by
    /// their ends: the positions already pin the span down exactly, and a
    /// 20 KiB line would make the snapshot unreadable.
    const TEXT_LIMIT: usize = 400;

    /// Every finding of `code` for `src`, one line each, in `check`'s order:
    /// code, finding type, location as `line:column-line:column` (as the CLI
    /// prints it: line from 1, column from 0 in characters, end exclusive),
    /// the text under the span in backticks, and the message.
    pub fn render(code: &str, src: &str, options: Options) -> String {
        let index = LineIndex::new(src);
        let lines: Vec<String> = check(src, &options)
            .into_iter()
            .filter(|f| f.code == code)
            .map(|f| {
                let at = f.location(src, &index);
                let text = src.get(f.span.range()).unwrap_or("<bad span>");
                format!(
                    "{} {} {}:{}-{}:{} `{}` {}",
                    f.code,
                    f.finding_type.as_str(),
                    at.start.line,
                    at.start.column,
                    at.end.line,
                    at.end.column,
                    one_line(&shorten(text)),
                    one_line(&f.message),
                )
            })
            .collect();
        if lines.is_empty() {
            "(no findings)".to_string()
        } else {
            lines.join("\n")
        }
    }

    /// `text` itself, or its first and last characters around the number
    /// of bytes left out.
    fn shorten(text: &str) -> String {
        if text.chars().count() <= TEXT_LIMIT {
            return text.to_string();
        }
        let head: String = text.chars().take(TEXT_LIMIT / 2).collect();
        let tail: Vec<char> = text.chars().rev().take(TEXT_LIMIT / 4).collect();
        let tail: String = tail.into_iter().rev().collect();
        let left_out = text.len() - head.len() - tail.len();
        format!("{head}…[{left_out} bytes]…{tail}")
    }

    /// A snapshot's description: the options and the fixture checked.
    pub fn describe(src: &str, options: Options) -> String {
        format!("{options:?}\n{}", shorten(src))
    }

    /// Keeps one finding on one line of the snapshot.
    fn one_line(text: &str) -> String {
        text.replace('\r', "\\r").replace('\n', "\\n")
    }

    /// Snapshots (with insta) every finding of `code` for `src` as
    /// [`render`] writes them. The snapshot is named after the calling test
    /// and stored in the `snapshots/` folder beside the calling file; its
    /// description records the options and the fixture.
    macro_rules! assert_findings {
        ($code:expr, $src:expr, $options:expr $(,)?) => {{
            let src: &str = $src;
            let options: $crate::Options = $options;
            let findings = $crate::rules::testing::render($code, src, options);
            ::insta::with_settings!(
                {
                    description => $crate::rules::testing::describe(src, options),
                    omit_expression => true,
                },
                { ::insta::assert_snapshot!(findings) }
            );
        }};
    }
    pub(crate) use assert_findings;

    #[test]
    fn render_counts_lines_from_1_and_columns_from_0_in_characters() {
        // The `ä` is two bytes but one column.
        let src = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Resource\": \"arn:aws:s3:::exämple/*\", \"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:*\"}]\n}";
        assert_eq!(
            render("EMPTY_SID_VALUE", src, identity()),
            "EMPTY_SID_VALUE SUGGESTION 3:62-3:64 `\"\"` the Sid is empty"
        );
        assert_eq!(render("EMPTY_SID_VALUE", "{", identity()), "(no findings)");
    }

    #[test]
    fn long_and_multi_line_texts_stay_on_one_line() {
        assert_eq!(one_line("a\r\nb"), "a\\r\\nb");
        let long = format!("{{{}}}", "x".repeat(1000));
        let short = shorten(&long);
        assert!(
            short.starts_with(&format!("{{{}", "x".repeat(199))),
            "{short}"
        );
        assert!(short.ends_with(&format!("{}}}", "x".repeat(99))), "{short}");
        assert!(short.contains("…[702 bytes]…"), "{short}");
        assert_eq!(shorten("short"), "short");
    }

    /// Identity-policy options.
    pub fn identity() -> Options {
        Options::default()
    }

    /// Resource-policy options.
    pub fn resource() -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: None,
            deep: false,
        }
    }

    /// Resource-control-policy options.
    pub fn rcp() -> Options {
        Options {
            policy_type: PolicyType::ResourceControl,
            resource_type: None,
            deep: false,
        }
    }

    /// Service-control-policy options.
    pub fn scp() -> Options {
        Options {
            policy_type: PolicyType::ServiceControl,
            resource_type: None,
            deep: false,
        }
    }

    /// Role-trust-policy options.
    pub fn trust() -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: Some(ResourceType::RoleTrustPolicy),
            deep: false,
        }
    }
}

#[cfg(test)]
mod order {
    #[test]
    fn all_is_sorted_by_code_without_duplicates() {
        let codes: Vec<&str> = super::all().iter().map(|r| r.info().code).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    }
}

#[cfg(test)]
mod snapshot_coverage {
    //! Every rule's triggering fixture is snapshotted with
    //! `testing::assert_findings!`; this keeps new rules from skipping it.

    use std::path::Path;

    /// The finding lines of every committed snapshot under `dir`, from the
    /// `snapshots/` folders at any depth (pending `.snap.new` files do not
    /// count).
    fn snapshot_lines(dir: &Path, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap();
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                snapshot_lines(&path, out);
            } else if path.extension().is_some_and(|e| e == "snap")
                && path.parent().and_then(Path::file_name) == Some("snapshots".as_ref())
            {
                let text = std::fs::read_to_string(&path).unwrap();
                // The metadata header sits between the first two `---` lines.
                let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
                out.extend(body.lines().map(str::to_string));
            }
        }
    }

    #[test]
    fn every_rule_has_a_snapshot_of_its_finding() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut lines = Vec::new();
        snapshot_lines(&root, &mut lines);
        let missing: Vec<&str> = super::all()
            .iter()
            .map(|r| r.info())
            .filter(|info| {
                let prefix = format!("{} {} ", info.code, info.finding_type.as_str());
                !lines.iter().any(|l| l.starts_with(&prefix))
            })
            .map(|info| info.code)
            .collect();
        assert!(
            missing.is_empty(),
            "rules with no snapshotted finding (add `assert_findings!` to their triggering test): {missing:?}"
        );
    }
}
