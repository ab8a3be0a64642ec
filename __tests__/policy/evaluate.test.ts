import { describe, expect, it } from '@jest/globals'
import {
  SAMPLE_AUTHORITY,
  evaluatePolicy,
  parsePolicyTestCases,
  presetPolicy,
  runPolicyTests,
  type ReleasePolicy
} from '../../src/policy/index.js'
import { sevSnpCvmGuestClaims, tdxCvmGuestClaims, trustedLaunchVmClaims } from '../support/sample-claims.js'

const single = (conditions: unknown[], kind: 'allOf' | 'anyOf' = 'allOf'): ReleasePolicy =>
  ({
    version: '1.0.0',
    anyOf: [{ authority: SAMPLE_AUTHORITY, [kind]: conditions }]
  }) as unknown as ReleasePolicy

describe('evaluatePolicy: issuer', () => {
  const policy = presetPolicy('sev-snp-cvm', SAMPLE_AUTHORITY)

  it('denies a token from an issuer no block names, and says so', () => {
    const r = evaluatePolicy(
      policy,
      sevSnpCvmGuestClaims({ issuer: 'https://sharedeus.eus.attest.azure.net' })
    )
    expect(r.released).toBe(false)
    expect(r.reason).toBe(
      `token issuer https://sharedeus.eus.attest.azure.net matches no authority in the policy (${SAMPLE_AUTHORITY})`
    )
    expect(r.matchedAuthority).toBeUndefined()
  })

  it('uses the explicit issuer over the claims iss', () => {
    const claims = sevSnpCvmGuestClaims()
    expect(evaluatePolicy(policy, claims, 'https://evil.attest.azure.net').released).toBe(false)
    expect(evaluatePolicy(policy, claims).released).toBe(true)
  })

  it('denies a token without any issuer', () => {
    const { iss: _iss, ...claims } = sevSnpCvmGuestClaims()
    expect(evaluatePolicy(policy, claims).reason).toMatch(/no issuer/)
  })

  it('matches the authority ignoring case and a trailing slash (assumption)', () => {
    const slash = presetPolicy('sev-snp-cvm', 'https://SharedWEU.weu.attest.azure.net/')
    expect(evaluatePolicy(slash, sevSnpCvmGuestClaims()).released).toBe(true)
    expect(
      evaluatePolicy(
        policy,
        sevSnpCvmGuestClaims({ issuer: 'https://sharedweu.weu.attest.azure.net.evil.com' })
      ).released
    ).toBe(false)
  })

  it('tries every block of a matching issuer and reports each failure', () => {
    const two = {
      version: '1.0.0',
      anyOf: [
        { authority: SAMPLE_AUTHORITY, allOf: [{ claim: 'x-ms-ver', equals: '2.0' }] },
        { authority: 'https://other.attest.azure.net', allOf: [{ claim: 'x-ms-ver', equals: '1.0' }] },
        { authority: SAMPLE_AUTHORITY, allOf: [{ claim: 'x-ms-attestation-type', equals: 'sgx' }] }
      ]
    } as ReleasePolicy
    const r = evaluatePolicy(two, sevSnpCvmGuestClaims())
    expect(r.released).toBe(false)
    expect(r.matchedBlock).toBe(0)
    expect(r.reason).toContain('$.anyOf[0].allOf[0]: claim x-ms-ver is "1.0"')
    expect(r.reason).toContain('$.anyOf[2].allOf[0]: claim x-ms-attestation-type is "azurevm"')
    expect(r.reason).not.toContain('$.anyOf[1]')
  })
})

