/**
 * Reliability: the action killed (SIGKILL, as when a runner is cancelled or its VM dies) at each step
 * boundary and in the middle of each long wait (creation, escrow, activation), then run again.
 *
 * One chain of runs on one HSM, each killed at a later point than the one before and resumed by the next,
 * must converge: one HSM, one download, Active, the security domain escrowed in both stores and
 * recoverable with the escrowed keys, no duplicate role assignment, one key version, verify converged.
 * A run killed between the download and the escrow cannot converge: the rerun must say why, precisely.
 * A rerun that finds the activation still under way must wait for it, not download again.
 */
import { describe, expect, it } from '@jest/globals'
import type { RunningEmulator } from '../../emulator/testing.js'
import { errorsOf } from '../../scripts/local-runner.js'
import { parseKeyBundle } from '../../src/escrow/key-bundle.js'
import { recoverableSubsets } from '../../src/security-domain/index.js'
import {
  countOk,
  dataPlaneState,
  duplicateAssignments,
  expectSuccess,
  Figures,
  fullInputs,
  mark,
  readEscrow,
  readFullEscrow,
  recorded,
  suiteEmulator,
  run,
  sdBlobUrl,
  sdSecretUrl,
  successfulWrites,
  visible,
  VM_PRINCIPAL,
  type ActionRunEx,
  type EmulatorInfo,
  type StartOptions
} from './harness.js'

let emu: RunningEmulator
let info: EmulatorInfo
const figures = new Figures('crash')

suiteEmulator(figures, { provisioningSeconds: 1, activationSeconds: 1 }, e => {
  emu = e
  info = e.info
})

async function until(ready: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await ready())) {
    if (Date.now() > deadline) return
    await new Promise(r => setTimeout(r, 200))
  }
}

/** Runs the action and SIGKILLs it at the point; fails when the point was never reached. */
async function killAt(hsm: string, point: string, opts: StartOptions): Promise<ActionRunEx> {
  const r = await run(info, fullInputs(info, hsm), opts)
  if (r.signal !== 'SIGKILL')
    throw new Error(
      `the run was meant to be killed at "${point}" but ended first (exit ${r.code}):\n` +
        (errorsOf(r).join('\n') || visible(r).slice(-3000))
    )
  figures.add('crashPoints')
  figures.record(`killed at: ${point}`, true, r.killedAt?.trim())
  return r
}

async function expectConverged(hsm: string, since: number): Promise<void> {
  const seen = await emu.requests(since)
  // One HSM: created once, listed once.
  expect(countOk(seen, 'PUT', new RegExp(`/managedHSMs/${hsm}\\?`))).toBe(1)
  const state = await emu.control<{ hsms: Array<{ name: string }> }>('/state')
  expect(state.hsms.filter(h => h.name === hsm)).toHaveLength(1)
  // One activation, Active.
  expect(countOk(seen, 'POST', /\/securitydomain\/download\?/, new RegExp(`^${hsm}\\.`))).toBe(1)
  const dp = await dataPlaneState(emu, hsm)
  expect(dp.activationStatus).toBe('Active')
  // No duplicate role assignment; the workload's and the action's own are there once.
  expect(duplicateAssignments(dp)).toEqual([])
  expect(dp.roleAssignments.filter(a => a.principalId.toLowerCase() === VM_PRINCIPAL)).toHaveLength(1)
  expect(
    dp.roleAssignments.filter(a => a.principalId.toLowerCase() === info.principalId && a.scope === '/keys')
  ).toHaveLength(1)
  // One key, one version.
  expect(dp.keys.map(k => [k.name, k.versions.length])).toEqual([['KeyEncryptionKey', 1]])
  // The security domain is in both stores, identical, and a quorum of the escrowed keys recovers it.
  const escrow = await readFullEscrow(info, hsm)
  expect(escrow.blob.value).toBeDefined()
  expect(escrow.secret.value).toBe(escrow.blob.value)
  const keys = escrow.keys.map(k => parseKeyBundle(k.value ?? ''))
  expect(keys.every(Boolean)).toBe(true)
  expect(recoverableSubsets(escrow.blob.value as string, keys as never).allRecover).toBe(true)
  // verify agrees, and writes nothing.
  const vSince = await mark(emu)
  const v = await run(info, { ...fullInputs(info, hsm), mode: 'verify' })
  expectSuccess(v)
  expect(JSON.parse(v.outputs.drift).status).toBe('converged')
  expect(successfulWrites(await emu.requests(vSince))).toEqual([])
}

