/**
 * End to end (issue 26 §2), through dist/index.js: the HSM's audit log switched on and kept on. A bad
 * destination is refused before anything is written; apply's provision step creates the diagnostic setting in
 * Azure's shape; a converged rerun writes nothing; verify names the setting's audit log disabled, its
 * destination changed and the setting removed (each done out of band, as `az rest` would), plan says what
 * apply would write, and apply puts it back. Only the provision step runs: no activation is needed for a setting on the HSM's ARM resource.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { useScenario, writesFrom } from './harness.js'

const hsm = 'audit-e2e'
const SETTING = 'managed-hsm-skr-audit'
const API = '2021-05-01-preview'
const group = () => `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}`
const workspace = (name = 'ws-audit') =>
  `${group()}/providers/Microsoft.OperationalInsights/workspaces/${name}`
const settingPath = (name = SETTING) =>
  `${group()}/providers/Microsoft.KeyVault/managedHSMs/${hsm}/providers/Microsoft.Insights/diagnosticSettings/${name}`

const s = useScenario({
  hsm,
  stores: 'none',
  inputs: () => ({ steps: 'provision', 'audit-log-workspace-id': workspace() })
})

/** One ARM call as `az rest` makes it, by another client (the emulator's administrator). */
async function arm(method: string, path: string, body?: unknown): Promise<unknown> {
  const out = await azureClient(
    s.info,
    'arm',
    method,
    `${path}?api-version=${API}`,
    ...(body === undefined ? [] : [JSON.stringify(body)])
  )
  return out ? JSON.parse(out) : undefined
}

async function verify(): Promise<{
  run: ActionRun
  report: DriftReport
  audit?: DriftReport['checks'][number]
}> {
  const since = (await s.emu.requests()).length
  const run = await s.run({ ...s.inputs(), mode: 'verify' })
  expect(await writesFrom(s.emu, since)).toEqual([])
  const report = JSON.parse(run.outputs.drift) as DriftReport
  return { run, report, audit: report.checks.find(c => c.id.startsWith('provision.auditLog')) }
}

let apply: ActionRun
let applyWrites: Array<{ method: string; path: string }>
beforeAll(async () => {
  const since = (await s.emu.requests()).length
  apply = await s.run(s.inputs())
  expect(errorsOf(apply)).toEqual([])
  applyWrites = await writesFrom(s.emu, since)
}, 120_000)