describe('evaluatePolicy: conditions', () => {
  it('addresses claims by dotted path and says which condition failed', () => {
    const r = evaluatePolicy(presetPolicy('tdx-cvm', SAMPLE_AUTHORITY), sevSnpCvmGuestClaims())
    expect(r).toMatchObject({ released: false, matchedAuthority: SAMPLE_AUTHORITY, matchedBlock: 0 })
    expect(r.reason).toBe(
      '$.anyOf[0].allOf[0]: claim x-ms-isolation-tee.x-ms-attestation-type is "sevsnpvm"; the policy wants "tdxvm"'
    )
  })

  it('treats a missing claim as not met and names where the path stopped', () => {
    const r = evaluatePolicy(presetPolicy('sev-snp-cvm', SAMPLE_AUTHORITY), trustedLaunchVmClaims())
    expect(r.reason).toContain('is missing (no x-ms-isolation-tee)')
  })

  it('does not read a dotted name as one flat key', () => {
    const claims = { iss: SAMPLE_AUTHORITY, 'x-ms-isolation-tee.x-ms-attestation-type': 'sevsnpvm' }
    expect(
      evaluatePolicy(
        single([{ claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' }]),
        claims
      ).released
    ).toBe(false)
  })

  it('needs all members of allOf and one of anyOf, nested', () => {
    const nested = single([
      { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' },
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
    ])
    expect(evaluatePolicy(nested, sevSnpCvmGuestClaims()).released).toBe(true)
    const broken = sevSnpCvmGuestClaims()
    broken.secureboot = false
    const r = evaluatePolicy(nested, broken)
    expect(r.released).toBe(false)
    expect(r.reason).toMatch(/^\$\.anyOf\[0\]\.allOf\[1\]\.anyOf: no anyOf member matched/)
    expect(
      evaluatePolicy(
        single(
          [
            { claim: 'x-ms-ver', equals: '9' },
            { claim: 'x-ms-ver', equals: '1.0' }
          ],
          'anyOf'
        ),
        broken
      ).released
    ).toBe(true)
  })

  it('matches scalars by text by default and by type when strict', () => {
    const claims = sevSnpCvmGuestClaims() // is-debuggable false, vmpl 0
    const p = single([
      { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: 'false' },
      { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-vmpl', equals: '0' }
    ])
    expect(evaluatePolicy(p, claims).released).toBe(true)
    expect(evaluatePolicy(p, claims, undefined, { strictTypes: true }).released).toBe(false)
    const typed = single([
      { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: false },
      { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-vmpl', equals: 0 }
    ])
    expect(evaluatePolicy(typed, claims, undefined, { strictTypes: true }).released).toBe(true)
    // case matters, and "False" is not false
    expect(
      evaluatePolicy(
        single([{ claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: 'False' }]),
        claims
      ).released
    ).toBe(false)
    expect(
      evaluatePolicy(
        single([{ claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'SEVSNPVM' }]),
        claims
      ).released
    ).toBe(false)
  })

  it('never matches an object or array claim', () => {
    const r = evaluatePolicy(
      single([{ claim: 'x-ms-isolation-tee', equals: 'sevsnpvm' }]),
      sevSnpCvmGuestClaims()
    )
    expect(r.released).toBe(false)
    expect(r.reason).toContain('claim x-ms-isolation-tee is {')
  })

  it('fails closed on operators the service does not honour', () => {
    const r = evaluatePolicy(
      single([{ claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-guestsvn', greater: 0 }]),
      sevSnpCvmGuestClaims()
    )
    expect(r.released).toBe(false)
    expect(r.reason).toMatch(/unsupported condition/)
  })

  it('evaluates a policy read back in the 0.2 form', () => {
    const legacy = {
      version: '0.2',
      anyOf: [
        {
          authority: SAMPLE_AUTHORITY,
          allOf: [{ claim: 'x-ms-isolation-tee.x-ms-attestation-type', condition: 'equals', value: 'tdxvm' }]
        }
      ]
    } as unknown as ReleasePolicy
    expect(evaluatePolicy(legacy, tdxCvmGuestClaims()).released).toBe(true)
    expect(evaluatePolicy(legacy, sevSnpCvmGuestClaims()).released).toBe(false)
  })
})

describe('runPolicyTests', () => {
  const policy = presetPolicy('sev-snp-cvm', SAMPLE_AUTHORITY)

  it('passes when every case gets the expected outcome', () => {
    const report = runPolicyTests(policy, [
      { name: 'snp', claims: sevSnpCvmGuestClaims(), expect: 'release' },
      { claims: trustedLaunchVmClaims(), expect: 'deny' }
    ])
    expect(report).toMatchObject({ passed: true, total: 2, failed: 0 })
    expect(report.results[1].name).toBe('case 2')
    expect(report.lines[0]).toMatch(/^PASS snp: release/)
  })

  it('reports a failed expectation with the reason', () => {
    const cases = parsePolicyTestCases(
      JSON.stringify([
        { name: 'tdx must release', claims: tdxCvmGuestClaims(), expect: 'release' },
        { name: 'snp', claims: sevSnpCvmGuestClaims(), expect: 'release' }
      ])
    )
    const report = runPolicyTests(policy, cases)
    expect(report.passed).toBe(false)
    expect(report.failed).toBe(1)
    expect(report.results[0]).toMatchObject({
      name: 'tdx must release',
      expect: 'release',
      actual: 'deny',
      passed: false
    })
    expect(report.lines[0]).toBe(
      'FAIL tdx must release: expected release, got deny ($.anyOf[0].allOf[0]: claim x-ms-isolation-tee.x-ms-attestation-type is "tdxvm"; the policy wants "sevsnpvm")'
    )
    expect(report.results[1].passed).toBe(true)
  })

  it('uses a case issuer to test a wrong-provider token', () => {
    const report = runPolicyTests(policy, [
      { issuer: 'https://sharedeus.eus.attest.azure.net', claims: sevSnpCvmGuestClaims(), expect: 'release' }
    ])
    expect(report.passed).toBe(false)
    expect(report.results[0].reason).toMatch(/matches no authority/)
  })
})
