#!/usr/bin/env bash
# Warden's main job on the bundled examples: simulate every scenario in
# examples/simulate, show the decision next to the one the scenario expects,
# then run them all again as one streaming batch.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p warden-cli
warden=target/release/warden
fail=0
for f in examples/simulate/*.json; do
  expected=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("expected",""))' "$f")
  got=$("$warden" simulate --format json "$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["decision"])')
  if [ "$got" = "$expected" ]; then mark=ok; else mark=MISMATCH; fail=1; fi
  printf '%-9s %-14s %s\n' "$mark" "$got" "$f"
done
echo
echo "== one scenario, explained:"
"$warden" simulate examples/simulate/boundary-create-bucket.json
echo
echo "== the same scenarios as one batch (one JSON result per line):"
for f in examples/simulate/*.json; do python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$f"; done \
  | "$warden" simulate --batch - | python3 -c 'import json,sys; [print(json.loads(l)["decision"]) for l in sys.stdin]' | sort | uniq -c
echo
echo "== warden prove on examples/prove (exit 0 PASS, 2 FAIL):"
expect() { # expected-exit command...
  set +e; out=$("${@:2}"); code=$?; set -e
  if [ "$code" = "$1" ]; then mark=ok; else mark=MISMATCH; fail=1; fi
  printf '%-9s exit %s  %s\n' "$mark" "$code" "${*:3}"
}
expect 2 "$warden" prove no-new-access --new examples/prove/ec2-owner-new.json --reference examples/prove/ec2-owner-reference.json
expect 0 "$warden" prove no-new-access --new examples/prove/ec2-owner-reference.json --reference examples/prove/ec2-owner-new.json
expect 2 "$warden" prove access-not-granted examples/prove/ec2-owner-new.json --actions ec2:StopInstances
expect 2 "$warden" prove no-public-access examples/prove/public-bucket.json --resource-type AWS::S3::Bucket
echo
"$warden" prove no-new-access --new examples/prove/ec2-owner-new.json --reference examples/prove/ec2-owner-reference.json || true
exit $fail
