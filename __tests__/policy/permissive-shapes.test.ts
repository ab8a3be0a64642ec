/**
 * permissiveFindings and requiredOnEveryPath (src/policy/permissive.ts) on members they cannot read: a block or
 * condition that is not an object never counts as requiring a TEE, and an anyOf's boolean tautology is found
 * among members that are not boolean conditions.
 */
import { describe, expect, it } from '@jest/globals'
import {
  permissiveFindings,
  requiredOnEveryPath,
  requiresTee,
  SAMPLE_AUTHORITY
} from '../../src/policy/index.js'

const AUTH = SAMPLE_AUTHORITY
const COMPLIANT = { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
const pick = (fs: Array<{ path: string; rule: string; message: string }>) => fs.map(f => [f.path, f.rule])

describe('members that are not objects', () => {
  it('a non-object node never requires a TEE', () => {
    expect(requiredOnEveryPath('sevsnpvm', requiresTee)).toBe(false)
    expect(requiredOnEveryPath(null, requiresTee)).toBe(false)
  })

  it('blocks that are not objects give no finding (the structural lint reports them)', () => {
    expect(permissiveFindings({ anyOf: ['block', 7, null] })).toEqual([])
  })

  it('an anyOf member that is not an object is where the TEE requirement is lost', () => {
    const findings = permissiveFindings({ anyOf: [{ authority: AUTH, anyOf: ['junk', COMPLIANT] }] })
    expect(pick(findings)).toEqual([['$.anyOf[0].anyOf[0]', 'no-tee']])
    expect(findings[0]?.message).toMatch(
      /^this branch of \$\.anyOf\[0\] releases the key without requiring an attested TEE/
    )
  })

  it('an allOf keeps its TEE requirement when a sibling is not an object', () => {
    expect(permissiveFindings({ anyOf: [{ authority: AUTH, allOf: ['junk', COMPLIANT] }] })).toEqual([])
  })
})

describe('boolean tautologies', () => {
  it('finds a claim accepted both true and false among non-boolean and non-object members', () => {
    const anyOf = [
      'junk',
      { claim: 'x-ms-azurevm-dbvalidated', equals: 'yes' },
      { claim: 'x-ms-azurevm-dbvalidated', equals: true },
      { claim: 'x-ms-azurevm-dbvalidated', equals: 'false' }
    ]
    const findings = permissiveFindings({ anyOf: [{ authority: AUTH, allOf: [COMPLIANT, { anyOf }] }] })
    expect(findings).toEqual([
      {
        path: '$.anyOf[0].allOf[1].anyOf',
        rule: 'always-true',
        message:
          'this anyOf accepts the same boolean claim both true and false, so it holds for every token that carries the claim'
      }
    ])
  })

  it('does not call an anyOf of one boolean value and other text a tautology', () => {
    const anyOf = [
      { claim: 'x-ms-azurevm-dbvalidated', equals: 'yes' },
      { claim: 'x-ms-azurevm-dbvalidated', equals: true }
    ]
    expect(permissiveFindings({ anyOf: [{ authority: AUTH, allOf: [COMPLIANT, { anyOf }] }] })).toEqual([])
  })
})