describe('the audit log, kept on by the provision step', () => {
  it('refuses a destination that is not a workspace resource id, naming the input, before any request', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(
      s.inputs({
        'audit-log-workspace-id': '5a1b7f1e-0000-4000-8000-000000000001',
        'hsm-name': 'audit-e2e-2'
      })
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /audit-log-workspace-id.*is a GUID \(a workspace's customer id\?\), not the workspace's resource id/
    )
    expect(await s.emu.requests(since)).toEqual([])
  })

  it("apply creates the setting after the HSM, in Azure's shape, and says so", async () => {
    const puts = applyWrites.filter(w => w.path.includes('/providers/Microsoft.Insights/'))
    expect(puts.map(w => w.method)).toEqual(['PUT'])
    expect(applyWrites.findIndex(w => w === puts[0])).toBeGreaterThan(
      applyWrites.findIndex(w => /managedHSMs\/audit-e2e$/i.test(w.path.split('?')[0]))
    )
    const setting = (await arm('GET', settingPath())) as Record<string, unknown>
    expect(setting).toMatchObject({
      name: SETTING,
      type: 'Microsoft.Insights/diagnosticSettings',
      properties: {
        workspaceId: workspace(),
        logs: [{ category: 'AuditEvent', enabled: true }],
        metrics: [{ category: 'AllMetrics', enabled: true }]
      }
    })
    expect(apply.stdout).toContain(`provision: create diagnostic setting '${SETTING}' on the Managed HSM`)
    expect(apply.summary).toContain(
      `<br>create diagnostic setting '${SETTING}' on the Managed HSM<br>– sends AuditEvent and AllMetrics to Log Analytics workspace`
    )
  })

  it('a converged rerun writes nothing', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(run.stdout).toContain('provision: nothing to change')
  })

  it('verify: in step, and the posture says where the audit log goes', async () => {
    const { run, report, audit } = await verify()
    expect(run.code).toBe(0)
    expect(audit).toBeUndefined()
    expect(report.checks.find(c => c.id === 'provision')).toMatchObject({ status: 'ok' })
    expect(report.checks.find(c => c.id === 'posture.audit.diagnosticSettings')).toMatchObject({
      status: 'ok',
      actual: `HSM audit log (AuditEvent): sent to Log Analytics workspace 'ws-audit' (diagnostic setting '${SETTING}')`
    })
  })

  it('verify names the audit log disabled, the destination changed and the setting removed; plan says, apply repairs', async () => {
    const props = (logs: unknown[], ws = workspace()) => ({
      properties: { workspaceId: ws, logs, metrics: [{ category: 'AllMetrics', enabled: true }] }
    })
    await arm('PUT', settingPath(), props([{ category: 'AuditEvent', enabled: false }]))
    const disabled = await verify()
    expect(disabled.run.code).toBe(1)
    expect(disabled.audit).toMatchObject({ id: 'provision.auditLog', status: 'drift', severity: 'drift' })
    expect(disabled.audit?.finding).toBe(
      `audit log diagnostic setting differs: the inputs ask to update diagnostic setting '${SETTING}' of the Managed HSM ` +
        `(AuditEvent and AllMetrics to Log Analytics workspace '${workspace()}'); AuditEvent log: Azure not sent, inputs sent`
    )
    // The category group counts as the category; a workspace elsewhere does not.
    await arm(
      'PUT',
      settingPath(),
      props([{ categoryGroup: 'allLogs', enabled: true }], workspace('ws-elsewhere'))
    )
    const redirected = await verify()
    expect(redirected.audit?.finding).toMatch(
      /; Log Analytics workspace: Azure '[^']*\/workspaces\/ws-elsewhere', inputs '[^']*\/workspaces\/ws-audit'$/
    )
    await arm('DELETE', settingPath())
    const removed = await verify()
    expect(removed.audit).toMatchObject({ id: 'provision.auditLog.exists', status: 'drift' })
    expect(removed.audit?.finding).toMatch(/^audit log diagnostic setting missing: /)
    expect(removed.report.checks.find(c => c.id === 'posture.audit.diagnosticSettings')).toMatchObject({
      severity: 'warning',
      actual: expect.stringMatching(/^no diagnostic setting sends the HSM's AuditEvent log anywhere/)
    })

    const planned = (await s.emu.requests()).length
    const plan = await s.run({ ...s.inputs(), mode: 'plan' })
    expect(errorsOf(plan)).toEqual([])
    expect(await writesFrom(s.emu, planned)).toEqual([])
    expect(plan.stdout).toContain(
      `provision: would create diagnostic setting '${SETTING}' on the Managed HSM`
    )

    const since = (await s.emu.requests()).length
    const repair = await s.run(s.inputs())
    expect(errorsOf(repair)).toEqual([])
    expect((await writesFrom(s.emu, since)).map(w => `${w.method} ${w.path.split('?')[0]}`)).toEqual([
      `PUT ${settingPath()}`
    ])
    expect((await verify()).report.status).toBe('converged')
  }, 120_000)

  it("refuses a destination another setting already sends the audit log to, with Azure's rule and the way out", async () => {
    await arm('DELETE', settingPath())
    await arm('PUT', settingPath('legacy'), {
      properties: { workspaceId: workspace(), logs: [{ categoryGroup: 'audit', enabled: true }] }
    })
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs())
    expect(run.code).toBe(1)
    expect(await writesFrom(s.emu, since)).toEqual([])
    expect(run.stdout).toContain(
      "diagnostic setting 'legacy' of the Managed HSM already sends its audit log to"
    )
    expect(run.stdout).toContain('set audit-log-setting-name: legacy')
    const adopted = await s.run(s.inputs({ 'audit-log-setting-name': 'legacy' }))
    expect(errorsOf(adopted)).toEqual([])
    expect(adopted.stdout).toContain("provision: update diagnostic setting 'legacy'")
  }, 120_000)
})
