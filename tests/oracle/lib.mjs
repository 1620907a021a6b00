// Shared by oracle.mjs and bench.mjs: turn one Warden scenario into an
// iam-simulate `Simulation`, run it, and map the result to a single answer.
//
// iam-simulate is AGPL: it is only ever *run* from here, as a separate Node
// process driven by Warden's tests. None of its code is copied into Warden.

import {
  anonymousPrincipal,
  isConditionKeyArray,
  runSimulation,
  typeForContextKey
} from '@cloud-copilot/iam-simulate'

// Performance only: iam-policy compares strings with
// `a.localeCompare(b, undefined, {sensitivity: ...})`, which builds a new ICU
// collator on every call (about half of all evaluation time). ECMA-402 defines
// localeCompare(that, locales, options) as `new Intl.Collator(locales,
// options).compare(this, that)`, so reusing one collator per (locales,
// options) gives identical results. Set WARDEN_ORACLE_STOCK=1 to measure
// stock iam-simulate (the benchmark anchor does).
if (!process.env.WARDEN_ORACLE_STOCK) {
  const original = String.prototype.localeCompare
  const collators = new Map()
  String.prototype.localeCompare = function (that, locales, options) {
    if (locales !== undefined && typeof locales !== 'string') return original.call(this, that, locales, options)
    const o = options ?? {}
    if (typeof o !== 'object') return original.call(this, that, locales, options)
    // Every option Intl.Collator reads:
    const key = `${locales}|${o.usage}|${o.sensitivity}|${o.ignorePunctuation}|${o.numeric}|${o.caseFirst}|${o.collation}|${o.localeMatcher}`
    let collator = collators.get(key)
    if (collator === undefined) {
      collator = new Intl.Collator(locales, options)
      collators.set(key, collator)
    }
    return collator.compare(String(this), String(that))
  }
}

/** Scenario fields that carry no semantics and are ignored. */
const METADATA_FIELDS = new Set(['id', 'name', 'description', 'comment', 'expected', 'tags'])
const SCENARIO_FIELDS = new Set([
  'request',
  'identityPolicies',
  'permissionsBoundary',
  'sessionPolicy',
  'serviceControlPolicies',
  'resourceControlPolicies',
  'resourcePolicy',
  'vpcEndpointPolicy'
])
const REQUEST_FIELDS = new Set(['principal', 'action', 'resource', 'resourceAccount', 'context'])

/**
 * Services whose resources RCPs apply to (AWS Organizations docs, 2025:
 * S3, STS, KMS, SQS, Secrets Manager, Cognito user pools, CloudWatch Logs,
 * DynamoDB, ECR, OpenSearch Serverless). iam-simulate applies RCPs to all.
 */
const RCP_SERVICES = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'cognito-idp', 'logs', 'dynamodb', 'ecr', 'aoss'])

const DECISIONS = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny'
}

/** Thrown while converting a scenario: becomes {"unsupported": ...} or {"error": ...}. */
class OracleAnswer extends Error {
  constructor(kind, message) {
    super(message)
    this.kind = kind
  }
}
const unsupported = (msg) => new OracleAnswer('unsupported', msg)
const invalid = (msg) => new OracleAnswer('error', `oracle: invalid scenario: ${msg}`)

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Accepts either `{name, document}` (also `{name, policy}`) or a bare policy
 * document (recognised by having a `Statement`). Returns `{name, policy}`.
 */
function namedPolicy(value, defaultName, where) {
  if (!isObject(value)) throw invalid(`${where} must be an object`)
  if ('Statement' in value) return { name: defaultName, policy: value }
  const doc = value.document ?? value.policy
  if (doc === undefined) throw invalid(`${where} has neither "document" nor "Statement"`)
  return { name: typeof value.name === 'string' && value.name ? value.name : defaultName, policy: doc }
}

/** Gives every policy in a list a distinct name (iam-simulate keys its errors by name). */
function uniqueNames(policies, used) {
  for (const p of policies) {
    let name = p.name
    for (let i = 2; used.has(name); i++) name = `${p.name}#${i}`
    used.add(name)
    p.name = name
  }
  return policies
}

function arnAccount(arn) {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined
  const parts = arn.split(':')
  if (parts.length < 6) return undefined
  return parts[4] || undefined
}

