/**
 * End to end through dist/index.js: the hand-off of a multi-region HSM (issue 28). After this run's key write
 * on an HSM extended to a second region, the outputs are set only once Microsoft's 6-minute replication window
 * since that write has passed, and the summary says so; a rerun that writes nothing does not wait. The window
 * passes on a fake clock: the runs that wait get the preload of scripts/preload.ts at 120 times real speed
 * (6 minutes in 3 s); dist/index.js itself reads no such switch. One activation for the file.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { errorsOf } from '../../scripts/local-runner.js'
import { preloadOptions, removePreload } from '../../scripts/preload.js'
import { useScenario } from './harness.js'

const s = useScenario({
  hsm: 'rr-handoff',
  inputs: { 'release-policy-preset': 'sev-snp-cvm', 'replica-region': 'northeurope' }
})
const SCALE = 120
const fast = { env: { NODE_OPTIONS: preloadOptions(), BENCH_TIME_SCALE: String(SCALE) } }

afterAll(() => removePreload())

describe('the hand-off of a multi-region HSM', () => {
  it('sets the outputs only once 6 minutes have passed since the run’s last key write, and says so', async () => {
    const first = await s.run(s.inputs({ steps: 'provision,activate' }))
    expect(errorsOf(first)).toEqual([])
    // Provision and activation write no key or role: no hold.
    expect(first.stdout).not.toContain('hand-off: waiting')

    const started = Date.now()
    const run = await s.run(s.inputs({ steps: 'key' }), fast)
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      /hand-off: waiting \d+ s: outputs held until \S+Z: keys and roles written on a multi-region HSM reach northeurope within up to 6 minutes/
    )
    // 6 minutes on the run's clock are 3 s of real time at 120 times speed: the run lasted at least that.
    expect(Date.now() - started).toBeGreaterThanOrEqual((6 * 60 * 1000) / SCALE - 100)
    expect(run.outputs.KEK_KID).toMatch(
      /^https:\/\/rr-handoff\.managedhsm\.azure\.net\/keys\/KeyEncryptionKey\//
    )
    expect(run.summary).toContain('outputs held until')
  })

  it('a rerun that writes no key or role sets its outputs at once', async () => {
    const run = await s.run(s.inputs({ steps: 'key' }), fast)
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).not.toContain('hand-off: waiting')
    expect(run.summary).not.toContain('outputs held')
    expect(run.outputs.KEK_KID).toBeTruthy()
  })
})
