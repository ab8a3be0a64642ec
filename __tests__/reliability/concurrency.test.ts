/**
 * Reliability: two runs of the same configuration at once (a deploy and a scheduled job) on a new HSM.
 * They must converge: one HSM, one activation (one security-domain download), an escrow that the escrowed
 * wrapping keys recover, no duplicate role assignment, one key version with the policy; each run either
 * succeeds or, if it lost a race, says so clearly. A third run then finds nothing to change.
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
  readFullEscrow,
  recorded,
  suiteEmulator,
  run as harnessRun,
  successfulWrites,
  visible,
  VM_PRINCIPAL,
  type ActionRunEx,
  type EmulatorInfo
} from './harness.js'

let emu: RunningEmulator
let info: EmulatorInfo
// The races here are decided within the action's settle pauses (the activation lease's, the key's): real ones.
const run: typeof harnessRun = (e, inputs, opts) => harnessRun(e, inputs, { realWaits: true, ...opts })
const figures = new Figures('concurrency')

// Creation and activation long enough that the second run arrives while they are under way.
suiteEmulator(figures, { provisioningSeconds: 4, activationSeconds: 6 }, e => {
  emu = e
  info = e.info
})

/**
 * A run that lost a race may fail, but only with a message that says what happened and what to do.
 * Returns what is wrong with its outcome (nothing when it is clear).
 */
function unclearOutcome(r: ActionRunEx): string | undefined {
  if (r.code === 0 && errorsOf(r).length === 0) return undefined
  const message = errorsOf(r).join('\n') || visible(r).slice(-3000)
  if (r.code !== 1) return `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}: ${message}`
  // Never the last resort of a security domain kept only in RUNNER_TEMP.
  if (/saved ONLY in/.test(message)) return `it kept a security domain only in RUNNER_TEMP:\n${message}`
  if (
    !/concurrent|another run|in progress|under way|already being/i.test(message) ||
    !/What to do: \S/.test(message)
  )
    return `it failed without saying it lost a race:\n${message}`
  return undefined
}

async function race(hsm: string, staggerMs: number) {
  const since = await mark(emu)
  const first = run(info, fullInputs(info, hsm))
  await new Promise(r => setTimeout(r, staggerMs))
  const second = run(info, fullInputs(info, hsm))
  const runs = await Promise.all([first, second])
  figures.add('concurrentRuns', 2)
  return { runs, since }
}

