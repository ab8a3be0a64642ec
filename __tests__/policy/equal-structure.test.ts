/**
 * policiesEqual and describePolicyDifference (src/policy/equal.ts) on what is not a recognisable policy:
 * documents without an anyOf list, blocks and conditions the canonical form cannot read (compared as JSON),
 * a missing version, and nested groups named in the difference lines.
 */
import { describe, expect, it } from '@jest/globals'
import { describePolicyDifference, policiesEqual } from '../../src/policy/index.js'

const AUTH = 'https://sharedeus.eus.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const SEV = { claim: TYPE, equals: 'sevsnpvm' }
const TDX = { claim: TYPE, equals: 'tdxvm' }
const policy = (...anyOf: unknown[]) => ({ version: '1.0.0', anyOf })

describe('policies without an anyOf list', () => {
  it('compares them as sorted JSON: key order does not matter, content does', () => {
    expect(policiesEqual({ version: '1.0.0', b: 1, a: 2 }, { a: 2, b: 1, version: '1.0.0' })).toBe(true)
    expect(policiesEqual({ version: '1.0.0', anyOf: 'x' }, { version: '1.0.0', anyOf: 'y' })).toBe(false)
  })

  it('reports the changed content as one "other content" line', () => {
    expect(
      describePolicyDifference({ version: '1.0.0', anyOf: 'x' }, { version: '1.0.0', anyOf: 'y' })
    ).toEqual(['other content changed: {"anyOf":"x","version":"1.0.0"} → {"anyOf":"y","version":"1.0.0"}'])
  })
})

describe('blocks the canonical form cannot read', () => {
  const withExtraKey = { authority: AUTH, allOf: [SEV], note: 'extra' }
  const bothGroups = { authority: AUTH, allOf: [SEV], anyOf: [TDX] }

  it('compares such blocks by their JSON, whatever their position', () => {
    expect(policiesEqual(policy(withExtraKey, bothGroups), policy(bothGroups, withExtraKey))).toBe(true)
    expect(policiesEqual(policy(withExtraKey), policy({ ...withExtraKey, note: 'other' }))).toBe(false)
  })

  it('treats a block that is not an object, or whose authority is not text, as opaque content', () => {
    expect(policiesEqual(policy('block'), policy('block'))).toBe(true)
    expect(
      policiesEqual(policy({ authority: 7, allOf: [SEV] }), policy({ authority: 8, allOf: [SEV] }))
    ).toBe(false)
    expect(describePolicyDifference(policy('a'), policy('b'))).toEqual([
      'other content changed: {"anyOf":["\\"a\\""]} → {"anyOf":["\\"b\\""]}'
    ])
  })
})

describe('conditions the canonical form cannot read', () => {
  it('keeps an unknown condition as its JSON: equal when identical, a difference line when changed', () => {
    const odd = { claim: TYPE, equals: 'sevsnpvm', extra: true }
    expect(
      policiesEqual(
        policy({ authority: AUTH, allOf: [odd, TDX] }),
        policy({ authority: AUTH, allOf: [TDX, odd] })
      )
    ).toBe(true)
    expect(
      describePolicyDifference(
        policy({ authority: AUTH, allOf: [TDX, odd] }),
        policy({ authority: AUTH, allOf: [TDX, { ...odd, extra: false }] })
      )
    ).toEqual(
      [
        `anyOf[0].allOf: condition {"claim":"${TYPE}","equals":"sevsnpvm","extra":false} added`,
        `anyOf[0].allOf: condition {"claim":"${TYPE}","equals":"sevsnpvm","extra":true} removed`
      ].reverse()
    )
  })
})

describe('versions', () => {
  it('names the version of a document that is no policy "(none)", and compares a non-text version by its JSON', () => {
    const block = { authority: AUTH, allOf: [SEV] }
    expect(describePolicyDifference({ version: '1.0.0' }, { version: '1.0.0', anyOf: [block] })).toEqual([
      'version: (none) → 1.0.0',
      `anyOf[0]: authority ${AUTH} added (${TYPE} equals sevsnpvm)`,
      'other content changed: {"version":"1.0.0"} → {}'
    ])
    // a missing version reads as JSON null
    expect(describePolicyDifference({ anyOf: [block] }, { version: '1.0.0', anyOf: [block] })).toEqual([
      'version: null → 1.0.0'
    ])
    expect(
      describePolicyDifference({ version: 1, anyOf: [block] }, { version: [1], anyOf: [block] })
    ).toEqual(['version: 1 → [1]'])
  })
})

describe('nested groups in difference lines', () => {
  it('describes an added authority block with its nested group', () => {
    const block = { authority: AUTH, allOf: [SEV, { anyOf: [TDX, { claim: 'x-ms-ver', equals: 2 }] }] }
    expect(describePolicyDifference(policy(), policy(block))).toEqual([
      `anyOf[0]: authority ${AUTH} added (allOf [anyOf [${TYPE} equals tdxvm; x-ms-ver equals 2]; ${TYPE} equals sevsnpvm])`
    ])
  })

  it('says the conditions changed when the group kind of a block changes', () => {
    const x = policy({ authority: AUTH, allOf: [SEV, TDX] })
    const y = policy({ authority: AUTH, anyOf: [SEV, TDX] })
    expect(describePolicyDifference(x, y)).toEqual([
      `anyOf[0]: conditions changed from allOf [${TYPE} equals sevsnpvm; ${TYPE} equals tdxvm] to anyOf [${TYPE} equals sevsnpvm; ${TYPE} equals tdxvm]`
    ])
  })
})
