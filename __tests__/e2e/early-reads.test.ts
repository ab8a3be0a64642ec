/**
 * End to end: the steps' reads start early and are shared (src/engine/prefetch.ts, reads.ts), while the steps
 * still run in order. An HSM that is not active yet gets no data-plane read before its activation; a
 * converged rerun reads each resource once, sends the later steps' reads beside the earlier ones', and logs
 * its steps in the order of `steps`.
 */
import { describe, expect, it } from '@jest/globals'
import type { RequestLogEntry } from '../../emulator/testing.js'
import { errorsOf } from '../../scripts/local-runner.js'
import { mark, useScenario } from './harness.js'

const hsm = 'early-reads'
const VM_PRINCIPAL = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'

const s = useScenario({
  hsm,
  stores: 'both',
  keys: 'escrow vault',
  inputs: () => ({
    steps: 'provision,activate,rbac,key',
    'escrow-same-store': 'accept',
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM_PRINCIPAL} | /keys/KeyEncryptionKey`,
    'release-policy-preset': 'sev-snp-cvm'
  })
})

const onHsm = (r: RequestLogEntry): boolean => r.host === `${hsm}.managedhsm.azure.net`
const start = (r: RequestLogEntry): number => Date.parse(r.time) - r.durationMs
const end = (r: RequestLogEntry): number => Date.parse(r.time)

/** GETs sent more than once with the same URL and answer (a 401 challenge and its retry are one read). */
function repeated(requests: RequestLogEntry[]): string[] {
  const seen = new Map<string, number>()
  for (const r of requests)
    if (r.method === 'GET' && r.status !== 401 && !/login|githubusercontent/.test(r.host)) {
      const k = `${r.host}${r.path} ${r.status}`
      seen.set(k, (seen.get(k) ?? 0) + 1)
    }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${n}× ${k}`)
}

describe('reads started early', () => {
  it('send no data-plane read to an HSM that is not active before it is activated', async () => {
    expect(errorsOf(await s.run(s.inputs({ steps: 'provision' })))).toEqual([])
    const since = await mark(s.emu)
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    const requests = await s.emu.requests(since)
    const download = requests.findIndex(
      r => onHsm(r) && r.method === 'POST' && /securitydomain\/download/.test(r.path)
    )
    expect(download).toBeGreaterThan(-1)
    const before = requests.slice(0, download).filter(r => onHsm(r) && !/securitydomain/.test(r.path))
    expect(before.map(r => `${r.method} ${r.path}`)).toEqual([])
  })

  it('a converged rerun reads each resource once, writes nothing, and logs its steps in order', async () => {
    const since = await mark(s.emu)
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    const requests = await s.emu.requests(since)
    expect(requests.filter(r => r.write)).toEqual([])
    expect(repeated(requests)).toEqual([])
    const firstLine = (step: string): number => run.stdout.search(new RegExp(`^${step}: `, 'm'))
    const order = ['activate', 'rbac', 'key'].map(firstLine)
    expect(order.every(i => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('mode: verify reads each escrow object once for the plan and the proof', async () => {
    const since = await mark(s.emu)
    const run = await s.run(s.inputs({ mode: 'verify' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/verify: in sync/)
    expect(repeated(await s.emu.requests(since))).toEqual([])
  })

  it('sends the key step’s read beside the rbac step’s, not after it', async () => {
    await s.emu.setFaults([{ host: '.', latencyMs: 100 }])
    let requests: RequestLogEntry[]
    try {
      const since = await mark(s.emu)
      expect(errorsOf(await s.run(s.inputs()))).toEqual([])
      requests = await s.emu.requests(since)
    } finally {
      await s.emu.clearFaults()
    }
    const key = requests.find(r => onHsm(r) && /^\/keys\/KeyEncryptionKey/.test(r.path) && r.status === 200)
    const assignments = requests.find(r => onHsm(r) && /roleAssignments/.test(r.path) && r.status === 200)
    expect(key && assignments).toBeTruthy()
    // Overlapping in time: the key's read left before the rbac step's last read came back.
    expect(start(key!)).toBeLessThan(end(assignments!))
  })

  it('verify sends every read beside the HSM’s ARM read; apply holds its data-plane reads until ARM answers', async () => {
    // The HSM's own ARM read answers slowly: what waits for it starts after it ends.
    await s.emu.setFaults([
      { host: 'management', path: `/managedHSMs/${hsm}\\?`, method: 'GET', latencyMs: 1500 }
    ])
    const runs: Record<string, RequestLogEntry[]> = {}
    try {
      for (const mode of ['verify', 'apply']) {
        const since = await mark(s.emu)
        const run = await s.run(s.inputs({ mode }))
        expect(run.code).toBe(0)
        runs[mode] = await s.emu.requests(since)
      }
    } finally {
      await s.emu.clearFaults()
    }
    const hsmReadOf = (mode: string) =>
      runs[mode].find(
        r => r.path.startsWith(`/subscriptions/`) && r.path.split('?')[0].endsWith(`/managedHSMs/${hsm}`)
      )
    /** The HSM's data-plane requests that reached it before ARM had answered for it. */
    const dataPlaneBeforeArm = (mode: string) =>
      runs[mode].filter(r => onHsm(r) && start(r) < end(hsmReadOf(mode)!)).map(r => r.path.split('?')[0])
    const startsOf = (mode: string) => {
      const hsmRead = hsmReadOf(mode)
      const first = (re: RegExp) => runs[mode].find(r => re.test(r.path))
      const early = {
        'disk encryption sets': first(/diskEncryptionSets/),
        'audit setting': first(/diagnosticSettings/),
        'escrow storage account': first(/Microsoft\.Storage\/storageAccounts\/[^/?]+\?/),
        'escrow vault': first(/Microsoft\.KeyVault\/vaults\//)
      }
      return Object.fromEntries(
        Object.entries(early).map(([k, r]) => [k, r ? start(r) < end(hsmRead!) : 'not sent'])
      )
    }
    expect(startsOf('verify')).toEqual({
      'disk encryption sets': true,
      'audit setting': true,
      'escrow storage account': true,
      'escrow vault': true
    })
    // verify expects an active HSM at the one URI ARM may name: its data-plane reads go at once (the key among them).
    expect(dataPlaneBeforeArm('verify')).toContain('/keys/KeyEncryptionKey/')
    // apply may find no HSM or one to activate: its data-plane requests wait at their token until ARM shows the HSM
    // active (engine/prefetch.ts); its reads of ARM (the subscription's sets) need no such answer.
    expect(dataPlaneBeforeArm('apply')).toEqual([])
    expect(runs.apply.filter(onHsm).length).toBeGreaterThan(0)
    expect(startsOf('apply')['disk encryption sets']).toBe(true)
  })

  it('fetches the key’s attestation as soon as the key is read, beside the escrow checks (not in plan)', async () => {
    // The escrow's blob answers slowly: an attestation fetched in the key step's turn would leave after it.
    await s.emu.setFaults([{ host: 'blob', latencyMs: 1500 }])
    const runs: Record<string, RequestLogEntry[]> = {}
    try {
      for (const mode of ['apply', 'verify', 'plan']) {
        const since = await mark(s.emu)
        const run = await s.run(s.inputs({ mode }))
        expect(mode === 'verify' ? run.code : errorsOf(run)).toEqual(mode === 'verify' ? 0 : [])
        runs[mode] = await s.emu.requests(since)
      }
    } finally {
      await s.emu.clearFaults()
    }
    for (const mode of ['apply', 'verify']) {
      const attestation = runs[mode].filter(r => onHsm(r) && /\/attestation$/.test(r.path.split('?')[0]))
      const escrow = runs[mode].filter(r => r.host.includes('.blob.') && r.method === 'GET')
      expect([mode, attestation.length, escrow.length > 0]).toEqual([mode, 1, true])
      expect(start(attestation[0])).toBeLessThan(Math.min(...escrow.map(end)))
    }
    expect(runs.plan.filter(r => /\/attestation/.test(r.path))).toEqual([])
  })
})
