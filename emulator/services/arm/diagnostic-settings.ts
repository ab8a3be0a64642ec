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
  settings[key] = { resourceId, name: existing?.name ?? name, properties: props }
  r.ctx.state.save()
  reply(r, 200, json(settings[key]))
  return true
}
