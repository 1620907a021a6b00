#!/usr/bin/env bash
# Side-by-side wall time of `warden check` and parliament (Python) over the
# same directory of IAM policies: by default the AWS managed-policy corpus.
#
#   scripts/bench-check.sh [DIR]     (DIR: a directory of *.json policies;
#                                     default ../shared/corpus/managed-policies/latest)
#
# Builds the release binary, creates a Python venv under target/bench-venv
# (once) with a pinned parliament from PyPI, then times, process start to
# exit:
#   * parliament's CLI over the directory, once (it takes ~10 s). Its CLI
#     stops at the first policy it cannot analyse (an uncaught exception), so
#     when the directory run aborts the script finds the aborting files (the
#     library, file by file, in one process), lists them, and times the CLI
#     again over the directory without them;
#   * `warden check DIR`, best of 5 and median, with `--format json` to
#     /dev/null and with text output to /dev/null;
# and prints both times and the ratio. Needs only Rust, Python 3 and PyPI.
set -euo pipefail
# A directory given on the command line is relative to where the script is run.
if [ $# -gt 0 ]; then
  [ -d "$1" ] || { echo "bench-check: no directory $1" >&2; exit 2; }
  DIR=$(cd "$1" && pwd)
fi
cd "$(dirname "$0")/.."
# The default: the shared corpus beside the checkout, as the corpus tests use it.
DIR=${DIR:-$PWD/../shared/corpus/managed-policies/latest}
PARLIAMENT_VERSION=1.6.4
RUNS=5

[ -d "$DIR" ] || { echo "bench-check: no directory $DIR" >&2; exit 2; }
cargo build --release --locked -q -p warden-cli
target=${CARGO_TARGET_DIR:-target}
warden=$(cd "$target" && pwd)/release/warden

venv=$target/bench-venv
if [ ! -x "$venv/bin/parliament" ] || ! "$venv/bin/python" -m pip show parliament 2>/dev/null | grep -qx "Version: $PARLIAMENT_VERSION"; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "parliament==$PARLIAMENT_VERSION"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=$(find "$DIR" -name '*.json' -type f | wc -l)
echo "policies: $n files in $DIR"
echo

python3 - "$venv/bin/parliament" "$venv/bin/python" "$DIR" "$work" <<'EOF'
import os, re, subprocess, sys, time

parliament, python, directory, work = sys.argv[1:5]

def run(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - t, p

base = [parliament, "--directory", directory, "--include_policy_extension", ".json", "--json"]
dt, p = run(base)
aborted = "Traceback (most recent call last)" in p.stderr
last = (p.stderr.strip().splitlines() or [""])[-1]
print(f"parliament --directory: {dt:.2f} s, exit {p.returncode}"
      + (f", ABORTED: {last}" if aborted else f", {len(p.stdout.splitlines())} findings"))
covered = dt
if aborted:
    # Which files abort: the library on each file, in one process, so one
    # bad file does not hide the others.
    finder = r'''
import os, sys
from parliament import analyze_policy_string
d = sys.argv[1]
for root, _, names in os.walk(d):
    for name in sorted(names):
        if not name.endswith(".json"):
            continue
        path = os.path.join(root, name)
        with open(path) as f:
            text = f.read()
        try:
            analyze_policy_string(text, path)
        except Exception as e:
            print(f"{path}\t{type(e).__name__}: {e}")
'''
    found = subprocess.run([python, "-c", finder, directory], stdout=subprocess.PIPE, text=True).stdout
    bad = [l.split("\t", 1) for l in found.splitlines() if "\t" in l]
    print(f"  files parliament aborts on ({len(bad)}):")
    for path, why in bad:
        print(f"    {os.path.relpath(path, directory)}: {why}")
    # parliament matches --exclude_pattern against the whole path.
    pattern = "^(" + "|".join(re.escape(path) for path, _ in bad) + ")$"
    dt, p = run(base + ["--exclude_pattern", pattern])
    still = "Traceback (most recent call last)" in p.stderr
    print(f"parliament --directory without them: {dt:.2f} s, exit {p.returncode}, "
          + ("STILL ABORTS" if still else f"{len(p.stdout.splitlines())} findings"))
    covered = dt
with open(os.path.join(work, "parliament"), "w") as f:
    f.write(f"{covered}\n")
EOF

python3 - "$warden" "$DIR" "$RUNS" "$work" <<'EOF'
import os, statistics, subprocess, sys, time

warden, directory, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with open(os.path.join(work, "parliament")) as f:
    parliament = float(f.read())

def timed(args):
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run([warden, "check", *args, directory], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        out.append(time.perf_counter() - t)
        if p.returncode not in (0, 2):  # 2: blocking findings, as intended
            sys.exit(f"warden check {' '.join(args)} failed ({p.returncode}): {p.stderr.decode()}")
    return min(out), statistics.median(out)

print()
print(f"{'':34} {'best':>9} {'median':>9} {'parliament/warden (best)':>26}")
for label, args in [("warden check --format json", ["--format", "json"]), ("warden check (text)", [])]:
    best, median = timed(args)
    print(f"{label:34} {best * 1e3:7.1f} ms {median * 1e3:6.1f} ms {parliament / best:25.0f}x")
print(f"{'parliament (files it can analyse)':34} {parliament:8.2f} s")
EOF
