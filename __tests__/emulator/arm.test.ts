/** ARM for Microsoft.KeyVault/managedHSMs, through @azure/arm-keyvault and raw HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient, sleep, type RawResponse } from './helpers.js'

let emu: RunningEmulator
let armToken: string
let base: string

interface Hsm {
  name: string
  tags?: Record<string, string>
  properties: {
    provisioningState: string
    statusMessage: string
    hsmUri: string
    enablePurgeProtection: boolean
    softDeleteRetentionInDays: number
    publicNetworkAccess: string
    securityDomainProperties: { activationStatus: string; activationStatusMessage: string }
  }
}
interface Failure {
  error?: { message: string; code?: string; statusCode?: number }
}

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 1 })
  armToken = (
    await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://management.azure.com/.default'
    })
  ).token
  base = `https://management.azure.com/subscriptions/${emu.info.subscriptionId}`
})
afterAll(async () => {
  await emu?.stop()
})

const arm = (
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {}
): Promise<RawResponse> =>
  rawRequest(emu.info, path.startsWith('https://') ? path : `${base}${path}`, {
    method: init.method,
    headers: init.token === null ? {} : { authorization: `Bearer ${init.token ?? armToken}` },
    body: init.body === undefined ? undefined : JSON.stringify(init.body)
  })

const hsmPath = (name: string, rg = 'rg-skr-demo'): string =>
  `/resourceGroups/${rg}/providers/Microsoft.KeyVault/managedHSMs/${name}?api-version=2024-11-01`

function createBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    location: 'westeurope',
    sku: { family: 'B', name: 'Standard_B1' },
    properties: {
      tenantId: emu.info.tenantId,
      initialAdminObjectIds: [emu.info.principalId],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 7,
      ...extra
    }
  }
}

describe('create (long-running)', () => {
  it('answers 202 with an empty body and a managedHsmOperationResults Location, polled until 200', async () => {
    const put = await arm(hsmPath('hsm-raw'), { method: 'PUT', body: createBody() })
    expect(put.status).toBe(202)
    expect(put.body).toBe('')
    expect(put.headers['azure-asyncoperation']).toBeUndefined()
    expect(put.headers['retry-after']).toBeUndefined()
    for (const h of [
      'x-ms-request-id',
      'x-ms-correlation-request-id',
      'x-ms-routing-request-id',
      'x-ms-ratelimit-remaining-subscription-writes'
    ])
      expect(put.headers[h]).toBeDefined()
    const location = String(put.headers.location)
    expect(location).toMatch(
      new RegExp(
        `^https://management\\.azure\\.com/subscriptions/${emu.info.subscriptionId}/providers/Microsoft\\.KeyVault/locations/westeurope/managedHsmOperationResults/[0-9a-f-]{36}\\?api-version=2024-11-01&t=\\d+&c=.+&s=.+&h=.+$`
      )
    )

    const during = JSON.parse((await arm(hsmPath('hsm-raw'))).body) as Hsm
    expect(during.properties.provisioningState).toBe('Provisioning')
    expect(during.properties.hsmUri).toBe('https://hsm-raw.managedhsm.azure.net/')
    expect(['Allocating hardware', 'Resource creation in progress. Starting service...']).toContain(
      during.properties.statusMessage
    )

    const pending = await arm(location)
    expect(pending.status).toBe(202)
    expect(pending.body).toBe('')
    expect(pending.headers.location).toMatch(/managedHsmOperationResults/)
    await sleep(1100)
    const done = await arm(location)
    expect(done.status).toBe(200)
    const hsm = JSON.parse(done.body) as Hsm
    expect(hsm.properties.provisioningState).toBe('Succeeded')
    expect(hsm.properties.statusMessage).toBe('The Managed HSM is provisioned and ready to use.')
    expect(hsm.properties.securityDomainProperties).toEqual({
      activationStatus: 'NotActivated',
      activationStatusMessage:
        'Your HSM has been provisioned, but cannot be used for cryptographic operations until it is activated. To activate the HSM, download the security domain.'
    })
  })

  it('creates, reads, updates, deletes and purges through KeyVaultManagementClient', async () => {
    const created = await runClient<{ hsm: Hsm; elapsedMs: number }>(emu.info, 'hsm-create', {
      name: 'hsm-sdk',
      tags: { env: 'test' }
    })
    expect(created.hsm.properties.provisioningState).toBe('Succeeded')
    expect(created.elapsedMs).toBeGreaterThanOrEqual(900)
    expect(created.hsm.tags).toEqual({ env: 'test' })

    const got = await runClient<{ hsm: Hsm }>(emu.info, 'hsm-get', { name: 'hsm-sdk' })
    expect(got.hsm.properties.hsmUri).toBe('https://hsm-sdk.managedhsm.azure.net/')

    const updated = await runClient<{ hsm: Hsm }>(emu.info, 'hsm-update', {
      name: 'hsm-sdk',
      patch: { tags: { env: 'prod' }, properties: { publicNetworkAccess: 'Disabled' } }
    })
    expect(updated.hsm.tags).toEqual({ env: 'prod' })
    expect(updated.hsm.properties.publicNetworkAccess).toBe('Disabled')

    const listed = await runClient<{ value: Hsm[] }>(emu.info, 'hsm-list', { top: 1 })
    expect(listed.value.map(h => h.name)).toEqual(expect.arrayContaining(['hsm-raw', 'hsm-sdk']))

    expect(await runClient(emu.info, 'hsm-delete', { name: 'hsm-sdk' })).toEqual({ deleted: true })
    expect(((await runClient(emu.info, 'hsm-get', { name: 'hsm-sdk' })) as Failure).error?.code).toBe(
      'ResourceNotFound'
    )
    const deleted = await runClient<{
      value: { name: string; properties: { scheduledPurgeDate: string; deletionDate: string } }[]
    }>(emu.info, 'deleted-list')
    const entry = deleted.value.find(d => d.name === 'hsm-sdk')
    expect(entry).toBeDefined()
    const days =
      (Date.parse(entry!.properties.scheduledPurgeDate) - Date.parse(entry!.properties.deletionDate)) /
      86400000
    expect(days).toBeCloseTo(7, 5)
    expect(
      ((await runClient(emu.info, 'deleted-get', { name: 'hsm-sdk' })) as { deleted: { name: string } })
        .deleted.name
    ).toBe('hsm-sdk')
    expect(await runClient(emu.info, 'check-name', { name: 'hsm-sdk' })).toMatchObject({
      nameAvailable: false,
      reason: 'AlreadyExists'
    })

    expect(await runClient(emu.info, 'purge', { name: 'hsm-sdk' })).toEqual({ purged: true })
    expect(
      ((await runClient(emu.info, 'deleted-get', { name: 'hsm-sdk' })) as Failure).error?.statusCode
    ).toBe(404)
    expect(await runClient(emu.info, 'check-name', { name: 'hsm-sdk' })).toEqual({ nameAvailable: true })
  })
})

describe('soft delete and purge protection', () => {
  it('refuses a new HSM over a soft-deleted name, recovers it with createMode recover', async () => {
    await runClient(emu.info, 'hsm-create', { name: 'hsm-soft', properties: { enablePurgeProtection: true } })
    await runClient(emu.info, 'hsm-delete', { name: 'hsm-soft' })
    const again = (await runClient(emu.info, 'hsm-create', { name: 'hsm-soft' })) as Failure
    expect(again.error).toMatchObject({
      statusCode: 409,
      code: 'ConflictError',
      message:
        'A KV MHSM with the same name already exists in deleted state. You need to either recover or purge existing KV MHSM.'
    })
    const purge = (await runClient(emu.info, 'purge', { name: 'hsm-soft' })) as Failure
    expect(purge.error?.statusCode).toBe(409)
    expect(purge.error?.message).toMatch(/purge protection is enabled/)

    const recovered = await runClient<{ hsm: Hsm }>(emu.info, 'hsm-create', {
      name: 'hsm-soft',
      properties: { createMode: 'recover' }
    })
    expect(recovered.hsm.properties.provisioningState).toBe('Succeeded')
    expect(recovered.hsm.properties.enablePurgeProtection).toBe(true)
    const stillDeleted = (await runClient(emu.info, 'deleted-get', { name: 'hsm-soft' })) as Failure
    expect(stillDeleted.error?.statusCode).toBe(404)
  })

  it('never turns purge protection off and never changes retention', async () => {
    const off = (await runClient(emu.info, 'hsm-update', {
      name: 'hsm-soft',
      patch: { properties: { enablePurgeProtection: false } }
    })) as Failure
    expect(off.error).toMatchObject({ statusCode: 400, code: 'BadRequest' })
    expect(off.error?.message).toMatch(/"enablePurgeProtection" cannot be set to false/)
    const retention = (await runClient(emu.info, 'hsm-update', {
      name: 'hsm-soft',
      patch: { properties: { softDeleteRetentionInDays: 30 } }
    })) as Failure
    expect(retention.error?.message).toMatch(/"softDeleteRetentionInDays" cannot be changed/)
    const tenant = (await runClient(emu.info, 'hsm-update', {
      name: 'hsm-soft',
      patch: { properties: { tenantId: '00000000-1111-4222-8333-444444444444' } }
    })) as Failure
    expect(tenant.error?.message).toMatch(/"tenantId" cannot be changed/)
  })
})

describe('validation and errors', () => {
  it('requires an api-version', async () => {
    const res = await arm('/resourceGroups/rg-skr-demo')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'MissingApiVersionParameter',
        message: 'The api-version query parameter (?api-version=) is required for all requests.'
      }
    })
  })

  it('answers 401 with WWW-Authenticate for a missing, foreign-audience or expired token', async () => {
    const missing = await arm(hsmPath('hsm-raw'), { token: null })
    expect(missing.status).toBe(401)
    expect(missing.headers['www-authenticate']).toMatch(
      /^Bearer authorization_uri="https:\/\/login\.windows\.net\/", error="invalid_token"/
    )
    expect(JSON.parse(missing.body).error.code).toBe('AuthenticationFailed')

    const hsmToken = (
      await runClient<{ token: string }>(emu.info, 'raw-token', {
        scope: 'https://managedhsm.azure.net/.default'
      })
    ).token
    const wrongAud = await arm(hsmPath('hsm-raw'), { token: hsmToken })
    expect(wrongAud.status).toBe(401)
    expect(JSON.parse(wrongAud.body).error.code).toBe('InvalidAuthenticationTokenAudience')

    const garbage = await arm(hsmPath('hsm-raw'), { token: `${armToken.slice(0, -4)}AAAA` })
    expect(JSON.parse(garbage.body).error.code).toBe('InvalidAuthenticationToken')

    await emu.setSettings({ accessTokenLifetimeSeconds: -3600 })
    try {
      const old = (
        await runClient<{ token: string }>(emu.info, 'raw-token', {
          scope: 'https://management.azure.com/.default'
        })
      ).token
      const expired = await arm(hsmPath('hsm-raw'), { token: old })
      expect(expired.status).toBe(401)
      expect(JSON.parse(expired.body).error).toMatchObject({ code: 'ExpiredAuthenticationToken' })
      expect(JSON.parse(expired.body).error.message).toMatch(
        /^The access token expiry UTC time '.+ [AP]M' is earlier than current UTC time/
      )
    } finally {
      await emu.setSettings({ accessTokenLifetimeSeconds: 3599 })
    }
  })

  it('needs the resource group, a valid name, body, location and retention', async () => {
    const noRg = (await runClient(emu.info, 'hsm-create', {
      name: 'hsm-norg',
      resourceGroup: 'rg-missing'
    })) as Failure
    expect(noRg.error).toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
      message: "Resource group 'rg-missing' could not be found."
    })
    expect((await arm(hsmPath('bad--name'), { method: 'PUT', body: createBody() })).status).toBe(400)
    expect((await arm(hsmPath('9starts-with-digit'), { method: 'PUT', body: createBody() })).status).toBe(400)
    const noLoc = await arm(hsmPath('hsm-noloc'), {
      method: 'PUT',
      body: { ...createBody(), location: undefined }
    })
    expect(JSON.parse(noLoc.body).error.code).toBe('LocationRequired')
    const badLoc = await arm(hsmPath('hsm-badloc'), {
      method: 'PUT',
      body: { ...createBody(), location: 'moon' }
    })
    expect(JSON.parse(badLoc.body).error.code).toBe('LocationNotAvailableForResourceType')
    const retention = await arm(hsmPath('hsm-ret'), {
      method: 'PUT',
      body: createBody({ softDeleteRetentionInDays: 91 })
    })
    expect(retention.status).toBe(400)
    expect(JSON.parse(retention.body).error.message).toMatch(/between 7 and 90/)
    const notJson = await rawRequest(emu.info, `${base}${hsmPath('hsm-json')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${armToken}`, 'content-type': 'application/json' },
      body: '{oops'
    })
    expect(JSON.parse(notJson.body).error.code).toBe('InvalidRequestContent')
    const name = await runClient<{ nameAvailable: boolean; reason?: string }>(emu.info, 'check-name', {
      name: 'a--b'
    })
    expect(name).toMatchObject({ nameAvailable: false, reason: 'AccountNameInvalid' })
  })

  it('keeps names global: an active HSM in another resource group is a conflict', async () => {
    const rg = await arm('/resourcegroups/rg-other?api-version=2021-04-01', {
      method: 'PUT',
      body: { location: 'westeurope' }
    })
    expect(rg.status).toBe(201)
    expect((await arm('/resourcegroups/rg-other?api-version=2021-04-01', { method: 'HEAD' })).status).toBe(
      204
    )
    const clash = await arm(hsmPath('hsm-raw', 'rg-other'), { method: 'PUT', body: createBody() })
    expect(clash.status).toBe(409)
  })

  it("lists the subscription's HSMs across resource groups, paged, without a name held elsewhere", async () => {
    const put = await arm(hsmPath('hsm-other-rg', 'rg-other'), { method: 'PUT', body: createBody() })
    expect(put.status).toBe(202)
    await emu.control('/foreign-hsms/hsm-elsewhere', { method: 'PUT' })
    // Held elsewhere: the global check refuses it and a PUT here is a conflict.
    const check = await arm(
      '/providers/Microsoft.KeyVault/checkMhsmNameAvailability?api-version=2024-11-01',
      {
        method: 'POST',
        body: { name: 'hsm-elsewhere' }
      }
    )
    expect(JSON.parse(check.body)).toMatchObject({ nameAvailable: false, reason: 'AlreadyExists' })
    expect((await arm(hsmPath('hsm-elsewhere'), { method: 'PUT', body: createBody() })).status).toBe(409)

    const ids: string[] = []
    let next: string | undefined = '/providers/Microsoft.KeyVault/managedHSMs?api-version=2024-11-01&$top=1'
    for (let pages = 0; next && pages < 20; pages++) {
      const res = await arm(next)
      expect(res.status).toBe(200)
      const body = JSON.parse(res.body) as { value: Array<{ id: string }>; nextLink?: string }
      expect(body.value.length).toBeLessThanOrEqual(1)
      ids.push(...body.value.map(h => h.id))
      next = body.nextLink
    }
    expect(next).toBeUndefined()
    const sub = `/subscriptions/${emu.info.subscriptionId}`
    expect(ids).toEqual(
      expect.arrayContaining([
        `${sub}/resourceGroups/rg-skr-demo/providers/Microsoft.KeyVault/managedHSMs/hsm-raw`,
        `${sub}/resourceGroups/rg-other/providers/Microsoft.KeyVault/managedHSMs/hsm-other-rg`
      ])
    )
    expect(ids.filter(id => id.endsWith('/hsm-elsewhere'))).toEqual([])
    expect(ids.every(id => id.startsWith(`${sub}/`))).toBe(true)
  })

  it('ends a creation in Failed when told to, with an ARM error from the operation', async () => {
    await emu.setSettings({
      failNextCreate: { status: 400, code: 'ManagedHsmProvisioningFailed', message: 'Pool creation failed.' }
    })
    const failed = (await runClient(emu.info, 'hsm-create', { name: 'hsm-fail' })) as Failure
    expect(failed.error).toMatchObject({
      statusCode: 400,
      code: 'ManagedHsmProvisioningFailed',
      message: 'Pool creation failed.'
    })
    const hsm = JSON.parse((await arm(hsmPath('hsm-fail'))).body) as Hsm
    expect(hsm.properties.provisioningState).toBe('Failed')
    expect(hsm.properties.statusMessage).toBe('Pool creation failed.')
    // The switch is one-shot.
    expect((await emu.setSettings({})).failNextCreate).toBe(false)
  })

  it('serves the sign-in reads: subscriptions, a subscription, tenants', async () => {
    const subs = JSON.parse(
      (await arm('https://management.azure.com/subscriptions?api-version=2022-12-01')).body
    )
    expect(subs.value[0]).toMatchObject({
      subscriptionId: emu.info.subscriptionId,
      tenantId: emu.info.tenantId,
      state: 'Enabled'
    })
    const one = await arm(`?api-version=2022-12-01`)
    expect(JSON.parse(one.body).id).toBe(`/subscriptions/${emu.info.subscriptionId}`)
    const tenants = JSON.parse(
      (await arm('https://management.azure.com/tenants?api-version=2022-12-01')).body
    )
    expect(tenants.value[0].tenantId).toBe(emu.info.tenantId)
    const otherSub = await arm(
      'https://management.azure.com/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01'
    )
    expect(JSON.parse(otherSub.body).error.code).toBe('SubscriptionNotFound')
  })
})
