/** End to end: mode teardown against the emulator, through dist/index.js. */
import { describe, expect, it } from '@jest/globals'
import { azureClient, baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

const s = useScenario({})

const provisionOnly = (name: string, extra: Record<string, string> = {}) => ({
  ...baseInputs(s.info, name),
  steps: 'provision',
  ...extra
})

async function exists(name: string): Promise<boolean> {
  return peek(s.info, 'hsm-show', s.info.resourceGroup, name).then(
    () => true,
    () => false
  )
}

/** As if the HSM had been created `days` ago: ARM's systemData.createdAt, through the emulator's test hook. */
async function age(name: string, days: number): Promise<void> {
  const createdAt = new Date(Date.now() - days * 86_400_000).toISOString()
  await s.emu.control(`/hsms/${name}/created`, { method: 'PUT', body: JSON.stringify({ createdAt }) })
}

async function deletedNames(): Promise<string[]> {
  const state = (await s.emu.control('/state')) as { deletedHsms?: Array<{ hsm: { name: string } }> }
  return (state.deletedHsms ?? []).map(d => d.hsm.name)
}

describe('teardown', () => {
  it('refuses without confirm-teardown, before any request', async () => {
    expect((await s.run(provisionOnly('td-confirm'))).code).toBe(0)
    const since = (await s.emu.requests()).length
    const run = await s.run({
      ...baseInputs(s.info, 'td-confirm'),
      mode: 'teardown',
      'confirm-teardown': 'td-confirm2'
    })
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /Input 'confirm-teardown': must be set to the HSM name \('td-confirm'\)/
    )
    expect(await s.emu.requests(since)).toEqual([])
    expect(await exists('td-confirm')).toBe(true)
  })

  it('deletes and purges, so the name and the billing end', async () => {
    const run = await s.run({
      ...baseInputs(s.info, 'td-confirm'),
      mode: 'teardown',
      'confirm-teardown': 'td-confirm'
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/purging the deleted Managed HSM 'td-confirm'/)
    expect(await exists('td-confirm')).toBe(false)
    expect(await deletedNames()).not.toContain('td-confirm')
    const again = await s.run({
      ...baseInputs(s.info, 'td-confirm'),
      mode: 'teardown',
      'confirm-teardown': 'td-confirm'
    })
    expect(again.code).toBe(0)
    expect(again.summary).toMatch(/does not exist, deleted or not: nothing to do/)
  })

  it('says what keeps billing, and until when, when purge protection forbids the purge', async () => {
    const name = 'td-protected'
    expect(
      (await s.run(provisionOnly(name, { 'purge-protection': 'true', 'confirm-purge-protection': name })))
        .code
    ).toBe(0)
    const run = await s.run({
      ...baseInputs(s.info, name),
      mode: 'teardown',
      'confirm-teardown': name
    })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      /::warning::teardown: purge protection keeps the deleted HSM 'td-protected' until \d{4}-\d\d-\d\dT/
    )
    expect(run.stdout).toMatch(/keep billing until then/)
    expect(run.summary).toMatch(/⚠️ Teardown: deleted, held by purge protection until \d{4}-/)
    expect(await deletedNames()).toContain(name)
  })

  it('with only-if-expired, leaves a young HSM alone and removes one made longer ago than teardown-lifetime', async () => {
    expect((await s.run(provisionOnly('td-live', { 'expires-after': '7d' }))).code).toBe(0)
    const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, 'td-live'))
    expect(Date.parse(shown.tags['expires-at']) - Date.now()).toBeGreaterThan(6.9 * 86_400_000)
    const live = await s.run({
      ...baseInputs(s.info, 'td-live'),
      mode: 'teardown',
      'confirm-teardown': 'td-live',
      'only-if-expired': 'true',
      'teardown-lifetime': '1d'
    })
    expect(live.code).toBe(0)
    expect(live.summary).toMatch(
      /⏸️ left alone \| ⚠️ Managed HSM 'td-live': left alone \(not expired until \d{4}-/
    )
    expect(await exists('td-live')).toBe(true)

    expect((await s.run(provisionOnly('td-expired'))).code).toBe(0)
    await age('td-expired', 2)
    const expired = await s.run({
      ...baseInputs(s.info, 'td-expired'),
      mode: 'teardown',
      'confirm-teardown': 'td-expired',
      'only-if-expired': 'true',
      'teardown-lifetime': '1d'
    })
    expect(errorsOf(expired)).toEqual([])
    expect(expired.summary).toMatch(/\| teardown \| 🗑️ deleted and purged \|/)
    expect(await exists('td-expired')).toBe(false)
  })

  it('with hsm-name PREFIX*, deletes only the matching HSMs made longer ago than teardown-lifetime, and says so per HSM', async () => {
    const ephemeral = { 'expires-after': '7d' }
    for (const name of ['td-sw-live', 'td-sw-old', 'td-other-old'])
      expect((await s.run(provisionOnly(name, ephemeral))).code).toBe(0)
    // Made just now, with a past expires-at set by hand: a tag cannot advance the teardown.
    expect(
      (await s.run(provisionOnly('td-sw-manual', { tags: 'expires-at=2020-01-01T00:00:00Z' }))).code
    ).toBe(0)
    // Eight days later, as far as the two '-old' HSMs know: made then, their expires-at a day ago.
    for (const name of ['td-sw-old', 'td-other-old']) {
      await age(name, 8)
      const { tags } = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, name))
      await azureClient(
        s.info,
        'hsm-update',
        s.info.resourceGroup,
        name,
        JSON.stringify({ tags: { ...tags, 'expires-at': new Date(Date.now() - 86_400_000).toISOString() } })
      )
    }
    const sweep = {
      ...baseInputs(s.info, 'td-sw-*'),
      mode: 'teardown',
      'confirm-teardown': 'td-sw-*',
      'only-if-expired': 'true',
      'teardown-lifetime': '7d'
    }
    const run = await s.run(sweep)
    expect(errorsOf(run)).toEqual([])
    expect(await exists('td-sw-old')).toBe(false)
    expect(await deletedNames()).not.toContain('td-sw-old')
    for (const kept of ['td-sw-live', 'td-sw-manual', 'td-other-old']) expect(await exists(kept)).toBe(true)
    expect(run.summary).toMatch(/deleted Managed HSM 'td-sw-old'/)
    expect(run.summary).toMatch(/purged Managed HSM 'td-sw-old'/)
    expect(run.summary).toMatch(/'td-sw-live': left alone \(not expired until \d{4}-\d\d-\d\dT/)
    expect(run.summary).toMatch(/'td-sw-manual': left alone \(not expired until \d{4}-\d\d-\d\dT.*: created /)
    expect(run.summary).not.toMatch(/td-other-old/)

    const again = await s.run(sweep)
    expect(errorsOf(again)).toEqual([])
    expect(again.summary).not.toMatch(/deleted Managed HSM/)
    expect(await exists('td-sw-live')).toBe(true)
  })
})
