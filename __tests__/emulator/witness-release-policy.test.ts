/**
 * The emulator decides key release with its own reader and evaluator
 * (emulator/services/managed-hsm/witness/release-policy), written apart from the action's
 * src/policy. This suite runs both on one corpus: every preset, and the policies of the lint and
 * evaluate cases in __tests__/policy, against every sample claim set and a set of issuers, and
 * requires the same allow/deny from both, on the policy as written and as the emulator stores it.
 * It also pins where the emulator (mirroring the service) is more lenient than the action's lint.
 */
import { describe, expect, it } from '@jest/globals'
import {
  evaluatePolicy,
  lintPolicy,
  PRESET_NAMES,
  presetPolicy,
  SAMPLE_AUTHORITY,
  toServiceJson,
  type ReleasePolicy
} from '../../src/policy/index.js'
import { SAMPLE_BUILDERS } from '../support/sample-claims.js'
import { policyReleases } from '../../emulator/services/managed-hsm/witness/release-policy/evaluate.js'
import {
  readReleasePolicy,
  storedPolicy
} from '../../emulator/services/managed-hsm/witness/release-policy/read.js'

const AUTH = SAMPLE_AUTHORITY
const EUS = 'https://sharedeus.eus.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const COMPLIANCE = 'x-ms-isolation-tee.x-ms-compliance-status'
const GOOD = [
  {
    anyOf: [
      { claim: TYPE, equals: 'sevsnpvm' },
      { claim: TYPE, equals: 'tdxvm' }
    ]
  },
  { claim: COMPLIANCE, equals: 'azure-compliant-cvm' }
]
const one = (conditions: unknown[], block: Record<string, unknown> = {}, kind = 'allOf') => ({
  version: '1.0.0',
  anyOf: [{ authority: AUTH, [kind]: conditions, ...block }]
})
const encode = (p: unknown): string => Buffer.from(JSON.stringify(p), 'utf8').toString('base64url')

