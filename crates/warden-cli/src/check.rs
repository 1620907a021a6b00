//! `warden check` and `warden rules`: policy checks over files, directories
//! or standard input, as text with code frames, JSON, or SARIF 2.1.0.

use crate::diag::{render, Severity};
use crate::EXIT_BAD_INPUT;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warden_check::{check, Finding, FindingType, Options, PolicyType, ResourceType};
use warden_policy::LineIndex;

/// Output formats of `warden check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Code frames for people.
    Text,
    /// Access-Analyzer-shaped findings.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
}

/// Policy types on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyTypeArg {
    /// Identity-based policy.
    Identity,
    /// Resource-based policy.
    Resource,
    /// Service control policy.
    Scp,
    /// Resource control policy.
    Rcp,
}

/// Arguments of `warden check`.
#[derive(clap::Args)]
pub struct Args {
    /// Policy files, directories (searched for `*.json`), or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The policy type.
    #[arg(long, value_enum, default_value = "identity")]
    policy_type: PolicyTypeArg,
    /// For resource policies: AWS::S3::Bucket, AWS::S3::AccessPoint, AWS::S3::MultiRegionAccessPoint,
    /// AWS::S3ObjectLambda::AccessPoint, AWS::IAM::AssumeRolePolicyDocument or AWS::DynamoDB::Table.
    #[arg(long)]
    resource_type: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// Finding types that make the exit code 2 (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "ERROR,SECURITY_WARNING")]
    blocking: Vec<String>,
    /// Issue codes to leave out.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
}

struct FileResult {
    path: String,
    source: String,
    findings: Vec<Finding>,
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "json") {
                collect(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// A file that cannot be read becomes a located finding, not a crash.
fn unreadable(path: String, message: String) -> FileResult {
    FileResult {
        path,
        source: String::new(),
        findings: vec![Finding {
            code: "JSON_SYNTAX_ERROR",
            finding_type: FindingType::Error,
            message,
            span: warden_policy::Span::new(0, 0),
        }],
    }
}

/// Runs `warden check`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let policy_type = match args.policy_type {
        PolicyTypeArg::Identity => PolicyType::Identity,
        PolicyTypeArg::Resource => PolicyType::Resource,
        PolicyTypeArg::Scp => PolicyType::ServiceControl,
        PolicyTypeArg::Rcp => PolicyType::ResourceControl,
    };
    let resource_type = match &args.resource_type {
        None => None,
        Some(name) => match ResourceType::from_name(name) {
            Some(t) => Some(t),
            None => {
                eprintln!("warden: unknown resource type `{name}`");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
    };
    let options = Options {
        policy_type,
        resource_type,
    };
    let mut files = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if let Err(e) = collect(p, &mut files) {
            eprintln!("warden: cannot read {}: {e}", p.display());
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    }
    let ignore: Vec<String> = args.ignore.iter().map(|c| c.to_ascii_uppercase()).collect();
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|path| {
            let shown = path.display().to_string();
            let bytes = if path.as_os_str() == "-" {
                let mut b = Vec::new();
                std::io::stdin().read_to_end(&mut b).map(|_| b)
            } else {
                std::fs::read(path)
            };
            let source = match bytes.map(String::from_utf8) {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => {
                    return unreadable(
                        shown,
                        format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                    )
                }
                Err(e) => return unreadable(shown, format!("cannot read the file: {e}")),
            };
            let mut findings = check(&source, &options);
            findings.retain(|f| !ignore.iter().any(|c| c == f.code));
            FileResult {
                path: shown,
                source,
                findings,
            }
        })
        .collect();
    let blocking: Vec<String> = args
        .blocking
        .iter()
        .map(|b| b.trim().to_ascii_uppercase())
        .collect();
    let blocked = results
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| blocking.iter().any(|b| b == f.finding_type.as_str()));
    match args.format {
        CheckFormat::Text => print_text(&results),
        CheckFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&json_output(&results)).map_err(|e| e.to_string())?
        ),
        CheckFormat::Sarif => outln!(
            "{}",
            serde_json::to_string_pretty(&sarif_output(&results)).map_err(|e| e.to_string())?
        ),
    }
    Ok(if blocked {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(results: &[FileResult]) {
    let color = std::io::stdout().is_terminal();
    let mut total = 0;
    for r in results {
        for f in &r.findings {
            total += 1;
            let title = format!("{} [{}]: {}", f.code, f.finding_type.as_str(), f.message);
            let severity = match f.finding_type {
                FindingType::Error | FindingType::SecurityWarning => Severity::Error,
                FindingType::Warning => Severity::Warning,
                FindingType::Suggestion => Severity::Note,
            };
            outln!(
                "{}",
                render(severity, &r.path, &r.source, f.span, &title, color)
            );
        }
    }
    outln!("{total} findings in {} files", results.len());
}

fn info_of(code: &str) -> Option<&'static warden_check::RuleInfo> {
    warden_check::rule(code).map(|r| r.info())
}

fn json_output(results: &[FileResult]) -> Value {
    let mut out = Vec::new();
    for r in results {
        let idx = LineIndex::new(&r.source);
        for f in &r.findings {
            let loc = f.location(&r.source, &idx);
            out.push(json!({
                "file": r.path,
                "findingType": f.finding_type.as_str(),
                "issueCode": f.code,
                "findingDetails": f.message,
                "learnMoreLink": info_of(f.code).map(|i| i.learn_more_link()),
                "locations": [{"path": [], "span": loc}],
            }));
        }
    }
    Value::Array(out)
}

fn sarif_level(t: FindingType) -> &'static str {
    match t {
        FindingType::Error | FindingType::SecurityWarning => "error",
        FindingType::Warning => "warning",
        FindingType::Suggestion => "note",
    }
}

