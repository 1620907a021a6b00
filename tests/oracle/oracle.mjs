#!/usr/bin/env node
// Warden differential-testing oracle.
//
// stdin:  one Warden scenario (JSON object) per line (JSONL); blank lines are skipped.
// stdout: one JSON object per non-blank input line, in the same order:
//   {"decision":"Allow"|"ExplicitDeny"|"ImplicitDeny"}
//   {"unsupported":"<why the oracle will not answer>"}
//   {"error":"<iam-simulate rejected the input / oracle could not read it>"}
// Each answer is written (and flushed) as soon as its scenario is evaluated.
//
// Flags: --verbose  add a "detail" object to decisions (blockedBy, sameAccount,
//                   resourceType, ignoredContextKeys) for debugging mismatches.
//
// See README.md for the input format and for iam-simulate's semantics.

import { createInterface } from 'node:readline'
import { once } from 'node:events'
import { evaluateLine } from './lib.mjs'

const options = { verbose: process.argv.includes('--verbose') }

async function write(text) {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain')
}

async function main() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === '') continue
    const answer = await evaluateLine(line, options)
    await write(JSON.stringify(answer) + '\n')
  }
}

// A reader that closes our stdout early is not an error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

main().catch((e) => {
  process.stderr.write(`oracle: fatal: ${e?.stack ?? e}\n`)
  process.exit(1)
})
