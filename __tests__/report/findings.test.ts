/** The drift report in words: what differs, Azure's side and the inputs', and what to do. */
import { describe, expect, it } from '@jest/globals'
import { APPLY_REPAIRS, escrowProofs, finding, sides, whatToDo } from '../../src/report/findings.js'

describe('finding', () => {
  it('says a check that failed could not be checked, with its first line and its hint', () => {
    expect(
      finding(
        { id: 'key.exists', step: 'key', status: 'error', actual: 'HTTP 500\nmore', hint: 'rerun' },
        'verify'
      )
    ).toEqual({ text: 'key: could not be checked: HTTP 500', details: [], todo: 'rerun' })
  })

  it('says "unknown error" and no advice when an error carries neither message nor hint', () => {
    expect(finding({ id: 'key.exists', step: 'key', status: 'error' }, 'verify')).toEqual({
      text: 'key: could not be checked: unknown error',
      details: [],
      todo: ''
    })
  })

  it("words a posture finding in its assessor's sentence, its further lines the details", () => {
    expect(
      finding(
        {
          id: 'posture.hsm.network',
          step: 'posture',
          status: 'drift',
          actual: ['reachable\nfrom any', 'address']
        },
        'verify'
      )
    ).toEqual({ text: 'reachable', details: ['from any', 'address'], todo: '' })
  })

  it('falls back to the check id for a posture finding without words', () => {
    expect(finding({ id: 'posture.audit', step: 'posture', status: 'drift', hint: 'h' }, 'verify')).toEqual({
      text: 'posture.audit',
      details: [],
      todo: 'h'
    })
  })

  it('says a note apply cannot act on, advising to change the inputs or recreate', () => {
    const f = finding(
      { id: 'provision.note.1', step: 'provision', status: 'drift', actual: 'sku differs' },
      'verify'
    )
    expect(f.text).toBe('sku differs')
    expect(f.todo).toMatch(/^apply cannot change this/)
    expect(finding({ id: 'des.note.2', step: 'des', status: 'drift' }, 'verify').text).toBe('')
  })

  it('words a wanted change as what apply would do (plan) or what the inputs ask (verify), with sides', () => {
    const c = {
      id: 'provision.hsm.properties',
      step: 'provision',
      status: 'drift' as const,
      desired: 'set public network access to Disabled',
      actual: ['public network access: Enabled -> Disabled', '', 'free text']
    }
    expect(finding(c, 'plan')).toEqual({
      text: 'would set public network access to Disabled',
      details: ['public network access: Azure Enabled, inputs Disabled', 'free text'],
      todo: APPLY_REPAIRS
    })
    expect(finding(c, 'verify').text).toBe(
      'Managed HSM settings differ: the inputs ask to set public network access to Disabled'
    )
  })

  it('words a missing role assignment as role for principal at scope', () => {
    const f = finding(
      {
        id: 'rbac.assignment.user',
        step: 'rbac',
        status: 'drift',
        desired: "assign 'Managed HSM Crypto User' to abc at scope /keys/k",
        hint: 'grant it'
      },
      'verify'
    )
    expect(f).toEqual({
      text: "role assignment missing: 'Managed HSM Crypto User' for abc at /keys/k",
      details: [],
      todo: 'grant it'
    })
  })

  it("names an unknown check by its step, and says a step's own sentence with its list as details", () => {
    expect(
      finding(
        { id: 'custom.thing', step: 'custom', status: 'drift', actual: 'stores differ\n- a\n- b' },
        'verify'
      )
    ).toEqual({ text: 'custom differs: stores differ', details: ['a', 'b'], todo: APPLY_REPAIRS })
  })

  it('falls back to the desired value, or nothing, when a difference carries no sentence', () => {
    expect(finding({ id: 'key.properties', step: 'key', status: 'drift', desired: 3 }, 'verify').text).toBe(
      'key settings differ: 3'
    )
    expect(finding({ id: 'key.properties', step: 'key', status: 'drift' }, 'verify').text).toBe(
      'key settings differ: '
    )
  })

  it('does not word an escrowed wrapping key or a key subset as a change apply would make', () => {
    expect(
      finding(
        {
          id: 'activate.wrappingKey.2',
          step: 'activate',
          status: 'drift',
          desired: 'present',
          actual: 'gone'
        },
        'plan'
      ).text
    ).toBe('escrowed wrapping key 2: gone')
    expect(
      finding(
        {
          id: 'security-domain.subset.1+2',
          step: 'activate',
          status: 'drift',
          desired: 'recover',
          actual: 'fails'
        },
        'plan'
      ).text
    ).toBe('key subset 1+2 does not recover the security domain: fails')
  })
})

describe('sides', () => {
  it('turns "field: a -> b" into Azure and inputs sides, and leaves other text trimmed', () => {
    expect(sides(' sku: Standard_B1 -> Custom_B32 ')).toBe('sku: Azure Standard_B1, inputs Custom_B32')
    expect(sides('  plain words ')).toBe('plain words')
  })
})

describe('whatToDo', () => {
  it('joins each distinct advice once, skipping empty ones', () => {
    const f = (todo: string) => ({ text: '', details: [], todo })
    expect(whatToDo([f('a'), f(''), f('b'), f('a')])).toBe('a; b')
  })
})

describe('escrowProofs', () => {
  it('words the passed wrapping-key and recoverability proofs, with defaults when they carry no words', () => {
    expect(
      escrowProofs([
        { id: 'activate.wrappingKey.0', step: 'activate', status: 'ok', desired: 'in store s' },
        { id: 'activate.wrappingKey.1', step: 'activate', status: 'ok' },
        { id: 'activate.escrow.recoverable', step: 'activate', status: 'ok', actual: '2 of 3 keys' },
        { id: 'activate.escrow.recoverable', step: 'activate', status: 'ok' },
        { id: 'activate.wrappingKey.2', step: 'activate', status: 'drift', desired: 'x' },
        { id: 'activate.escrow.present', step: 'activate', status: 'ok' }
      ])
    ).toEqual([
      'escrowed wrapping key 0: in store s',
      'escrowed wrapping key 1: present',
      'escrow recovers the security domain: 2 of 3 keys',
      'escrow recovers the security domain: proven'
    ])
  })
})
