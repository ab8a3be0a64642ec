/** End to end: plan and verify change nothing, and verify reports drift (provision step). */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { useScenario, writesFrom } from './harness.js'

const name = 'pv-hsm'
const s = useScenario({ hsm: name, stores: 'none', inputs: { steps: 'provision', tags: 'env=test' } })

const writesSince = (since: number) => writesFrom(s.emu, since)

describe('plan', () => {
  it('says what apply would create, and sends no write', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...s.inputs(), mode: 'plan' })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/provision: would create Managed HSM 'pv-hsm'/)
    expect(run.summary).toMatch(/\| provision \| 🆕 would create \| create Managed HSM 'pv-hsm'/)
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report).toMatchObject({
      schema: 'managed-hsm-skr/drift',
      version: 2,
      mode: 'plan',
      status: 'drift'
    })
    expect(report.checks.map(c => c.id)).toEqual(['provision.hsm.exists'])
    expect(await writesSince(since)).toEqual([])
  })
})

describe('verify', () => {
  beforeAll(async () => {
    expect((await s.run(s.inputs())).code).toBe(0)
  })

  it('reports no drift on a converged environment, with no write', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...s.inputs(), mode: 'verify' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/verify: in sync with the inputs \(\d+ checks\)/)
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report.status).toBe('converged')
    // The steps' checks; the posture's (warnings and information, never drift here) are its own suite's.
    expect(report.checks.filter(c => c.step !== 'posture')).toEqual([
      { id: 'provision', step: 'provision', status: 'ok' }
    ])
    expect(report.counts).toMatchObject({ critical: 0, drift: 0, error: 0 })
    expect(run.outputs.HSM_URI).toBe(`https://${name}.managedhsm.azure.net/`)
    expect(await writesSince(since)).toEqual([])
  })

  it('names drift made outside the action, fails on it, and still changes nothing', async () => {
    await azureClient(
      s.info,
      'hsm-update',
      s.info.resourceGroup,
      name,
      JSON.stringify({ tags: { env: 'hacked' }, properties: { publicNetworkAccess: 'Disabled' } })
    )
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...s.inputs(), mode: 'verify' })
    expect(run.code).toBe(1)
    // In words, Azure's side and the inputs' side named, then what to do; the id is for the JSON only.
    const said = errorsOf(run).join('\n')
    expect(said).toMatch(
      /verify: 1 drift finding\(s\), Azure compared with the inputs:\n- Managed HSM settings differ: /
    )
    expect(said).toMatch(
      /public network access: Azure Disabled, inputs Enabled; tag env: Azure 'hacked', inputs 'test'\n/
    )
    expect(said).toMatch(
      /\nWhat to do: run mode: apply to repair, or change the inputs if the change was intended$/
    )
    expect(said).not.toMatch(/provision\.hsm\.properties/)
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report.status).toBe('drift')
    expect(JSON.stringify(report.checks[0].actual)).toMatch(/public network access: Disabled -> Enabled/)
    expect(JSON.stringify(report.checks[0].actual)).toMatch(/tag env: 'hacked' -> 'test'/)
    expect(run.summary).toMatch(/\| provision \| .*drift/)
    expect(await writesSince(since)).toEqual([])

    const lenient = await s.run({ ...s.inputs(), mode: 'verify', 'fail-on-drift': 'false' })
    expect(lenient.code).toBe(0)
    expect(lenient.stdout).toMatch(/::warning::verify: 1 drift finding/)
  })

  it('reports an unreadable resource as an error, never as "no drift"', async () => {
    await s.emu.setFaults([
      {
        host: 'management\\.azure\\.com',
        path: `managedHSMs/${name}`,
        status: 403,
        code: 'AuthorizationFailed'
      }
    ])
    try {
      const run = await s.run({ ...s.inputs(), mode: 'verify', 'fail-on-drift': 'false' })
      expect(run.code).toBe(1)
      const report = JSON.parse(run.outputs.drift) as DriftReport
      expect(report.status).toBe('error')
      expect(run.stdout).not.toMatch(/no drift|in sync/)
    } finally {
      await s.emu.clearFaults()
    }
  })
})
