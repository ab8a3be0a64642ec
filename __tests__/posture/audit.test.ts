/** The HSM's audit trail: whether a diagnostic setting sends its AuditEvent log anywhere. */
import { describe, expect, it } from '@jest/globals'
import type { ArmResource, DiagnosticSettingProperties } from '../../src/azure/arm-reads.js'
import type { ManagedHsm } from '../../src/azure/managed-hsm-arm.js'
import { audit } from '../../src/posture/audit.js'
import { AzureOperationError } from '../../src/shared/errors.js'
import { fakeContext, HSM_ID } from './fake-context.js'

type Setting = ArmResource<DiagnosticSettingProperties>
const WS = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws1'
const SA = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1/'

async function assess(
  settings: Setting[] | (() => Promise<Setting[]>),
  hsm: ManagedHsm = { id: HSM_ID } as ManagedHsm
) {
  const read = typeof settings === 'function' ? settings : async () => settings
  const { items } = await audit.assess(fakeContext(hsm, {}, { diagnosticSettings: read }), 'verify')
  return items
}

describe('audit', () => {
  it('applies in the modes that prove the setup (verify), not in apply or plan', () => {
    const hsm = {} as ManagedHsm
    expect(audit.applies(fakeContext(hsm, { mode: 'verify' }), hsm)).toBe(true)
    expect(audit.applies(fakeContext(hsm, { mode: 'apply' }), hsm)).toBe(false)
    expect(audit.applies(fakeContext(hsm, { mode: 'plan' }), hsm)).toBe(false)
  })

  it('says nothing when there is no HSM', async () => {
    expect(await audit.assess(fakeContext(undefined), 'verify')).toEqual({ items: [] })
  })

  it('names every destination of each setting that sends the audit log', async () => {
    const [item] = await assess([
      {
        name: 'diag',
        properties: {
          workspaceId: WS,
          storageAccountId: SA,
          eventHubAuthorizationRuleId: '/eh/rule',
          marketplacePartnerId: '/partners/p1',
          logs: [{ category: 'AuditEvent', enabled: true }]
        }
      },
      {
        name: 'grouped',
        properties: { workspaceId: WS, logs: [{ categoryGroup: 'allLogs', enabled: true }] }
      },
      { properties: { storageAccountId: SA, logs: [{ categoryGroup: 'Audit', enabled: true }] } }
    ] as Setting[])
    expect(item).toMatchObject({ id: 'audit.diagnosticSettings', severity: 'ok' })
    expect(item.state).toBe(
      "sent to Log Analytics workspace 'ws1' and storage account 'sa1' and an event hub and partner solution 'p1' (diagnostic setting 'diag'); " +
        "sent to Log Analytics workspace 'ws1' (diagnostic setting 'grouped'); " +
        "sent to storage account 'sa1' (diagnostic setting '?')"
    )
  })

  it('warns with the az command to run when no diagnostic setting exists', async () => {
    const [item] = await assess([], {} as ManagedHsm)
    expect(item).toMatchObject({ state: 'no diagnostic setting', severity: 'warning' })
    expect(item.finding).toMatch(/recorded nowhere anyone can look/)
    expect(item.todo).toContain(`az monitor diagnostic-settings create --resource ${HSM_ID} --name audit`)
  })

  it('does not count disabled, unrelated or destination-less audit logs', async () => {
    const [item] = await assess([
      { name: 'off', properties: { workspaceId: WS, logs: [{ category: 'AuditEvent', enabled: false }] } },
      { name: 'other', properties: { workspaceId: WS, logs: [{ category: 'Metrics', enabled: true }] } },
      {
        name: 'nowhere',
        properties: { workspaceId: '  ', logs: [{ categoryGroup: 'audit', enabled: true }] }
      },
      { name: 'nologs', properties: { workspaceId: WS } },
      { name: 'empty' }
    ] as Setting[])
    expect(item).toMatchObject({
      state: '5 diagnostic setting(s), none sending AuditEvent anywhere',
      severity: 'warning'
    })
  })

  it('says the setting was not checked, naming the role, when ARM refuses the read', async () => {
    const refused = new AzureOperationError(
      { service: 'ARM', operation: 'read', status: 403 },
      'AuthorizationFailed'
    )
    const [item] = await assess(() => Promise.reject(refused))
    expect(item).toMatchObject({ severity: 'warning', id: 'audit.diagnosticSettings' })
    expect(item.state).toBe(
      "not checked (needs Reader on the HSM 'hsm1': Microsoft.Insights/diagnosticSettings/read)"
    )
  })

  it('lets any other failure of the read through', async () => {
    const outage = new AzureOperationError({ service: 'ARM', operation: 'read', status: 500 }, 'boom')
    await expect(assess(() => Promise.reject(outage))).rejects.toBe(outage)
  })
})
