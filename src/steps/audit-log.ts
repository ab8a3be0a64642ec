/**
 * The HSM's audit trail, kept on (issue 26 §2): with audit-log-workspace-id or audit-log-storage-account-id, the
 * provision step owns one diagnostic setting on the HSM (audit-log-setting-name) that sends the AuditEvent log
 * and AllMetrics there. Plan compares it with the inputs like every other property: missing, its audit log off
 * (the category AuditEvent or the group audit or allLogs, enabled), or its destinations changed is a change
 * for apply and drift for verify. Other settings are not touched; the audit posture reports where each sends.
 */
import type { DiagnosticSettingProperties } from '../azure/arm-reads.js'
import { putDiagnosticSetting } from '../azure/diagnostic-settings.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { AUDIT_LOG_INPUTS, type AuditLogConfig } from '../config/index.js'
import { armReader } from '../posture/arm.js'
import { carriesAudit, readDiagnosticSettings } from '../posture/audit.js'
import type { RunContext } from '../run/context.js'
import type { Change } from '../run/step.js'
import { DriftError } from '../shared/errors.js'
import * as log from '../shared/log.js'

const LOG = 'AuditEvent'
const METRICS = 'AllMetrics'
const MAX_SETTINGS = 5

/** The setting's body as apply writes it: the inputs' destinations, nothing else. */
export function desiredSetting(a: AuditLogConfig): DiagnosticSettingProperties {
  return {
    ...(a.workspaceId ? { workspaceId: a.workspaceId } : {}),
    ...(a.storageAccountId ? { storageAccountId: a.storageAccountId } : {}),
    logs: [{ category: LOG, enabled: true }],
    metrics: [{ category: METRICS, enabled: true }]
  }
}

/** ARM ids compare case-insensitively; absent, null and '' all mean no destination. */
const id = (v: string | null | undefined): string => (v ?? '').trim().replace(/\/+$/, '').toLowerCase()
const shown = (v: string | null | undefined): string => (id(v) ? `'${log.oneLine(String(v))}'` : 'none')

/** Field by field, what differs between the setting in Azure and the inputs ("field: Azure -> inputs"). */
export function settingDifferences(actual: DiagnosticSettingProperties, a: AuditLogConfig): string[] {
  const out: string[] = []
  if (!(actual.logs ?? []).some(carriesAudit)) out.push(`${LOG} log: not sent -> sent`)
  if (!(actual.metrics ?? []).some(m => m.enabled === true && m.category?.toLowerCase() === 'allmetrics'))
    out.push(`${METRICS}: not sent -> sent`)
  const dest: Array<[string, string | null | undefined, string | undefined]> = [
    ['Log Analytics workspace', actual.workspaceId, a.workspaceId],
    ['storage account', actual.storageAccountId, a.storageAccountId],
    ['event hub', actual.eventHubAuthorizationRuleId, undefined],
    ['partner solution', actual.marketplacePartnerId, undefined]
  ]
  for (const [what, is, want] of dest)
    if (id(is) !== id(want)) out.push(`${what}: ${shown(is)} -> ${shown(want)}`)
  return out
}

function where(a: AuditLogConfig): string {
  return [
    a.workspaceId ? `Log Analytics workspace '${a.workspaceId}'` : '',
    a.storageAccountId ? `storage account '${a.storageAccountId}'` : ''
  ]
    .filter(Boolean)
    .join(' and ')
}

/**
 * The provision step's change for the audit setting, if any. `hsm`: the HSM as ARM shows it; undefined when
 * this run is about to create (or bring back) it, so the setting is planned without a read.
 */
export async function auditLogChange(
  ctx: RunContext,
  hsm: ManagedHsm | undefined
): Promise<Change | undefined> {
  const a = ctx.config.auditLog
  if (!a) return undefined
  const { config, arm } = ctx
  const resourceId = () => hsm?.id ?? arm.resourceId(config.resourceGroup, config.hsmName)
  const body = desiredSetting(a)
  const write = async (): Promise<void> => {
    await putDiagnosticSetting(armReader(ctx), resourceId(), a.settingName, body)
  }
  const to = `${LOG} and ${METRICS} to ${where(a)}`
  if (!hsm)
    return {
      kind: 'create',
      id: 'provision.auditLog.exists',
      summary: `create diagnostic setting '${a.settingName}' on the Managed HSM`,
      details: [`sends ${to}`],
      apply: write
    }
  const settings = await readDiagnosticSettings(ctx, resourceId())
  const name = a.settingName.toLowerCase()
  const current = settings.find(s => s.name?.toLowerCase() === name)
  const details = current ? settingDifferences(current.properties ?? {}, a) : []
  if (current && details.length === 0) return undefined
  refuseTakenDestination(
    a,
    settings.filter(s => s !== current)
  )
  // Azure Monitor allows five diagnostic settings per resource (Microsoft Learn, "Diagnostic settings in Azure
  // Monitor"): a sixth is refused, so say which are there before writing.
  if (!current && settings.length >= MAX_SETTINGS)
    throw new DriftError(
      'provision.auditLog.exists',
      `the Managed HSM has ${settings.length} diagnostic settings (${settings.map(s => `'${log.oneLine(s.name ?? '?')}'`).join(', ')}), Azure's limit per resource, and none is '${a.settingName}'`,
      `set ${AUDIT_LOG_INPUTS.name} to one of them for the action to keep it, or remove one (az monitor diagnostic-settings delete)`
    )
  if (!current)
    return {
      kind: 'create',
      id: 'provision.auditLog.exists',
      summary: `create diagnostic setting '${a.settingName}' on the Managed HSM`,
      details: [`diagnostic setting '${a.settingName}': none -> ${to}`],
      apply: write
    }
  return {
    kind: 'update',
    id: 'provision.auditLog',
    summary: `update diagnostic setting '${a.settingName}' of the Managed HSM (${to})`,
    details,
    apply: write
  }
}

/**
 * Azure takes one setting per destination and category on a resource (it answers 409 Conflict "Data sink … is
 * already used in diagnostic setting …"): when another setting already sends the audit log to a destination
 * of the inputs, say which before anything is written, rather than after a failed PUT.
 */
function refuseTakenDestination(
  a: AuditLogConfig,
  others: Array<{ name?: string; properties?: DiagnosticSettingProperties }>
): void {
  for (const s of others) {
    const p = s.properties ?? {}
    if (!(p.logs ?? []).some(carriesAudit)) continue
    const taken =
      (a.workspaceId && id(p.workspaceId) === id(a.workspaceId) && a.workspaceId) ||
      (a.storageAccountId && id(p.storageAccountId) === id(a.storageAccountId) && a.storageAccountId)
    if (!taken) continue
    const other = log.oneLine(s.name ?? '?')
    throw new DriftError(
      'provision.auditLog',
      `diagnostic setting '${other}' of the Managed HSM already sends its audit log to '${taken}', and Azure takes one setting per destination and log category`,
      `set ${AUDIT_LOG_INPUTS.name}: ${other} for the action to keep that setting, or remove '${other}' (az monitor diagnostic-settings delete)`
    )
  }
}
