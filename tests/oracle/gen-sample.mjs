#!/usr/bin/env node
// Writes N pseudo-random (seeded, reproducible) Warden scenarios as JSONL to
// stdout, for bench.mjs and for eyeballing the oracle:
//   node gen-sample.mjs [N=2000] [seed=1] > sample.jsonl
// Each has an identity policy of ~10 statements with conditions, and some
// have SCPs, a permissions boundary, a resource policy or a session policy.

const N = Number(process.argv[2] ?? 2000)
let seed = Number(process.argv[3] ?? 1) >>> 0 || 1

// xorshift32: deterministic across Node versions.
function rand() {
  seed ^= seed << 13
  seed >>>= 0
  seed ^= seed >>> 17
  seed ^= seed << 5
  seed >>>= 0
  return seed / 0x100000000
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)]
const chance = (p) => rand() < p
const int = (n) => Math.floor(rand() * n)

const A = '111122223333'
const B = '444455556666'
const V = '2012-10-17'
const REGION = 'us-east-1'

// action -> how to build a resource ARN for it (account, index)
const ACTIONS = {
  's3:GetObject': (acct, i) => `arn:aws:s3:::bucket-${i}/data/file-${i}.txt`,
  's3:PutObject': (acct, i) => `arn:aws:s3:::bucket-${i}/uploads/${i}.bin`,
  's3:DeleteObject': (acct, i) => `arn:aws:s3:::bucket-${i}/tmp/${i}`,
  's3:ListBucket': (acct, i) => `arn:aws:s3:::bucket-${i}`,
  'dynamodb:GetItem': (acct, i) => `arn:aws:dynamodb:${REGION}:${acct}:table/table-${i}`,
  'dynamodb:PutItem': (acct, i) => `arn:aws:dynamodb:${REGION}:${acct}:table/table-${i}`,
  'ec2:StartInstances': (acct, i) => `arn:aws:ec2:${REGION}:${acct}:instance/i-0${i}abc`,
  'ec2:TerminateInstances': (acct, i) => `arn:aws:ec2:${REGION}:${acct}:instance/i-0${i}abc`,
  'sqs:SendMessage': (acct, i) => `arn:aws:sqs:${REGION}:${acct}:queue-${i}`,
  'iam:GetRole': (acct, i) => `arn:aws:iam::${acct}:role/service-role-${i}`,
  'ec2:DescribeInstances': () => '*'
}
const ACTION_NAMES = Object.keys(ACTIONS)

const CONDITIONS = [
  () => ({ StringEquals: { 'aws:PrincipalTag/team': pick(['blue', 'red', 'green']) } }),
  () => ({ StringEqualsIfExists: { 'aws:PrincipalTag/env': pick(['prod', 'dev']) } }),
  () => ({ IpAddress: { 'aws:SourceIp': pick(['192.0.2.0/24', '198.51.100.0/24', '10.0.0.0/8']) } }),
  () => ({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  () => ({ Bool: { 'aws:SecureTransport': pick(['true', 'false']) } }),
  () => ({ DateLessThan: { 'aws:CurrentTime': pick(['2024-01-01T00:00:00Z', '2030-01-01T00:00:00Z']) } }),
  () => ({ NumericLessThan: { 'aws:MultiFactorAuthAge': String(pick([300, 3600])) } }),
  () => ({ StringNotEquals: { 'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1']) } }),
  () => ({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Team'] } }),
  () => ({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['Proj*'] } }),
  () => ({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/app-*` } }),
  () => ({ Null: { 'aws:PrincipalTag/owner': pick(['true', 'false']) } })
]

function statement(effect) {
  const st = { Effect: effect }
  const actions = []
  for (let k = 1 + int(3); k > 0; k--) {
    actions.push(chance(0.2) ? pick(ACTION_NAMES).split(':')[0] + ':*' : pick(ACTION_NAMES))
  }
  st.Action = actions.length === 1 ? actions[0] : actions
  st.Resource = chance(0.4) ? '*' : ACTIONS[pick(ACTION_NAMES)](pick([A, '*']), int(4)).replace(/file-\d+\.txt$/, '*')
  if (chance(0.7)) {
    st.Condition = {}
    for (let k = 1 + int(2); k > 0; k--) Object.assign(st.Condition, pick(CONDITIONS)())
  }
  return st
}

const doc = (statements) => ({ Version: V, Statement: statements })

function scenario(i) {
  const action = pick(ACTION_NAMES)
  const crossAccount = chance(0.15)
  const principalAccount = crossAccount ? B : A
  const principal = chance(0.5)
    ? `arn:aws:iam::${principalAccount}:role/app-${int(3)}`
    : `arn:aws:sts::${principalAccount}:assumed-role/app-${int(3)}/session-${i}`
  const resource = ACTIONS[action](A, int(4))
  const context = {
    'aws:SourceIp': pick(['192.0.2.10', '198.51.100.7', '203.0.113.5', '10.1.2.3']),
    'aws:SecureTransport': pick([true, false]),
    'aws:CurrentTime': '2025-06-01T12:00:00Z',
    'aws:RequestedRegion': REGION,
    'aws:PrincipalArn': principal.replace(/^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/, 'arn:aws:iam::$1:role/$2'),
    'aws:PrincipalAccount': principalAccount
  }
  if (chance(0.6)) context['aws:PrincipalTag/team'] = pick(['blue', 'red', 'green'])
  if (chance(0.3)) context['aws:PrincipalTag/env'] = pick(['prod', 'dev'])
  if (chance(0.5)) context['aws:MultiFactorAuthAge'] = String(pick([60, 1000, 7200]))
  if (chance(0.4)) context['aws:TagKeys'] = pick([[], ['Project'], ['Project', 'Team'], ['Owner']])

  const statements = []
  for (let k = 8 + int(5); k > 0; k--) statements.push(statement(chance(0.8) ? 'Allow' : 'Deny'))
  const s = {
    request: { principal, action, resource, resourceAccount: A, context },
    identityPolicies: [{ name: `policy-${i}`, document: doc(statements) }]
  }
  if (chance(0.3)) {
    s.serviceControlPolicies = [
      { target: 'r-root', policies: [{ name: 'FullAWSAccess', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }] },
      { target: principalAccount, policies: [{ name: 'guard', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }, statement('Deny')]) }] }
    ]
  }
  if (chance(0.2)) s.permissionsBoundary = { name: 'boundary', document: doc([statement('Allow'), statement('Allow')]) }
  if (crossAccount || chance(0.2)) {
    s.resourcePolicy = doc([
      { Effect: 'Allow', Principal: { AWS: pick([B, A, `arn:aws:iam::${B}:root`]) }, Action: action, Resource: '*' },
      ...(chance(0.3) ? [{ Effect: 'Deny', Principal: '*', Action: action, Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] : [])
    ])
  }
  if (principal.includes(':assumed-role/') && chance(0.15)) s.sessionPolicy = doc([statement('Allow')])
  return s
}

const out = []
for (let i = 0; i < N; i++) out.push(JSON.stringify(scenario(i)))
process.stdout.write(out.join('\n') + '\n')
