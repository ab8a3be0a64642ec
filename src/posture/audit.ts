/**
 * The HSM's audit trail: whether a diagnostic setting sends its AuditEvent log (the category, or the `audit`
 * or `allLogs` category group) anywhere. Without one, nobody can later tell who read, released or changed
 * the key. One ARM read (Microsoft.Insights/diagnosticSettings/read on the HSM), started with the other
 * reads once ARM has answered for the HSM; verify only. Every setting is read, not only the one the provision step
 * keeps with the audit-log-* inputs (steps/audit-log.ts): the item says where each sends the audit log.
 */
import type { ArmResource, DiagnosticSettingProperties } from '../azure/arm-reads.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { MODE_TABLE } from '../config/index.js'
import { readHsm, type RunContext } from '../run/context.js'
import { armReader, denied, lastSegment } from './arm.js'
import type { Assessor, PostureItem } from './types.js'

const READ = 'diagnosticSettings'
const SETTING = 'HSM audit log (AuditEvent)'

function hsmId(ctx: RunContext, hsm: ManagedHsm): string {
  return hsm.id ?? ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName)
}

/** Every diagnostic setting of the HSM, read once per run (shared with the provision step's audit-log plan). */
export function readDiagnosticSettings(
  ctx: RunContext,
  id: string
): Promise<ArmResource<DiagnosticSettingProperties>[]> {
  return ctx.reads.once(READ, () => armReader(ctx).diagnosticSettings(id))
}

export const audit: Assessor = {
  name: 'audit',
  applies: ctx => MODE_TABLE[ctx.config.mode].proves,
  // verify only (applies): the HSM's resource id is known from the inputs.
  early(ctx) {
    const id = ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName)
    void ctx.reads.prefetch(READ, () => armReader(ctx).diagnosticSettings(id))
  },
  async assess(ctx) {
    const hsm = await readHsm(ctx)
    if (!hsm) return { items: [] }
    let settings: ArmResource<DiagnosticSettingProperties>[]
    try {
      settings = await readDiagnosticSettings(ctx, hsmId(ctx, hsm))
    } catch (e) {
      if (!denied(e)) throw e
      return {
        items: [
          {
            id: 'audit.diagnosticSettings',
            setting: SETTING,
            state: `not checked (needs Reader on the HSM '${ctx.config.hsmName}': Microsoft.Insights/diagnosticSettings/read)`,
            severity: 'warning',
            todo: "grant the identity Reader on the HSM or its resource group (docs/setup.md, 'Permissions by mode')"
          }
        ]
      }
    }
    return { items: [auditItem(ctx, settings)] }
  }
}

/** A log entry that carries the HSM's audit events: AuditEvent, or the category group audit or allLogs. */
export function carriesAudit(l: {
  category?: string | null
  categoryGroup?: string | null
  enabled?: boolean
}): boolean {
  if (l.enabled !== true) return false
  return (
    l.category?.toLowerCase() === 'auditevent' ||
    ['audit', 'alllogs'].includes(l.categoryGroup?.toLowerCase() ?? '')
  )
}

/** Where a setting sends its logs, in words; empty when it sends them nowhere. */
export function destinations(p: DiagnosticSettingProperties): string[] {
  const out: string[] = []
  const set = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== ''
  if (set(p.workspaceId)) out.push(`Log Analytics workspace '${lastSegment(p.workspaceId)}'`)
  if (set(p.storageAccountId)) out.push(`storage account '${lastSegment(p.storageAccountId)}'`)
  if (set(p.eventHubAuthorizationRuleId)) out.push('an event hub')
  if (set(p.marketplacePartnerId)) out.push(`partner solution '${lastSegment(p.marketplacePartnerId)}'`)
  return out
}

function auditItem(ctx: RunContext, settings: ArmResource<DiagnosticSettingProperties>[]): PostureItem {
  const base = { id: 'audit.diagnosticSettings', setting: SETTING }
  const sending = settings
    .map(s => ({ name: s.name ?? '?', p: s.properties ?? {} }))
    .filter(s => (s.p.logs ?? []).some(carriesAudit) && destinations(s.p).length > 0)
  if (sending.length > 0)
    return {
      ...base,
      state: sending
        .map(s => `sent to ${destinations(s.p).join(' and ')} (diagnostic setting '${s.name}')`)
        .join('; '),
      severity: 'ok'
    }
  return {
    ...base,
    state:
      settings.length === 0
        ? 'no diagnostic setting'
        : `${settings.length} diagnostic setting(s), none sending AuditEvent anywhere`,
    severity: 'warning',
    finding:
      "no diagnostic setting sends the HSM's AuditEvent log anywhere: who read, released or changed the key is recorded nowhere anyone can look",
    todo: ctx.config.auditLog
      ? `run mode: apply: its provision step writes the diagnostic setting '${ctx.config.auditLog.settingName}' of the audit-log-* inputs again`
      : `set audit-log-workspace-id or audit-log-storage-account-id for apply's provision step to create and keep one, or ` +
        `create a diagnostic setting on the HSM that sends the audit category group to a Log Analytics workspace or storage account ` +
        `(az monitor diagnostic-settings create --resource ${ctx.arm.resourceId(ctx.config.resourceGroup, ctx.config.hsmName)} ` +
        `--name audit --logs '[{"categoryGroup":"audit","enabled":true}]' --workspace WORKSPACE_ID)`
  }
}
