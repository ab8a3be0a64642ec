/**
 * Connection reuse through an HTTPS proxy (issue 29 §1): every Azure client of a run shares one kept-alive
 * connection pool per host (src/shared/connections.ts). Before, each SDK pipeline made its own proxy agent
 * without keep-alive, and every request paid a CONNECT and a TLS handshake. Judged from the emulator's side:
 * the connections its proxy accepted per host against the requests to that host. And the connections a run will
 * need are opened while its tokens are fetched (src/shared/warm-agents.ts): the request log's setupMs says whether
 * a host's first request waited for its connection.
 */
import { describe, expect, it } from '@jest/globals'
import { errorsOf } from '../../scripts/local-runner.js'
import { connectionsPerHost } from '../../scripts/bench/action.js'
import { useScenario } from './harness.js'

const HSM = 'connections-e2e'
const s = useScenario({ hsm: HSM, inputs: { 'release-policy-preset': 'sev-snp-cvm' } })

/**
 * Hosts reached through clients the action does not make: GitHub's token service (the toolkit's own client).
 * Blob storage is in: the storage SDK's clients are given the run's agent for their host (storageClientOptions).
 */
const OWN_CLIENTS = /\.actions\.githubusercontent\.com$/

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

  it('opens the connections the run needs while its tokens are fetched: the first request to ARM, Entra and the HSM finds one ready', async () => {
    // New connections slow (a network's set-up), and the GitHub token slower still, so that a connection opened
    // at the start is ready before any request to the host can be sent (each needs a token).
    const connectMs = 800
    await s.emu.setFaults([
      { host: 'pipelines\\.actions\\.githubusercontent\\.com', latencyMs: 1500 },
      {
        host: `^(management\\.azure\\.com|login\\.microsoftonline\\.com|${HSM}\\.managedhsm\\.azure\\.net)$`,
        connectMs
      }
    ])
    const since = (await s.emu.requests()).length
    const before = await connections()
    let run
    try {
      run = await s.run(s.inputs())
    } finally {
      await s.emu.clearFaults()
    }
    expect(errorsOf(run)).toEqual([])
    const entries = (await s.emu.requests(since)).filter(e => e.method !== 'CONNECT')
    const arrived = (e: (typeof entries)[number]) => Date.parse(e.time) - e.durationMs
    const after = await connections()
    const hosts = ['management.azure.com', 'login.microsoftonline.com', `${HSM}.managedhsm.azure.net`]
    const firsts = hosts.map(host => {
      const first = entries.filter(e => e.host === host).sort((a, b) => arrived(a) - arrived(b))[0]
      return { host, setupMs: first?.setupMs ?? -1 }
    })
    // Each first request found its connection there before it, where one opened on demand waits connectMs.
    expect(firsts.filter(f => !(f.setupMs >= 0 && f.setupMs < connectMs / 4))).toEqual([])
    // And none opened ahead went unused: at most one new connection per request, per host.
    const unused = hosts.filter(
      host => (after[host] ?? 0) - (before[host] ?? 0) > entries.filter(e => e.host === host).length
    )
    expect(unused).toEqual([])
  })

  it('a converged rerun and a verify open a connection only when every other to its host is busy', async () => {
    // Their reads go out in waves of concurrent requests (a verify in one, once the tokens are there): each request
    // of a wave needs a connection of its own, so none opened beyond the most requests in flight at once.
    // As the bench measures it (scripts/bench.ts): 100 ms round trips and 300 ms to set up a connection, so that
    // requests the run sends together are in flight together at the emulator too, counted from their connection's
    // set-up (a request waits for it), however busy the machine.
    await s.emu.setFaults([
      { host: '.', latencyMs: 100 },
      { host: '.', connectMs: 300 }
    ])
    try {
      for (const inputs of [s.inputs(), s.inputs({ mode: 'verify' })]) {
        const since = (await s.emu.requests()).length
        const before = await connections()
        const run = await s.run(inputs)
        expect(errorsOf(run)).toEqual([])
        const perHost = connectionsPerHost(await s.emu.requests(since), before, await connections())
        expect(perHost.map(h => h.host)).toContain(`${HSM}.managedhsm.azure.net`)
        expect(perHost.filter(h => h.connections > h.peak)).toEqual([])
      }
    } finally {
      await s.emu.clearFaults()
    }
  })
})