/** Presets, and the policies of the lint and evaluate cases (valid or not), by name. */
const CORPUS: Record<string, unknown> = {}
for (const name of PRESET_NAMES) {
  CORPUS[`preset ${name}`] = presetPolicy(name, AUTH)
  CORPUS[`preset ${name} (two authorities)`] = presetPolicy(name, [EUS, AUTH])
  CORPUS[`preset ${name} (authority with case and slash)`] = presetPolicy(
    name,
    'https://SharedWEU.weu.attest.azure.net/'
  )
}
Object.assign(CORPUS, {
  // lint.test.ts
  'lint good': one(GOOD),
  'lint array': [],
  'lint no version': { anyOf: one(GOOD).anyOf },
  'lint version 0.2': { ...one(GOOD), version: '0.2' },
  'lint version 1.0': { ...one(GOOD), version: '1.0' },
  'lint no anyOf': { version: '1.0.0' },
  'lint empty anyOf': { version: '1.0.0', anyOf: [] },
  'lint anyOf object': { version: '1.0.0', anyOf: {} },
  'lint top-level allOf': { version: '1.0.0', allOf: [{ authority: AUTH, allOf: GOOD }] },
  'lint no authority': one(GOOD, { authority: undefined }),
  'lint http authority': one(GOOD, { authority: 'http://sharedweu.weu.attest.azure.net' }),
  'lint bare host authority': one(GOOD, { authority: 'sharedweu.weu.attest.azure.net' }),
  'lint number authority': one(GOOD, { authority: 42 }),
  'lint empty authority': one(GOOD, { authority: '' }),
  'lint authority with query': one(GOOD, { authority: 'https://x.attest.azure.net/?a=1' }),
  'lint allOf and anyOf': one(GOOD, { anyOf: GOOD }),
  'lint block without group': { version: '1.0.0', anyOf: [{ authority: AUTH }] },
  'lint empty allOf': one([]),
  'lint empty nested anyOf': one([{ anyOf: [] }, ...GOOD]),
  'lint no claim': one([...GOOD, { equals: 'x' }]),
  'lint empty claim': one([...GOOD, { claim: '', equals: 'x' }]),
  'lint claim a..b': one([...GOOD, { claim: 'a..b', equals: 'x' }]),
  'lint no value': one([...GOOD, { claim: 'x-ms-ver' }]),
  'lint null value': one([GOOD[0], { claim: COMPLIANCE, equals: null }]),
  'lint object value': one([GOOD[0], { claim: COMPLIANCE, equals: { a: 1 } }]),
  'lint array value': one([GOOD[0], { claim: COMPLIANCE, equals: ['sevsnpvm'] }]),
  ...Object.fromEntries(
    ['notEquals', 'less', 'lessOrEquals', 'greater', 'greaterOrEquals', 'exists'].map(op => [
      `lint operator ${op}`,
      one([...GOOD, { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-guestsvn', [op]: 1 }])
    ])
  ),
  'lint legacy condition': one([
    GOOD[0],
    { claim: COMPLIANCE, condition: 'equals', value: 'azure-compliant-cvm' }
  ]),
  'lint unknown top-level key': { ...one(GOOD), comment: 'x' },
  'lint unknown block key': one(GOOD, { name: 'x' }),
  'lint unknown condition key': one([GOOD[0], { claim: COMPLIANCE, equals: 'azure-compliant-cvm', note: 1 }]),
  'lint unknown group key': one([{ anyOf: GOOD, x: 1 }]),
  'lint claim and group': one([{ claim: TYPE, equals: 'tdxvm', anyOf: GOOD }]),
  'lint two groups': one([{ allOf: GOOD, anyOf: GOOD }]),
  'lint string condition': one(['sevsnpvm']),
  'lint unknown claim': one([...GOOD, { claim: 'x-ms-isolation-tee.x-ms-compliance', equals: 'x' }]),
  'lint known claims': one([
    ...GOOD,
    ...[
      'x-ms-azurevm-vmid',
      'x-ms-isolation-tee.x-ms-sevsnpvm-hostdata',
      'x-ms-sevsnpvm-hostdata',
      'x-ms-isolation-tee.tdx_mrtd',
      'x-ms-attestation-type',
      'x-ms-compliance-status'
    ].map(claim => ({ claim, equals: 'x' }))
  ]),
  'lint sev only': one([{ claim: TYPE, equals: 'sevsnpvm' }, GOOD[1]]),
  'lint tdx only': one([{ claim: TYPE, equals: 'tdxvm' }, GOOD[1]]),
  'lint platform sev': one([
    { claim: 'x-ms-attestation-type', equals: 'sevsnpvm' },
    { claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }
  ]),
  'lint two blocks': {
    version: '1.0.0',
    anyOf: [
      { authority: AUTH, allOf: [{ claim: TYPE, equals: 'sevsnpvm' }, GOOD[1]] },
      { authority: AUTH, allOf: [{ claim: TYPE, equals: 'tdxvm' }, GOOD[1]] }
    ]
  },
  'lint only x-ms-ver': one([{ claim: 'x-ms-ver', equals: '1.0' }]),
  'lint only vmid': one([{ claim: 'x-ms-azurevm-vmid', equals: 'B958DC88-E41D-47F1-8D20-E57B6B7E9825' }]),
  'lint leaky anyOf': one([
    {
      anyOf: [
        { claim: COMPLIANCE, equals: 'azure-compliant-cvm' },
        { claim: 'secureboot', equals: true }
      ]
    }
  ]),
  'lint non-MAA authority': one(GOOD, { authority: 'https://my.attestation.example.com' }),
  'lint kerneldebug "false"': one([...GOOD, { claim: 'x-ms-azurevm-kerneldebug-enabled', equals: 'false' }]),
  'lint kerneldebug false': one([...GOOD, { claim: 'x-ms-azurevm-kerneldebug-enabled', equals: false }]),
  'lint sev-only claim': one([
    ...GOOD,
    { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: false }
  ]),
  // evaluate.test.ts
  'evaluate three blocks': {
    version: '1.0.0',
    anyOf: [
      { authority: AUTH, allOf: [{ claim: 'x-ms-ver', equals: '2.0' }] },
      { authority: 'https://other.attest.azure.net', allOf: [{ claim: 'x-ms-ver', equals: '1.0' }] },
      { authority: AUTH, allOf: [{ claim: 'x-ms-attestation-type', equals: 'sgx' }] }
    ]
  },
  'evaluate flat dotted key': one([{ claim: TYPE, equals: 'sevsnpvm' }]),
  'evaluate nested': one([
    { claim: COMPLIANCE, equals: 'azure-compliant-cvm' },
    {
      anyOf: [
        { claim: 'x-ms-azurevm-vmid', equals: 'nope' },
        {
          allOf: [
            { claim: 'secureboot', equals: true },
            { claim: 'x-ms-ver', equals: '1.0' }
          ]
        }
      ]
    }
  ]),
  'evaluate anyOf block': one(
    [
      { claim: 'x-ms-ver', equals: '9' },
      { claim: 'x-ms-ver', equals: '1.0' }
    ],
    {},
    'anyOf'
  ),
  'evaluate text scalars': one([
    { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: 'false' },
    { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-vmpl', equals: '0' }
  ]),
  'evaluate typed scalars': one([
    { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: false },
    { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-vmpl', equals: 0 }
  ]),
  'evaluate "False"': one([{ claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: 'False' }]),
  'evaluate upper case type': one([{ claim: TYPE, equals: 'SEVSNPVM' }]),
  'evaluate object claim': one([{ claim: 'x-ms-isolation-tee', equals: 'sevsnpvm' }]),
  'evaluate greater': one([{ claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-guestsvn', greater: 0 }]),
  'evaluate 0.2 form': {
    version: '0.2',
    anyOf: [{ authority: AUTH, allOf: [{ claim: TYPE, condition: 'equals', value: 'tdxvm' }] }]
  },
  'evaluate 0.2 form, operator in other case': {
    version: '0.2',
    anyOf: [{ authority: AUTH, anyOf: [{ claim: TYPE, condition: 'Equals', value: 'sevsnpvm' }] }]
  }
})

const ISSUERS: Array<string | undefined> = [
  undefined, // the claims' own iss
  EUS,
  'https://SharedWEU.weu.attest.azure.net/',
  'https://sharedweu.weu.attest.azure.net.evil.com',
  'https://other.attest.azure.net',
  'https://my.attestation.example.com'
]

/** Every sample claim set, plus the variants the evaluate cases use. */
function claimSets(): Array<[string, Record<string, unknown>]> {
  const sets: Array<[string, Record<string, unknown>]> = Object.entries(SAMPLE_BUILDERS).map(([n, b]) => [
    n,
    b()
  ])
  const broken = SAMPLE_BUILDERS.sevSnpGuest()
  broken.secureboot = false
  sets.push(['sevSnpGuest, secureboot false', broken])
  const { iss: _iss, ...noIssuer } = SAMPLE_BUILDERS.sevSnpGuest()
  sets.push(['sevSnpGuest without iss', noIssuer])
  sets.push(['flat dotted key', { iss: AUTH, [TYPE]: 'sevsnpvm' }])
  return sets
}

describe('the action and the emulator decide release alike', () => {
  const sets = claimSets()

  it.each(Object.keys(CORPUS))('%s', name => {
    const policy = CORPUS[name]
    const read = readReleasePolicy(encode(policy))
    const verdicts: string[] = []
    for (const [setName, claims] of sets) {
      for (const explicit of ISSUERS) {
        const issuer = explicit ?? (typeof claims.iss === 'string' ? claims.iss : undefined)
        const action = evaluatePolicy(policy as ReleasePolicy, claims, issuer).released
        const emulator = policyReleases(policy, claims, issuer)
        verdicts.push(`${setName} @ ${explicit ?? 'iss'}: action ${action}, emulator ${emulator}`)
        expect(`${setName} @ ${explicit ?? 'iss'}: ${emulator}`).toBe(
          `${setName} @ ${explicit ?? 'iss'}: ${action}`
        )
        // what the emulator stores means what was sent
        if (read.ok) expect(policyReleases(storedPolicy(read.data), claims, issuer)).toBe(action)
      }
    }
    expect(verdicts).toHaveLength(sets.length * ISSUERS.length)
  })

  it('the corpus exercises both outcomes on both sides', () => {
    const outcomes = new Set<string>()
    for (const policy of Object.values(CORPUS))
      for (const [, claims] of claimSets())
        outcomes.add(
          `${evaluatePolicy(policy as ReleasePolicy, claims).released}/${policyReleases(policy, claims, claims.iss as string)}`
        )
    expect([...outcomes].sort()).toEqual(['false/false', 'true/true'])
  })
})

describe('what the emulator stores', () => {
  it('accepts every policy the action would send, stored as the action expects the service to store it', () => {
    let clean = 0
    for (const [name, policy] of Object.entries(CORPUS)) {
      if (lintPolicy(policy).errors.length > 0) continue
      clean++
      const read = readReleasePolicy(encode(policy))
      expect({ name, ok: read.ok }).toEqual({ name, ok: true })
      if (read.ok) expect(Buffer.from(read.data, 'base64url').toString('utf8')).toBe(toServiceJson(policy))
    }
    expect(clean).toBeGreaterThan(20)
  })

  it('reads standard base64 (what the Azure CLI sends) like base64url', () => {
    const policy = presetPolicy('confidential-vm', AUTH)
    const std = Buffer.from(JSON.stringify(policy, null, 2)).toString('base64')
    const read = readReleasePolicy(std)
    expect(read.ok && read.data).toBe(Buffer.from(toServiceJson(policy)).toString('base64url'))
  })

  it('refuses what leaves the grammar, naming the place', () => {
    const refused: Record<string, RegExp> = {
      'lint no version': /^missing 'version' property$/,
      'lint version 1.0': /^\$\.version: unsupported version "1\.0"/,
      'lint array': /^\$: the policy must be a JSON object/,
      'lint no anyOf': /^\$\.anyOf: must be a non-empty array/,
      'lint empty anyOf': /^\$\.anyOf: must be a non-empty array/,
      'lint top-level allOf': /^\$: unknown property "allOf"/,
      'lint no authority': /^\$\.anyOf\[0\]\.authority: must be a non-empty string/,
      'lint number authority': /^\$\.anyOf\[0\]\.authority/,
      'lint allOf and anyOf': /^\$\.anyOf\[0\]: needs exactly one of 'allOf' or 'anyOf'/,
      'lint empty allOf': /^\$\.anyOf\[0\]\.allOf: must be a non-empty array/,
      'lint empty nested anyOf': /^\$\.anyOf\[0\]\.allOf\[0\]\.anyOf: must be a non-empty array/,
      'lint no claim': /^\$\.anyOf\[0\]\.allOf\[2\]: needs a non-empty string 'claim'/,
      'lint no value': /^\$\.anyOf\[0\]\.allOf\[2\]: needs exactly one operator/,
      'lint null value': /^\$\.anyOf\[0\]\.allOf\[1\]\.equals: must be a string, a number, true or false/,
      'lint array value': /\.equals: must be a string/,
      'lint unknown block key': /^\$\.anyOf\[0\]: unknown property "name"/,
      'lint unknown condition key': /^\$\.anyOf\[0\]\.allOf\[1\]: unknown property "note"/,
      'lint claim and group': /^\$\.anyOf\[0\]\.allOf\[0\]: unknown property/,
      'lint string condition': /^\$\.anyOf\[0\]\.allOf\[0\]: a condition must be an object/
    }
    for (const [name, pattern] of Object.entries(refused)) {
      const read = readReleasePolicy(encode(CORPUS[name]))
      expect({ name, detail: read.ok ? 'accepted' : read.detail }).toEqual({
        name,
        detail: expect.stringMatching(pattern)
      })
    }
    expect(readReleasePolicy('not base64!')).toEqual({
      ok: false,
      detail: expect.stringMatching(/not base64url/)
    })
    expect(readReleasePolicy(Buffer.from('{"version":').toString('base64url'))).toEqual({
      ok: false,
      detail: expect.stringMatching(/^the policy is not valid JSON/)
    })
  })

  it('accepts what only the action lint refuses: any authority string, grammar operators, the 0.2 forms', () => {
    for (const name of [
      'lint http authority',
      'lint bare host authority',
      'lint authority with query',
      'lint operator notEquals',
      'lint operator exists',
      'lint claim a..b',
      'lint version 0.2',
      'lint legacy condition'
    ]) {
      expect(lintPolicy(CORPUS[name]).errors.length).toBeGreaterThan(0)
      expect({ name, ok: readReleasePolicy(encode(CORPUS[name])).ok }).toEqual({ name, ok: true })
    }
    // the 0.2 forms are stored in 1.0.0 form
    const legacy = readReleasePolicy(encode(CORPUS['evaluate 0.2 form']))
    expect(legacy.ok && legacy.policy).toEqual({
      anyOf: [{ allOf: [{ claim: TYPE, equals: 'tdxvm' }], authority: AUTH }],
      version: '1.0.0'
    })
  })
})