/** An RCP statement equivalent to AWS's RCPFullAWSAccess, which iam-simulate adds implicitly. */
function isFullAccessAllow(st) {
  if (!isObject(st) || st.Effect !== 'Allow') return false
  const one = (v) => v === '*' || (Array.isArray(v) && v.length === 1 && v[0] === '*')
  const principalStar =
    st.Principal === '*' || (isObject(st.Principal) && Object.keys(st.Principal).length === 1 && one(st.Principal.AWS))
  return (
    one(st.Action) &&
    one(st.Resource) &&
    principalStar &&
    st.Condition === undefined &&
    st.NotAction === undefined &&
    st.NotResource === undefined &&
    st.NotPrincipal === undefined
  )
}

/**
 * iam-simulate always adds RCPFullAWSAccess to every RCP level and its RCP
 * validator rejects any Allow statement, so Allow-all statements written out
 * by the scenario are removed (they are redundant), and a policy left empty is
 * dropped.
 */
function stripFullAccessFromRcp(policy) {
  const doc = policy.policy
  if (!isObject(doc) || doc.Statement === undefined) return policy
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]
  const kept = statements.filter((s) => !isFullAccessAllow(s)).map(starPrincipal)
  if (kept.length === 0) return undefined
  return { name: policy.name, policy: { ...doc, Statement: kept } }
}

/** `{"AWS": "*"}` and `"*"` mean the same; iam-simulate's RCP and VPC endpoint validators accept only `"*"`. */
function starPrincipal(st) {
  if (isObject(st) && isAwsStar(st.Principal)) return { ...st, Principal: '*' }
  return st
}
function isAwsStar(p) {
  return (
    isObject(p) &&
    Object.keys(p).length === 1 &&
    (p.AWS === '*' || (Array.isArray(p.AWS) && p.AWS.length === 1 && p.AWS[0] === '*'))
  )
}

/**
 * iam-simulate's VPC endpoint policy validator only accepts `"Principal": "*"`;
 * AWS also allows naming specific principals.
 */
function endpointPolicy(policy) {
  const doc = policy.policy
  if (!isObject(doc) || doc.Statement === undefined) return policy
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map(starPrincipal)
  for (const st of statements) {
    if (isObject(st) && st.Principal !== undefined && st.Principal !== '*') {
      throw unsupported('VPC endpoint policy names specific principals; iam-simulate only supports "Principal": "*" there')
    }
  }
  return { name: policy.name, policy: { ...doc, Statement: Array.isArray(doc.Statement) ? statements : statements[0] } }
}

function orgLevels(value, kind) {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalid(`${kind} must be an array of levels`)
  const used = new Set()
  return value.map((level, i) => {
    if (!isObject(level)) throw invalid(`${kind}[${i}] must be an object`)
    const target = level.target ?? level.orgIdentifier ?? `level-${i}`
    const list = level.policies ?? []
    if (!Array.isArray(list)) throw invalid(`${kind}[${i}].policies must be an array`)
    let policies = list.map((p, j) => namedPolicy(p, `${kind}-${i}-${j}`, `${kind}[${i}].policies[${j}]`))
    if (kind === 'resourceControlPolicies') {
      policies = policies.map(stripFullAccessFromRcp).filter((p) => p !== undefined)
    }
    return { orgIdentifier: String(target), policies: uniqueNames(policies, used) }
  })
}

/** Converts one context value to what iam-simulate accepts (strings / arrays of strings). */
function contextValue(key, value) {
  const scalar = (v) => {
    if (typeof v === 'string') return v
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    throw unsupported(`context value for "${key}" has type ${v === null ? 'null' : typeof v}; only strings, numbers, booleans and arrays of them are supported`)
  }
  return Array.isArray(value) ? value.map(scalar) : scalar(value)
}

/** Every condition key and `${...}` policy variable used anywhere in the documents, lower-cased. */
function referencedKeys(docs) {
  const keys = new Set()
  const scanString = (s) => {
    for (const m of s.matchAll(/\$\{([^}]*)\}/g)) {
      const name = m[1].split(',')[0].trim().toLowerCase()
      if (name && name !== '*' && name !== '?' && name !== '$') keys.add(name)
    }
  }
  const walk = (v) => {
    if (typeof v === 'string') scanString(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (isObject(v)) Object.values(v).forEach(walk)
  }
  for (const doc of docs) {
    if (!isObject(doc)) continue
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]
    for (const st of statements) {
      if (!isObject(st)) continue
      if (isObject(st.Condition)) {
        for (const block of Object.values(st.Condition)) {
          if (isObject(block)) for (const k of Object.keys(block)) keys.add(k.toLowerCase())
        }
      }
      walk(st)
    }
  }
  return keys
}