fn sarif_output(results: &[FileResult]) -> Value {
    let rules: Vec<Value> = warden_check::rules::all()
        .iter()
        .map(|r| {
            let i = r.info();
            let link = i.learn_more_link();
            let mut rule = json!({
                "id": i.code,
                "shortDescription": {"text": i.summary},
                "fullDescription": {"text": i.documentation},
                "help": {"text": i.documentation},
                "defaultConfiguration": {"level": sarif_level(i.finding_type)},
                "properties": {"findingType": i.finding_type.as_str()},
            });
            // SARIF wants a URI here; Warden's own rules are documented by `warden rules`.
            if link.starts_with("https://") {
                rule["helpUri"] = json!(link);
            }
            rule
        })
        .collect();
    let mut out = Vec::new();
    for r in results {
        let idx = LineIndex::new(&r.source);
        for f in &r.findings {
            let loc = f.location(&r.source, &idx);
            out.push(json!({
                "ruleId": f.code,
                "level": sarif_level(f.finding_type),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": r.path},
                    "region": {
                        "startLine": loc.start.line,
                        "startColumn": loc.start.column + 1,
                        "endLine": loc.end.line,
                        "endColumn": loc.end.column + 1,
                        "byteOffset": loc.start.offset,
                        "byteLength": loc.end.offset - loc.start.offset,
                    },
                }}],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "warden",
                "informationUri": "https://example.invalid/warden",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": out,
        }],
    })
}

/// Arguments of `warden rules`.
#[derive(clap::Args)]
pub struct RulesArgs {
    /// A rule code: print its documentation.
    code: Option<String>,
}

/// Runs `warden rules`.
pub fn rules(args: RulesArgs) -> Result<ExitCode, String> {
    match args.code {
        None => {
            for r in warden_check::rules::all() {
                let i = r.info();
                outln!(
                    "{:<40} {:<17} {}",
                    i.code,
                    i.finding_type.as_str(),
                    i.summary
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(code) => match warden_check::rule(&code) {
            Some(r) => {
                let i = r.info();
                outln!(
                    "{} ({})\n\n{}\n\n{}\n\nMore: {}",
                    i.code,
                    i.finding_type.as_str(),
                    i.summary,
                    i.documentation,
                    i.learn_more_link()
                );
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!("warden: no rule `{code}` (see `warden rules`)");
                Ok(ExitCode::from(EXIT_BAD_INPUT))
            }
        },
    }
}
