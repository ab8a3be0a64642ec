/**
 * Key Vault secrets at {vault}.vault.azure.net, driven by @azure/keyvault-secrets' SecretClient with a
 * ClientAssertionCredential (GitHub OIDC), plus raw HTTPS for the exact wire shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { addSecondApp, runEscrow } from './escrow-helpers.js'
import { rawRequest, runClient } from './helpers.js'

let emu: RunningEmulator
let stateDir: string
let VAULT: string
const MISSING_TOKEN = {
  error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' }
}

interface Props {
  id: string
  name: string
  version: string
  enabled: boolean
  contentType?: string
  tags?: Record<string, string>
  recoveryLevel: string
  recoverableDays: number
}
interface SecretOut {
  value: string
  properties: Props
}

const vaultToken = async (clientId?: string): Promise<string> =>
  (
    await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://vault.azure.net/.default',
      ...(clientId ? { clientId } : {})
    })
  ).token

/** The SDK's RestError drops the error body: read the exact body with a raw request. */
async function rawPut(
  name: string,
  body: unknown,
  token: string
): Promise<{ status: number; error: Record<string, unknown> }> {
  const res = await rawRequest(emu.info, `${VAULT}/secrets/${name}?api-version=7.6`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
  return { status: res.status, error: (JSON.parse(res.body) as { error: Record<string, unknown> }).error }
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'emu-kv-'))
  emu = await startEmulator({ stateDir })
  VAULT = emu.info.keyVaultUrl
})
afterAll(async () => {
  await emu?.stop()
})

describe('the demo vault', () => {
  it('is announced on the JSON line and resolves; unknown vaults do not (CONNECT 502)', async () => {
    expect(emu.info.keyVaultUrl).toBe('https://kv-skr-escrow.vault.azure.net')
    expect((await rawRequest(emu.info, `${VAULT}/secrets?api-version=7.5`)).status).toBe(401)
    expect(
      (await rawRequest(emu.info, 'https://kv-nowhere.vault.azure.net/secrets?api-version=7.5')).status
    ).toBe(502)
  })

  it('challenges a token-less request with Key Vault’s exact header and body', async () => {
    const res = await rawRequest(emu.info, `${VAULT}/secrets/anything?api-version=7.6`, {
      method: 'PUT',
      body: JSON.stringify({ value: 'x' })
    })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe(
      `Bearer authorization="https://login.windows.net/${emu.info.tenantId}", resource="https://vault.azure.net"`
    )
    expect(JSON.parse(res.body)).toEqual(MISSING_TOKEN)
    expect(res.headers['x-ms-keyvault-service-version']).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    expect(res.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers['x-ms-keyvault-region']).toBe('westeurope')
  })

  it('answers a token of another tenant with the challenge naming the vault’s own tenant', async () => {
    const other = '7c3e9a1b-2d4f-4e6a-8b0c-1d2e3f4a5b6c'
    await emu.control('/vaults/kv-elsewhere', { method: 'PUT', body: JSON.stringify({ tenantId: other }) })
    const res = await rawRequest(emu.info, 'https://kv-elsewhere.vault.azure.net/secrets?api-version=7.6', {
      headers: { authorization: `Bearer ${await vaultToken()}` }
    })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe(
      `Bearer authorization="https://login.windows.net/${other}", resource="https://vault.azure.net"`
    )
    expect(JSON.parse(res.body).error.message).toBe(
      `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${other}/, found: https://sts.windows.net/${emu.info.tenantId}/.`
    )
    await expect(
      emu.control('/vaults/kv-elsewhere', { method: 'PUT', body: JSON.stringify({ tenantId: 'nope' }) })
    ).rejects.toThrow(/tenantId must be a GUID/)
  })

  it('rejects a token for another audience with AKV10022', async () => {
    const { token } = await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://management.azure.com/.default'
    })
    const res = await rawRequest(emu.info, `${VAULT}/secrets?api-version=7.5`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body).error.message).toMatch(
      /^AKV10022: Invalid audience\. Expected https:\/\/vault\.azure\.net/
    )
    expect(res.headers['www-authenticate']).toContain('resource="https://vault.azure.net"')
  })

  it('accepts any api-version as given and requires one', async () => {
    const token = await vaultToken()
    const auth = { authorization: `Bearer ${token}` }
    for (const v of ['7.5', '7.6', '2025-07-01']) {
      expect(
        (await rawRequest(emu.info, `${VAULT}/secrets?api-version=${v}`, { headers: auth })).status
      ).toBe(200)
    }
    const missing = await rawRequest(emu.info, `${VAULT}/secrets`, { headers: auth })
    expect(missing.status).toBe(400)
    expect(JSON.parse(missing.body).error.code).toBe('BadParameter')
  })
})

