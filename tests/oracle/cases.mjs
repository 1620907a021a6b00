// Hand-checked scenarios for the oracle, each with the answer AWS's documented
// evaluation logic gives (or the oracle's expected "unsupported"/"error").
// `node selftest.mjs` runs them through oracle.mjs; `node selftest.mjs --print`
// prints them as JSONL.

const V = '2012-10-17'
const doc = (...st) => ({ Version: V, Statement: st })
const allow = (a, r, c) => ({ Effect: 'Allow', Action: a, Resource: r, ...(c ? { Condition: c } : {}) })
const deny = (a, r, c) => ({ Effect: 'Deny', Action: a, Resource: r, ...(c ? { Condition: c } : {}) })
const rp = (effect, principal, action, resource = '*', extra = {}) => ({
  Effect: effect,
  ...(principal === undefined ? {} : { Principal: principal }),
  Action: action,
  ...(resource === null ? {} : { Resource: resource }),
  ...extra
})

const A = '111122223333'
const B = '444455556666'
const ROLE = `arn:aws:iam::${A}:role/app`
const USER = `arn:aws:iam::${A}:user/bob`
const SESS = `arn:aws:sts::${A}:assumed-role/app/sess`
const OTHER = `arn:aws:iam::${B}:role/other`
const OBJ = 'arn:aws:s3:::bucket/key'
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const TARGET = `arn:aws:iam::${A}:role/target`

const req = (o = {}) => ({ principal: ROLE, action: 's3:GetObject', resource: OBJ, resourceAccount: A, ...o })
const idp = (...st) => [{ name: 'p1', document: doc(...st) }]
const full = { name: 'FullAWSAccess', document: doc(allow('*', '*')) }
const rcpFull = { name: 'RCPFullAWSAccess', document: doc(rp('Allow', '*', '*')) }

