//! Human-readable text about catalog entries, for the CLI
//! (`warden actions 's3:Get*'`, `warden actions --describe s3:GetObject`).
//!
//! The output is plain text without colour, stable enough to snapshot in
//! tests. Machine-readable output is the caller's business: every fact shown
//! here has an accessor on the entry types.

use crate::{Action, ConditionKey};
use std::fmt::Write;

/// One line per action: the full name padded to a column, then the access
/// level, e.g.
///
/// ```text
/// s3:GetObject              Read
/// s3:GetObjectAcl           Read
/// ```
///
/// Empty input gives an empty string; every line ends with `\n`.
pub fn action_table(actions: &[Action]) -> String {
    let width = actions
        .iter()
        .map(|a| a.service().prefix().len() + 1 + a.name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for a in actions {
        let _ = writeln!(out, "{:<width$}  {}", a.to_string(), a.access_level());
    }
    out
}

/// A multi-line description of `action`: description, access level,
/// resource types (with required flag, ARN formats and their condition
/// keys), condition keys with their types, and dependent actions, e.g.
///
/// ```text
/// iam:PassRole
///   Grants permission to pass a role to a service
///
///   Service:       AWS Identity and Access Management (IAM) (iam)
///   Access level:  Write
///
///   Resource types:
///     role (required)
///       arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}
///
///   Condition keys:
///     iam:AssociatedResourceArn  ARN
///     iam:PassedToService        String
///
///   Dependent actions: none
/// ```
pub fn describe_action(action: Action) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{action}");
    if let Some(desc) = action.description() {
        let _ = writeln!(out, "  {desc}");
    }
    let service = action.service();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  Service:       {} ({})",
        service.name(),
        service.prefix()
    );
    let _ = writeln!(out, "  Access level:  {}", action.access_level());

    let _ = writeln!(out);
    if action.is_wildcard_only() {
        let _ = writeln!(
            out,
            "  Resource types: none (the action supports only \"Resource\": \"*\")"
        );
    } else {
        let _ = writeln!(out, "  Resource types:");
        for row in action.resource_types() {
            let rt = row.resource_type();
            let required = if row.required() { " (required)" } else { "" };
            let _ = writeln!(out, "    {}{required}", rt.name());
            for format in rt.arn_formats() {
                let _ = writeln!(out, "      {format}");
            }
            let keys: Vec<ConditionKey> = row.condition_keys().collect();
            if !keys.is_empty() {
                let _ = writeln!(out, "      condition keys:");
                write_keys(&mut out, "        ", &keys);
            }
        }
    }

    let _ = writeln!(out);
    let keys: Vec<ConditionKey> = action.condition_keys().collect();
    if keys.is_empty() {
        let _ = writeln!(out, "  Condition keys: none besides the global keys");
    } else {
        let _ = writeln!(out, "  Condition keys:");
        write_keys(&mut out, "    ", &keys);
    }

    let _ = writeln!(out);
    let deps: Vec<&str> = action.dependent_actions().collect();
    if deps.is_empty() {
        let _ = writeln!(out, "  Dependent actions: none");
    } else {
        let _ = writeln!(out, "  Dependent actions:");
        for d in deps {
            let _ = writeln!(out, "    {d}");
        }
    }
    out
}

/// Writes `name  Type` lines, names padded to a common column.
fn write_keys(out: &mut String, indent: &str, keys: &[ConditionKey]) {
    let width = keys.iter().map(|k| k.name().len()).max().unwrap_or(0);
    for k in keys {
        let _ = writeln!(out, "{indent}{:<width$}  {}", k.name(), k.condition_type());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{action, expand};

    #[test]
    fn table_lines() {
        let text = action_table(&expand("s3:GetObject*"));
        let first = text.lines().next().unwrap();
        assert!(first.starts_with("s3:GetObject "), "{first:?}");
        assert!(first.ends_with("  Read"));
        assert!(text.lines().all(|l| l.starts_with("s3:GetObject")));
        let columns: Vec<usize> = text.lines().map(|l| l.rfind("  ").unwrap()).collect();
        assert!(
            columns.windows(2).all(|w| w[0] == w[1]),
            "columns not aligned:\n{text}"
        );
        assert_eq!(action_table(&[]), "");
    }

    #[test]
    fn describe_pass_role() {
        let text = describe_action(action("iam:PassRole").unwrap());
        assert!(text.starts_with("iam:PassRole\n"), "{text}");
        assert!(text.contains("Access level:  Write"), "{text}");
        assert!(text.contains("    role (required)\n"), "{text}");
        assert!(
            text.contains("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
            "{text}"
        );
        assert!(text.contains("iam:PassedToService"), "{text}");
        assert!(text.contains("String"), "{text}");
        assert!(text.contains("Dependent actions:"), "{text}");
    }

    #[test]
    fn describe_get_object() {
        let text = describe_action(action("s3:GetObject").unwrap());
        assert!(text.contains("Access level:  Read"), "{text}");
        assert!(text.contains("    object"), "{text}");
        assert!(
            text.contains("arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
            "{text}"
        );
        assert!(text.contains("s3:ExistingObjectTag/<key>"), "{text}");
    }

    #[test]
    fn describe_wildcard_only() {
        let list_buckets = action("s3:ListAllMyBuckets").unwrap();
        assert!(list_buckets.is_wildcard_only());
        let text = describe_action(list_buckets);
        assert!(text.contains("Resource types: none"), "{text}");
    }
}
