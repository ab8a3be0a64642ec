/**
 * The scheduled clean-up's rule (issue 21 §5): teardown-creators and teardown-lifetime as inputs, and the
 * verdict on one HSM from Azure's systemData, where a tag can only postpone.
 */
import { describe, expect, it } from '@jest/globals'
import type { ManagedHsm } from '../src/azure/managed-hsm-arm.js'
import { type TeardownRule } from '../src/config/index.js'
import { expiryVerdict } from '../src/modes/teardown-expiry.js'
import { inputParser } from './support/parse-inputs.js'

const CLIENT = '11111111-2222-3333-4444-555555555555'
const OTHER = '99999999-8888-4777-8666-555555555555'
const CLEANUP: Record<string, string> = {
  'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'client-id': CLIENT,
  'subscription-id': '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
  'resource-group': 'rg-skr-test',
  mode: 'teardown',
  'hsm-name': 'skr-test-1',
  'confirm-teardown': 'skr-test-1',
  'only-if-expired': 'true',
  'teardown-lifetime': '7d'
}

const { parse, problems } = inputParser(CLEANUP)

describe('teardown-creators and teardown-lifetime', () => {
  it('default to the signed-in client id; the lifetime is read as 12h, 7d or 2w', () => {
    expect(parse().teardownRule).toEqual({
      creators: [{ id: CLIENT, kind: 'application' }],
      lifetimeMs: 7 * 86_400_000,
      lifetime: '7d'
    })
    expect(parse({ 'teardown-lifetime': '12h' }).teardownRule?.lifetimeMs).toBe(12 * 3_600_000)
    expect(parse({ 'teardown-lifetime': '2w' }).teardownRule?.lifetimeMs).toBe(14 * 86_400_000)
  })

  it('take client ids, user principal names and self, lower-cased and without repeats', () => {
    const rule = parse({
      'teardown-creators': `${OTHER.toUpperCase()}\nAlice@Contoso.com, self, ${CLIENT}`
    }).teardownRule
    expect(rule?.creators).toEqual([
      { id: OTHER, kind: 'application' },
      { id: 'alice@contoso.com', kind: 'user' },
      { id: CLIENT, kind: 'application' }
    ])
  })

  it('require a lifetime with only-if-expired, by name and by pattern, naming the input', () => {
    expect(problems({ 'teardown-lifetime': '' }).join('\n')).toMatch(
      /Input 'teardown-lifetime': is required with only-if-expired: 'true'/
    )
    expect(
      problems({ 'teardown-lifetime': '', 'hsm-name': 'skr-*', 'confirm-teardown': 'skr-*' }).join('\n')
    ).toMatch(/Input 'teardown-lifetime': is required/)
    for (const bad of ['7', '0d', '7 days', '-1d', '1m'])
      expect([bad, problems({ 'teardown-lifetime': bad }).join('\n')]).toEqual([
        bad,
        expect.stringMatching(/Input 'teardown-lifetime': must be a duration such as 12h, 7d or 2w/)
      ])
  })

  it('refuse a creator that is no client id, user principal name or self', () => {
    for (const bad of ['managed-hsm-skr-action', 'alice', '*', 'Application'])
      expect([bad, problems({ 'teardown-creators': bad }).join('\n')]).toEqual([
        bad,
        expect.stringMatching(/Input 'teardown-creators': '.*' is not a client id/)
      ])
  })

  it('are refused without only-if-expired: a teardown by name checks nothing', () => {
    const msgs = problems({ 'only-if-expired': 'false', 'teardown-creators': OTHER }).join('\n')
    expect(msgs).toMatch(/Input 'teardown-creators': is read only with only-if-expired: 'true'/)
    expect(problems({ 'only-if-expired': 'false' }).join('\n')).toMatch(
      /Input 'teardown-lifetime': is read only with only-if-expired/
    )
    expect(parse({ 'only-if-expired': 'false', 'teardown-lifetime': '' }).teardownRule).toBeUndefined()
  })

  it('are not read outside mode: teardown', () => {
    const apply = { mode: 'apply', location: 'westeurope', steps: 'provision', 'teardown-lifetime': 'x' }
    expect(parse(apply).teardownRule).toBeUndefined()
  })
})

const NOW = Date.parse('2026-06-01T12:00:00Z')
const DAY = 86_400_000
const RULE: TeardownRule = {
  creators: [
    { id: CLIENT, kind: 'application' },
    { id: 'alice@contoso.com', kind: 'user' }
  ],
  lifetimeMs: 7 * DAY,
  lifetime: '7d'
}

