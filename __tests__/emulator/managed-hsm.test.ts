/** The Managed HSM data plane: host resolution, the bearer challenge, activation gating. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient } from './helpers.js'

let emu: RunningEmulator
const NAME = 'hsm-data'
const HOST = `https://${NAME}.managedhsm.azure.net`

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  await runClient(emu.info, 'hsm-create', { name: NAME })
})
afterAll(async () => {
  await emu?.stop()
})

describe('host resolution', () => {
  it('refuses CONNECT to an HSM that does not exist, as if DNS failed', async () => {
    expect(
      (await rawRequest(emu.info, 'https://no-such-hsm.managedhsm.azure.net/keys?api-version=7.5')).status
    ).toBe(502)
  })

  it('does not resolve an HSM while it is still provisioning', async () => {
    await emu.setSettings({ provisioningSeconds: 30 })
    try {
      const put = await runClient<{ token: string }>(emu.info, 'raw-token', {
        scope: 'https://management.azure.com/.default'
      })
      const res = await rawRequest(
        emu.info,
        `https://management.azure.com/subscriptions/${emu.info.subscriptionId}/resourceGroups/rg-skr-demo/providers/Microsoft.KeyVault/managedHSMs/hsm-slow?api-version=2024-11-01`,
        {
          method: 'PUT',
          headers: { authorization: `Bearer ${put.token}` },
          body: JSON.stringify({
            location: 'westeurope',
            sku: { family: 'B', name: 'Standard_B1' },
            properties: {
              tenantId: emu.info.tenantId,
              initialAdminObjectIds: [emu.info.principalId],
              softDeleteRetentionInDays: 7
            }
          })
        }
      )
      expect(res.status).toBe(202)
      expect(
        (await rawRequest(emu.info, 'https://hsm-slow.managedhsm.azure.net/keys?api-version=7.5')).status
      ).toBe(502)
    } finally {
      await emu.setSettings({ provisioningSeconds: 0 })
    }
  })
})

describe('authentication', () => {
  it('challenges a token-less GET with the exact header and the body "OK"', async () => {
    const res = await rawRequest(emu.info, `${HOST}/securitydomain/download/pending?api-version=7.5`)
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe(
      `Bearer authorization="https://login.microsoftonline.com/${emu.info.tenantId}", resource="https://managedhsm.azure.net"`
    )
    expect(res.body).toBe('OK')
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.headers['x-ms-keyvault-region']).toBe('westeurope')
  })

  it('challenges a token-less POST with an empty body', async () => {
    const res = await rawRequest(emu.info, `${HOST}/securitydomain/download?api-version=7.5`, {
      method: 'POST',
      body: '{}'
    })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/resource="https:\/\/managedhsm\.azure\.net"$/)
    expect(res.body).toBe('')
  })

  it('refuses a token for another resource, still with the challenge', async () => {
    const { token } = await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://management.azure.com/.default'
    })
    const res = await rawRequest(emu.info, `${HOST}/keys?api-version=7.5`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/^Bearer authorization=/)
    expect(JSON.parse(res.body).error.code).toBe('Unauthorized')
  })

  it('completes the challenge flow of keyVaultAuthenticationPolicy', async () => {
    const since = (await emu.requests()).length
    const out = await runClient<{ status: number; body: string }>(emu.info, 'mhsm-request', {
      name: NAME,
      path: '/keys?api-version=7.5'
    })
    // Not activated yet: the token was accepted, the operation refused.
    expect(out.status).toBe(403)
    expect(JSON.parse(out.body).error.code).toBe('Forbidden')
    const log = (await emu.requests(since)).filter(e => e.host === `${NAME}.managedhsm.azure.net`)
    expect(log.map(e => e.status)).toEqual([401, 403])
    expect(log[0].callerOid).toBeUndefined()
    expect(log[1].callerOid).toBe(emu.info.principalId)
  })
})

describe('activation', () => {
  it('lets security-domain requests through before activation and gates everything else', async () => {
    const sd = await runClient<{ status: number }>(emu.info, 'mhsm-request', {
      name: NAME,
      path: '/securitydomain/download/pending?api-version=7.5'
    })
    expect(sd.status).not.toBe(403)
    expect(sd.status).not.toBe(401)
    const rbac = await runClient<{ status: number; body: string }>(emu.info, 'mhsm-request', {
      name: NAME,
      path: '/providers/Microsoft.Authorization/roleDefinitions?api-version=7.4'
    })
    expect(rbac.status).toBe(403)
    expect(JSON.parse(rbac.body).error.message).toMatch(/not activated/)
  })

  it('stops gating once the HSM is active, and ARM reports it active', async () => {
    await emu.control(`/hsms/${NAME}/activation`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'Active' })
    })
    // The initial administrator may read role definitions once active (but not keys: see rbac.test.ts).
    const out = await runClient<{ status: number }>(emu.info, 'mhsm-request', {
      name: NAME,
      path: '/providers/Microsoft.Authorization/roleDefinitions?api-version=7.4'
    })
    expect(out.status).toBe(200)
    const hsm = await runClient<{
      hsm: {
        properties: {
          securityDomainProperties: { activationStatus: string; activationStatusMessage: string }
        }
      }
    }>(emu.info, 'hsm-get', { name: NAME })
    expect(hsm.hsm.properties.securityDomainProperties).toEqual({
      activationStatus: 'Active',
      activationStatusMessage: 'Your HSM has been activated and can be used for cryptographic operations.'
    })
  })

  it('stops resolving the host once the HSM is deleted', async () => {
    await runClient(emu.info, 'hsm-delete', { name: NAME })
    expect((await rawRequest(emu.info, `${HOST}/keys?api-version=7.5`)).status).toBe(502)
  })
})
