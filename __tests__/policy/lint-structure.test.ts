/**
 * lintPolicy (src/policy/lint.ts) on shapes the main lint tests do not reach: a block that is not an object,
 * a group that is not an array, array syntax in a claim name, comparing an object claim with a value, and the
 * TEE-coverage warning reached through nested groups and hardware-specific claims.
 */
import { describe, expect, it } from '@jest/globals'
import { lintPolicy, type Finding } from '../../src/policy/index.js'

const AUTH = 'https://sharedweu.weu.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const COMPLIANCE = { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
const policy = (...anyOf: unknown[]) => ({ version: '1.0.0', anyOf })
const pick = (fs: Finding[]) => fs.map(f => [f.path, f.rule, f.message])

describe('structure errors', () => {
  it('refuses an authority block that is not an object', () => {
    expect(pick(lintPolicy(policy('block')).errors)).toEqual([
      [
        '$.anyOf[0]',
        'block-type',
        'an authority block must be an object with "authority" and "allOf" or "anyOf"'
      ]
    ])
  })

  it('refuses a group that is not an array, naming the group', () => {
    expect(pick(lintPolicy(policy({ authority: AUTH, anyOf: 'tdxvm' })).errors)).toEqual([
      ['$.anyOf[0].anyOf', 'group-type', '"anyOf" must be an array of conditions']
    ])
  })

  it('refuses array syntax in a claim name', () => {
    const { errors } = lintPolicy(
      policy({ authority: AUTH, allOf: [{ claim: 'x-ms-runtime.keys[0].kid', equals: 'k' }] })
    )
    expect(pick(errors)).toEqual([
      [
        '$.anyOf[0].allOf[0].claim',
        'claim-path',
        'array specifications are not supported in claim names; use dots between object keys'
      ]
    ])
  })
})

describe('warnings', () => {
  it('warns that an object claim can never equal a single value', () => {
    const { errors, warnings } = lintPolicy(
      policy({ authority: AUTH, allOf: [{ claim: 'x-ms-isolation-tee', equals: 'sevsnpvm' }, COMPLIANCE] })
    )
    expect(errors).toEqual([])
    expect(pick(warnings)).toContainEqual([
      '$.anyOf[0].allOf[0].claim',
      'value-type-mismatch',
      '"x-ms-isolation-tee" is an object in MAA tokens and can never equal a single value'
    ])
  })

  it('sees through a nested allOf when deciding which TEEs a policy admits', () => {
    const { warnings } = lintPolicy(
      policy({ authority: AUTH, allOf: [{ allOf: [{ claim: TYPE, equals: 'sevsnpvm' }, COMPLIANCE] }] })
    )
    expect(warnings.map(w => w.rule)).toEqual(['tee-coverage'])
    expect(warnings[0]?.message).toMatch(
      /^the policy admits AMD SEV-SNP confidential VMs but not Intel TDX ones/
    )
  })

  it('counts a TDX-only hardware claim as admitting TDX VMs and not SEV-SNP ones', () => {
    const { warnings } = lintPolicy(
      policy({
        authority: AUTH,
        allOf: [{ claim: 'x-ms-isolation-tee.tdx_mrowner', equals: 'ab' }, COMPLIANCE]
      })
    )
    expect(warnings.filter(w => w.rule === 'tee-coverage').map(w => w.message)).toEqual([
      expect.stringMatching(/^the policy admits Intel TDX confidential VMs but not AMD SEV-SNP ones/)
    ])
  })
})