/**
 * iam-simulate substitutes `${...}` policy variables whatever the policy's
 * Version is; AWS only does so for Version "2012-10-17" (otherwise the text
 * is literal). Scenarios that depend on that are not answered.
 */
function checkVersionedVariables(docs) {
  for (const doc of docs) {
    if (!isObject(doc) || doc.Version === '2012-10-17') continue
    const text = JSON.stringify(doc.Statement ?? null)
    if (/\$\{[^}]*\}/.test(text)) {
      throw unsupported(
        `policy with Version ${JSON.stringify(doc.Version ?? null)} uses \${...}: iam-simulate substitutes policy variables regardless of Version, AWS treats them as literal text`
      )
    }
  }
}

/** Condition operators iam-simulate implements (it matches them case-insensitively). */
const KNOWN_OPERATORS = new Set(
  [
    'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase',
    'StringLike', 'StringNotLike', 'NumericEquals', 'NumericNotEquals', 'NumericLessThan',
    'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals', 'DateEquals',
    'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan',
    'DateGreaterThanEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals',
    'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null'
  ].map((o) => o.toLowerCase())
)

function statementsOf(doc) {
  if (!isObject(doc) || doc.Statement === undefined) return []
  return (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).filter(isObject)
}

/**
 * An operator iam-simulate does not know passes its validation and then never
 * matches (so a Deny with it never applies); AWS rejects such a policy.
 */
function checkOperators(docs) {
  for (const doc of docs) {
    for (const st of statementsOf(doc)) {
      if (!isObject(st.Condition)) continue
      for (const op of Object.keys(st.Condition)) {
        let base = op.includes(':') ? op.slice(op.indexOf(':') + 1) : op
        if (base.toLowerCase().endsWith('ifexists')) base = base.slice(0, -'IfExists'.length)
        if (!KNOWN_OPERATORS.has(base.toLowerCase())) {
          throw unsupported(`condition operator "${op}" is unknown to iam-simulate (it accepts the policy and the condition never matches; AWS rejects the policy)`)
        }
      }
    }
  }
}

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const ROLE_ARN = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/

/**
 * AWS leaves a Deny + NotPrincipal statement underspecified when it names the
 * caller but not the caller's account (or the account but not the caller):
 * "you must also specify the account ARN of the not-denied principal.
 * Otherwise, the policy might deny access to the entire account". iam-simulate
 * treats either as an exclusion. (With a permissions boundary the statement
 * always denies, which iam-simulate models, so that case is answered.)
 */
function checkNotPrincipal(resourcePolicy, principal, hasBoundary) {
  if (hasBoundary || typeof principal !== 'string' || !principal.startsWith('arn:')) return
  const account = arnAccount(principal)
  const session = SESSION_ARN.exec(principal)
  const names = new Set([principal])
  if (session) {
    // iam-simulate matches a role ARN against its sessions by role *name* (path ignored).
    names.add(`role-name:${session[2]}:${session[3].toLowerCase()}`)
  }
  for (const st of statementsOf(resourcePolicy)) {
    if (st.Effect !== 'Deny' || !isObject(st.NotPrincipal)) continue
    const listed = asList(st.NotPrincipal.AWS).map(String)
    const accountListed = listed.some((p) => p === account || /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1] === account)
    const principalListed = listed.some((p) => {
      if (names.has(p)) return true
      const role = ROLE_ARN.exec(p)
      return role !== null && names.has(`role-name:${role[1]}:${role[2].toLowerCase()}`)
    })
    if (accountListed !== principalListed) {
      throw unsupported('resource policy has Deny + NotPrincipal naming only one of {the caller, the caller\'s account}; AWS documents the outcome as undefined ("might deny access to the entire account")')
    }
  }
}

