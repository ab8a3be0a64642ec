/**
 * The release-policy rules (src/policy/permissive.ts) and the authority rule (src/policy/authority.ts), table by
 * table; each flagged class is also shown to release a token it should not, so a finding is never just taste.
 */
import { describe, expect, it } from '@jest/globals'
import { attestationDomain, CLOUD_NAMES } from '../../src/auth/clouds.js'
import {
  PRESET_NAMES,
  SAMPLE_AUTHORITY,
  allowsDebugging,
  attestationAuthorityProblem,
  authorityKind,
  evaluatePolicy,
  permissiveFindings,
  presetPolicy,
  requiredOnEveryPath,
  requiresNotDebuggable,
  requiresTee,
  type ReleasePolicy
} from '../../src/policy/index.js'
import { nonCompliantCvmGuestClaims, trustedLaunchVmClaims } from '../support/sample-claims.js'

const AUTH = SAMPLE_AUTHORITY
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const COMPLIANT = { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
const SEV = { claim: TYPE, equals: 'sevsnpvm' }
const TDX = { claim: TYPE, equals: 'tdxvm' }

const block = (allOf: unknown[], authority = AUTH) => ({ authority, allOf })
const policy = (...blocks: unknown[]) => ({ version: '1.0.0', anyOf: blocks })
const found = (p: { anyOf: unknown[] }) => permissiveFindings(p).map(f => [f.path, f.rule])

type Row = [string, { anyOf: unknown[] }, Array<[string, string]>]
const ROWS: Row[] = [
  ['the sev-snp-cvm shape', policy(block([SEV, COMPLIANT])), []],
  ['SEV-SNP or TDX, compliant', policy(block([{ anyOf: [SEV, TDX] }, COMPLIANT])), []],
  [
    'the cvm-platform shape (top-level claims)',
    policy(block([{ claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }])),
    []
  ],
  [
    'SEV-SNP with the debug bit stated off (no compliance claim)',
    policy(block([SEV, { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: false }])),
    []
  ],
  [
    'a confidential-container shape: top-level sevsnpvm, debug bit off as text',
    policy(
      block([
        { claim: 'x-ms-attestation-type', equals: 'sevsnpvm' },
        { claim: 'x-ms-sevsnpvm-is-debuggable', equals: 'false' },
        { claim: 'x-ms-sevsnpvm-hostdata', equals: 'ab' }
      ])
    ),
    []
  ],
  [
    'no TEE claim: a VM id only',
    policy(block([{ claim: 'x-ms-azurevm-vmid', equals: 'X' }])),
    [['$.anyOf[0]', 'no-tee']]
  ],
  [
    'no TEE claim: azurevm is any Azure VM',
    policy(block([{ claim: 'x-ms-attestation-type', equals: 'azurevm' }])),
    [['$.anyOf[0]', 'no-tee']]
  ],
  [
    'no TEE claim: a compliance status that is not the CVM verdict',
    policy(block([{ claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-uvm' }])),
    [['$.anyOf[0]', 'no-tee']]
  ],
  [
    'an extra permissive top-level block',
    policy(block([SEV, COMPLIANT]), block([{ claim: 'x-ms-ver', equals: '1.0' }])),
    [['$.anyOf[1]', 'no-tee']]
  ],
  [
    'an extra permissive branch inside a block',
    policy(block([{ anyOf: [{ allOf: [SEV, COMPLIANT] }, { claim: 'secureboot', equals: true }] }])),
    [['$.anyOf[0].allOf[0].anyOf[1]', 'no-tee']]
  ],
  [
    'an always-true issuer condition',
    policy(block([SEV, COMPLIANT, { claim: 'iss', equals: `${AUTH}/` }])),
    [['$.anyOf[0].allOf[2]', 'always-true']]
  ],
  [
    'an always-true issuer condition as the branch that leaks',
    policy(block([{ anyOf: [{ allOf: [SEV, COMPLIANT] }, { claim: 'iss', equals: AUTH }] }])),
    [
      ['$.anyOf[0].allOf[0].anyOf[1]', 'no-tee'],
      ['$.anyOf[0].allOf[0].anyOf[1]', 'always-true']
    ]
  ],
  [
    'a boolean claim accepted both true and false',
    policy(
      block([
        SEV,
        COMPLIANT,
        {
          anyOf: [
            { claim: 'secureboot', equals: true },
            { claim: 'secureboot', equals: 'false' }
          ]
        }
      ])
    ),
    [['$.anyOf[0].allOf[2].anyOf', 'always-true']]
  ],
  ['SEV-SNP without the compliance claim', policy(block([SEV])), [['$.anyOf[0]', 'debuggable']]],
  [
    'a debuggable SEV-SNP VM asked for',
    policy(
      block([SEV, COMPLIANT, { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: true }])
    ),
    [['$.anyOf[0].allOf[2]', 'debuggable']]
  ],
  [
    'a debuggable TDX VM asked for, without the compliance claim',
    policy(block([TDX, { claim: 'x-ms-isolation-tee.tdx_td_attributes_debug', equals: 'true' }])),
    [
      ['$.anyOf[0]', 'debuggable'],
      ['$.anyOf[0].allOf[1]', 'debuggable']
    ]
  ],
  [
    'the guest kernel debugger asked for',
    policy(block([SEV, COMPLIANT, { claim: 'x-ms-azurevm-kerneldebug-enabled', equals: true }])),
    [['$.anyOf[0].allOf[2]', 'debuggable']]
  ],
  [
    'compliance in only one branch of an anyOf',
    policy(block([{ anyOf: [{ allOf: [SEV, COMPLIANT] }, TDX] }])),
    [['$.anyOf[0].allOf[0].anyOf[1]', 'debuggable']]
  ]
]

describe('permissiveFindings', () => {
  it.each(ROWS)('%s', (_label, p, expected) => {
    expect(found(p)).toEqual(expected)
  })

  it('passes every preset, for every cloud', () => {
    for (const cloud of CLOUD_NAMES)
      for (const name of PRESET_NAMES) {
        const authority = `https://sharedweu.weu.${attestationDomain(cloud).suffix}`
        expect([cloud, name, found(presetPolicy(name, authority))]).toEqual([cloud, name, []])
      }
  })

  it('never echoes values from the policy in its messages', () => {
    const secret = 'VALUE-FROM-THE-FILE'
    const p = policy(
      block([{ claim: 'x-ms-azurevm-vmid', equals: secret }]),
      block([{ claim: TYPE, equals: secret }])
    )
    const messages = permissiveFindings(p).map(f => f.message)
    expect(messages).toHaveLength(2)
    for (const m of messages) expect(m).not.toContain(secret)
  })

  it('flags policies that really release the wrong VM', () => {
    // no TEE: a Trusted Launch VM (no confidential hardware at all) gets the key
    const noTee = policy(block([{ claim: 'x-ms-attestation-type', equals: 'azurevm' }]))
    expect(found(noTee)).toEqual([['$.anyOf[0]', 'no-tee']])
    expect(evaluatePolicy(noTee as unknown as ReleasePolicy, trustedLaunchVmClaims()).released).toBe(true)
    // no compliance claim: a debuggable, non-compliant SEV-SNP VM gets the key
    const noCompliance = policy(block([SEV]))
    expect(found(noCompliance)).toEqual([['$.anyOf[0]', 'debuggable']])
    expect(
      evaluatePolicy(noCompliance as unknown as ReleasePolicy, nonCompliantCvmGuestClaims()).released
    ).toBe(true)
    // and the preset refuses both
    const preset = presetPolicy('sev-snp-cvm', AUTH)
    expect(evaluatePolicy(preset, trustedLaunchVmClaims()).released).toBe(false)
    expect(evaluatePolicy(preset, nonCompliantCvmGuestClaims()).released).toBe(false)
  })
})

describe('rule predicates', () => {
  it('requiredOnEveryPath: allOf needs one member, anyOf needs every member', () => {
    expect(requiredOnEveryPath(block([SEV, { claim: 'x', equals: 1 }]), requiresTee)).toBe(true)
    expect(requiredOnEveryPath({ anyOf: [SEV, TDX] }, requiresTee)).toBe(true)
    expect(requiredOnEveryPath({ anyOf: [SEV, { claim: 'x', equals: 1 }] }, requiresTee)).toBe(false)
    expect(
      requiredOnEveryPath({ allOf: [{ anyOf: [SEV, COMPLIANT] }, { claim: 'x', equals: 1 }] }, requiresTee)
    ).toBe(true)
  })

  it('compares values by text, as the service does', () => {
    expect(requiresNotDebuggable('x-ms-sevsnpvm-is-debuggable', 'false')).toBe(true)
    expect(requiresNotDebuggable('x-ms-isolation-tee.tdx_td_attributes_debug', 'false')).toBe(true)
    expect(requiresNotDebuggable('x-ms-sevsnpvm-is-debuggable', 'true')).toBe(false)
    expect(allowsDebugging('x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', 'true')).toBe(true)
    expect(allowsDebugging('x-ms-azurevm-debuggersdisabled', 'false')).toBe(true)
    expect(allowsDebugging('x-ms-azurevm-debuggersdisabled', 'true')).toBe(false)
    expect(requiresTee('x-ms-attestation-type', 'sgx')).toBe(false)
  })
})

describe('attestationAuthorityProblem', () => {
  const pub = attestationDomain('AzureCloud')
  type AuthRow = [string, string, 'authority-url' | 'authority-host' | undefined]
  const AUTH_ROWS: AuthRow[] = [
    ['shared provider', 'https://sharedweu.weu.attest.azure.net', undefined],
    ['trailing slash', 'https://sharedweu.weu.attest.azure.net/', undefined],
    ['upper-case scheme and host', 'HTTPS://SharedWEU.weu.Attest.Azure.net', undefined],
    ['custom provider', 'https://myprovider.weu.attest.azure.net', undefined],
    ['http', 'http://sharedweu.weu.attest.azure.net', 'authority-url'],
    ['not a URL', 'sharedweu.weu.attest.azure.net', 'authority-url'],
    ['user info', 'https://user:pw@sharedweu.weu.attest.azure.net', 'authority-url'],
    [
      'user info hiding another host',
      'https://sharedweu.weu.attest.azure.net@evil.example.com',
      'authority-url'
    ],
    ['explicit :443', 'https://sharedweu.weu.attest.azure.net:443', 'authority-url'],
    ['other port', 'https://sharedweu.weu.attest.azure.net:8443/', 'authority-url'],
    ['query', 'https://sharedweu.weu.attest.azure.net/?q', 'authority-url'],
    ['empty query', 'https://sharedweu.weu.attest.azure.net?', 'authority-url'],
    ['fragment', 'https://sharedweu.weu.attest.azure.net#f', 'authority-url'],
    ['empty fragment', 'https://sharedweu.weu.attest.azure.net/#', 'authority-url'],
    ['path', 'https://sharedweu.weu.attest.azure.net/path', 'authority-url'],
    ['dot path', 'https://sharedweu.weu.attest.azure.net/.', 'authority-url'],
    ['newline', 'https://sharedweu.weu.attest.azure.net\n', 'authority-url'],
    ['tab inside', 'https://sharedweu.weu.\tattest.azure.net', 'authority-url'],
    ['foreign host', 'https://evil.example.com', 'authority-host'],
    ['look-alike suffix', 'https://sharedweu.weu.attest.azure.net.evil.example.com', 'authority-host'],
    ['suffix inside a label', 'https://evilattest.azure.net', 'authority-host'],
    ['one label', 'https://x.attest.azure.net', 'authority-host'],
    ['three labels', 'https://a.b.c.attest.azure.net', 'authority-host'],
    ['trailing dot', 'https://sharedweu.weu.attest.azure.net.', 'authority-host'],
    ['non-ASCII label', 'https://sharedwеu.weu.attest.azure.net', 'authority-host'],
    ['US Government host in AzureCloud', 'https://sharedugv.ugv.attest.azure.us', 'authority-host'],
    ['the attestation resource itself', 'https://attest.azure.net', 'authority-host']
  ]
  it.each(AUTH_ROWS)('%s', (_label, url, rule) => {
    expect(attestationAuthorityProblem(url, pub)?.rule).toBe(rule)
  })

  it('holds each cloud to its own suffix', () => {
    expect(attestationDomain('AzureUSGovernment').suffix).toBe('attest.azure.us')
    const usgov = attestationDomain('AzureUSGovernment')
    expect(attestationAuthorityProblem('https://sharedugv.ugv.attest.azure.us', usgov)).toBeUndefined()
    expect(attestationAuthorityProblem('https://sharedweu.weu.attest.azure.net', usgov)?.message).toMatch(
      /Azure Attestation provider of AzureUSGovernment \(https:\/\/NAME\.REGION\.attest\.azure\.us/
    )
  })

  it('never echoes the authority in its message', () => {
    const m = attestationAuthorityProblem('https://evil.example.com/secret-path', pub)?.message
    expect(m).toBeDefined()
    expect(m).not.toMatch(/evil|secret/)
  })
})

describe('authorityKind', () => {
  const pub = attestationDomain('AzureCloud')
  it('tells a region shared provider from a custom one', () => {
    expect(authorityKind('https://sharedweu.weu.attest.azure.net/', pub)).toEqual({
      kind: 'shared',
      host: 'sharedweu.weu.attest.azure.net'
    })
    expect(authorityKind('https://MyProvider.weu.attest.azure.net', pub)).toEqual({
      kind: 'custom',
      host: 'myprovider.weu.attest.azure.net'
    })
    // named like a shared provider of another region: someone's own
    expect(authorityKind('https://sharedweu.neu.attest.azure.net', pub).kind).toBe('custom')
  })
})

describe("the region's default provider, as Azure names it", () => {
  it('is held to the authority rule before the key is bound to it', async () => {
    const { checkedDefaultAuthority } = await import('../../src/run/key-policy.js')
    expect(
      checkedDefaultAuthority('https://sharedweu.weu.attest.azure.net', 'AzureCloud', 'westeurope')
    ).toBe('https://sharedweu.weu.attest.azure.net')
    for (const answer of [
      'https://evil.example.com',
      'http://sharedweu.weu.attest.azure.net',
      'https://sharedweu.weu.attest.azure.net:8443',
      'https://x@sharedweu.weu.attest.azure.net'
    ])
      expect(() => checkedDefaultAuthority(answer, 'AzureCloud', 'westeurope')).toThrow(
        /default attestation provider Azure named for westeurope is not usable[\s\S]*attestation-authority/
      )
    expect(() =>
      checkedDefaultAuthority('https://sharedweu.weu.attest.azure.net', 'AzureUSGovernment', 'usgovvirginia')
    ).toThrow(/provider of AzureUSGovernment/)
  })
})
