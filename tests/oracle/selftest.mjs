#!/usr/bin/env node
// Runs cases.mjs through oracle.mjs (as a child process, exactly as Warden's
// tests do) and checks each answer's kind against the case's "expected".
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { cases } from './cases.mjs'

const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n'
if (process.argv.includes('--print')) {
  process.stdout.write(input)
  process.exit(0)
}

const oracle = fileURLToPath(new URL('./oracle.mjs', import.meta.url))
const child = spawn(process.execPath, [oracle], { stdio: ['pipe', 'pipe', 'inherit'] })
let out = ''
child.stdout.setEncoding('utf8').on('data', (d) => (out += d))
child.stdin.end(input)
const code = await new Promise((resolve) => child.on('close', resolve))

const answers = out.trim().split('\n').map((l) => JSON.parse(l))
let passed = 0
let failed = 0
if (code !== 0 || answers.length !== cases.length) {
  console.error(`oracle exited ${code} with ${answers.length} answers for ${cases.length} cases`)
  failed++
}
cases.forEach((c, i) => {
  const a = answers[i] ?? {}
  const got = a.decision ?? ('unsupported' in a ? 'unsupported' : 'error' in a ? 'error' : JSON.stringify(a))
  if (got === c.expected) {
    passed++
  } else {
    failed++
    console.log(`FAIL ${c.name}: expected ${c.expected}, got ${JSON.stringify(a)}`)
  }
})
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