const keyTypes = new Map()
async function keyType(key) {
  const lower = key.toLowerCase()
  if (!keyTypes.has(lower)) {
    let type
    try {
      type = await typeForContextKey(lower)
    } catch {
      type = undefined // not in iam-simulate's catalog
    }
    if (keyTypes.size > 100000) keyTypes.clear()
    keyTypes.set(lower, type)
  }
  return keyTypes.get(lower)
}

/** `${key}` policy variables used in the documents, lower-cased. */
function variableKeys(docs) {
  const keys = new Set()
  const text = JSON.stringify(docs)
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) keys.add(m[1].split(',')[0].trim().toLowerCase())
  return keys
}

/**
 * Context situations where iam-simulate's answer is known to differ from, or
 * is not defined by, AWS's documentation.
 */
async function checkContextSemantics(docs, context) {
  const present = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]))
  for (const [key, value] of present) {
    if (value !== '') continue
    if (variableKeys(docs).has(key)) {
      throw unsupported(`context key "${key}" is "" and used as a policy variable; iam-simulate treats an empty value as missing there`)
    }
    const type = await keyType(key)
    if (type !== undefined && isConditionKeyArray(type)) {
      throw unsupported(`multivalued context key "${key}" given as ""; AWS treats that as an empty set, iam-simulate as the set {""}`)
    }
  }
  const isEpoch = (v) => String(parseInt(v, 10)) === String(v)
  for (const doc of docs) {
    for (const st of statementsOf(doc)) {
      if (!isObject(st.Condition)) continue
      for (const [op, block] of Object.entries(st.Condition)) {
        if (!isObject(block)) continue
        if (/^(for(all|any)values?:)?date/i.test(op)) {
          // iam-simulate takes an all-digits date as a plain number but an ISO
          // 8601 date as milliseconds since the epoch, so comparing epoch
          // seconds with ISO dates goes wrong (condition/date/date.js parseDate).
          for (const [key, values] of Object.entries(block)) {
            const ctx = present.get(key.toLowerCase())
            if (ctx === undefined) continue
            const policyEpoch = asList(values).map(isEpoch)
            const ctxEpoch = asList(ctx).map(isEpoch)
            if (new Set([...policyEpoch, ...ctxEpoch]).size > 1) {
              throw unsupported(`"${op}" on "${key}" compares epoch seconds with ISO 8601 dates; iam-simulate does not scale epoch seconds to milliseconds`)
            }
          }
        }
        if (op.includes(':') || /^null$/i.test(op)) continue
        for (const key of Object.keys(block)) {
          if (!present.has(key.toLowerCase())) continue
          const type = await keyType(key)
          if (type !== undefined && isConditionKeyArray(type)) {
            throw unsupported(`"${op}" without ForAnyValue/ForAllValues on multivalued key "${key}": AWS requires a set operator and does not define the result; iam-simulate never matches`)
          }
        }
      }
    }
  }
}

/**
 * Converts a Warden scenario to an iam-simulate Simulation.
 * @returns {{simulation: object, documents: object[]}}
 */
