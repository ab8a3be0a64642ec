/**
 * Microsoft.Insights diagnostic settings of a Managed HSM on ARM:
 * `{hsmId}/providers/Microsoft.Insights/diagnosticSettings` (GET: `{"value":[…]}`, one page) and
 * `…/diagnosticSettings/{name}` (GET, PUT, DELETE), in the shapes of the REST spec (azure-rest-api-specs,
 * specification/monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json
 * and its examples: `{id, type, name, properties:{storageAccountId, workspaceId, eventHubAuthorizationRuleId,
 * eventHubName, marketplacePartnerId, metrics, logs:[{category | categoryGroup, enabled, retentionPolicy}],
 * logAnalyticsDestinationType}}`). The log categories a Managed HSM offers are `AuditEvent` and the groups
 * `audit` and `allLogs` (Microsoft Learn, supported logs for Microsoft.KeyVault/managedHSMs). Settings are kept
 * by resource id, so a setting outlives a deleted HSM and applies again to one of the same name, as in Azure.
 */
import { isRecord, parseJsonBody } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { fail, reply, type ArmRequest } from './common.js'

declare module '../../core/state.js' {
  interface StateData {
    /** Microsoft.Insights diagnostic settings, keyed by "{lower-case resource id}|{lower-case name}". */
    diagnosticSettings?: Record<string, DiagnosticSettingRecord>
  }
}

export interface DiagnosticSettingRecord {
  resourceId: string
  name: string
  properties: Record<string, unknown>
}

const CATEGORIES = ['auditevent']
const GROUPS = ['audit', 'alllogs']
const DESTINATIONS = [
  'storageAccountId',
  'workspaceId',
  'eventHubAuthorizationRuleId',
  'marketplacePartnerId'
]

function all(r: ArmRequest): Record<string, DiagnosticSettingRecord> {
  r.ctx.state.data.diagnosticSettings ??= {}
  return r.ctx.state.data.diagnosticSettings
}

function json(d: DiagnosticSettingRecord): Record<string, unknown> {
  return {
    id: `${d.resourceId}/providers/microsoft.insights/diagnosticSettings/${d.name}`,
    type: 'Microsoft.Insights/diagnosticSettings',
    name: d.name,
    properties: d.properties
  }
}

/** Why a setting's body is refused, or undefined when it is accepted. */
function problem(props: Record<string, unknown>): string | undefined {
  const set = DESTINATIONS.filter(k => typeof props[k] === 'string' && (props[k] as string).trim() !== '')
  if (set.length === 0)
    return 'At least one of storageAccountId, workspaceId, eventHubAuthorizationRuleId or marketplacePartnerId must be set.'
  for (const l of Array.isArray(props.logs) ? props.logs : []) {
    if (!isRecord(l) || typeof l.enabled !== 'boolean') return 'Each log setting needs enabled (a boolean).'
    const category = typeof l.category === 'string' ? l.category : undefined
    const group = typeof l.categoryGroup === 'string' ? l.categoryGroup : undefined
    if (category && !CATEGORIES.includes(category.toLowerCase()))
      return `Category '${category}' is not supported.`
    if (group && !GROUPS.includes(group.toLowerCase())) return `Category group '${group}' is not supported.`
    if (!category && !group) return 'Each log setting needs a category or a categoryGroup.'
  }
  // Managed HSM's one metric category (Microsoft Learn, supported metrics of Microsoft.KeyVault/managedHSMs).
  for (const m of Array.isArray(props.metrics) ? props.metrics : []) {
    if (!isRecord(m) || typeof m.enabled !== 'boolean')
      return 'Each metric setting needs enabled (a boolean).'
    if (typeof m.category === 'string' && m.category.toLowerCase() !== 'allmetrics')
      return `Category '${m.category}' is not supported.`
  }
  return undefined
}

/** The enabled log categories and groups of a setting, lower case ("c:auditevent", "g:audit"). */
function enabledLogs(props: Record<string, unknown>): string[] {
  return (Array.isArray(props.logs) ? props.logs : [])
    .filter(l => isRecord(l) && l.enabled === true)
    .map(l => {
      const r = l as Record<string, unknown>
      return typeof r.category === 'string'
        ? `c:${r.category.toLowerCase()}`
        : `g:${String(r.categoryGroup).toLowerCase()}`
    })
}

