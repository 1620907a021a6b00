#!/usr/bin/env bash
# Side-by-side throughput of `warden simulate --batch` (one core) and stock
# @cloud-copilot/iam-simulate's runSimulation on the same scenario files, plus
# Warden's start-up time and the managed-policy parse time.
#
#   scripts/bench-simulate.sh [N]        (N scenarios per file, default 10000)
#
# Files:
#   unique.jsonl  every line has its own policies (tests/oracle/gen-sample.mjs)
#   suite.jsonl   a CI-style suite: 50 policy sets, each asked N/50 different requests
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d tests/oracle/node_modules/@cloud-copilot/iam-simulate ] || npm ci --prefix tests/oracle --no-audit --no-fund --loglevel=error
cargo build --release --locked -q -p warden-cli
warden=target/release/warden

node tests/oracle/gen-sample.mjs "$N" 7 > "$work/unique.jsonl"
python3 - "$work/unique.jsonl" "$work/suite.jsonl" <<'EOF'
import json, random, sys
src, dst = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(src)]
random.seed(7)
sets = lines[:50]
with open(dst, "w") as out:
    for i, line in enumerate(lines):
        sc = dict(sets[i % len(sets)])
        sc["request"] = line["request"]
        out.write(json.dumps(sc) + "\n")
EOF

rate_warden() { # file -> scenarios/s (best of 3, one core, process start to exit)
  python3 - "$warden" "$1" <<'EOF'
import subprocess, sys, time
warden, path = sys.argv[1], sys.argv[2]
n = sum(1 for _ in open(path))
best = None
for _ in range(3):
    t = time.perf_counter()
    subprocess.run([warden, "simulate", "--batch", path, "--jobs", "1"], stdout=subprocess.DEVNULL, check=False)
    dt = time.perf_counter() - t
    best = dt if best is None or dt < best else best
print(f"{n / best:.0f}")
EOF
}

rate_iam_simulate() { # file -> scenarios/s including Node start-up (stock library)
  WARDEN_ORACLE_STOCK=1 node tests/oracle/bench.mjs "$1" --passes 1 | sed -n 's/^pass 1 including start-up: .* = \([0-9]*\) scenarios\/s.*/\1/p'
}

printf '%-14s %14s %16s %8s\n' file "iam-simulate/s" "warden (1 core)/s" ratio
for f in unique suite; do
  a=$(rate_iam_simulate "$work/$f.jsonl")
  w=$(rate_warden "$work/$f.jsonl")
  printf '%-14s %14s %16s %7.0fx\n' "$f.jsonl" "$a" "$w" "$(python3 -c "print($w/$a)")"
done

echo
echo "start-up: warden simulate of one small scenario, process start to exit (median of 200):"
python3 - "$warden" <<'EOF'
import subprocess, sys, time, statistics
cmd = [sys.argv[1], "simulate", "examples/simulate/petstore-ip-allowed.json"]
base, runs = [], []
for _ in range(200):
    t = time.perf_counter(); subprocess.run(["true"]); base.append(time.perf_counter() - t)
    t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL); runs.append(time.perf_counter() - t)
print(f"  warden {statistics.median(runs)*1e3:.2f} ms (spawning /bin/true costs {statistics.median(base)*1e3:.2f} ms here)")
EOF

echo
echo "managed-policy corpus:"
cargo run --release --locked -q -p warden-policy --example parse_corpus