export const cases = [
  // --- core evaluation ---
  { name: 'identity allow', expected: 'Allow', request: req(), identityPolicies: idp(allow('s3:GetObject', 'arn:aws:s3:::bucket/*')) },
  { name: 'explicit deny beats allow', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*'), deny('s3:GetObject', OBJ)) },
  { name: 'no matching allow', expected: 'ImplicitDeny', request: req(), identityPolicies: idp(allow('s3:PutObject', '*')) },
  { name: 'no policies at all', expected: 'ImplicitDeny', request: req() },
  { name: 'NotAction + NotResource', expected: 'Allow', request: req(), identityPolicies: idp({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::other/*' }) },
  { name: 'policy variable in Resource', expected: 'Allow', request: req({ principal: USER, resource: 'arn:aws:s3:::bucket/bob', context: { 'aws:username': 'bob' } }), identityPolicies: idp(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}')) },
  // --- SCPs ---
  { name: 'SCP explicit deny', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('*', '*')), serviceControlPolicies: [{ target: 'r-root', policies: [full] }, { target: 'ou-1', policies: [full, { name: 'deny-s3', document: doc(deny('s3:*', '*')) }] }] },
  { name: 'SCP level without an allow', expected: 'ImplicitDeny', request: req(), identityPolicies: idp(allow('*', '*')), serviceControlPolicies: [{ target: 'r-root', policies: [full] }, { target: A, policies: [{ name: 'ec2only', document: doc(allow('ec2:*', '*')) }] }] },
  { name: 'SCP level with no policies', expected: 'ImplicitDeny', request: req(), identityPolicies: idp(allow('*', '*')), serviceControlPolicies: [{ target: 'r-root', policies: [full] }, { target: A, policies: [] }] },
  { name: 'SCPs allow at every level', expected: 'Allow', request: req(), identityPolicies: idp(allow('*', '*')), serviceControlPolicies: [{ target: 'r-root', policies: [full] }, { target: A, policies: [full] }] },
  { name: 'SCP allow does not grant', expected: 'ImplicitDeny', request: req(), serviceControlPolicies: [{ target: 'r-root', policies: [full] }] },
  // --- RCPs ---
  { name: 'RCP deny (aws:SecureTransport false)', expected: 'ExplicitDeny', request: req({ context: { 'aws:SecureTransport': false } }), identityPolicies: idp(allow('s3:*', '*')), resourceControlPolicies: [{ target: 'r-root', policies: [rcpFull, { name: 'tls', document: doc(rp('Deny', '*', 's3:*', '*', { Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })) }] }] },
  { name: 'RCP deny, Principal {"AWS":"*"}', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*')), resourceControlPolicies: [{ target: 'r-root', policies: [{ name: 'd', document: doc(rp('Deny', { AWS: '*' }, 's3:GetObject')) }] }] },
  { name: 'RCP level with no policies (RCPFullAWSAccess is implicit)', expected: 'Allow', request: req(), identityPolicies: idp(allow('s3:*', '*')), resourceControlPolicies: [{ target: 'r-root', policies: [] }] },
  { name: 'RCP for a service RCPs do not cover', expected: 'unsupported', request: req({ action: 'ec2:TerminateInstances', resource: `arn:aws:ec2:us-east-1:${A}:instance/i-1` }), identityPolicies: idp(allow('*', '*')), resourceControlPolicies: [{ target: 'r-root', policies: [{ name: 'd', document: doc(rp('Deny', '*', 'ec2:*')) }] }] },
  { name: 'RCP present but not deciding, uncovered service', expected: 'Allow', request: req({ action: 'ec2:TerminateInstances', resource: `arn:aws:ec2:us-east-1:${A}:instance/i-1` }), identityPolicies: idp(allow('*', '*')), resourceControlPolicies: [{ target: 'r-root', policies: [{ name: 'd', document: doc(rp('Deny', '*', 's3:*')) }] }] },
  // --- permissions boundaries ---
  { name: 'boundary limits identity allow', expected: 'ImplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*')), permissionsBoundary: { name: 'b', document: doc(allow('s3:PutObject', '*')) } },
  { name: 'boundary allows (bare document)', expected: 'Allow', request: req(), identityPolicies: idp(allow('s3:*', '*')), permissionsBoundary: doc(allow('s3:Get*', '*')) },
  { name: 'boundary deny', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*')), permissionsBoundary: doc(allow('*', '*'), deny('s3:GetObject', '*')) },
  { name: 'boundary does not limit a bucket policy naming the IAM user', expected: 'Allow', request: req({ principal: USER }), permissionsBoundary: doc(allow('ec2:*', '*')), resourcePolicy: doc(rp('Allow', { AWS: USER }, 's3:GetObject')) },
  { name: 'boundary limits a bucket policy naming the role ARN', expected: 'ImplicitDeny', request: req({ principal: SESS }), permissionsBoundary: doc(allow('ec2:*', '*')), resourcePolicy: doc(rp('Allow', { AWS: ROLE }, 's3:GetObject')) },
  { name: 'boundary does not limit a bucket policy naming the session', expected: 'Allow', request: req({ principal: SESS }), permissionsBoundary: doc(allow('ec2:*', '*')), resourcePolicy: doc(rp('Allow', { AWS: SESS }, 's3:GetObject')) },
  { name: 'Deny NotPrincipal always denies a principal with a boundary', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('*', '*')), permissionsBoundary: doc(allow('*', '*')), resourcePolicy: doc(rp('Deny', undefined, 's3:*', '*', { NotPrincipal: { AWS: [ROLE, `arn:aws:iam::${A}:root`] } })) },
  // --- resource policies / accounts ---
  { name: 'cross-account: resource policy alone', expected: 'ImplicitDeny', request: req({ principal: OTHER }), resourcePolicy: doc(rp('Allow', { AWS: OTHER }, 's3:GetObject', 'arn:aws:s3:::bucket/*')) },
  { name: 'cross-account: identity alone', expected: 'ImplicitDeny', request: req({ principal: OTHER }), identityPolicies: idp(allow('s3:GetObject', '*')) },
  { name: 'cross-account: both allow (account principal)', expected: 'Allow', request: req({ principal: OTHER }), identityPolicies: idp(allow('s3:GetObject', '*')), resourcePolicy: doc(rp('Allow', { AWS: B }, 's3:GetObject', 'arn:aws:s3:::bucket/*')) },
  { name: 'cross-account: resource policy deny', expected: 'ExplicitDeny', request: req({ principal: OTHER }), identityPolicies: idp(allow('s3:GetObject', '*')), resourcePolicy: doc(rp('Allow', { AWS: B }, 's3:GetObject'), rp('Deny', '*', 's3:GetObject')) },
  { name: 'same account: resource policy naming the role suffices', expected: 'Allow', request: req(), resourcePolicy: doc(rp('Allow', { AWS: ROLE }, 's3:GetObject', 'arn:aws:s3:::bucket/*')) },
  { name: 'same account: Principal "*" suffices', expected: 'Allow', request: req(), resourcePolicy: doc(rp('Allow', '*', 's3:GetObject')) },
  { name: 'same account: account principal defers to identity policies', expected: 'ImplicitDeny', request: req(), resourcePolicy: doc(rp('Allow', { AWS: `arn:aws:iam::${A}:root` }, 's3:GetObject')) },
  { name: 'same account: session matches role principal', expected: 'Allow', request: req({ principal: SESS }), resourcePolicy: doc(rp('Allow', { AWS: ROLE }, 's3:GetObject')) },
  { name: 'Deny NotPrincipal: caller and account excluded', expected: 'Allow', request: req({ principal: USER }), identityPolicies: idp(allow('s3:*', '*')), resourcePolicy: doc(rp('Deny', undefined, 's3:*', '*', { NotPrincipal: { AWS: [USER, A] } })) },
  { name: 'Deny NotPrincipal: caller not excluded', expected: 'ExplicitDeny', request: req({ principal: USER }), identityPolicies: idp(allow('s3:*', '*')), resourcePolicy: doc(rp('Deny', undefined, 's3:*', '*', { NotPrincipal: { AWS: [`arn:aws:iam::${A}:user/eve`] } })) },
  { name: 'Deny NotPrincipal: caller listed without its account', expected: 'unsupported', request: req({ principal: USER }), identityPolicies: idp(allow('s3:*', '*')), resourcePolicy: doc(rp('Deny', undefined, 's3:*', '*', { NotPrincipal: { AWS: USER } })) },
  { name: 'role trust policy naming the caller (same account)', expected: 'Allow', request: req({ action: 'sts:AssumeRole', resource: TARGET }), resourcePolicy: doc(rp('Allow', { AWS: ROLE }, 'sts:AssumeRole', null)) },
  { name: 'role trust policy naming the account needs identity allow', expected: 'ImplicitDeny', request: req({ action: 'sts:AssumeRole', resource: TARGET }), resourcePolicy: doc(rp('Allow', { AWS: `arn:aws:iam::${A}:root` }, 'sts:AssumeRole', null)) },
  { name: 'role trust policy not naming the caller, identity allow', expected: 'ImplicitDeny', request: req({ action: 'sts:AssumeRole', resource: TARGET }), identityPolicies: idp(allow('sts:AssumeRole', '*')), resourcePolicy: doc(rp('Allow', { AWS: `arn:aws:iam::${A}:role/zzz` }, 'sts:AssumeRole', null)) },
  { name: 'AssumeRole without a trust policy', expected: 'unsupported', request: req({ action: 'sts:AssumeRole', resource: TARGET }), identityPolicies: idp(allow('sts:AssumeRole', '*')) },
  { name: 'KMS key policy trusting the account + identity allow', expected: 'Allow', request: req({ action: 'kms:Decrypt', resource: KEY }), identityPolicies: idp(allow('kms:Decrypt', '*')), resourcePolicy: doc(rp('Allow', { AWS: `arn:aws:iam::${A}:root` }, 'kms:*')) },
  { name: 'KMS key policy not trusting the account, identity allow', expected: 'ImplicitDeny', request: req({ action: 'kms:Decrypt', resource: KEY }), identityPolicies: idp(allow('kms:Decrypt', '*')), resourcePolicy: doc(rp('Allow', { AWS: `arn:aws:iam::${A}:role/admin` }, 'kms:*')) },
  { name: 'anonymous + public bucket policy', expected: 'Allow', request: req({ principal: 'anonymous' }), resourcePolicy: doc(rp('Allow', '*', 's3:GetObject', 'arn:aws:s3:::bucket/*')) },
  { name: 'anonymous + bucket policy for an account', expected: 'ImplicitDeny', request: req({ principal: 'anonymous' }), resourcePolicy: doc(rp('Allow', { AWS: A }, 's3:GetObject')) },
  { name: 'anonymous: SCPs do not apply', expected: 'Allow', request: req({ principal: 'anonymous' }), resourcePolicy: doc(rp('Allow', '*', 's3:GetObject')), serviceControlPolicies: [{ target: 'r-root', policies: [{ name: 'd', document: doc(deny('*', '*')) }] }] },
  { name: 'anonymous: RCPs apply', expected: 'ExplicitDeny', request: req({ principal: 'anonymous' }), resourcePolicy: doc(rp('Allow', '*', 's3:GetObject')), resourceControlPolicies: [{ target: 'r-root', policies: [{ name: 'd', document: doc(rp('Deny', '*', 's3:GetObject')) }] }] },
  { name: 'anonymous with identity policies', expected: 'error', request: req({ principal: 'anonymous' }), identityPolicies: idp(allow('*', '*')) },
  { name: 'service principal, SCP would deny', expected: 'unsupported', request: req({ principal: 'cloudtrail.amazonaws.com' }), resourcePolicy: doc(rp('Allow', { Service: 'cloudtrail.amazonaws.com' }, 's3:GetObject')), serviceControlPolicies: [{ target: 'r-root', policies: [{ name: 'd', document: doc(deny('*', '*')) }] }] },
  { name: 'service principal via resource policy', expected: 'Allow', request: req({ principal: 'cloudtrail.amazonaws.com' }), resourcePolicy: doc(rp('Allow', { Service: 'cloudtrail.amazonaws.com' }, 's3:GetObject')) },
  // --- session and VPC endpoint policies ---
  { name: 'session policy limits', expected: 'ImplicitDeny', request: req({ principal: SESS }), identityPolicies: idp(allow('s3:*', '*')), sessionPolicy: doc(allow('s3:PutObject', '*')) },
  { name: 'session policy allows', expected: 'Allow', request: req({ principal: SESS }), identityPolicies: idp(allow('s3:*', '*')), sessionPolicy: { name: 's', document: doc(allow('s3:Get*', '*')) } },
  { name: 'session policy vs resource policy naming the session', expected: 'unsupported', request: req({ principal: SESS }), sessionPolicy: doc(allow('ec2:*', '*')), resourcePolicy: doc(rp('Allow', { AWS: SESS }, 's3:GetObject')) },
  { name: 'session policy on an IAM user', expected: 'error', request: req({ principal: USER }), identityPolicies: idp(allow('*', '*')), sessionPolicy: doc(allow('*', '*')) },
  { name: 'VPC endpoint policy not allowing', expected: 'ImplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*')), vpcEndpointPolicy: doc(rp('Allow', '*', 's3:PutObject')) },
  { name: 'VPC endpoint policy allowing', expected: 'Allow', request: req(), identityPolicies: idp(allow('s3:*', '*')), vpcEndpointPolicy: doc(rp('Allow', { AWS: '*' }, 's3:GetObject')) },
  { name: 'VPC endpoint policy naming a principal', expected: 'unsupported', request: req(), identityPolicies: idp(allow('s3:*', '*')), vpcEndpointPolicy: doc(rp('Allow', { AWS: ROLE }, 's3:GetObject')) },
  // --- conditions ---
  { name: 'IpAddress in range', expected: 'Allow', request: req({ context: { 'aws:SourceIp': '192.0.2.10' } }), identityPolicies: idp(allow('s3:GetObject', '*', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })) },
  { name: 'IpAddress out of range', expected: 'ImplicitDeny', request: req({ context: { 'aws:SourceIp': '198.51.100.1' } }), identityPolicies: idp(allow('s3:GetObject', '*', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })) },
  { name: 'IpAddress with key missing', expected: 'ImplicitDeny', request: req(), identityPolicies: idp(allow('s3:GetObject', '*', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })) },
  { name: 'NotIpAddress deny, key missing', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*'), deny('*', '*', { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })) },
  { name: 'IfExists with key missing', expected: 'Allow', request: req(), identityPolicies: idp(allow('s3:GetObject', '*', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } })) },
  { name: 'IfExists with key present, mismatch', expected: 'ImplicitDeny', request: req({ context: { 'aws:PrincipalTag/team': 'red' } }), identityPolicies: idp(allow('s3:GetObject', '*', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } })) },
  { name: 'StringNotEquals deny, key missing', expected: 'ExplicitDeny', request: req(), identityPolicies: idp(allow('s3:*', '*'), deny('*', '*', { StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } })) },
  { name: 'ForAllValues, empty set', expected: 'Allow', request: req({ action: 's3:PutObject', context: { 'aws:TagKeys': [] } }), identityPolicies: idp(allow('s3:PutObject', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project'] } })) },
  { name: 'ForAllValues, key missing', expected: 'Allow', request: req({ action: 's3:PutObject' }), identityPolicies: idp(allow('s3:PutObject', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project'] } })) },
  { name: 'ForAllValues, extra value', expected: 'ImplicitDeny', request: req({ action: 's3:PutObject', context: { 'aws:TagKeys': ['Project', 'Team'] } }), identityPolicies: idp(allow('s3:PutObject', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project'] } })) },
  { name: 'ForAnyValue, empty set', expected: 'ImplicitDeny', request: req({ action: 's3:PutObject', context: { 'aws:TagKeys': [] } }), identityPolicies: idp(allow('s3:PutObject', '*', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Project'] } })) },
  { name: 'ForAnyValue, one value matches', expected: 'Allow', request: req({ action: 's3:PutObject', context: { 'aws:TagKeys': ['Team', 'Project'] } }), identityPolicies: idp(allow('s3:PutObject', '*', { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['Proj*'] } })) },
  { name: 'Bool from a JSON boolean, StringLike, NumericLessThan', expected: 'Allow', request: req({ action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket', context: { 'aws:SecureTransport': true, 's3:prefix': 'home/bob/x', 's3:max-keys': 10 } }), identityPolicies: idp(allow('s3:ListBucket', '*', { Bool: { 'aws:SecureTransport': 'true' }, StringLike: { 's3:prefix': 'home/${aws:username, \'bob\'}/*' }, NumericLessThan: { 's3:max-keys': '100' } })) },
  { name: 'DateLessThan', expected: 'Allow', request: req({ context: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } }), identityPolicies: idp(allow('s3:GetObject', '*', { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } })) },
  { name: 'Null: key absent', expected: 'Allow', request: req(), identityPolicies: idp(allow('s3:GetObject', '*', { Null: { 'aws:PrincipalTag/team': 'true' } })) },
  // --- what the oracle refuses or reports ---
  { name: 'unknown action', expected: 'error', request: req({ action: 's3:GetObjekt' }), identityPolicies: idp(allow('s3:*', '*')) },
  { name: 'resource type does not fit the action', expected: 'error', request: req({ resource: 'arn:aws:s3:::bucket' }), identityPolicies: idp(allow('s3:*', '*')) },
  { name: 'invalid policy (Effect)', expected: 'error', request: req(), identityPolicies: idp({ Effect: 'allow', Action: '*', Resource: '*' }) },
  { name: 'S3 ARN without resourceAccount', expected: 'unsupported', request: { principal: ROLE, action: 's3:GetObject', resource: OBJ } },
  { name: 'wildcard-only action: account taken from principal', expected: 'Allow', request: { principal: ROLE, action: 's3:ListAllMyBuckets', resource: '*' }, identityPolicies: idp(allow('s3:List*', '*')) },
  { name: 'resourceAccount taken from the ARN', expected: 'Allow', request: { principal: ROLE, action: 'kms:Decrypt', resource: KEY }, identityPolicies: idp(allow('kms:*', '*')), resourcePolicy: doc(rp('Allow', { AWS: A }, 'kms:*')) },
  { name: 'request resource with a wildcard', expected: 'unsupported', request: req({ resource: 'arn:aws:s3:::bucket/*' }), identityPolicies: idp(allow('s3:*', '*')) },
  { name: 'context key not applicable to the action, referenced', expected: 'unsupported', request: req({ context: { 's3:prefix': 'x' } }), identityPolicies: idp(allow('s3:GetObject', '*', { StringEquals: { 's3:prefix': 'x' } })) },
  { name: 'context key not applicable to the action, unreferenced', expected: 'Allow', request: req({ context: { 's3:prefix': 'x' } }), identityPolicies: idp(allow('s3:GetObject', '*')) },
  { name: 'single-valued key with two values', expected: 'unsupported', request: req({ context: { 'aws:SourceIp': ['192.0.2.1', '192.0.2.2'] } }), identityPolicies: idp(allow('s3:GetObject', '*')) },
  { name: 'Version 2008-10-17 with a policy variable', expected: 'unsupported', request: req(), identityPolicies: [{ name: 'old', document: { Version: '2008-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}')] } }] },
  { name: 'single-valued operator on a multivalued key', expected: 'unsupported', request: req({ action: 's3:PutObject', context: { 'aws:TagKeys': ['a'] } }), identityPolicies: idp(allow('s3:PutObject', '*', { StringEquals: { 'aws:TagKeys': 'a' } })) },
  { name: 'empty value used as a policy variable', expected: 'unsupported', request: req({ context: { 'aws:PrincipalTag/p': '' } }), identityPolicies: idp(allow('s3:GetObject', 'arn:aws:s3:::bucket/key${aws:PrincipalTag/p}')) },
  { name: 'epoch seconds vs ISO date', expected: 'unsupported', request: req({ context: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } }), identityPolicies: idp(allow('s3:GetObject', '*', { DateLessThan: { 'aws:CurrentTime': '1893456000' } })) },
  { name: 'epoch seconds on both sides', expected: 'Allow', request: req({ context: { 'aws:EpochTime': '1717200000' } }), identityPolicies: idp(allow('s3:GetObject', '*', { DateLessThan: { 'aws:EpochTime': '1893456000' } })) },
  { name: 'root user as principal', expected: 'unsupported', request: req({ principal: `arn:aws:iam::${A}:root` }) },
  { name: 'unknown condition operator', expected: 'unsupported', request: req(), identityPolicies: idp(allow('s3:*', '*'), deny('*', '*', { StringEqualz: { 'aws:PrincipalTag/team': 'x' } })) },
  { name: 'unknown scenario field', expected: 'unsupported', request: req(), identityPolicies: idp(allow('*', '*')), permissionBoundary: doc(deny('*', '*')) },
  { name: 'null context value', expected: 'unsupported', request: req({ context: { 'aws:SourceIp': null } }), identityPolicies: idp(allow('*', '*')) }
]