export async function toSimulation(scenario) {
  if (!isObject(scenario)) throw invalid('scenario must be a JSON object')
  for (const k of Object.keys(scenario)) {
    if (!SCENARIO_FIELDS.has(k) && !METADATA_FIELDS.has(k)) throw unsupported(`unknown scenario field "${k}"`)
  }
  const req = scenario.request
  if (!isObject(req)) throw invalid('"request" must be an object')
  for (const k of Object.keys(req)) {
    if (!REQUEST_FIELDS.has(k)) throw unsupported(`unknown request field "${k}"`)
  }
  if (typeof req.principal !== 'string' || !req.principal) throw invalid('"request.principal" must be a non-empty string')
  if (typeof req.action !== 'string' || !req.action) throw invalid('"request.action" must be a non-empty string')
  if (typeof req.resource !== 'string' || !req.resource) throw invalid('"request.resource" must be a non-empty string')

  if (/^arn:[^:]+:iam::\d{12}:root$/.test(req.principal)) {
    throw unsupported('the account root user as principal: iam-simulate has no root-user semantics (it evaluates it like an IAM user without policies)')
  }
  const anonymous = req.principal === 'anonymous'
  const principal = anonymous ? anonymousPrincipal : req.principal

  let accountId = req.resourceAccount
  if (accountId !== undefined && (typeof accountId !== 'string' || !accountId)) {
    throw invalid('"request.resourceAccount" must be a non-empty string')
  }
  if (accountId === undefined) accountId = arnAccount(req.resource)
  if (accountId === undefined && req.resource === '*' && !anonymous) accountId = arnAccount(req.principal)
  if (accountId === undefined) {
    throw unsupported(`resource ${JSON.stringify(req.resource)} has no account in its ARN and no "resourceAccount" was given; iam-simulate needs the resource account`)
  }

  // Context: strings only; array vs single value per iam-simulate's catalog.
  const contextVariables = {}
  const context = req.context ?? {}
  if (!isObject(context)) throw invalid('"request.context" must be an object')
  for (const [key, raw] of Object.entries(context)) {
    const value = contextValue(key, raw)
    if (Array.isArray(value)) {
      const type = await keyType(key) // unknown key: iam-simulate ignores it (checked after the run)
      if (type !== undefined && !isConditionKeyArray(type) && value.length !== 1) {
        throw unsupported(`context key "${key}" is single-valued (${type}) but was given ${value.length} values; iam-simulate would silently keep only the first`)
      }
    }
    contextVariables[key] = value
  }

  const documents = []
  const identityList = scenario.identityPolicies ?? []
  if (!Array.isArray(identityList)) throw invalid('"identityPolicies" must be an array')
  const identityPolicies = uniqueNames(
    identityList.map((p, i) => namedPolicy(p, `identity-${i}`, `identityPolicies[${i}]`)),
    new Set()
  )
  documents.push(...identityPolicies.map((p) => p.policy))

  const simulation = {
    request: {
      principal,
      action: req.action,
      resource: { resource: req.resource, accountId },
      contextVariables
    },
    identityPolicies,
    // SCPs only ever restrict principals of the organization's accounts, and
    // iam-simulate rejects them outright for anonymous requests: drop them there.
    serviceControlPolicies: anonymous ? [] : orgLevels(scenario.serviceControlPolicies, 'serviceControlPolicies'),
    resourceControlPolicies: orgLevels(scenario.resourceControlPolicies, 'resourceControlPolicies'),
    // Honour aws:ResourceTag / s3:BucketTag keys for S3 if the scenario supplies them.
    additionalSettings: { s3: { bucketAbacEnabled: true } }
  }
  for (const level of [...simulation.serviceControlPolicies, ...simulation.resourceControlPolicies]) {
    documents.push(...level.policies.map((p) => p.policy))
  }
  if (scenario.permissionsBoundary != null) {
    const pb = namedPolicy(scenario.permissionsBoundary, 'permissionsBoundary', 'permissionsBoundary')
    simulation.permissionBoundaryPolicies = [pb]
    documents.push(pb.policy)
  }
  if (scenario.sessionPolicy != null) {
    const sp = namedPolicy(scenario.sessionPolicy, 'sessionPolicy', 'sessionPolicy')
    simulation.sessionPolicy = sp.policy
    documents.push(sp.policy)
  }
  if (scenario.resourcePolicy != null) {
    const rp = namedPolicy(scenario.resourcePolicy, 'resourcePolicy', 'resourcePolicy')
    simulation.resourcePolicy = rp.policy
    documents.push(rp.policy)
  }
  if (scenario.vpcEndpointPolicy != null) {
    const vp = endpointPolicy(namedPolicy(scenario.vpcEndpointPolicy, 'vpcEndpointPolicy', 'vpcEndpointPolicy'))
    simulation.vpcEndpointPolicies = [vp]
    documents.push(vp.policy)
  }
  checkVersionedVariables(documents)
  checkOperators(documents)
  await checkContextSemantics(documents, contextVariables)
  if (simulation.resourcePolicy !== undefined) {
    checkNotPrincipal(simulation.resourcePolicy, req.principal, simulation.permissionBoundaryPolicies !== undefined)
  } else if (/^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext)$/i.test(req.action)) {
    throw unsupported(`${req.action} without a role trust policy ("resourcePolicy"): iam-simulate then lets identity policies alone allow it, but in AWS the trust policy must also allow it`)
  }
  return { simulation, documents, principal: req.principal }
}

