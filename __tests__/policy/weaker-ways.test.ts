/**
 * How releasesBeyond / policyWeakness / describeWitness (src/policy/weaker.ts) read shapes that admit nothing
 * (empty groups, blocks with both groups, non-object conditions and blocks, ways that need a claim to be both a
 * value and an object), the "too many ways" verdict, and how witnesses are worded.
 */
import { describe, expect, it } from '@jest/globals'
import {
  describeWitness,
  policyWeakness,
  presetPolicy,
  releasesBeyond,
  SAMPLE_AUTHORITY
} from '../../src/policy/index.js'

const AUTH = SAMPLE_AUTHORITY
const OTHER = 'https://sharedneu.neu.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const SEV = { claim: TYPE, equals: 'sevsnpvm' }
const TDX = { claim: TYPE, equals: 'tdxvm' }
const policy = (...anyOf: unknown[]) => ({ version: '1.0.0', anyOf })
/** Admits nothing the sample authority issues. */
const elsewhere = policy({ authority: OTHER, allOf: [SEV] })

describe('shapes that admit nothing are never beyond another policy', () => {
  it('an empty group, a block with both groups, a block that is not an object or has no text authority', () => {
    expect(releasesBeyond(policy({ authority: AUTH, allOf: [] }), elsewhere)).toEqual({ beyond: false })
    expect(releasesBeyond(policy({ authority: AUTH, allOf: [SEV], anyOf: [TDX] }), elsewhere)).toEqual({
      beyond: false
    })
    expect(releasesBeyond(policy('block', { authority: 7, allOf: [SEV] }), elsewhere)).toEqual({
      beyond: false
    })
  })

  it('a document that is not a policy releases nothing', () => {
    expect(releasesBeyond({ note: 'no anyOf' }, elsewhere)).toEqual({ beyond: false })
  })

  it('a way that needs one claim to be both a value and an object, in either order', () => {
    const valueThenObject = [
      { claim: 'x-ms-runtime', equals: 'x' },
      { claim: 'x-ms-runtime.keys', equals: 'y' }
    ]
    expect(releasesBeyond(policy({ authority: AUTH, allOf: valueThenObject }), elsewhere)).toEqual({
      beyond: false
    })
    expect(
      releasesBeyond(policy({ authority: AUTH, allOf: [...valueThenObject].reverse() }), elsewhere)
    ).toEqual({
      beyond: false
    })
  })

  it('skips a condition that is not an object and still finds the way through its sibling', () => {
    const r = releasesBeyond(policy({ authority: AUTH, anyOf: ['junk', SEV] }), elsewhere)
    expect(r).toEqual({
      beyond: true,
      witness: { block: '$.anyOf[0]', issuer: AUTH, claims: { [TYPE]: 'sevsnpvm' } }
    })
  })
})

describe('too many ways through', () => {
  it('answers unknown when an anyOf has more ways than the limit, and policyWeakness says so', () => {
    const wide = policy({ authority: AUTH, anyOf: [SEV, TDX, { claim: TYPE, equals: 'other' }] })
    expect(releasesBeyond(wide, elsewhere, 2)).toEqual({ beyond: 'unknown', ways: 2 })
    expect(
      policyWeakness(wide, presetPolicy('confidential-vm', AUTH), { maxWays: 2, acceptPermissive: true })
    ).toContain(
      "it has more than 2 ways through to compare with the inputs' policy, so it cannot be shown to release to no VM the inputs' policy refuses"
    )
  })
})

describe('describeWitness', () => {
  it('says "and no other claim" for an issuer-only token and shortens long text to 80 characters', () => {
    const issuer = `https://${'a'.repeat(100)}.attest.azure.net`
    const text = describeWitness({ block: '$.anyOf[2]', issuer, claims: {} })
    expect(text).toBe(`issuer ${issuer.slice(0, 77)}... and no other claim (by $.anyOf[2])`)
  })
})
