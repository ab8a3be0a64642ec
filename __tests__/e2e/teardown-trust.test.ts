/**
 * End to end (issue 21 §5): nothing outside Azure's own record of an HSM's creation authorises the scheduled
 * clean-up to destroy it. A tag writer (Azure's Tag Contributor, through the Tags API, with RBAC enforced: it
 * can neither change nor delete the HSM itself) adds managed-by and a past expires-at; the clean-up, by pattern
 * and by name, still tears down only what Azure records (systemData) as made by teardown-creators more than
 * teardown-lifetime ago, and an expires-at tag only ever postpones that.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import {
  azureClient,
  baseInputs,
  errorsOf,
  runAction,
  type ActionRun,
  type EmulatorInfo
} from '../../scripts/local-runner.js'
import { mark, peek, useScenario, writesFrom } from './harness.js'

const s = useScenario({})

const ROLES = {
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  tagContributor: '4a9ae827-6dc8-4573-8ac7-8239d42aa03f'
}
/** Someone else, who may create HSMs in the subscription (Contributor). */
const someoneElse = randomUUID()
/** A tag writer: Tag Contributor on the resource group, nothing else. */
const tagWriter = randomUUID()
const DAY = 86_400_000

async function addApp(clientId: string, role: string, scope: string): Promise<void> {
  const { principalId } = await s.emu.control<{ principalId: string }>(`/apps/${clientId}`, {
    method: 'PUT',
    body: JSON.stringify({
      federatedCredentials: [
        { issuer: 'https://token.actions.githubusercontent.com', subject: s.info.oidcSubject }
      ]
    })
  })
  await azureClient(
    s.info,
    'arm',
    'PUT',
    `${scope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=2022-04-01`,
    JSON.stringify({
      properties: {
        roleDefinitionId: `/subscriptions/${s.info.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
        principalId,
        principalType: 'ServicePrincipal'
      }
    })
  )
}

beforeAll(async () => {
  const subscription = `/subscriptions/${s.info.subscriptionId}`
  await addApp(someoneElse, ROLES.contributor, subscription)
  await addApp(tagWriter, ROLES.tagContributor, `${subscription}/resourceGroups/${s.info.resourceGroup}`)
  // Only role assignments count from here on; the clean-up's own identity is Owner of the subscription.
  await s.emu.setSettings({ enforceRbac: true })
}, 60_000)

const signedInAs = (clientId: string): EmulatorInfo => ({ ...s.info, clientId })
const hsmId = (name: string): string =>
  `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${name}`

/** Creates the HSM through the action, signed in as `clientId` (the clean-up's identity by default). */
async function create(
  name: string,
  clientId = s.info.clientId,
  extra: Record<string, string> = {}
): Promise<void> {
  const run = await runAction(signedInAs(clientId), {
    ...baseInputs(signedInAs(clientId), name),
    steps: 'provision',
    ...extra
  })
  expect([name, errorsOf(run)]).toEqual([name, []])
}

/** As if the HSM had been created `days` ago: ARM's systemData.createdAt, through the emulator's test hook. */
async function age(name: string, days: number): Promise<void> {
  const createdAt = new Date(Date.now() - days * DAY).toISOString()
  await s.emu.control(`/hsms/${name}/created`, { method: 'PUT', body: JSON.stringify({ createdAt }) })
}

/** What a tag writer does: a Merge through the Tags API, as `az tag update --operation merge` sends it. */
async function tag(name: string, tags: Record<string, string>, clientId = tagWriter): Promise<void> {
  await azureClient(
    signedInAs(clientId),
    'arm',
    'PATCH',
    `${hsmId(name)}/providers/Microsoft.Resources/tags/default?api-version=2021-04-01`,
    JSON.stringify({ operation: 'Merge', properties: { tags } })
  )
}

const show = async (name: string) => JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, name))
const exists = (name: string): Promise<boolean> =>
  show(name).then(
    () => true,
    () => false
  )
async function deletedNames(): Promise<string[]> {
  const state = (await s.emu.control('/state')) as { deletedHsms?: Array<{ hsm: { name: string } }> }
  return (state.deletedHsms ?? []).map(d => d.hsm.name)
}

const CLEANUP = { mode: 'teardown', 'only-if-expired': 'true', 'teardown-lifetime': '7d' }
/** The scheduled clean-up of the README: a pattern over the resource group. */
const sweep = (pattern: string, extra: Record<string, string> = {}): Promise<ActionRun> =>
  s.run({ ...baseInputs(s.info, pattern), ...CLEANUP, 'confirm-teardown': pattern, ...extra })
/** The clean-up of one HSM by name. */
const byName = (name: string, extra: Record<string, string> = {}): Promise<ActionRun> =>
  s.run({ ...baseInputs(s.info, name), ...CLEANUP, 'confirm-teardown': name, ...extra })

function ok(run: ActionRun): ActionRun {
  expect(errorsOf(run)).toEqual([])
  expect(run.code).toBe(0)
  return run
}

const TAGS_OF_AN_EXPIRED_EPHEMERAL_HSM = {
  'managed-by': 'managed-hsm-skr-action',
  'expires-at': '2020-01-01T00:00:00.000Z'
}

describe('the scheduled clean-up trusts no tag', () => {
  it('refuses only-if-expired without teardown-lifetime, by name and by pattern, before any request', async () => {
    for (const name of ['tt-any', 'tt-*']) {
      const since = await mark(s.emu)
      const run = await s.run({
        ...baseInputs(s.info, name),
        mode: 'teardown',
        'confirm-teardown': name,
        'only-if-expired': 'true'
      })
      expect(run.code).toBe(1)
      expect(errorsOf(run).join('\n')).toMatch(
        /Input 'teardown-lifetime': is required with only-if-expired: 'true': how long after Azure recorded an HSM's creation/
      )
      expect(await s.emu.requests(since)).toEqual([])
    }
  })

  it('a tag writer who marks an HSM someone else made as expired gets it deleted by no run of the clean-up', async () => {
    const name = 'tta-theirs'
    await create(name, someoneElse)
    await age(name, 30)
    // The tag writer holds no right to change or delete the HSM itself ...
    await expect(
      azureClient(signedInAs(tagWriter), 'hsm-delete', s.info.resourceGroup, name)
    ).rejects.toThrow(
      /does not have authorization to perform action 'Microsoft\.KeyVault\/managedHSMs\/delete'/
    )
    await expect(
      azureClient(
        signedInAs(tagWriter),
        'hsm-update',
        s.info.resourceGroup,
        name,
        JSON.stringify({ tags: {} })
      )
    ).rejects.toThrow(
      /does not have authorization to perform action 'Microsoft\.KeyVault\/managedHSMs\/write'/
    )
    // ... but writes the tags an expired ephemeral HSM of this action carries.
    await tag(name, TAGS_OF_AN_EXPIRED_EPHEMERAL_HSM)
    const tagged = await show(name)
    expect(tagged.tags).toMatchObject(TAGS_OF_AN_EXPIRED_EPHEMERAL_HSM)
    expect(tagged.systemData.createdBy).toBe(someoneElse)

    const since = await mark(s.emu)
    const why = `'${name}': left alone (created by Application '${someoneElse}', not one of teardown-creators)`
    for (const run of [
      await sweep('tta-*'),
      await sweep('*'),
      await byName(name),
      await sweep('tta-*', { 'teardown-creators': `self, ${randomUUID()}, ops@contoso.com` })
    ]) {
      ok(run)
      expect(run.summary).toContain(why)
      expect(run.stdout).toContain(`teardown: Managed HSM ${why}`)
      expect(run.summary).not.toMatch(/deleted Managed HSM 'tta-theirs'|purged Managed HSM 'tta-theirs'/)
    }
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(await exists(name)).toBe(true)
  }, 120_000)

  it('a tag writer cannot advance the teardown of an HSM the clean-up may remove once it is old enough', async () => {
    const name = 'ttb-young'
    await create(name)
    await age(name, 2)
    await tag(name, TAGS_OF_AN_EXPIRED_EPHEMERAL_HSM)
    const since = await mark(s.emu)
    for (const run of [await sweep('ttb-*'), await byName(name)]) {
      ok(run)
      expect(run.summary).toMatch(
        /'ttb-young': left alone \(not expired until \d{4}-\d\d-\d\dT[\d:.]+Z: created \d{4}-\d\d-\d\dT[\d:.]+Z, teardown-lifetime 7d\)/
      )
    }
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(await exists(name)).toBe(true)
  }, 120_000)

  it('deletes and purges an HSM a listed creator made longer ago than teardown-lifetime, with or without tags', async () => {
    await create('ttc-mine')
    await create('ttc-theirs', someoneElse)
    await create('ttn-named')
    for (const name of ['ttc-mine', 'ttc-theirs', 'ttn-named']) await age(name, 8)

    // teardown-creators defaults to the clean-up's own identity: its HSM goes, someone else's stays.
    const run = ok(await sweep('ttc-*'))
    expect(run.summary).toMatch(/\| teardown \| 🗑️ deleted 1, left alone 1 \|/)
    expect(run.summary).toContain("deleted Managed HSM 'ttc-mine'")
    expect(run.summary).toContain("purged Managed HSM 'ttc-mine'")
    expect(run.stdout).toMatch(
      new RegExp(
        `deleting Managed HSM 'ttc-mine' \\(created by Application '${s.info.clientId}' at .*, more than teardown-lifetime 7d ago\\)`
      )
    )
    expect(run.summary).toContain(`'ttc-theirs': left alone (created by Application '${someoneElse}'`)
    expect(await exists('ttc-mine')).toBe(false)
    expect(await deletedNames()).not.toContain('ttc-mine')

    // A clean-up that signs in as another identity than the bootstrap job names the bootstrap's.
    const theirs = ok(await byName('ttc-theirs', { 'teardown-creators': someoneElse }))
    expect(theirs.summary).toMatch(/\| teardown \| 🗑️ deleted and purged \|/)
    expect(await exists('ttc-theirs')).toBe(false)

    const named = ok(await byName('ttn-named'))
    expect(named.summary).toMatch(/\| teardown \| 🗑️ deleted and purged \|/)
    expect(await exists('ttn-named')).toBe(false)
    expect(await deletedNames()).not.toContain('ttc-theirs')
    expect(await deletedNames()).not.toContain('ttn-named')
  }, 180_000)

  it('a future expires-at postpones the teardown until it has passed; a tag that is no date keeps it', async () => {
    await create('ttd-later')
    await create('ttd-garbled')
    for (const name of ['ttd-later', 'ttd-garbled']) await age(name, 8)
    const tomorrow = new Date(Date.now() + DAY)
    await tag('ttd-later', { 'expires-at': tomorrow.toISOString() })
    await tag('ttd-garbled', { 'expires-at': 'soon\n::stop-commands::x\n<b>**bold**</b>' })

    const first = ok(await sweep('ttd-*'))
    expect(first.summary).toContain(
      `'ttd-later': left alone (not expired until ${tomorrow.toISOString()}: its expires-at tag postpones it)`
    )
    expect(first.summary).toMatch(/'ttd-garbled': left alone \(its expires-at tag '.*' is not a date/)
    expect(first.summary).not.toMatch(/<b>|\*\*bold\*\*/)
    expect(first.log.some(l => /^\s*::stop-commands/.test(l))).toBe(false)
    expect(await exists('ttd-later')).toBe(true)

    // A day later, as far as the tag knows: its time has passed, and the HSM is older than the lifetime.
    await tag('ttd-later', { 'expires-at': new Date(Date.now() - 60_000).toISOString() })
    const second = ok(await sweep('ttd-*'))
    expect(second.summary).toContain("deleted Managed HSM 'ttd-later'")
    expect(second.summary).toContain("purged Managed HSM 'ttd-later'")
    expect(second.summary).toMatch(/'ttd-garbled': left alone \(its expires-at tag/)
    expect(await exists('ttd-later')).toBe(false)
    expect(await exists('ttd-garbled')).toBe(true)
  }, 180_000)
})
