/** The action's outputs, named as the reference steps name their variables. */
import type { RunFacts } from '../run/context.js'
import type { Config } from '../config/index.js'
import { exportVariable, setOutput } from '../shared/runner.js'

export const OUTPUT_NAMES = [
  'HSM_NAME',
  'HSM_RESOURCE_ID',
  'HSM_URI',
  'KEY_NAME',
  'KEK_KID',
  'KEK_RESOURCE',
  'DES_ID',
  'DES_PRINCIPAL_ID',
  'SECURITY_DOMAIN_SHA256',
  'KEK_ATTESTATION_SHA256',
  'KEK_ATTESTATION_FILE',
  'BACKUP_FOLDER_URL',
  'BACKUP_FINISHED_AT'
] as const
/** Set by plan and verify only: the drift report (see report/drift.ts). */
export const DRIFT_OUTPUT = 'drift'
export type Outputs = Partial<Record<(typeof OUTPUT_NAMES)[number], string>>

export function outputsFrom(config: Config, facts: RunFacts): Outputs {
  const o: Outputs = { HSM_NAME: config.hsmName }
  if (facts.hsmResourceId) o.HSM_RESOURCE_ID = facts.hsmResourceId
  // Kept exactly as Azure returns properties.hsmUri, trailing slash included (as `az keyvault show` prints it).
  if (facts.hsmUri) o.HSM_URI = facts.hsmUri
  if (facts.keyName) o.KEY_NAME = facts.keyName
  if (facts.kekKid) o.KEK_KID = facts.kekKid
  if (facts.kekResource) o.KEK_RESOURCE = facts.kekResource
  if (facts.desId) o.DES_ID = facts.desId
  if (facts.desPrincipalId) o.DES_PRINCIPAL_ID = facts.desPrincipalId
  if (facts.securityDomainSha256) o.SECURITY_DOMAIN_SHA256 = facts.securityDomainSha256
  // Evidence that verified, or whose format this action does not know (kept to check with other tools); never
  // evidence that failed a check.
  const a = facts.attestation
  if (a?.sha256 && a.file && (a.result.status === 'verified' || a.result.status === 'not-verified')) {
    o.KEK_ATTESTATION_SHA256 = a.sha256
    o.KEK_ATTESTATION_FILE = a.file
  }
  if (facts.backup) {
    o.BACKUP_FOLDER_URL = facts.backup.folderUrl
    o.BACKUP_FINISHED_AT = facts.backup.finishedAt
  }
  return o
}

/** Sets the outputs and, with export-variables, the same names as environment variables for later steps. */
export function setOutputs(outputs: Outputs, exportVariables: boolean): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue
    setOutput(name, value)
    if (exportVariables) exportVariable(name, value)
  }
}