function hsm(
  system: { by?: string; type?: string; at?: number | string } | undefined,
  tags: Record<string, string> = {}
): ManagedHsm {
  return {
    name: 'skr-test-1',
    location: 'westeurope',
    tags,
    systemData: system && {
      createdBy: system.by,
      createdByType: system.type,
      createdAt: system.at === undefined ? undefined : (new Date(system.at) as Date)
    }
  } as ManagedHsm
}

const old = { by: CLIENT, type: 'Application', at: NOW - 8 * DAY }
const verdict = (h: ManagedHsm) => expiryVerdict(h, RULE, NOW)

describe('expiryVerdict', () => {
  it('tears down what a listed creator made longer ago than the lifetime, tags or not', () => {
    expect(verdict(hsm(old))).toEqual({
      expired: true,
      why: `created by Application '${CLIENT}' at 2026-05-24T12:00:00.000Z, more than teardown-lifetime 7d ago`
    })
    expect(verdict(hsm({ ...old, type: 'ManagedIdentity' })).expired).toBe(true)
    expect(verdict(hsm({ ...old, by: CLIENT.toUpperCase() })).expired).toBe(true)
    expect(verdict(hsm({ by: 'Alice@contoso.com', type: 'User', at: old.at })).expired).toBe(true)
    expect(verdict(hsm(old, { 'expires-at': '2026-05-01T00:00:00Z', 'managed-by': 'x' })).expired).toBe(true)
  })

  it('leaves alone what someone else made, whatever its tags say', () => {
    const tags = { 'managed-by': 'managed-hsm-skr-action', 'expires-at': '2020-01-01T00:00:00Z' }
    expect(verdict(hsm({ ...old, by: OTHER }, tags))).toEqual({
      expired: false,
      why: `left alone (created by Application '${OTHER}', not one of teardown-creators)`
    })
    // The same identifier as another kind of creator is someone else.
    expect(verdict(hsm({ ...old, type: 'User' }, tags)).expired).toBe(false)
    expect(verdict(hsm({ by: 'alice@contoso.com', type: 'Application', at: old.at }, tags)).expired).toBe(
      false
    )
    expect(verdict(hsm({ ...old, type: 'Key' }, tags)).expired).toBe(false)
    expect(verdict(hsm({ ...old, type: undefined }, tags)).why).toMatch(/created by an identity '/)
  })

  it('leaves alone an HSM whose creator or creation time Azure does not record', () => {
    const tags = { 'expires-at': '2020-01-01T00:00:00Z' }
    expect(verdict(hsm(undefined, tags)).why).toBe(
      'left alone (Azure records no creator for it: the clean-up tears down only HSMs teardown-creators made)'
    )
    expect(verdict(hsm({ ...old, by: '' }, tags)).expired).toBe(false)
    expect(verdict(hsm({ ...old, at: undefined }, tags)).why).toBe(
      'left alone (Azure records no creation time for it)'
    )
    expect(verdict(hsm({ ...old, at: 'not a date' }, tags)).expired).toBe(false)
  })

  it('never lets a tag advance the teardown of a young HSM', () => {
    const young = { ...old, at: NOW - DAY }
    expect(verdict(hsm(young, { 'expires-at': '2020-01-01T00:00:00Z' }))).toEqual({
      expired: false,
      why: 'left alone (not expired until 2026-06-07T12:00:00.000Z: created 2026-05-31T12:00:00.000Z, teardown-lifetime 7d)'
    })
    // Exactly at the lifetime it is expired.
    expect(verdict(hsm({ ...old, at: NOW - 7 * DAY })).expired).toBe(true)
  })

  it('lets the expires-at tag postpone: a future date, or one that is no date', () => {
    expect(verdict(hsm(old, { 'expires-at': '2026-06-02T00:00:00Z' }))).toEqual({
      expired: false,
      why: 'left alone (not expired until 2026-06-02T00:00:00.000Z: its expires-at tag postpones it)'
    })
    expect(verdict(hsm(old, { 'expires-at': 'next week' })).why).toBe(
      "left alone (its expires-at tag 'next week' is not a date: a tag can postpone a teardown, fix or remove it)"
    )
  })

  it('keeps a hostile value from Azure short (it is escaped where it is printed)', () => {
    const why = verdict(hsm({ ...old, by: `x\n::stop-commands::${'a'.repeat(300)}` })).why
    expect(why.length).toBeLessThan(200)
    expect(why).toContain('…')
  })
})
