/**
 * The des step's inputs: the Disk Encryption Set that binds the key-encryption key to VM disks. Checked with
 * the other inputs, before anything talks to Azure; each problem names its input.
 */
import { releasesToCvmPlatform } from '../policy/index.js'
import { GUID, resourceGroupProblem, type Reader } from './reader.js'
import { MODE_TABLE } from './modes.js'
import {
  CVM_ENCRYPTION_TYPE,
  DES_ENCRYPTION_TYPES,
  DES_KEY_VERSIONS,
  type Config,
  type DesConfig,
  type KeyConfig
} from './types.js'

export function parseDesConfig(
  r: Reader,
  opts: { resourceGroup: string; key: KeyConfig; listed: boolean; keyStepRuns: boolean }
): DesConfig | undefined {
  const { get, oneOf, fail } = r
  const name = get('disk-encryption-set')
  if (!name) {
    if (opts.listed) fail('disk-encryption-set', "is required when steps lists 'des'")
    return undefined
  }
  if (!/^[a-zA-Z0-9_-]{1,80}$/.test(name))
    fail('disk-encryption-set', `'${name}' must be 1-80 letters, digits, _ and -`)
  const resourceGroup = get('disk-encryption-set-resource-group') || opts.resourceGroup
  const rgProblem = resourceGroup && resourceGroupProblem(resourceGroup)
  if (rgProblem) fail('disk-encryption-set-resource-group', rgProblem)
  const encryptionType = oneOf('des-encryption-type', DES_ENCRYPTION_TYPES)
  const keyVersion = oneOf('des-key-version', DES_KEY_VERSIONS)
  const cvm = encryptionType === CVM_ENCRYPTION_TYPE
  if (keyVersion === 'latest' && cvm)
    fail(
      'des-key-version',
      `latest is not possible with ${CVM_ENCRYPTION_TYPE}: Azure offers no automatic key rotation for ` +
        'confidential-VM disks (every VM using the set must be stopped to change its key); keep pinned and ' +
        'rotate offline, or choose des-encryption-type EncryptionAtRestWithCustomerKey'
    )
  const orchestrator = get('cvm-orchestrator-object-id')
  if (orchestrator && !GUID.test(orchestrator))
    fail('cvm-orchestrator-object-id', `must be an object id (a GUID), got '${orchestrator}'`)
  else if (orchestrator && !cvm)
    fail(
      'cvm-orchestrator-object-id',
      `applies to ${CVM_ENCRYPTION_TYPE} only: the Confidential VM Orchestrator releases keys to confidential VMs, other disks never ask it`
    )
  // Managed disks accept RSA keys of 2048, 3072 or 4096 bits only (key-size is checked against those already).
  if (opts.key.type !== 'RSA-HSM')
    fail(
      'key-type',
      `must be RSA-HSM for a Disk Encryption Set (got ${opts.key.type}): disks wrap with RSA keys only`
    )
  // The key step would write a policy the Orchestrator cannot satisfy: say so before it does.
  const policy = opts.key.policy
  if (cvm && opts.keyStepRuns && policy?.kind === 'preset' && policy.preset !== 'cvm-platform')
    fail(
      'release-policy-preset',
      `'${policy.preset}' releases to a confidential VM's guest, not to the Confidential VM Orchestrator that ${CVM_ENCRYPTION_TYPE} relies on: use cvm-platform`
    )
  if (cvm && opts.keyStepRuns && policy?.kind === 'inline' && !releasesToCvmPlatform(policy.policy))
    fail(
      'release-policy',
      `does not release to a compliant confidential-VM platform token (x-ms-compliance-status equals azure-compliant-cvm), which the Confidential VM Orchestrator presents for ${CVM_ENCRYPTION_TYPE}`
    )
  return {
    name,
    resourceGroup,
    encryptionType,
    keyVersion,
    orchestratorObjectId: orchestrator ? orchestrator.toLowerCase() : undefined
  }
}

/**
 * Whether the key's release policy lets the Confidential VM Orchestrator release it (a compliant CVM platform
 * token): only then can a set for confidential VMs use the key.
 */
export function releasesToOrchestrator(key: KeyConfig): boolean {
  const policy = key.policy
  if (policy?.kind === 'preset') return policy.preset === 'cvm-platform'
  return policy?.kind === 'inline' && releasesToCvmPlatform(policy.policy)
}

/**
 * Whether the run will look the Orchestrator up, from its inputs: the des step makes a set for confidential VMs,
 * or the posture judges who can take the key (src/posture/access.ts counts the Orchestrator's role as intended once
 * such a set uses the key) and the inputs name such a set, or the key's policy lets the Orchestrator release it
 * (only then can such a set use it). Not when its object id is given.
 */
export function expectsOrchestrator(config: Config): boolean {
  const d = config.des
  if (d?.orchestratorObjectId) return false
  const cvmSet = d?.encryptionType === CVM_ENCRYPTION_TYPE
  if (config.steps.includes('des')) return cvmSet
  // The posture runs in the step modes only (modes/posture-run.ts).
  const judgesHolders =
    MODE_TABLE[config.mode].runsSteps && config.steps.some(s => s === 'rbac' || s === 'key')
  return judgesHolders && (cvmSet || releasesToOrchestrator(config.key))
}
