#!/usr/bin/env node
// Validates a SARIF log (standard input) against the SARIF 2.1.0 JSON schema
// (the copy shipped in @microsoft/jest-sarif, MIT) with ajv. Prints "valid",
// or the schema errors and exits 1. Used by Warden's tests.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const Ajv = require('ajv')
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
const draft04 = require('ajv/lib/refs/json-schema-draft-04.json')

const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true })
ajv.addMetaSchema(draft04)
const validate = ajv.compile(schema)
const log = JSON.parse(readFileSync(0, 'utf8'))
if (validate(log)) {
  console.log('valid')
} else {
  console.log(JSON.stringify(validate.errors, null, 2))
  process.exit(1)
}
