/**
 * End to end: the Key Vault and Managed HSM data planes get the token on the first request
 * (src/auth/data-plane-auth.ts), so a converged rerun is never answered with a 401 challenge; and a
 * resource of another tenant still goes through the challenge, whose tenant the action names, without
 * signing in there.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { errorsOf } from '../../scripts/local-runner.js'
import { mark, useScenario } from './harness.js'

const hsm = 'auth-e2e'
const OTHER_TENANT = '7c3e9a1b-2d4f-4e6a-8b0c-1d2e3f4a5b6c'
const DATA_PLANE = /\.(vault|managedhsm)\.azure\.net$/

const s = useScenario({ hsm, stores: 'both', inputs: { 'release-policy-preset': 'sev-snp-cvm' } })

beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
  expect(run.code).toBe(0)
})

describe('a converged rerun', () => {
  it('sends every Key Vault and Managed HSM request with its token: no 401 challenge', async () => {
    const since = await mark(s.emu)
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    const dataPlane = (await s.emu.requests(since)).filter(r => DATA_PLANE.test(r.host))
    // The three clients that each paid a challenge before: the escrow vault's SecretClient, the HSM's
    // data-plane pipeline (RBAC) and its KeyClient (the key).
    expect(dataPlane.some(r => r.host === new URL(s.info.keyVaultUrl).host)).toBe(true)
    expect(dataPlane.some(r => r.path.startsWith('/providers/Microsoft.Authorization/'))).toBe(true)
    expect(dataPlane.some(r => r.path.startsWith('/keys/'))).toBe(true)
    expect(dataPlane.filter(r => r.status === 401)).toEqual([])
    expect(dataPlane.filter(r => r.write)).toEqual([])
  })
})

describe('a resource in another tenant', () => {
  it('an HSM ARM reports in another tenant is left to its challenge, and the run names both tenants', async () => {
    await s.emu.control(`/hsms/${hsm}/tenant`, {
      method: 'PUT',
      body: JSON.stringify({ tenantId: OTHER_TENANT })
    })
    try {
      const since = await mark(s.emu)
      const run = await s.run(s.inputs())
      expect(run.code).not.toBe(0)
      const error = errorsOf(run).join('\n')
      expect(error).toContain(`asked for a token issued by tenant ${OTHER_TENANT}`)
      expect(error).toContain(`tenant-id is ${s.info.tenantId}`)
      const seen = await s.emu.requests(since)
      const onHsm = seen.filter(r => r.host === `${hsm}.managedhsm.azure.net`)
      // The SDK's bodiless first request, answered with the challenge naming the HSM's tenant; nothing served.
      expect(onHsm.length).toBeGreaterThan(0)
      expect(onHsm.filter(r => r.status !== 401)).toEqual([])
      // No sign-in was attempted in the tenant the challenge named.
      expect(seen.filter(r => r.path.includes(OTHER_TENANT))).toEqual([])
    } finally {
      await s.emu.control(`/hsms/${hsm}/tenant`, {
        method: 'PUT',
        body: JSON.stringify({ tenantId: s.info.tenantId })
      })
    }
  })

  it('a vault in another tenant answers the pre-authorised request with its challenge, which is followed', async () => {
    const vault = 'kv-other-tenant'
    await s.emu.control(`/vaults/${vault}`, {
      method: 'PUT',
      body: JSON.stringify({ tenantId: OTHER_TENANT })
    })
    const since = await mark(s.emu)
    const run = await s.run(
      s.inputs({
        'security-domain-store': `${s.urls().sdBlob()}\nhttps://${vault}.vault.azure.net/secrets/${hsm}-sd`
      })
    )
    expect(run.code).not.toBe(0)
    expect(errorsOf(run).join('\n')).toContain(`asked for a token issued by tenant ${OTHER_TENANT}`)
    const seen = await s.emu.requests(since)
    expect(seen.filter(r => r.host === `${vault}.vault.azure.net`).map(r => [r.method, r.status])).toEqual([
      ['GET', 401]
    ])
    expect(seen.filter(r => r.path.includes(OTHER_TENANT))).toEqual([])
  })

  it('works again once the HSM is back in the sign-in tenant, still without a challenge', async () => {
    const since = await mark(s.emu)
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    expect((await s.emu.requests(since)).filter(r => DATA_PLANE.test(r.host) && r.status === 401)).toEqual([])
  })
})