/** Every way the environment differs from one converged environment (empty when it converged). */
async function environmentProblems(hsm: string, since: number, runs: ActionRunEx[]): Promise<string[]> {
  const problems: string[] = []
  const check = async (what: string, body: () => unknown): Promise<void> => {
    try {
      await body()
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`)
    }
  }
  const seen = await emu.requests(since)
  const dp = await dataPlaneState(emu, hsm)
  // Whatever the interleaving, the escrowed security domain must be the same in both stores and the
  // escrowed keys must open it: this is the one that loses an HSM when it fails.
  const escrow = await readFullEscrow(info, hsm)
  await check('the escrow is the same in both stores', () =>
    expect(escrow.secret.value).toBe(escrow.blob.value)
  )
  await check('the escrowed keys recover the escrowed security domain', () => {
    const keys = escrow.keys.map(k => parseKeyBundle(k.value ?? ''))
    expect(keys.every(Boolean)).toBe(true)
    expect(recoverableSubsets(escrow.blob.value ?? '', keys as never).allRecover).toBe(true)
  })
  await check('one HSM', async () => {
    const state = await emu.control<{ hsms: Array<{ name: string }> }>('/state')
    expect(state.hsms.filter(h => h.name === hsm)).toHaveLength(1)
  })
  await check('Active', () => expect(dp.activationStatus).toBe('Active'))
  await check('one activation (security-domain downloads)', () =>
    expect(countOk(seen, 'POST', /\/securitydomain\/download\?/, new RegExp(`^${hsm}\\.`))).toBe(1)
  )
  await check('no duplicate role assignment', () => {
    expect(duplicateAssignments(dp)).toEqual([])
    expect(dp.roleAssignments.filter(a => a.principalId.toLowerCase() === VM_PRINCIPAL)).toHaveLength(1)
  })
  // Both runs may create a version; the one that lost disables its own, so one stays enabled.
  await check('one enabled key version', () =>
    expect(dp.keys.map(k => [k.name, k.versions.filter(v => v.enabled).length])).toEqual([
      ['KeyEncryptionKey', 1]
    ])
  )
  await check('the runs that succeeded report the same key version', () =>
    expect(new Set(runs.filter(r => r.code === 0).map(r => r.outputs.KEK_KID)).size).toBeLessThanOrEqual(1)
  )
  // A third run converges (or stays converged) and then changes nothing; verify finds no drift.
  await check('a third run succeeds', async () => expectSuccess(await run(info, fullInputs(info, hsm))))
  await check('a fourth run writes nothing', async () => {
    const again = await mark(emu)
    expectSuccess(await run(info, fullInputs(info, hsm)))
    expect(successfulWrites(await emu.requests(again))).toEqual([])
  })
  await check('verify finds no drift', async () => {
    const v = await run(info, { ...fullInputs(info, hsm), mode: 'verify' })
    expect(JSON.parse(v.outputs.drift ?? '{}').status).toBe('converged')
  })
  return problems
}

describe('two runs of the same configuration', () => {
  it.each([
    ['started together', 'conc-same', 0],
    ['the second 3 s later, while the HSM is being created', 'conc-late', 3000]
  ] as const)(
    '%s converge',
    async (name, hsm, stagger) => {
      await recorded(figures, `two applies ${name}`, async () => {
        const { runs, since } = await race(hsm, stagger)
        // Check the environment whatever the runs said, then report every problem at once.
        const problems = runs
          .map((r, i) => [i + 1, unclearOutcome(r)] as const)
          .filter(([, p]) => p)
          .map(([i, p]) => `run ${i}: ${p}`)
        if (!runs.some(r => r.code === 0)) problems.push('neither run succeeded')
        for (const p of await environmentProblems(hsm, since, runs)) problems.push(`environment: ${p}`)
        if (problems.length > 0) throw new Error(problems.join('\n\n'))
        figures.add('concurrentPairsConverged')
      })
    },
    180_000
  )
})

/** Pairs of key-step runs in a row; every creation takes KEY_CREATION_SECONDS, so the two always overlap. */
const PAIRS = 10
const KEY_CREATION_SECONDS = 3

describe('the key step of two first runs at once', () => {
  it(`ends with one enabled key version and the same KEK_KID in both runs, ${PAIRS} pairs in a row`, async () => {
    await recorded(figures, `${PAIRS} key-step pairs`, async () => {
      // The HSM of the first case, converged (created and activated here if that case did not).
      const hsm = 'conc-same'
      expectSuccess(await run(info, fullInputs(info, hsm)))
      const problems: string[] = []
      let raced = 0
      const inputs = (i: number) => ({ ...fullInputs(info, hsm), steps: 'key', 'key-name': `race-${i}` })
      await emu.setSettings({ keyCreationSeconds: KEY_CREATION_SECONDS })
      try {
        for (let i = 1; i <= PAIRS; i++) {
          const runs = await Promise.all([run(info, inputs(i)), run(info, inputs(i))])
          figures.add('concurrentRuns', 2)
          const kids = runs.map(r => r.outputs.KEK_KID)
          const versions =
            (await dataPlaneState(emu, hsm)).keys.find(k => k.name === `race-${i}`)?.versions ?? []
          const enabled = versions.filter(v => v.enabled)
          if (versions.length > 1) raced++
          const failed = runs.filter(r => r.code !== 0)
          if (failed.length)
            problems.push(
              `pair ${i}: ${failed.map(r => errorsOf(r).join(' ') || `exit ${r.code}`).join('; ')}`
            )
          else if (kids[0] !== kids[1]) problems.push(`pair ${i}: different KEK_KIDs ${kids.join(' / ')}`)
          if (enabled.length !== 1 || !kids.every(k => k?.endsWith(`/${enabled[0].version}`)))
            problems.push(
              `pair ${i}: ${enabled.length} enabled version(s) of ${versions.length}; KEK_KIDs ${kids.join(' / ')}`
            )
        }
      } finally {
        await emu.setSettings({ keyCreationSeconds: 0 })
      }
      figures.set('keyPairs', PAIRS)
      figures.set('keyPairsRaced', raced)
      // The race must really have happened (both runs created), or the pairs prove nothing.
      if (raced === 0) problems.push('no pair raced: both runs never created the key at once')
      // The last pair's key, settled: a rerun writes nothing and keeps KEK_KID; verify finds no drift.
      const before = (await dataPlaneState(emu, hsm)).keys.find(k => k.name === `race-${PAIRS}`)
      const since = await mark(emu)
      const again = await run(info, inputs(PAIRS))
      expectSuccess(again)
      if (successfulWrites(await emu.requests(since)).length > 0) problems.push('a rerun wrote something')
      const enabledBefore = before?.versions.find(v => v.enabled)?.version
      if (!again.outputs.KEK_KID?.endsWith(`/${enabledBefore}`))
        problems.push(`a rerun reports ${again.outputs.KEK_KID}, not the settled version ${enabledBefore}`)
      const verify = await run(info, { ...inputs(PAIRS), mode: 'verify' })
      if (JSON.parse(verify.outputs.drift ?? '{}').status !== 'converged')
        problems.push(`verify: ${verify.outputs.drift}`)
      if (problems.length > 0) throw new Error(problems.join('\n'))
      figures.add('concurrentPairsConverged', PAIRS)
    })
  }, 600_000)
})