describe('SecretClient', () => {
  it('sets versions, gets the latest or a given version, and lists versions', async () => {
    const first = await runEscrow<SecretOut>(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'sd-escrow',
      value: '{"EncData":1}',
      contentType: 'application/json',
      tags: { sha256: 'a'.repeat(64), purpose: 'escrow' }
    })
    expect(first.error).toBeUndefined()
    expect(first.properties.id).toMatch(
      /^https:\/\/kv-skr-escrow\.vault\.azure\.net\/secrets\/sd-escrow\/[0-9a-f]{32}$/
    )
    expect(first.properties).toMatchObject({
      contentType: 'application/json',
      tags: { sha256: 'a'.repeat(64), purpose: 'escrow' },
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90,
      enabled: true
    })
    const second = await runEscrow<SecretOut>(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'sd-escrow',
      value: 'second'
    })
    expect(second.properties.version).not.toBe(first.properties.version)

    const latest = await runEscrow<SecretOut>(emu.info, 'secret-get', { vaultUrl: VAULT, name: 'sd-escrow' })
    expect(latest.value).toBe('second')
    expect(latest.properties.version).toBe(second.properties.version)
    const old = await runEscrow<SecretOut>(emu.info, 'secret-get', {
      vaultUrl: VAULT,
      name: 'sd-escrow',
      version: first.properties.version
    })
    expect(old.value).toBe('{"EncData":1}')
    expect(old.properties.contentType).toBe('application/json')

    const versions = await runEscrow<{ versions: Props[] }>(emu.info, 'secret-versions', {
      vaultUrl: VAULT,
      name: 'sd-escrow'
    })
    expect(versions.versions.map(v => v.version).sort()).toEqual(
      [first.properties.version, second.properties.version].sort()
    )
  })

  it('answers a missing secret with SecretNotFound and Key Vault’s text', async () => {
    const out = await runEscrow(emu.info, 'secret-get', { vaultUrl: VAULT, name: 'never-written' })
    expect(out.error?.statusCode).toBe(404)
    expect(out.error?.code).toBe('SecretNotFound')
    expect(out.error?.message).toBe(
      'A secret with (name/id) never-written was not found in this key vault. If you recently deleted this secret you ' +
        'may be able to recover it using the correct recovery command. For help resolving this issue, please see ' +
        'https://go.microsoft.com/fwlink/?linkid=2125182'
    )
  })

  it('pages secret lists with nextLink', async () => {
    for (const n of ['page-a', 'page-b', 'page-c'])
      await runEscrow(emu.info, 'secret-set', { vaultUrl: VAULT, name: n, value: n })
    const out = await runEscrow<{ secrets: Props[]; pages: number }>(emu.info, 'secret-list', {
      vaultUrl: VAULT,
      maxPageSize: 2
    })
    const names = out.secrets.map(s => s.name)
    expect(names).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']))
    expect(new Set(names).size).toBe(names.length)
    expect(out.pages).toBe(Math.ceil(names.length / 2))
    // List items carry no version in their id.
    expect(out.secrets.find(s => s.name === 'page-a')?.id).toBe(`${VAULT}/secrets/page-a`)
  })

  it('soft-deletes: the name then conflicts until it is purged; recover brings a secret back', async () => {
    await runEscrow(emu.info, 'secret-set', { vaultUrl: VAULT, name: 'to-delete', value: 'v1' })
    const del = await runEscrow<{ deleted: { recoveryId: string }; scheduledPurgeDate: string }>(
      emu.info,
      'secret-delete',
      { vaultUrl: VAULT, name: 'to-delete' }
    )
    expect(del.error).toBeUndefined()
    expect(del.deleted.recoveryId).toBe(`${VAULT}/deletedsecrets/to-delete`)
    const purgeInDays = (Date.parse(del.scheduledPurgeDate) - Date.now()) / 86400000
    expect(purgeInDays).toBeGreaterThan(89.9)
    expect(purgeInDays).toBeLessThanOrEqual(90)

    expect(
      (await runEscrow(emu.info, 'secret-get', { vaultUrl: VAULT, name: 'to-delete' })).error?.statusCode
    ).toBe(404)
    const conflict = await runEscrow(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'to-delete',
      value: 'v2'
    })
    expect(conflict.error?.statusCode).toBe(409)
    expect(conflict.error?.code).toBe('Conflict')
    expect(conflict.error?.message).toBe(
      'Secret to-delete is currently in a deleted but recoverable state, and its name cannot be reused; in this ' +
        'state, the secret can only be recovered or purged.'
    )
    const raw = await rawPut('to-delete', { value: 'v2' }, await vaultToken())
    expect(raw.status).toBe(409)
    expect(raw.error.innererror).toEqual({ code: 'ObjectIsDeletedButRecoverable' })

    expect(
      (await runEscrow(emu.info, 'secret-purge', { vaultUrl: VAULT, name: 'to-delete' })).error
    ).toBeUndefined()
    const again = await runEscrow<SecretOut>(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'to-delete',
      value: 'v3'
    })
    expect(again.value).toBe('v3')

    await runEscrow(emu.info, 'secret-set', { vaultUrl: VAULT, name: 'to-recover', value: 'keep me' })
    await runEscrow(emu.info, 'secret-delete', { vaultUrl: VAULT, name: 'to-recover' })
    const rec = await runEscrow<{ properties: Props }>(emu.info, 'secret-recover', {
      vaultUrl: VAULT,
      name: 'to-recover'
    })
    expect(rec.error).toBeUndefined()
    expect(
      (await runEscrow<SecretOut>(emu.info, 'secret-get', { vaultUrl: VAULT, name: 'to-recover' })).value
    ).toBe('keep me')
  })

  it('enforces the 25,600-character value limit with Key Vault’s error', async () => {
    const fits = await runEscrow<SecretOut>(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'big',
      value: 'x'.repeat(25600)
    })
    expect(fits.error).toBeUndefined()
    expect(fits.value).toHaveLength(25600)
    const tooBig = await runEscrow(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'big',
      value: 'x'.repeat(25601)
    })
    expect(tooBig.error?.statusCode).toBe(400)
    expect(tooBig.error?.code).toBe('BadParameter')
    expect(tooBig.error?.message).toBe('Secret is beyond the maximum permitted length of 25600 characters.')
    const raw = await rawPut('big', { value: 'y'.repeat(25601) }, await vaultToken())
    expect(raw).toEqual({
      status: 400,
      error: {
        code: 'BadParameter',
        message: 'Secret is beyond the maximum permitted length of 25600 characters.',
        innererror: { code: 'SecretTooLarge' }
      }
    })
  })

  it('enforces the tag limits (15 tags, values up to 256 characters)', async () => {
    const tags = (n: number): Record<string, string> =>
      Object.fromEntries([...Array(n).keys()].map(i => [`t${i}`, 'v']))
    expect(
      (
        await runEscrow(emu.info, 'secret-set', {
          vaultUrl: VAULT,
          name: 'tagged',
          value: 'v',
          tags: tags(15)
        })
      ).error
    ).toBeUndefined()
    const many = await runEscrow(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'tagged',
      value: 'v',
      tags: tags(16)
    })
    expect(many.error?.statusCode).toBe(400)
    expect(many.error?.code).toBe('BadParameter')
    expect(many.error?.message).toContain('Property has invalid value')
    const long = await runEscrow(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'tagged',
      value: 'v',
      tags: { t: 'x'.repeat(257) }
    })
    expect(long.error?.statusCode).toBe(400)
  })

  it('rejects names Key Vault does not allow', async () => {
    const out = await runEscrow(emu.info, 'secret-set', { vaultUrl: VAULT, name: 'under_score', value: 'v' })
    expect(out.error?.statusCode).toBe(400)
    expect(out.error?.message).toBe('The request URI contains an invalid name: under_score')
  })
})

