//! `warden actions`: expand action patterns and describe actions from the
//! embedded AWS catalog.

use crate::{Format, EXIT_BAD_INPUT};
use serde_json::{json, Value};
use std::process::ExitCode;
use warden_catalog::{Action, ActionResourceType};

/// Arguments of `warden actions`.
#[derive(clap::Args)]
pub struct Args {
    /// An action pattern such as `s3:Get*`, or with `--describe` one action name.
    pattern: String,
    /// Describe one action: access level, resource types, condition keys, dependent actions.
    #[arg(long)]
    describe: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

fn resource_json(rt: ActionResourceType) -> Value {
    let t = rt.resource_type();
    json!({
        "name": rt.name(),
        "required": rt.required(),
        "arnFormats": t.arn_formats().collect::<Vec<_>>(),
        "conditionKeys": rt.condition_keys().map(|k| k.name()).collect::<Vec<_>>(),
    })
}

fn action_json(a: Action, full: bool) -> Value {
    let mut v = json!({"action": a.full_name(), "accessLevel": a.access_level().as_str()});
    if full {
        v["description"] = json!(a.description());
        v["resourceTypes"] = Value::Array(a.resource_types().map(resource_json).collect());
        v["wildcardOnly"] = json!(a.is_wildcard_only());
        v["conditionKeys"] = Value::Array(
            a.condition_keys()
                .map(|k| json!({"name": k.name(), "type": k.condition_type().as_str()}))
                .collect(),
        );
        v["dependentActions"] = json!(a.dependent_actions().collect::<Vec<_>>());
    }
    v
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<ExitCode, String> {
    if args.describe {
        let Some(a) = warden_catalog::action(&args.pattern) else {
            eprintln!(
                "warden: `{}` is not an action in the catalog (data {})",
                args.pattern,
                warden_catalog::DATA_VERSION
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        };
        match args.format {
            Format::Json => outln!(
                "{}",
                serde_json::to_string_pretty(&action_json(a, true)).map_err(|e| e.to_string())?
            ),
            Format::Text => {
                let text = warden_catalog::describe_action(a);
                outln!("{}", text.trim_end());
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !args.pattern.contains(':') && args.pattern != "*" {
        eprintln!(
            "warden: `{}` is not an action pattern: expected service:Action, e.g. s3:Get*",
            args.pattern
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let found = warden_catalog::expand(&args.pattern);
    match args.format {
        Format::Json => {
            let list: Vec<Value> = found.iter().map(|a| action_json(*a, false)).collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
            );
        }
        Format::Text => {
            out!("{}", warden_catalog::describe::action_table(&found));
            eprintln!("{} actions", found.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
