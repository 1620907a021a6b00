#!/usr/bin/env node
// Throughput of the oracle's evaluation path (scenario conversion +
// iam-simulate's runSimulation + answer mapping), in one Node process.
//
//   node bench.mjs sample.jsonl [--passes N]
//
// Prints, for each pass, scenarios/second excluding Node start-up and module
// loading; pass 1 also pays for iam-simulate's lazy loading of its per-service
// data files. It also prints the rate including start-up for pass 1 (time
// from process start to the end of pass 1), and the spread of answers.

import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { evaluateLine } from './lib.mjs'

const startupMs = performance.now() // since process start: Node boot + module loading

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: node bench.mjs <scenarios.jsonl> [--passes N]')
  process.exit(2)
}
const passesAt = args.indexOf('--passes')
const passes = passesAt === -1 ? 2 : Number(args[passesAt + 1])

const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
const readMs = performance.now() - startupMs

const rate = (n, ms) => ((n * 1000) / ms).toFixed(0)

for (let pass = 1; pass <= passes; pass++) {
  const counts = {}
  const t0 = performance.now()
  for (const line of lines) {
    const a = await evaluateLine(line)
    const kind = a.decision ?? Object.keys(a)[0]
    counts[kind] = (counts[kind] ?? 0) + 1
  }
  const ms = performance.now() - t0
  console.log(
    `pass ${pass}: ${lines.length} scenarios in ${ms.toFixed(0)} ms = ${rate(lines.length, ms)} scenarios/s ` +
      `(${((ms * 1000) / lines.length).toFixed(0)} us each, excluding start-up)`
  )
  if (pass === 1) {
    const total = performance.now()
    console.log(
      `pass 1 including start-up: ${total.toFixed(0)} ms = ${rate(lines.length, total)} scenarios/s ` +
        `(Node start-up + module load ${startupMs.toFixed(0)} ms, reading input ${readMs.toFixed(0)} ms)`
    )
    console.log(`answers: ${JSON.stringify(counts)}`)
  }
}