describe('access', () => {
  it('gives a principal without access 403 Forbidden (ForbiddenByRbac) with Key Vault’s text', async () => {
    const app = await addSecondApp(emu)
    const out = await runEscrow(emu.info, 'secret-set', {
      vaultUrl: VAULT,
      name: 'outsider',
      value: 'v',
      clientId: app.clientId
    })
    expect(out.error?.statusCode).toBe(403)
    expect(out.error?.code).toBe('Forbidden')
    const raw = await rawPut('outsider', { value: 'v' }, await vaultToken(app.clientId))
    expect(raw.status).toBe(403)
    expect(raw.error.code).toBe('Forbidden')
    expect(raw.error.innererror).toEqual({ code: 'ForbiddenByRbac' })
    expect(out.error?.message).toBe(raw.error.message)
    expect(raw.error.message).toBe(
      'Caller is not authorized to perform action on resource.\r\n' +
        'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n' +
        `Caller: appid=${app.clientId};oid=${app.principalId};iss=https://sts.windows.net/${emu.info.tenantId}/\r\n` +
        "Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'\r\n" +
        `Resource: '/subscriptions/${emu.info.subscriptionId}/resourcegroups/rg-skr-demo/providers/microsoft.keyvault/vaults/kv-skr-escrow/secrets/outsider'\r\n` +
        'Assignment: (not found)\r\n' +
        'DenyAssignmentId: null\r\n' +
        "DecisionReason: 'DeniedWithNoValidRBAC' \r\n" +
        'Vault: kv-skr-escrow;location=westeurope\r\n'
    )
  })

  it('creates vaults with writers and readers through the control API', async () => {
    const app = await addSecondApp(emu)
    await emu.control('/vaults/kv-shared-read', {
      method: 'PUT',
      body: JSON.stringify({ readers: [app.principalId] })
    })
    const url = 'https://kv-shared-read.vault.azure.net'
    // The default app writes by default; the reader reads but cannot write.
    expect(
      (await runEscrow(emu.info, 'secret-set', { vaultUrl: url, name: 's', value: 'shared' })).error
    ).toBeUndefined()
    const read = await runEscrow<SecretOut>(emu.info, 'secret-get', {
      vaultUrl: url,
      name: 's',
      clientId: app.clientId
    })
    expect(read.value).toBe('shared')
    const write = await runEscrow(emu.info, 'secret-set', {
      vaultUrl: url,
      name: 's',
      value: 'x',
      clientId: app.clientId
    })
    expect(write.error?.statusCode).toBe(403)
    expect(write.error?.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'")
    expect(write.error?.message).toContain('Vault: kv-shared-read;location=westeurope')
  })
})

describe('request log, faults and restarts', () => {
  it('logs vault requests with the caller and retries an injected 503', async () => {
    await emu.setFaults([
      { host: 'kv-skr-escrow\\.vault', path: '/secrets/logged', method: 'PUT', status: 503, times: 1 }
    ])
    try {
      const since = (await emu.requests()).length
      const out = await runEscrow<SecretOut>(emu.info, 'secret-set', {
        vaultUrl: VAULT,
        name: 'logged',
        value: 'v'
      })
      expect(out.value).toBe('v')
      const puts = (await emu.requests(since)).filter(
        e => e.host === 'kv-skr-escrow.vault.azure.net' && e.method === 'PUT'
      )
      // The first (token-less) attempt meets the fault; the SDK retries, gets the challenge, then writes.
      expect(puts.map(e => [e.status, e.fault ?? null])).toEqual([
        [503, 'status:503'],
        [401, null],
        [200, null]
      ])
      expect(puts[2].callerOid).toBe(emu.info.principalId)
      expect(puts[2].write).toBe(true)
      expect(puts[2].path).toBe('/secrets/logged?api-version=2025-07-01')
    } finally {
      await emu.clearFaults()
    }
  })

  it('keeps vaults and secrets across a restart with the same state dir', async () => {
    await runEscrow(emu.info, 'secret-set', { vaultUrl: VAULT, name: 'survivor', value: 'still here' })
    await emu.stop()
    emu = await startEmulator({ stateDir })
    const out = await runEscrow<SecretOut>(emu.info, 'secret-get', { vaultUrl: VAULT, name: 'survivor' })
    expect(out.value).toBe('still here')
    expect(
      (await rawRequest(emu.info, 'https://kv-shared-read.vault.azure.net/secrets?api-version=7.5')).status
    ).toBe(401)
  })
})
