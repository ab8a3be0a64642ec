/**
 * The audit-log inputs (issue 26 §2): where the provision step sends the HSM's AuditEvent log (and AllMetrics)
 * through one Azure Monitor diagnostic setting on the HSM. Checked with the other inputs, before anything
 * talks to Azure: each destination must be the ARM resource id of its type, since Azure Monitor takes ids, not
 * names, and a workspace's customer id (a GUID) or a bare account name is the usual mistake.
 */
import { GUID, resourceGroupProblem, type Reader } from './reader.js'
import type { AuditLogConfig } from './types.js'

export const AUDIT_LOG_INPUTS = {
  workspace: 'audit-log-workspace-id',
  storage: 'audit-log-storage-account-id',
  name: 'audit-log-setting-name'
} as const

/** The setting's name when audit-log-setting-name is left empty. */
export const DEFAULT_AUDIT_LOG_SETTING = 'managed-hsm-skr-audit'

const ID = (provider: string, type: string, name: string): RegExp =>
  new RegExp(`^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${provider}/${type}/(${name})$`, 'i')
/** Log Analytics workspace names: 4-63 letters, digits and hyphens, starting and ending alphanumeric. */
const WORKSPACE = ID('Microsoft\\.OperationalInsights', 'workspaces', '[a-z0-9][a-z0-9-]{2,61}[a-z0-9]')
/** Storage account names: 3-24 lower-case letters and digits. */
const STORAGE = ID('Microsoft\\.Storage', 'storageAccounts', '[a-z0-9]{3,24}')
/** This action's rule for the setting's name (Azure's own is looser): a letter or digit, then . _ - too. */
const SETTING_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/

/**
 * `runs`: whether the provision step runs in a mode that plans it (apply, plan, verify); the setting is applied
 * only there, but the inputs are checked in every run (one input set serves apply, verify and teardown:
 * provision-only.ts). Undefined when no destination is named or provision does not run.
 */
export function parseAuditLogConfig(r: Reader, runs: boolean): AuditLogConfig | undefined {
  const { get, fail } = r
  const workspace = get(AUDIT_LOG_INPUTS.workspace)
  const storage = get(AUDIT_LOG_INPUTS.storage)
  const name = get(AUDIT_LOG_INPUTS.name) || DEFAULT_AUDIT_LOG_SETTING
  if (!workspace && !storage) return undefined
  const problems = [
    workspace ? idProblem(workspace, WORKSPACE, 'workspace') : undefined,
    storage ? idProblem(storage, STORAGE, 'storage') : undefined
  ]
  for (const [input, p] of [
    [AUDIT_LOG_INPUTS.workspace, problems[0]],
    [AUDIT_LOG_INPUTS.storage, problems[1]]
  ] as const)
    if (p) fail(input, p)
  if (!SETTING_NAME.test(name))
    fail(
      AUDIT_LOG_INPUTS.name,
      `'${name}' must be 1-80 letters, digits, '.', '_' and '-', starting with a letter or digit`
    )
  if (problems.some(Boolean) || !SETTING_NAME.test(name) || !runs) return undefined
  return {
    settingName: name,
    workspaceId: workspace || undefined,
    storageAccountId: storage || undefined
  }
}

function idProblem(value: string, rule: RegExp, kind: 'workspace' | 'storage'): string | undefined {
  const example =
    kind === 'workspace'
      ? '/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.OperationalInsights/workspaces/NAME (az monitor log-analytics workspace show --query id)'
      : '/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/NAME (az storage account show --query id)'
  const m = rule.exec(value)
  if (!m) {
    const why = GUID.test(value)
      ? kind === 'workspace'
        ? "is a GUID (a workspace's customer id?), not the workspace's resource id"
        : 'is a GUID, not a storage account resource id'
      : value.startsWith('/')
        ? kind === 'workspace'
          ? 'is not the resource id of a Log Analytics workspace'
          : 'is not the resource id of a storage account'
        : 'is a name, not a resource id'
    return `'${value}' ${why}: give ${example}`
  }
  if (!GUID.test(m[1] ?? '')) return `'${value}' names no subscription id (a GUID): give ${example}`
  const rg = resourceGroupProblem(m[2] ?? '')
  if (rg) return `'${value}': its resource group name ${rg}`
  return undefined
}
