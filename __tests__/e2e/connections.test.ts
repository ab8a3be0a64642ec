/**
 * Connection reuse through an HTTPS proxy (issue 29 §1): every Azure client of a run shares one kept-alive
 * connection pool per host (src/azure/connections.ts). Before, each SDK pipeline made its own proxy agent
 * without keep-alive, and every request paid a CONNECT and a TLS handshake. Judged from the emulator's side:
 * the connections its proxy accepted per host against the requests to that host.
 */
import { describe, expect, it } from '@jest/globals'
import { errorsOf } from '../../scripts/local-runner.js'
import { useScenario } from './harness.js'

const HSM = 'connections-e2e'
const s = useScenario({ hsm: HSM, inputs: { 'release-policy-preset': 'sev-snp-cvm' } })

/**
 * Hosts reached through clients the action does not make: GitHub's token service (the toolkit's own client)
 * and Blob storage (the storage SDK's options take an older HTTP client type; it keeps its own).
 */
const OWN_CLIENTS = /\.actions\.githubusercontent\.com$|\.blob\.core\.windows\.net$/

async function connections(): Promise<Record<string, number>> {
  return ((await s.emu.control('/connections')) as { connections: Record<string, number> }).connections
}

/** Runs the action; returns, per host its own clients reached, the requests and the new connections. */
async function measured(inputs: Record<string, string>) {
  const since = (await s.emu.requests()).length
  const before = await connections()
  const run = await s.run(inputs)
  expect(errorsOf(run)).toEqual([])
  const after = await connections()
  const entries = (await s.emu.requests(since)).filter(
    e => e.method !== 'CONNECT' && !OWN_CLIENTS.test(e.host)
  )
  const hosts = [...new Set(entries.map(e => e.host))].map(host => ({
    host,
    requests: entries.filter(e => e.host === host).length,
    connections: (after[host] ?? 0) - (before[host] ?? 0)
  }))
  const sum = (k: 'requests' | 'connections') => hosts.reduce((n, h) => n + h[k], 0)
  return { hosts, requests: sum('requests'), connections: sum('connections') }
}

describe('connections to Azure through an HTTPS proxy', () => {
  it('a fresh apply reuses them: fewer than half as many connections as requests', async () => {
    const m = await measured(s.inputs())
    expect(m.hosts.map(h => h.host)).toEqual(
      expect.arrayContaining([
        'management.azure.com',
        'login.microsoftonline.com',
        `${HSM}.managedhsm.azure.net`
      ])
    )
    for (const h of m.hosts) expect(h.connections).toBeLessThanOrEqual(h.requests)
    expect(m.connections).toBeLessThan(m.requests / 2)
    // The hosts with the most requests: ARM and the HSM each went over a few connections.
    for (const host of ['management.azure.com', `${HSM}.managedhsm.azure.net`]) {
      const h = m.hosts.find(x => x.host === host)
      expect(h?.connections).toBeLessThan((h?.requests ?? 0) / 2)
    }
  })

  it('so do a converged rerun and a verify', async () => {
    for (const inputs of [s.inputs(), s.inputs({ mode: 'verify' })]) {
      const m = await measured(inputs)
      expect(m.connections).toBeLessThan(m.requests)
    }
  })
})
