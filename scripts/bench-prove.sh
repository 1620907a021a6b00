#!/usr/bin/env bash
# The managed-policy history as a CI user runs it: one `warden prove
# no-new-access` process per consecutive version pair (start-up included),
# new version against its predecessor. Prints PASS/FAIL/UNKNOWN counts,
# total, median, p99 and maximum per pair, and the slowest pairs.
#
#   scripts/bench-prove.sh [VERSIONS.jsonl] [JOBS]
#
# JOBS (default 1) runs pairs in parallel; per-pair times are then wall
# times under contention. Every FAIL's counterexample was confirmed by the
# evaluator inside `warden prove` before it was printed.
set -euo pipefail
cd "$(dirname "$0")/.."
versions=${1:-../shared/corpus/managed-policies/versions.jsonl}
jobs=${2:-1}
cargo build --release --locked -q -p warden-cli
python3 - "$versions" "$jobs" <<'PY'
import json, os, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
path, jobs = sys.argv[1], int(sys.argv[2])
warden = os.path.abspath("target/release/warden")
work = tempfile.mkdtemp(prefix="warden-prove-bench-")
pairs, prev = [], None
for line in open(path):
    v = json.loads(line)
    doc = json.dumps(v["document"])
    if prev and prev[0] == v["name"]:
        i = len(pairs)
        new, ref = os.path.join(work, f"{i}-new.json"), os.path.join(work, f"{i}-ref.json")
        open(new, "w").write(doc)
        open(ref, "w").write(prev[1])
        pairs.append((v["name"], v["version"], new, ref))
    prev = (v["name"], doc)

# posix_spawn (vfork and exec, as a shell or xargs starts a command) with
# the output to /dev/null: the harness adds as little as it can to each
# process's time, which is the time from spawning to reaping it.
quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
         (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]

def run(p):
    argv = [warden, "prove", "no-new-access", "--new", p[2], "--reference", p[3]]
    t = time.perf_counter()
    pid = os.posix_spawn(warden, argv, os.environ, file_actions=quiet)
    _, status = os.waitpid(pid, 0)
    return (time.perf_counter() - t, os.waitstatus_to_exitcode(status), p)

start = time.perf_counter()
with ThreadPoolExecutor(max_workers=jobs) as ex:
    results = list(ex.map(run, pairs))
wall = time.perf_counter() - start
codes = {0: "PASS", 2: "FAIL", 3: "UNKNOWN"}
count = {}
for dt, code, p in results:
    count[codes.get(code, f"exit {code}")] = count.get(codes.get(code, f"exit {code}"), 0) + 1
times = sorted(dt for dt, _, _ in results)
n = len(times)
pct = lambda q: times[min(n - 1, int(q * (n - 1)))] * 1e3
print(f"pairs: {n}  " + "  ".join(f"{k} {v}" for k, v in sorted(count.items())))
print(f"wall {wall:.1f} s (jobs {jobs}); per pair: sum {sum(times):.1f} s, median {pct(0.5):.2f} ms, "
      f"p90 {pct(0.9):.2f} ms, p99 {pct(0.99):.2f} ms, max {times[-1]*1e3:.0f} ms")
for dt, code, p in sorted(results, key=lambda r: -r[0])[:5]:
    print(f"  {dt*1e3:9.1f} ms  {p[0]} {p[1]}  {codes.get(code, code)}")
for dt, code, p in results:
    if code not in (0, 2):
        print(f"  {codes.get(code, code)}: {p[0]} {p[1]}")
PY
