#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the test tooling it
# needs (the iam-simulate oracle from the npm registry), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing the differential-testing oracle (npm ci --prefix tests/oracle)"
npm ci --prefix tests/oracle --no-audit --no-fund --loglevel=error

echo "== oracle self-test"
node tests/oracle/selftest.mjs

echo "== cargo test"
cargo test --workspace --locked
