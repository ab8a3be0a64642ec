/**
 * The rule two runs that created the key at once settle on: the oldest version (created, then version id)
 * that no run has marked superseded; the losing run disables its own version, tagged with the winner.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { RestError } from '@azure/core-rest-pipeline'
import type { KeyProperties, KeyVaultKey, ManagedHsmKeys } from '../src/azure/keys.js'
import type { RunContext } from '../src/run/context.js'
import { oldestFirst, settleCreatedKey, winningVersion } from '../src/steps/key/settle.js'

const V1 = 'a'.repeat(32)
const V2 = 'b'.repeat(32)
const V3 = 'c'.repeat(32)
const at = (s: number): Date => new Date(s * 1000)
const props = (version: string, created: number, tags: Record<string, string> = {}): KeyProperties =>
  ({ version, createdOn: at(created), enabled: true, tags, name: 'kek', vaultUrl: '' }) as KeyProperties
const key = (version: string, created: number): KeyVaultKey =>
  ({
    id: `https://h.managedhsm.azure.net/keys/kek/${version}`,
    name: 'kek',
    properties: props(version, created, { 'managed-by': 'managed-hsm-skr-action' })
  }) as KeyVaultKey

describe('winningVersion', () => {
  it('takes the oldest, breaks a same-second tie by version id, and skips superseded versions', () => {
    expect(winningVersion([props(V2, 10), props(V1, 11)])?.version).toBe(V2)
    expect(winningVersion([props(V2, 10), props(V1, 10)])?.version).toBe(V1)
    expect(winningVersion([props(V1, 10, { 'superseded-by': V2 }), props(V2, 10)])?.version).toBe(V2)
    expect([props(V3, 10), props(V1, 10), props(V2, 9)].sort(oldestFirst).map(p => p.version)).toEqual([
      V2,
      V1,
      V3
    ])
  })
})

describe('settleCreatedKey', () => {
  const ctx = { config: { key: { name: 'kek' } } } as unknown as RunContext
  const authorized = <T>(_what: string, fn: () => Promise<T>): Promise<T> => fn()
  const noWait = async (): Promise<void> => {}

  function keysWith(versions: KeyProperties[]) {
    const update = jest.fn(async (..._args: unknown[]) => ({}))
    const keys = {
      versions: async () => versions,
      read: async (_n: string, v?: string) => key(v ?? V1, 10),
      call: async (_op: string, fn: (c: unknown) => Promise<unknown>) => fn({ updateKeyProperties: update })
    } as unknown as ManagedHsmKeys
    return { keys, update }
  }

  it('keeps its own version when it is the oldest, and changes nothing', async () => {
    const { keys, update } = keysWith([props(V1, 10), props(V2, 11)])
    const out = await settleCreatedKey(ctx, keys, key(V1, 10), authorized, noWait)
    expect(out.properties.version).toBe(V1)
    expect(update).not.toHaveBeenCalled()
  })

  it('disables its own newer version, tagged superseded-by the winner, and returns the winner', async () => {
    const { keys, update } = keysWith([props(V1, 10), props(V2, 10)])
    const out = await settleCreatedKey(ctx, keys, key(V2, 10), authorized, noWait)
    expect(out.properties.version).toBe(V1)
    expect(update).toHaveBeenCalledWith('kek', V2, {
      enabled: false,
      tags: { 'managed-by': 'managed-hsm-skr-action', 'superseded-by': V1 }
    })
  })
  // A multi-region HSM: the region that answers may not show this run's new version yet (issue 28).
  it('reads again until the answering region lists its own version (a 404 first), and says so in the summary', async () => {
    const answers: Array<KeyProperties[] | 'absent'> = ['absent', [], [props(V1, 10)]]
    const keys = {
      versions: async () => {
        const next = answers.shift()
        if (next === 'absent') throw new RestError('KeyNotFound', { statusCode: 404 })
        return next
      }
    } as unknown as ManagedHsmKeys
    const facts: Record<string, unknown> = {}
    const lagging = { ...ctx, facts, deadline: Date.now() + 60_000 } as unknown as RunContext
    const pauses: number[] = []
    const out = await settleCreatedKey(lagging, keys, key(V1, 10), authorized, async ms => {
      pauses.push(ms)
    })
    expect(out.properties.version).toBe(V1)
    expect(answers).toEqual([])
    // The settle pause, then two growing pauses while the version was not listed.
    expect(pauses).toEqual([2000, 2000, 4000])
    expect(facts.keyReadBackWait).toMatch(
      new RegExp(
        `the HSM listed the new version ${V1} of 'kek' only after \\d+ s: the region that answered had not received it yet`
      )
    )
  })

  it('fails, naming the version, when it is still not listed at the end of the window', async () => {
    const { keys } = keysWith([props(V2, 9)])
    const late = { ...ctx, facts: {}, deadline: Date.now() - 1 } as unknown as RunContext
    await expect(settleCreatedKey(late, keys, key(V1, 10), authorized, noWait)).rejects.toThrow(
      `key 'kek': this run created version ${V1}, and the HSM still does not list it`
    )
  })
})
