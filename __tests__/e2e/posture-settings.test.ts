/**
 * End to end (dist/index.js against the emulator): verify judges the HSM's own settings and audit trail and
 * the escrow stores' protections, each changed outside the action the way a person would (az keyvault setting
 * update, az rest against ARM): ARM key management turned on, an escrow vault without purge protection, a
 * storage account with shared-key access and no versioning, no audit diagnostic setting. Each is named in the
 * summary's posture table (setting, state, severity, what to do) and in the drift report with its severity;
 * warnings never fail verify, a setting that differs from an explicit input is critical and always does.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { useScenario, writesFrom } from './harness.js'

const hsm = 'posture-e2e'
const hsmUri = () => `https://${hsm}.managedhsm.azure.net/`
const SETTING = 'AllowKeyManagementOperationsThroughARM'
const VAULT = 'kv-skr-escrow'
const ACCOUNT = 'skrescrow'

const group = () => `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}`
const vaultPath = (name: string) => `${group()}/providers/Microsoft.KeyVault/vaults/${name}`
const accountPath = () => `${group()}/providers/Microsoft.Storage/storageAccounts/${ACCOUNT}`
const hsmPath = () => `${group()}/providers/Microsoft.KeyVault/managedHSMs/${hsm}`

/** One ARM call as `az rest` makes it, by another client (the emulator's administrator). */
async function arm(method: string, path: string, apiVersion: string, body?: unknown): Promise<unknown> {
  const out = await azureClient(
    s.info,
    'arm',
    method,
    `${path}?api-version=${apiVersion}`,
    ...(body === undefined ? [] : [JSON.stringify(body)])
  )
  return out ? JSON.parse(out) : undefined
}

interface Verified {
  run: ActionRun
  report: DriftReport
  check: (id: string) => DriftReport['checks'][number]
}

/** Runs verify; asserts it wrote nothing. */
async function verify(extra: Record<string, string> = {}): Promise<Verified> {
  const since = (await s.emu.requests()).length
  const run = await s.run({ ...s.inputs(extra), mode: 'verify' })
  expect(await writesFrom(s.emu, since)).toEqual([])
  const report = JSON.parse(run.outputs.drift) as DriftReport
  const check = (id: string) => {
    const c = report.checks.find(x => x.id === `posture.${id}`)
    if (!c) throw new Error(`no check posture.${id} in ${report.checks.map(x => x.id).join(', ')}`)
    return c
  }
  return { run, report, check }
}

/** The summary's posture row of a setting, as its cells. */
function row(run: ActionRun, setting: string): string[] {
  const line = run.summary.split('\n').find(l => l.startsWith(`| ${setting} |`))
  if (!line) throw new Error(`no posture row for ${setting} in the summary`)
  return line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map(c => c.trim())
}

const s = useScenario({ hsm, stores: 'both', inputs: { 'release-policy-preset': 'sev-snp-cvm' } })
beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
}, 120_000)