/** Flattens iam-simulate's error object into one readable string. */
function describeErrors(errors) {
  const parts = [errors.message]
  for (const [field, value] of Object.entries(errors)) {
    if (field === 'message') continue
    if (Array.isArray(value)) {
      for (const e of value) parts.push(typeof e === 'string' ? e : `${field}: ${e.path}: ${e.message}`)
    } else if (isObject(value)) {
      for (const [name, list] of Object.entries(value)) {
        for (const e of list) parts.push(`${field}[${name}]: ${e.path}: ${e.message}`)
      }
    }
  }
  return [...new Set(parts.map(String))].join('; ')
}

/**
 * Maps a runSimulation result to the oracle's answer object.
 */
export function answerFor(result, documents, options = {}) {
  if (result.resultType === 'error') return { error: describeErrors(result.errors) }
  if (result.resultType === 'wildcard') {
    return {
      unsupported:
        'request resource contains "*" for an action that is not wildcard-only: iam-simulate runs a pattern (discovery) simulation instead of evaluating one concrete request'
    }
  }
  const ignored = result.result.ignoredContextKeys ?? []
  if (ignored.length > 0) {
    const referenced = referencedKeys(documents)
    const matters = ignored.filter((k) => referenced.has(k.toLowerCase()))
    if (matters.length > 0) {
      return {
        unsupported: `iam-simulate drops context keys that do not apply to ${result.result.resourceType ? `resource type "${result.result.resourceType}" of ` : ''}this action, and a policy references them: ${matters.join(', ')}`
      }
    }
  }
  const analysis = result.result.analysis ?? {}
  const principal = options.principal
  const servicePrincipal = typeof principal === 'string' && !principal.startsWith('arn:') && principal.endsWith('amazonaws.com')
  if (servicePrincipal && analysis.scpAnalysis && analysis.scpAnalysis.result !== 'Allowed') {
    return { unsupported: 'SCPs decide this request from a service principal; iam-simulate applies SCPs to service principals, AWS does not' }
  }
  const service = String(options.action ?? '').split(':')[0].toLowerCase()
  if (!RCP_SERVICES.has(service) && analysis.rcpAnalysis && analysis.rcpAnalysis.result !== 'Allowed') {
    return { unsupported: `RCPs decide this ${service} request; iam-simulate applies RCPs to every service, AWS only to the services that support RCPs` }
  }
  if (
    analysis.sessionAnalysis &&
    analysis.sessionAnalysis.result === 'ImplicitlyDenied' &&
    typeof principal === 'string' &&
    /^arn:[^:]+:sts::\d{12}:(assumed-role|federated-user)\//.test(principal) &&
    (analysis.resourceAnalysis?.allowStatements ?? []).some((s) => s.principalMatch === 'Match')
  ) {
    return { unsupported: 'the session policy does not allow this, but the resource policy names the session itself (or "*"); AWS does not limit such grants by the session policy, iam-simulate does' }
  }
  const decision = DECISIONS[result.overallResult]
  if (!decision) return { error: `oracle: unexpected iam-simulate result ${JSON.stringify(result.overallResult)}` }
  const answer = { decision }
  if (options.verbose) {
    answer.detail = {
      blockedBy: result.result.analysis?.blockedBy,
      sameAccount: result.result.analysis?.sameAccount,
      resourceType: result.result.resourceType,
      ignoredContextKeys: ignored
    }
  }
  return answer
}

/**
 * Answers one scenario (already parsed). Never throws.
 */
export async function evaluateScenario(scenario, options = {}) {
  let converted
  try {
    converted = await toSimulation(scenario)
  } catch (e) {
    if (e instanceof OracleAnswer) return { [e.kind]: e.message }
    return { error: `oracle: ${e?.message ?? String(e)}` }
  }
  let result
  try {
    result = await runSimulation(converted.simulation, {})
  } catch (e) {
    return { error: `iam-simulate threw: ${e?.message ?? String(e)}` }
  }
  return answerFor(result, converted.documents, {
    ...options,
    principal: converted.principal,
    action: scenario.request.action
  })
}

/** Answers one JSONL line. Never throws. */
export async function evaluateLine(line, options = {}) {
  let scenario
  try {
    scenario = JSON.parse(line)
  } catch (e) {
    return { error: `oracle: invalid JSON: ${e.message}` }
  }
  return evaluateScenario(scenario, options)
}
