/**
 * End to end: a role assignment takes a while to apply in Azure. The key step waits for it by retrying on
 * 403 with backoff (never a fixed sleep), whether the rbac step or the key step itself made the grant.
 */
import { describe, expect, it } from '@jest/globals'
import { errorsOf } from '../../scripts/local-runner.js'
import { useScenario } from './harness.js'

const s = useScenario({
  emulator: { rbacPropagationSeconds: 4 },
  keys: 'escrow vault',
  inputs: {
    'release-policy-preset': 'cvm-platform',
    'attestation-authority': 'https://sharedweu.weu.attest.azure.net'
  }
})

describe('role propagation', () => {
  it.each([
    ['rbac then key', 'prop-a', 'all'],
    ['key granting its own role', 'prop-b', 'provision,activate,key']
  ])('%s: waits for the grant, then creates the key', async (_label, hsm, steps) => {
    const run = await s.run(s.inputsFor(hsm, { steps }))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(
      /not authorized yet \(a new role assignment is propagating\); retrying in \d+s/
    )
    expect(run.outputs.KEK_KID).toMatch(
      new RegExp(`^https://${hsm}\\.managedhsm\\.azure\\.net/keys/KeyEncryptionKey/`)
    )
    const again = await s.run(s.inputsFor(hsm, { steps }))
    expect(again.code).toBe(0)
    expect(again.stdout).not.toMatch(/not authorized yet/)
  })
})