/**
 * Azure takes one setting per destination and log category on a resource: a second setting sending the same
 * category to the same sink is refused with 409 Conflict, "Data sink '{id}' is already used in diagnostic
 * setting '{name}' for category '{category}'. Data sinks can't be reused in different settings on the same
 * category for the same resource." (an ARM deployment's error quoted in Azure/bicep-registry-modules#3407).
 * Matched here on the same category or the same group, as written; how Azure treats a category beside a
 * group that contains it is not confirmed (emulator/README.md).
 */
function sinkTaken(
  props: Record<string, unknown>,
  others: DiagnosticSettingRecord[]
): { sink: string; setting: string; category: string } | undefined {
  const mine = enabledLogs(props)
  for (const o of others) {
    const shared = enabledLogs(o.properties).find(c => mine.includes(c))
    if (!shared) continue
    for (const k of [
      'workspaceId',
      'storageAccountId',
      'eventHubAuthorizationRuleId',
      'marketplacePartnerId'
    ]) {
      const a = props[k]
      const b = o.properties[k]
      if (typeof a === 'string' && a.trim() && typeof b === 'string' && a.toLowerCase() === b.toLowerCase())
        return { sink: a, setting: o.name, category: shared.slice(2) }
    }
  }
  return undefined
}

/** `…/managedHSMs/{name}/providers/Microsoft.Insights/diagnosticSettings[/{setting}]`; false for other paths. */
export function handleDiagnosticSettings(r: ArmRequest): boolean {
  const { lower, segs } = r
  const at = lower.findIndex((s, i) => s === 'providers' && lower[i + 1] === 'microsoft.insights' && i > 4)
  if (at < 0 || lower[at + 2] !== 'diagnosticsettings' || lower.length > at + 4) return false
  const isHsm =
    at === 8 &&
    lower[2] === 'resourcegroups' &&
    lower[4] === 'providers' &&
    lower[5] === 'microsoft.keyvault' &&
    lower[6] === 'managedhsms'
  const rg = segs[3]
  const hsm = isHsm ? r.ctx.state.data.hsms[segs[7].toLowerCase()] : undefined
  if (
    !hsm ||
    hsm.subscriptionId !== DEFAULT_IDS.subscriptionId ||
    hsm.resourceGroup.toLowerCase() !== rg?.toLowerCase()
  ) {
    fail(
      r,
      404,
      'ResourceNotFound',
      isHsm
        ? `The Resource 'Microsoft.KeyVault/managedHSMs/${segs[7]}' under resource group '${rg}' was not found.`
        : 'The emulator serves diagnostic settings of Managed HSMs only.'
    )
    return true
  }
  const resourceId = `/subscriptions/${DEFAULT_IDS.subscriptionId}/resourceGroups/${hsm.resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${hsm.name}`
  const prefix = `${resourceId.toLowerCase()}|`
  const settings = all(r)
  const name = segs[at + 3]
  if (name === undefined) {
    if (r.ex.method !== 'GET')
      fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
    else
      reply(r, 200, {
        value: Object.entries(settings)
          .filter(([k]) => k.startsWith(prefix))
          .map(([, d]) => json(d))
      })
    return true
  }
  const key = `${prefix}${name.toLowerCase()}`
  const existing = settings[key]
  if (r.ex.method === 'GET') {
    if (existing) reply(r, 200, json(existing))
    else fail(r, 404, 'ResourceNotFound', `The diagnostic setting '${name}' doesn't exist.`)
    return true
  }
  if (r.ex.method === 'DELETE') {
    delete settings[key]
    r.ctx.state.save()
    reply(r, existing ? 200 : 204)
    return true
  }
  if (r.ex.method !== 'PUT') {
    fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported.`)
    return true
  }
  const body = parseJsonBody(r.ex.body)
  const props = isRecord(body) && isRecord(body.properties) ? body.properties : undefined
  if (!props) {
    fail(r, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
    return true
  }
  const why = problem(props)
  if (why) {
    fail(r, 400, 'BadRequest', why)
    return true
  }
  const taken = sinkTaken(
    props,
    Object.entries(settings)
      .filter(([k]) => k.startsWith(prefix) && k !== key)
      .map(([, d]) => d)
  )
  if (taken) {
    fail(
      r,
      409,
      'Conflict',
      `Data sink '${taken.sink}' is already used in diagnostic setting '${taken.setting}' for category '${taken.category}'. Data sinks can't be reused in different settings on the same category for the same resource.`
    )
    return true
  }
  settings[key] = { resourceId, name: existing?.name ?? name, properties: props }
  r.ctx.state.save()
  reply(r, 200, json(settings[key]))
  return true
}
