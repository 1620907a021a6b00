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

/// The lines of a stream, each borrowed from one reused buffer instead of
/// copied into a string of its own: the `--jobs 1` path reads every line
/// once, and the copy and the byte-at-a-time line search were about a
/// twentieth of its time.
struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    /// The bytes read but not yet returned are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
}

impl<R: Read> LineReader<R> {
    fn new(inner: R) -> Self {
        LineReader {
            inner,
            buf: vec![0; 1 << 16],
            start: 0,
            end: 0,
            eof: false,
        }
    }

    /// The range in the buffer of the next line, line feed included when
    /// there is one; `None` at the end of the stream.
    fn next_line(&mut self) -> io::Result<Option<std::ops::Range<usize>>> {
        let mut scanned = self.start;
        loop {
            let unread = self.buf.get(scanned..self.end).unwrap_or_default();
            if let Some(i) = memchr::memchr(b'\n', unread) {
                let line = self.start..scanned + i + 1;
                self.start = line.end;
                return Ok(Some(line));
            }
            if self.eof {
                if self.start == self.end {
                    return Ok(None);
                }
                let line = self.start..self.end;
                self.start = self.end;
                return Ok(Some(line));
            }
            // Keep the partial line at the front, with room to read more.
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            scanned = self.end;
            if self.end == self.buf.len() {
                self.buf.resize(self.buf.len() * 2, 0);
            }
            match self
                .inner
                .read(self.buf.get_mut(self.end..).unwrap_or_default())
            {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The line at `range` as text; the error `BufRead::read_line` gives
    /// for a line that is not UTF-8.
    fn text(&self, range: std::ops::Range<usize>) -> io::Result<&str> {
        std::str::from_utf8(self.buf.get(range).unwrap_or_default()).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            )
        })
    }
}

fn run_batch(path: &PathBuf, jobs: Option<usize>) -> Result<ExitCode, String> {
    let input: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
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
        let mut reader = LineReader::new(input);
        let mut result = Vec::with_capacity(4096);
        let mut line_no = 0usize;
        loop {
            let line = match reader.next_line() {
                Ok(None) => break,
                Ok(Some(range)) => reader.text(range),
                Err(e) => Err(e),
            };
            // As `BufRead::read_line`, which this replaces: the line's
            // number counts only lines read successfully before it.
            let line = match line {
                Ok(l) => {
                    line_no += 1;
                    l
                }
                Err(e) => {
                    eprintln!("warden: {}:{}: {e}", path.display(), line_no + 1);
                    return Ok(ExitCode::from(EXIT_BAD_INPUT));
                }
            };
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
    let mut lines = io::BufReader::with_capacity(1 << 16, input).lines();
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

#[cfg(test)]
mod tests {
    use super::LineReader;
    use std::io::{self, BufRead, Read};

    /// A reader that hands out at most `step` bytes a call, so that lines
    /// straddle every possible refill boundary.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// Lines as `BufRead::read_line` gives them (the reader it replaces),
    /// with its error text for a line that is not UTF-8.
    fn reference(data: &[u8]) -> Vec<Result<String, String>> {
        let mut r = io::BufReader::new(data);
        let mut out = Vec::new();
        loop {
            let mut line = String::new();
            match r.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => out.push(Ok(line)),
                Err(e) => {
                    out.push(Err(e.to_string()));
                    break;
                }
            }
        }
        out
    }

    fn read_all(data: &[u8], step: usize) -> Vec<Result<String, String>> {
        let mut r = LineReader::new(Trickle { data, step });
        let mut out = Vec::new();
        loop {
            match r.next_line() {
                Ok(None) => break,
                Ok(Some(range)) => match r.text(range) {
                    Ok(t) => out.push(Ok(t.to_string())),
                    Err(e) => {
                        out.push(Err(e.to_string()));
                        break;
                    }
                },
                Err(e) => {
                    out.push(Err(e.to_string()));
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn lines_are_those_read_line_gives() {
        let long = "é".repeat(70_000);
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\n".to_vec(),
            b"a".to_vec(),
            b"a\nb\n\nc".to_vec(),
            b"one\r\ntwo\r\r\n  \n".to_vec(),
            format!("{long}\nshort\n{long}").into_bytes(),
            b"ok\nbad \xff here\nafter\n".to_vec(),
            b"split \xc3".to_vec(),
        ];
        for data in &cases {
            let expected = reference(data);
            for step in [1, 2, 3, 7, 64, 1 << 16, usize::MAX] {
                assert_eq!(read_all(data, step), expected, "step {step}");
            }
        }
    }
}