describe('killed at every step boundary and inside the creation and escrow waits, then rerun', () => {
  it('a chain of killed runs converges', async () => {
    await recorded(figures, 'chain of 7 kills converges', async () => {
      const hsm = 'crash-chain'
      const since = await mark(emu)
      // 1. In the middle of the creation wait (creation takes 4 s here).
      await emu.setSettings({ provisioningSeconds: 4 })
      await killAt(hsm, 'creation wait', { killOn: /Managed HSM creation:/ })
      // 2. The rerun waits for the creation it finds under way; killed at the provision -> activate boundary.
      await killAt(hsm, 'provision -> activate', { killOn: /^::group::activate/ })
      await emu.setSettings({ provisioningSeconds: 1 })
      // 3. Wrapping keys generated, being escrowed.
      await killAt(hsm, 'wrapping keys being escrowed', { killOn: /wrapping key \d\/3 escrowed/ })
      // 4. Inside the escrow: the blob is written, the Key Vault secret (slowed down) not yet.
      await emu.setFaults([
        {
          host: '\\.vault\\.azure\\.net$',
          method: 'PUT',
          path: `/secrets/${hsm}-sd\\?`,
          latencyMs: 8000,
          reset: true, // the write never lands: the client is gone by then
          times: 1
        }
      ])
      try {
        await killAt(hsm, 'security domain escrowed to one store of two', {
          killOn: /security domain downloaded/,
          killDelayMs: 1500
        })
      } finally {
        await emu.clearFaults()
      }
      const half = await readEscrow(info, [
        { kind: 'blob', url: sdBlobUrl(info, hsm) },
        { kind: 'secret', url: sdSecretUrl(info, hsm) }
      ])
      expect([!!half[0].value, !!half[1].missing]).toEqual([true, true]) // really half-way
      // 5. The activate -> rbac boundary (the rerun copies the escrow to the store that lacks it).
      await killAt(hsm, 'activate -> rbac', { killOn: /^::group::rbac/ })
      // 6. The rbac -> key boundary.
      await killAt(hsm, 'rbac -> key', { killOn: /^::group::key/ })
      // 7. While the key is being created.
      await killAt(hsm, 'key creation in flight', { killOn: /^key: create exportable/, killDelayMs: 100 })
      // The service finishes a create whose client died; a rerun that read the key before then would
      // rightly make another, in Azure too. A rerun comes later than that (or the create never left).
      await until(
        async () => (await dataPlaneState(emu, hsm)).keys.some(k => k.name === 'KeyEncryptionKey'),
        5000
      )
      // The last run completes.
      const last = await run(info, fullInputs(info, hsm))
      expectSuccess(last)
      await expectConverged(hsm, since)
      figures.add('crashPointsConverged', 7)
    })
  }, 300_000)
})

describe('killed after the download, before any escrow', () => {
  it('the rerun says precisely that the HSM is active without an escrow, and what to do', async () => {
    await recorded(figures, 'killed between download and escrow: rerun explains', async () => {
      const hsm = 'crash-dl'
      // Both escrow writes are slow, so the kill lands after the download and before any escrow.
      await emu.setFaults([
        {
          host: '\\.vault\\.azure\\.net$',
          method: 'PUT',
          path: `/secrets/${hsm}-sd\\?`,
          latencyMs: 5000,
          reset: true,
          times: 1
        },
        {
          host: '\\.blob\\.core\\.windows\\.net$',
          method: 'PUT',
          path: `/${hsm}/sd\\.json(\\?|$)`,
          latencyMs: 5000,
          reset: true,
          times: 1
        }
      ])
      try {
        await killAt(hsm, 'security domain downloaded, not escrowed', {
          killOn: /security domain downloaded/
        })
      } finally {
        await emu.clearFaults()
      }
      const escrow = await readFullEscrow(info, hsm)
      expect([escrow.blob.missing, escrow.secret.missing]).toEqual([true, true])
      await new Promise(r => setTimeout(r, 1500)) // the activation completes in Azure
      const r = await run(info, fullInputs(info, hsm))
      expect(r.code).toBe(1)
      const message = errorsOf(r).join('\n')
      expect(message).toMatch(
        new RegExp(`Managed HSM '${hsm}' is active, but no configured security-domain-store holds`)
      )
      expect(message).toContain(sdBlobUrl(info, hsm))
      expect(message).toContain(sdSecretUrl(info, hsm))
      expect(message).toMatch(/What to do: \S/)
      figures.add('crashPointsExplained')
    })
  }, 120_000)
})

describe('killed in the middle of the activation wait', () => {
  it('the rerun waits for the activation under way instead of downloading again, and converges', async () => {
    await recorded(figures, 'killed in the activation wait: rerun converges', async () => {
      const hsm = 'crash-act'
      const since = await mark(emu)
      await emu.setSettings({ activationSeconds: 8 })
      try {
        await killAt(hsm, 'activation wait', { killOn: /proof: every/, killDelayMs: 300 })
        expect((await dataPlaneState(emu, hsm)).activationStatus).not.toBe('Active')
        const r = await run(info, fullInputs(info, hsm))
        expectSuccess(r)
      } finally {
        await emu.setSettings({ activationSeconds: 1 })
      }
      await expectConverged(hsm, since)
      figures.add('crashPointsConverged')
    })
  }, 180_000)
})
