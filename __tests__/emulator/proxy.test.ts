/** The emulator process: its JSON line, the CONNECT proxy, the control API and restarts. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient } from './helpers.js'

let emu: RunningEmulator
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 1 })
})
afterAll(async () => {
  await emu?.stop()
})

describe('startup', () => {
  it('prints one JSON line with everything a client needs', () => {
    const info = emu.info
    expect(info.proxy).toBe(`http://127.0.0.1:${info.port}`)
    expect(info.controlUrl).toBe(`${info.proxy}/_emulator`)
    expect(isAbsolute(info.caCert) && existsSync(info.caCert)).toBe(true)
    expect(readFileSync(info.caCert, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
    for (const id of [info.tenantId, info.subscriptionId, info.clientId, info.principalId])
      expect(id).toMatch(GUID)
    expect(info.oidcRequestUrl).toMatch(
      /^https:\/\/pipelines\.actions\.githubusercontent\.com\/.+\/_apis\/distributedtask\/hubs\/Actions\/plans\/[0-9a-f-]{36}\/jobs\/[0-9a-f-]{36}\/idtoken\?api-version=2\.0$/
    )
    expect(info.oidcRequestToken.length).toBeGreaterThan(40)
    expect(info.oidcSubject).toBe('repo:contoso/hsm-bootstrap:environment:production')
    expect(info.resourceGroup).toBe('rg-skr-demo')
    expect(info.location).toBe('westeurope')
    expect(info.caCert.startsWith(info.stateDir)).toBe(true)
  })

  it('answers the health check', async () => {
    expect(await emu.control('/health')).toMatchObject({ status: 'ok' })
  })
})

describe('proxy', () => {
  it('refuses CONNECT to a host it does not emulate with 502', async () => {
    const res = await rawRequest(emu.info, 'https://example.com/')
    expect(res.status).toBe(502)
    const log = await emu.requests()
    expect(log.at(-1)).toMatchObject({ method: 'CONNECT', host: 'example.com', status: 502, write: false })
  })

  it('presents a certificate for the real host name, issued by its CA', async () => {
    const res = await rawRequest(
      emu.info,
      'https://login.microsoftonline.com/common/discovery/instance?api-version=1.1'
    )
    expect(res.status).toBe(200)
  })

  it('is not an open HTTP proxy', async () => {
    const res = await fetch(`${emu.info.proxy}/something`)
    expect(res.status).toBe(400)
  })
})

describe('control API', () => {
  it('exposes state without secrets', async () => {
    const state = await emu.control<Record<string, unknown>>('/state')
    const text = JSON.stringify(state)
    expect(text).toContain(emu.info.clientId)
    expect(text).not.toContain(emu.info.oidcRequestToken)
    expect(text).not.toMatch(/PRIVATE KEY/)
    expect(state.resourceGroups).toEqual([
      expect.objectContaining({ name: 'rg-skr-demo', location: 'westeurope' })
    ])
  })

  it('validates settings', async () => {
    await expect(emu.setSettings({ provisioningSeconds: 'x' as unknown as number })).rejects.toThrow(
      /must be a number/
    )
    expect((await emu.setSettings({ rbacPropagationSeconds: 4 })).rbacPropagationSeconds).toBe(4)
  })
})

describe('restart with the same state dir', () => {
  it('keeps the CA, the apps, the tokens it issued and the HSMs', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'emu-restart-'))
    const first = await startEmulator({ stateDir, provisioningSeconds: 0 })
    let second: RunningEmulator | undefined
    try {
      const created = await runClient<{ hsm: { name: string } }>(first.info, 'hsm-create', {
        name: 'hsm-restart'
      })
      expect(created.hsm.name).toBe('hsm-restart')
      const { token } = await runClient<{ token: string }>(first.info, 'raw-token', {
        scope: 'https://management.azure.com/.default'
      })
      const ca = readFileSync(first.info.caCert, 'utf8')
      await first.stop()

      second = await startEmulator({ stateDir })
      expect(readFileSync(second.info.caCert, 'utf8')).toBe(ca)
      expect(second.info.oidcRequestToken).toBe(first.info.oidcRequestToken)
      expect(second.info.port).not.toBe(0)
      const url =
        `https://management.azure.com/subscriptions/${second.info.subscriptionId}/resourceGroups/rg-skr-demo` +
        '/providers/Microsoft.KeyVault/managedHSMs/hsm-restart?api-version=2024-11-01'
      const res = await rawRequest(second.info, url, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body).properties.provisioningState).toBe('Succeeded')
      const viaSdk = await runClient<{ hsm: { properties: { hsmUri: string } } }>(second.info, 'hsm-get', {
        name: 'hsm-restart'
      })
      expect(viaSdk.hsm.properties.hsmUri).toBe('https://hsm-restart.managedhsm.azure.net/')
      // The request log continues where it stopped.
      const log = await second.requests()
      expect(log.some(e => e.method === 'PUT' && e.path.includes('hsm-restart'))).toBe(true)
    } finally {
      await first.stop()
      await second?.stop()
    }
  })
})
