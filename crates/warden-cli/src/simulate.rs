//! `warden simulate`: one scenario with an explanation, or a stream of
//! scenarios (`--batch`), one JSON result per input line, in order.

use crate::diag::render_error;
use crate::{Format, EXIT_BAD_INPUT};
use rayon::prelude::*;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warden_eval::scenario::{self, errors_json, result_out};
use warden_eval::Evaluation;
use warden_policy::LineIndex;

/// Arguments of `warden simulate`.
#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (`-` for standard input).
    #[arg(required_unless_present = "batch")]
    scenario: Option<PathBuf>,
    /// Evaluate a JSONL file of scenarios (`-` for standard input), writing one JSON result a line.
    #[arg(long, value_name = "CASES.jsonl", conflicts_with = "scenario")]
    batch: Option<PathBuf>,
    /// Output format (single scenario).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Worker threads for `--batch` (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
}

fn read_input(path: &PathBuf) -> io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<ExitCode, String> {
    if let Some(batch) = &args.batch {
        return run_batch(batch, args.jobs);
    }
    let Some(path) = &args.scenario else {
        return Err("no scenario given".into());
    };
    let shown = path.display().to_string();
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("warden: cannot read {shown}: {e}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let off = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let pos = LineIndex::new(&lossy).position(&lossy, off as u32);
            eprintln!(
                "warden: {shown}:{}:{}: the file is not valid UTF-8",
                pos.line,
                pos.column + 1
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let color = io::stderr().is_terminal();
    match scenario::parse(&text) {
        Err(errors) => {
            if args.format == Format::Json {
                outln!("{}", errors_json(&errors, &text));
            }
            for e in &errors {
                eprintln!("{}", render_error(&shown, &text, e.span, &e.message, color));
            }
            Ok(ExitCode::from(EXIT_BAD_INPUT))
        }
        Ok(sc) => {
            let eval = sc.policies.evaluate(&sc.request);
            match args.format {
                Format::Json => {
                    let out = result_out(&eval, &text);
                    outln!(
                        "{}",
                        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
                    );
                }
                Format::Text => out!("{}", render_text(&eval, &shown, &text)),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn render_text(eval: &Evaluation, path: &str, text: &str) -> String {
    use std::fmt::Write as _;
    let idx = LineIndex::new(text);
    let mut out = String::new();
    let _ = writeln!(out, "Decision: {}", eval.decision.as_str());
    let _ = writeln!(out, "Reason:   {}", eval.reason);
    let matched: Vec<_> = eval
        .policies
        .iter()
        .flat_map(|p| p.matched.iter().map(move |s| (p, s)))
        .collect();
    if !matched.is_empty() {
        let _ = writeln!(out, "\nMatched statements:");
        for (p, s) in matched {
            let pos = idx.position(text, s.span.start);
            let sid = s
                .sid
                .as_deref()
                .map(|x| format!(" (Sid \"{x}\")"))
                .unwrap_or_default();
            let target = p
                .target
                .as_deref()
                .map(|t| format!(" @ {t}"))
                .unwrap_or_default();
            let grant = s
                .grant
                .map(|g| format!(", principal matched as {}", g.as_str()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<6} {} `{}`{target} statement {}{sid}{grant}  --> {path}:{}:{}",
                s.effect.as_str(),
                p.policy_type.as_str(),
                p.name,
                s.index,
                pos.line,
                pos.column + 1
            );
        }
    }
    if !eval.policies.is_empty() {
        let _ = writeln!(out, "\nPolicies:");
        for p in &eval.policies {
            let target = p
                .target
                .as_deref()
                .map(|t| format!(" @ {t}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<22} {:<28} {}",
                p.policy_type.as_str(),
                format!("{}{target}", p.name),
                p.outcome.as_str()
            );
        }
    }
    if !eval.missing_context_keys.is_empty() {
        let _ = writeln!(
            out,
            "\nContext keys read but not in the request: {}",
            eval.missing_context_keys.join(", ")
        );
    }
    out
}

thread_local! {
    /// Each batch worker keeps its own cache of compiled policies.
    static PARSER: std::cell::RefCell<scenario::ScenarioParser> = std::cell::RefCell::new(scenario::ScenarioParser::new());
}

/// Evaluates one batch line and appends its JSON result (without newline)
/// to `out`; whether the line was a valid scenario.
fn evaluate_line_into(line: &str, out: &mut Vec<u8>) -> bool {
    let evaluated = PARSER.with(|p| p.borrow_mut().evaluate(line));
    match evaluated {
        Ok(eval) => {
            scenario::write_result(&eval, line, out);
            true
        }
        Err(errors) => {
            let _ = serde_json::to_writer(&mut *out, &errors_json(&errors, line));
            false
        }
    }
}

fn evaluate_line(line: &str) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(512);
    let ok = evaluate_line_into(line, &mut out);
    (out, ok)
}

fn run_batch(path: &PathBuf, jobs: Option<usize>) -> Result<ExitCode, String> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::BufReader::with_capacity(1 << 16, io::stdin()))
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                eprintln!("warden: cannot read {}: {e}", path.display());
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        }
    };
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = if jobs > 1 {
        Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .map_err(|e| e.to_string())?,
        )
    } else {
        None
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut all_ok = true;
    let Some(pool) = pool else {
        // One worker: stream line by line through reused buffers.
        let mut reader = reader;
        let mut line = String::new();
        let mut result = Vec::with_capacity(4096);
        let mut line_no = 0usize;
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => line_no += 1,
                Err(e) => {
                    eprintln!("warden: {}:{}: {e}", path.display(), line_no + 1);
                    return Ok(ExitCode::from(EXIT_BAD_INPUT));
                }
            }
            let text = line.trim_end_matches(['\n', '\r']);
            if text.trim().is_empty() {
                continue;
            }
            result.clear();
            all_ok &= evaluate_line_into(text, &mut result);
            result.push(b'\n');
            out.write_all(&result).map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())?;
        return Ok(if all_ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_BAD_INPUT)
        });
    };
    // Several workers: bounded chunks keep memory constant however long the input is.
    const CHUNK: usize = 4096;
    let mut lines = reader.lines();
    let mut line_no = 0usize;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for line in lines.by_ref() {
            line_no += 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("warden: {}:{line_no}: {e}", path.display());
                    return Ok(ExitCode::from(EXIT_BAD_INPUT));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            chunk.push(line);
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<(Vec<u8>, bool)> =
            pool.install(|| chunk.par_iter().map(|l| evaluate_line(l)).collect());
        for (r, ok) in results {
            all_ok &= ok;
            out.write_all(&r).map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BAD_INPUT)
    })
}
