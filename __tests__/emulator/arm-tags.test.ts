/**
 * The emulator's systemData of a Managed HSM (who created it, as ARM records the caller, and when) and the
 * Tags API at the HSM's scope, which Azure's Tag Contributor may call without any other access to the HSM.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { requiredPermission } from '../../emulator/services/arm/authorization.js'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient, type RawResponse } from './helpers.js'

const TAG_CONTRIBUTOR = '4a9ae827-6dc8-4573-8ac7-8239d42aa03f'

let emu: RunningEmulator
let base: string
const tokens: Record<string, string> = {}
const creator = { clientId: randomUUID(), principalId: '' }
const tagWriter = { clientId: randomUUID(), principalId: '' }

async function addApp(app: { clientId: string; principalId: string }): Promise<void> {
  const made = await emu.control<{ principalId: string }>(`/apps/${app.clientId}`, {
    method: 'PUT',
    body: JSON.stringify({
      federatedCredentials: [
        { issuer: 'https://token.actions.githubusercontent.com', subject: emu.info.oidcSubject }
      ]
    })
  })
  app.principalId = made.principalId
  tokens[app.clientId] = (
    await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://management.azure.com/.default',
      clientId: app.clientId
    })
  ).token
}

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  base = `https://management.azure.com/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs`
  tokens.default = (
    await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://management.azure.com/.default'
    })
  ).token
  await addApp(creator)
  await addApp(tagWriter)
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

const as = (who: string) => ({
  request: (path: string, method = 'GET', body?: unknown): Promise<RawResponse> =>
    rawRequest(emu.info, `${base}/${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}` },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
})
const TAGS = 'providers/Microsoft.Resources/tags/default?api-version=2021-04-01'
const HSM_API = 'api-version=2024-11-01'
const json = (r: RawResponse) => JSON.parse(r.body) as Record<string, unknown> & { [k: string]: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function create(name: string, clientId?: string): Promise<void> {
  const out = await runClient<{ error?: unknown }>(emu.info, 'hsm-create', { name, clientId })
  expect(out.error).toBeUndefined()
}

describe('systemData', () => {
  it('records the creating application by its client id, as Application, with the creation time', async () => {
    const before = Date.now()
    await create('tags-mine')
    await create('tags-theirs', creator.clientId)
    const mine = json(await as('default').request(`tags-mine?${HSM_API}`))
    expect(mine.systemData).toMatchObject({
      createdBy: emu.info.clientId,
      createdByType: 'Application',
      lastModifiedBy: emu.info.clientId,
      lastModifiedByType: 'Application'
    })
    const at = Date.parse(mine.systemData.createdAt)
    expect(at).toBeGreaterThanOrEqual(before - 1000)
    expect(at).toBeLessThanOrEqual(Date.now())
    const listed = json(await as('default').request(`?${HSM_API}`)).value as Array<{
      name: string
      systemData: { createdBy: string }
    }>
    expect(listed.find(h => h.name === 'tags-theirs')?.systemData.createdBy).toBe(creator.clientId)
  }, 60_000)

  it('takes a creation time from the control hook (a test HSM "made days ago"); ARM never changes it', async () => {
    const at = '2026-01-02T03:04:05.000Z'
    await emu.control('/hsms/tags-mine/created', { method: 'PUT', body: JSON.stringify({ createdAt: at }) })
    expect(json(await as('default').request(`tags-mine?${HSM_API}`)).systemData.createdAt).toBe(at)
    await expect(
      emu.control('/hsms/tags-mine/created', { method: 'PUT', body: JSON.stringify({ createdAt: 'soon' }) })
    ).rejects.toThrow(/400/)
  })
})

describe('the Tags API at a Managed HSM', () => {
  const tagsOf = async (name: string) => json(await as('default').request(`${name}?${HSM_API}`)).tags

  it('merges, deletes and replaces, answering the TagsResource', async () => {
    const api = as(tagWriter.clientId)
    const merged = await api.request(`tags-theirs/${TAGS}`, 'PATCH', {
      operation: 'Merge',
      properties: { tags: { env: 'test' } }
    })
    expect(merged.status).toBe(200)
    expect(json(merged)).toEqual({
      id: `/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/tags-theirs/providers/Microsoft.Resources/tags/default`,
      name: 'default',
      type: 'Microsoft.Resources/tags',
      properties: { tags: { env: 'test' } }
    })
    // Names are case-insensitive: ENV updates env, keeping its spelling.
    await api.request(`tags-theirs/${TAGS}`, 'PATCH', {
      operation: 'merge',
      properties: { tags: { ENV: 'prod', owner: 'x' } }
    })
    expect(await tagsOf('tags-theirs')).toEqual({ env: 'prod', owner: 'x' })
    await api.request(`tags-theirs/${TAGS}`, 'PATCH', {
      operation: 'Delete',
      properties: { tags: { owner: 'not-its-value' } }
    })
    expect(await tagsOf('tags-theirs')).toEqual({ env: 'prod', owner: 'x' })
    await api.request(`tags-theirs/${TAGS}`, 'PATCH', {
      operation: 'Delete',
      properties: { tags: { owner: '' } }
    })
    expect(await tagsOf('tags-theirs')).toEqual({ env: 'prod' })
    await api.request(`tags-theirs/${TAGS}`, 'PATCH', {
      operation: 'Replace',
      properties: { tags: { a: '1' } }
    })
    expect(await tagsOf('tags-theirs')).toEqual({ a: '1' })
    expect(
      (await api.request(`tags-theirs/${TAGS}`, 'PUT', { properties: { tags: { b: '2' } } })).status
    ).toBe(200)
    expect(json(await api.request(`tags-theirs/${TAGS}`)).properties).toEqual({ tags: { b: '2' } })
    expect((await api.request(`tags-theirs/${TAGS}`, 'DELETE')).status).toBe(200)
    expect(await tagsOf('tags-theirs')).toEqual({})
  })

  it('leaves createdBy and createdAt as they were; records the writer as lastModifiedBy', async () => {
    const before = json(await as('default').request(`tags-theirs?${HSM_API}`)).systemData
    await as(tagWriter.clientId).request(`tags-theirs/${TAGS}`, 'PATCH', {
      operation: 'Merge',
      properties: { tags: { 'managed-by': 'managed-hsm-skr-action', 'expires-at': '2020-01-01T00:00:00Z' } }
    })
    const after = json(await as('default').request(`tags-theirs?${HSM_API}`)).systemData
    expect(after).toMatchObject({ createdBy: creator.clientId, createdAt: before.createdAt })
    expect(after.lastModifiedBy).toBe(tagWriter.clientId)
  })

  it('refuses a body it cannot read, and answers 404 for an HSM that is not there or another scope', async () => {
    const api = as('default')
    for (const body of [
      { operation: 'Upsert', properties: { tags: { a: '1' } } },
      { operation: 'Merge', properties: { tags: { a: 1 } } },
      { operation: 'Merge' }
    ]) {
      const r = await api.request(`tags-mine/${TAGS}`, 'PATCH', body)
      expect([JSON.stringify(body), r.status, json(r).error.code]).toEqual([
        JSON.stringify(body),
        400,
        'InvalidRequestContent'
      ])
    }
    const missing = await api.request(`tags-none/${TAGS}`, 'PATCH', {
      operation: 'Merge',
      properties: { tags: {} }
    })
    expect([missing.status, json(missing).error.code]).toEqual([404, 'ResourceNotFound'])
    const group = await rawRequest(
      emu.info,
      `https://management.azure.com/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}/${TAGS}`,
      { headers: { authorization: `Bearer ${tokens.default}` } }
    )
    expect(group.status).toBe(404)
  })

  it('is what Tag Contributor may call: with RBAC enforced it writes tags, and neither changes nor deletes the HSM', async () => {
    const scope = `/subscriptions/${emu.info.subscriptionId}/resourceGroups/${emu.info.resourceGroup}`
    const assign = await rawRequest(
      emu.info,
      `https://management.azure.com${scope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=2022-04-01`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.default}` },
        body: JSON.stringify({
          properties: {
            roleDefinitionId: `/subscriptions/${emu.info.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${TAG_CONTRIBUTOR}`,
            principalId: tagWriter.principalId,
            principalType: 'ServicePrincipal'
          }
        })
      }
    )
    expect(assign.status).toBe(201)
    await emu.setSettings({ enforceRbac: true })
    try {
      const api = as(tagWriter.clientId)
      const tagged = await api.request(`tags-mine/${TAGS}`, 'PATCH', {
        operation: 'Merge',
        properties: { tags: { 'expires-at': '2020-01-01T00:00:00Z' } }
      })
      expect(tagged.status).toBe(200)
      const patch = await api.request(`tags-mine?${HSM_API}`, 'PATCH', { tags: { a: '1' } })
      expect([patch.status, json(patch).error.code]).toEqual([403, 'AuthorizationFailed'])
      expect(json(patch).error.message).toMatch(/'Microsoft\.KeyVault\/managedHSMs\/write'/)
      const del = await api.request(`tags-mine?${HSM_API}`, 'DELETE')
      expect([del.status, json(del).error.message]).toEqual([
        403,
        expect.stringMatching(/'Microsoft\.KeyVault\/managedHSMs\/delete'/)
      ])
      // The one who created it can still do everything (Owner), and the HSM is still there.
      expect((await as('default').request(`tags-mine?${HSM_API}`)).status).toBe(200)
    } finally {
      await emu.setSettings({ enforceRbac: false })
    }
  })

  it('is checked as Microsoft.Resources/tags/read|write|delete over the tags resource of the HSM', () => {
    const hsm = `/subscriptions/${emu.info.subscriptionId}/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/h`
    const tags = `${hsm}/providers/Microsoft.Resources/tags/default`
    const segs = tags.split('/').filter(Boolean)
    expect(requiredPermission('PATCH', segs)).toEqual({
      action: 'Microsoft.Resources/tags/write',
      scope: tags
    })
    expect(requiredPermission('GET', segs)?.action).toBe('Microsoft.Resources/tags/read')
    expect(requiredPermission('DELETE', segs)?.action).toBe('Microsoft.Resources/tags/delete')
  })
})