describe('verify judges the HSM settings, its audit trail and the escrow stores', () => {
  it('has a posture table in the summary: setting, state, severity, what to do; warnings leave it converged', async () => {
    const { run, report, check } = await verify()
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(report.status).toBe('converged')
    expect(run.summary).toContain('### Posture\n\n| Setting | State | Severity | What to do |')
    expect(row(run, SETTING)).toEqual([SETTING, 'off', '✅ ok', '—'])
    expect(check(`setting.${SETTING}`).status).toBe('ok')
    // The exposure the inputs did not ask about, said as information.
    expect(row(run, 'HSM data plane network access').slice(1, 3)).toEqual([
      'reachable from any address (public network access Enabled, network rules allow all)',
      'ℹ️ info'
    ])
    expect(check('hsm.purgeProtection')).toMatchObject({ severity: 'info' })
    expect(report.counts.warning).toBeGreaterThan(0)
  })

  it('warns when ARM key management is turned on out of band; with the input set, it is critical and apply turns it off', async () => {
    await azureClient(s.info, 'setting-update', hsmUri(), SETTING, 'true')
    const reported = await verify()
    expect(reported.run.code).toBe(0)
    expect(reported.check(`setting.${SETTING}`)).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(reported.check(`setting.${SETTING}`).finding).toMatch(
      /AllowKeyManagementOperationsThroughARM is on: ARM templates and the portal can create keys/
    )
    const [, state, severity, todo] = row(reported.run, SETTING)
    expect([state, severity]).toEqual(['on', '⚠️ warning'])
    expect(todo).toMatch(/allow-key-management-through-arm: false/)
    expect(reported.run.stdout).toMatch(
      /::warning::posture \(warning\): AllowKeyManagementOperationsThroughARM is on/
    )

    // The input says false: a difference is critical, whatever fail-on-drift says.
    const strict = await verify({ 'allow-key-management-through-arm': 'false', 'fail-on-drift': 'false' })
    expect(strict.run.code).toBe(1)
    expect(strict.report.status).toBe('drift')
    expect(strict.check(`setting.${SETTING}`)).toMatchObject({ severity: 'critical' })
    expect(errorsOf(strict.run).join('\n')).toMatch(
      /critical: AllowKeyManagementOperationsThroughARM is on, but allow-key-management-through-arm says false: it was changed outside the action/
    )

    // plan shows the change; apply makes it (PATCH /settings/{name} with a string value), then verify is clean.
    const plan = await s.run({
      ...s.inputs({ 'allow-key-management-through-arm': 'false' }),
      mode: 'plan'
    })
    expect(plan.code).toBe(0)
    expect(plan.stdout).toMatch(/rbac: would turn the HSM setting AllowKeyManagementOperationsThroughARM off/)
    const since = (await s.emu.requests()).length
    const apply = await s.run(s.inputs({ 'allow-key-management-through-arm': 'false' }))
    expect(errorsOf(apply)).toEqual([])
    const writes = await writesFrom(s.emu, since)
    expect(writes.map(w => `${w.method} ${w.path.split('?')[0]}`)).toEqual([`PATCH /settings/${SETTING}`])
    const settings = JSON.parse(await azureClient(s.info, 'setting-list', hsmUri())) as {
      settings: { name: string; value: string; type: string }[]
    }
    expect(settings.settings).toEqual([{ name: SETTING, value: 'false', type: 'boolean' }])
    const clean = await verify({ 'allow-key-management-through-arm': 'false' })
    expect(clean.run.code).toBe(0)
    expect(clean.check(`setting.${SETTING}`)).toMatchObject({ status: 'ok' })
  }, 120_000)

  it('names an escrow vault without purge protection, until it is turned on', async () => {
    const before = await verify()
    const c = before.check(`store.vault.${VAULT}.purgeProtection`)
    expect(c).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(c.finding).toMatch(
      new RegExp(`escrow vault '${VAULT}' \\(holds the security domain\\) has no purge protection`)
    )
    expect(row(before.run, `escrow vault '${VAULT}' purge protection`).slice(1, 3)).toEqual([
      'off',
      '⚠️ warning'
    ])
    // The wrapping keys' own vault is judged too.
    expect(
      before.check(`store.vault.${new URL(s.keysVault).hostname.split('.')[0]}.purgeProtection`).finding
    ).toMatch(/holds wrapping keys/)
    expect(before.check(`store.vault.${VAULT}.softDelete`)).toMatchObject({ status: 'ok' })

    // As a person would: az keyvault update --enable-purge-protection true (ARM PATCH). It cannot go back.
    await arm('PATCH', vaultPath(VAULT), '2024-11-01', { properties: { enablePurgeProtection: true } })
    await expect(
      arm('PATCH', vaultPath(VAULT), '2024-11-01', { properties: { enablePurgeProtection: false } })
    ).rejects.toThrow(/400 .*enablePurgeProtection\\" cannot be set to false/)
    const after = await verify()
    expect(after.check(`store.vault.${VAULT}.purgeProtection`)).toMatchObject({ status: 'ok' })
    expect(row(after.run, `escrow vault '${VAULT}' purge protection`).slice(1, 3)).toEqual(['on', '✅ ok'])
  }, 120_000)

  it('names a storage account that accepts shared keys and keeps no versions, until both are fixed', async () => {
    const id = `store.account.${ACCOUNT}`
    const before = await verify()
    expect(before.check(`${id}.sharedKeyAccess`)).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(before.check(`${id}.sharedKeyAccess`).finding).toMatch(
      new RegExp(
        `escrow storage account '${ACCOUNT}' \\(holds the security domain\\) accepts shared-key requests`
      )
    )
    expect(before.check(`${id}.versioning`)).toMatchObject({ severity: 'warning' })
    expect(before.check(`${id}.blobSoftDelete`)).toMatchObject({ severity: 'warning' })
    expect(before.check(`${id}.publicBlobAccess`)).toMatchObject({ status: 'ok' })

    await arm('PATCH', accountPath(), '2023-05-01', { properties: { allowSharedKeyAccess: false } })
    await arm('PUT', `${accountPath()}/blobServices/default`, '2023-05-01', {
      properties: { isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 } }
    })
    const fixed = await verify()
    for (const area of ['sharedKeyAccess', 'versioning', 'blobSoftDelete', 'publicBlobAccess'])
      expect([area, fixed.check(`${id}.${area}`).status]).toEqual([area, 'ok'])
    expect(row(fixed.run, `escrow storage account '${ACCOUNT}' blob soft delete`)[1]).toBe('on (30 days)')

    // Turned back on out of band: named again.
    await arm('PATCH', accountPath(), '2023-05-01', { properties: { allowSharedKeyAccess: true } })
    await arm('PUT', `${accountPath()}/blobServices/default`, '2023-05-01', {
      properties: { isVersioningEnabled: false }
    })
    const again = await verify()
    expect(again.check(`${id}.sharedKeyAccess`)).toMatchObject({ severity: 'warning' })
    expect(row(again.run, `escrow storage account '${ACCOUNT}' shared-key access`)[1]).toBe('allowed')
    expect(again.check(`${id}.versioning`)).toMatchObject({ severity: 'warning' })

    // An immutability policy on the escrow's container stands in for versioning and blob soft delete.
    await arm(
      'PUT',
      `${accountPath()}/blobServices/default/containers/${s.info.storageContainer}/immutabilityPolicies/default`,
      '2023-05-01',
      { properties: { immutabilityPeriodSinceCreationInDays: 30 } }
    )
    const immutable = await verify()
    expect(immutable.check(`${id}.versioning`)).toMatchObject({ status: 'ok' })
    expect(String(immutable.check(`${id}.versioning`).actual)).toMatch(
      new RegExp(`off; container '${s.info.storageContainer}' has an immutability policy`)
    )
  }, 180_000)

  it('warns when no diagnostic setting sends the audit log anywhere, until one does', async () => {
    const before = await verify()
    expect(before.check('audit.diagnosticSettings')).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(before.check('audit.diagnosticSettings').finding).toMatch(
      /no diagnostic setting sends the HSM's AuditEvent log anywhere/
    )
    const workspace = `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/ws-audit`
    // Metrics only: still no audit trail.
    await arm(
      'PUT',
      `${hsmPath()}/providers/Microsoft.Insights/diagnosticSettings/metrics-only`,
      '2021-05-01-preview',
      {
        properties: { workspaceId: workspace, metrics: [{ category: 'AllMetrics', enabled: true }], logs: [] }
      }
    )
    const metricsOnly = await verify()
    expect(metricsOnly.check('audit.diagnosticSettings')).toMatchObject({ severity: 'warning' })
    expect(row(metricsOnly.run, 'HSM audit log (AuditEvent)')[1]).toBe(
      '1 diagnostic setting(s), none sending AuditEvent anywhere'
    )
    await arm(
      'PUT',
      `${hsmPath()}/providers/Microsoft.Insights/diagnosticSettings/audit`,
      '2021-05-01-preview',
      {
        properties: { workspaceId: workspace, logs: [{ categoryGroup: 'audit', enabled: true }] }
      }
    )
    const after = await verify()
    expect(after.check('audit.diagnosticSettings')).toMatchObject({ status: 'ok' })
    expect(row(after.run, 'HSM audit log (AuditEvent)')[1]).toBe(
      "sent to Log Analytics workspace 'ws-audit' (diagnostic setting 'audit')"
    )
  }, 120_000)
})
