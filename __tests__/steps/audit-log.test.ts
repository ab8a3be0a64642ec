/**
 * The provision step's audit setting (steps/audit-log.ts): what it plans for a missing setting, its audit log off
 * (a category or a group, enabled or not), its destinations changed, and the refusal when another setting has
 * the destination already. No write is made here: the changes are inspected, not applied.
 */
import { describe, expect, it } from '@jest/globals'
import type { ArmResource, DiagnosticSettingProperties } from '../../src/azure/arm-reads.js'
import type { ManagedHsm } from '../../src/azure/managed-hsm-arm.js'
import type { AuditLogConfig } from '../../src/config/index.js'
import { DriftError } from '../../src/shared/errors.js'
import { auditLogChange, desiredSetting, settingDifferences } from '../../src/steps/audit-log.js'
import { fakeContext, HSM_ID } from '../posture/fake-context.js'

const WS = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws1'
const WS2 = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws2'
const SA = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1'
const A: AuditLogConfig = { settingName: 'skr-audit', workspaceId: WS }
type Setting = ArmResource<DiagnosticSettingProperties>

function change(
  settings: Setting[],
  a: AuditLogConfig | undefined = A,
  hsm: ManagedHsm | undefined = { id: HSM_ID }
) {
  const ctx = fakeContext(hsm, { auditLog: a }, { diagnosticSettings: async () => settings })
  return auditLogChange(ctx, hsm)
}

const ours = (p: DiagnosticSettingProperties, name = 'skr-audit'): Setting => ({ name, properties: p })

describe('the audit setting of the provision step', () => {
  it('writes AuditEvent and AllMetrics to the destinations given, nothing else', () => {
    expect(desiredSetting({ settingName: 'x', storageAccountId: SA })).toEqual({
      storageAccountId: SA,
      logs: [{ category: 'AuditEvent', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }]
    })
  })

  it('plans nothing without the inputs, and a creation without a read when the HSM is yet to exist', async () => {
    expect(await auditLogChange(fakeContext({ id: HSM_ID }), { id: HSM_ID })).toBeUndefined()
    // No read: a failing one would throw.
    const ctx = fakeContext(
      undefined,
      { auditLog: A },
      { diagnosticSettings: () => Promise.reject(new Error('read')) }
    )
    const c = await auditLogChange(ctx, undefined)
    expect(c).toMatchObject({
      kind: 'create',
      id: 'provision.auditLog.exists',
      summary: "create diagnostic setting 'skr-audit' on the Managed HSM"
    })
    expect(c?.details).toEqual([`sends AuditEvent and AllMetrics to Log Analytics workspace '${WS}'`])
  })

  it('creates a missing setting, however many others there are', async () => {
    const c = await change([
      ours({ workspaceId: WS2, logs: [{ category: 'AuditEvent', enabled: true }] }, 'other')
    ])
    expect(c).toMatchObject({ kind: 'create', id: 'provision.auditLog.exists' })
    expect(c?.details[0]).toMatch(/^diagnostic setting 'skr-audit': none -> AuditEvent and AllMetrics to/)
  })

  it('is converged with the audit log on by its category or a group, ids compared case-insensitively', async () => {
    const metrics = [{ category: 'AllMetrics', enabled: true }]
    for (const log of [
      { category: 'AuditEvent', enabled: true },
      { categoryGroup: 'audit', enabled: true },
      { categoryGroup: 'allLogs', enabled: true }
    ])
      expect(
        await change([
          ours({ workspaceId: `${WS.toUpperCase()}/`, storageAccountId: '', logs: [log], metrics })
        ])
      ).toBeUndefined()
  })

  it('updates a setting whose audit log is off, or whose metrics are', async () => {
    const c = await change([
      ours({ workspaceId: WS, logs: [{ category: 'AuditEvent', enabled: false }], metrics: [] })
    ])
    expect(c).toMatchObject({ kind: 'update', id: 'provision.auditLog' })
    expect(c?.details).toEqual(['AuditEvent log: not sent -> sent', 'AllMetrics: not sent -> sent'])
  })

  it('updates a setting sent elsewhere: each destination that differs, both sides', async () => {
    const c = await change(
      [
        ours({
          workspaceId: WS2,
          eventHubAuthorizationRuleId: '/eh/rule',
          logs: [{ categoryGroup: 'audit', enabled: true }],
          metrics: [{ category: 'AllMetrics', enabled: true }]
        })
      ],
      { settingName: 'SKR-AUDIT', workspaceId: WS, storageAccountId: SA }
    )
    expect(c?.details).toEqual([
      `Log Analytics workspace: '${WS2}' -> '${WS}'`,
      `storage account: none -> '${SA}'`,
      "event hub: '/eh/rule' -> none"
    ])
  })

  it('refuses, before any write, a destination another setting already sends the audit log to', async () => {
    const other = ours(
      { workspaceId: WS.toLowerCase(), logs: [{ categoryGroup: 'allLogs', enabled: true }] },
      'legacy'
    )
    const e = await change([other]).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(DriftError)
    expect((e as DriftError).message).toMatch(
      /diagnostic setting 'legacy' of the Managed HSM already sends its audit log to '.*ws1'/
    )
    expect((e as DriftError).hint).toMatch(/set audit-log-setting-name: legacy/)
    // The same destination for metrics only is no conflict.
    const metricsOnly = ours(
      { workspaceId: WS, logs: [], metrics: [{ category: 'AllMetrics', enabled: true }] },
      'm'
    )
    expect(await change([metricsOnly])).toMatchObject({ kind: 'create' })
  })

  it("refuses a sixth setting (Azure's limit is five per resource), naming the five", async () => {
    const five = [1, 2, 3, 4, 5].map(i => ours({ workspaceId: WS2, logs: [] }, `s${i}`))
    const e = await change(five).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(DriftError)
    expect((e as DriftError).message).toContain(
      "the Managed HSM has 5 diagnostic settings ('s1', 's2', 's3', 's4', 's5'), Azure's limit per resource, and none is 'skr-audit'"
    )
    // Rewriting one of the five is no sixth.
    expect(await change(five, { settingName: 'S5', workspaceId: WS })).toMatchObject({ kind: 'update' })
  })

  it('shows a value from Azure on one line', () => {
    const d = settingDifferences({ workspaceId: 'a\nb', logs: [], metrics: [] }, A)
    expect(d).toContain(`Log Analytics workspace: 'a␊b' -> '${WS}'`)
  })
})
