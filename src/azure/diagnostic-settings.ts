/**
 * The one Azure Monitor write: a diagnostic setting on the Managed HSM (issue 26 §2). `PUT
 * {resourceId}/providers/Microsoft.Insights/diagnosticSettings/{name}?api-version=2021-05-01-preview` with
 * `{properties: {workspaceId?, storageAccountId?, logs: [{category, enabled}], metrics: [{category, enabled}]}}`
 * → 200 with the setting (azure-rest-api-specs, monitor/resource-manager/Microsoft.Insights/preview/
 * 2021-05-01-preview/diagnosticsSettings_API.json, DiagnosticSettings_CreateOrUpdate). No @azure/arm-monitor
 * here: the call goes over the ARM reader's core-rest-pipeline client, as the reads of the same API do.
 */
import { API_VERSIONS, type ArmReader, type DiagnosticSettingProperties } from './arm-reads.js'

/** Why a write was refused, for people: the setting needs a right on the HSM and one on each destination. */
const WRITE_HINT = (code: string | undefined, status: number | undefined): string | undefined =>
  status === 403 || code === 'LinkedAuthorizationFailed'
    ? "creating the HSM's diagnostic setting needs Microsoft.Insights/diagnosticSettings/write on the HSM (Monitoring Contributor), and on the destination Microsoft.OperationalInsights/workspaces/sharedKeys/action (a Log Analytics workspace) or Microsoft.Storage/storageAccounts/listkeys/action (a storage account): docs/setup.md, 'Permissions by mode'"
    : status === 409
      ? 'another diagnostic setting of the HSM already sends the same log to this destination, and Azure takes one per destination and category: set audit-log-setting-name to that setting, or remove it'
      : undefined

export async function putDiagnosticSetting(
  arm: ArmReader,
  resourceId: string,
  name: string,
  properties: DiagnosticSettingProperties
): Promise<void> {
  await arm.json.send(
    `write the diagnostic setting '${name}' of the Managed HSM`,
    'PUT',
    `${resourceId}/providers/Microsoft.Insights/diagnosticSettings/${encodeURIComponent(name)}`,
    { body: { properties }, query: { 'api-version': API_VERSIONS.diagnosticSettings }, hint: WRITE_HINT }
  )
}
