/**
 * Can this key serve a Disk Encryption Set? Pure checks, made before the des step changes anything:
 * disks wrap with RSA keys of 2048, 3072 or 4096 bits that allow wrapKey and unwrapKey; a confidential-VM
 * set also needs an exportable key whose release policy lets the Confidential VM Orchestrator have it, that
 * is, a policy that releases to a compliant CVM platform token (what az keyvault key create
 * --default-cvm-policy writes; this action's cvm-platform preset).
 */
import type { KeyVaultKey } from '../../azure/keys.js'
import { CVM_ENCRYPTION_TYPE, type DesEncryptionType } from '../../config/index.js'
import { releasesToCvmPlatform, toPolicyValue, type ReleasePolicy } from '../../policy/index.js'

const RSA_SIZES = [2048, 3072, 4096]

/** Every reason this key cannot back a set of this encryption type; empty when it can. */
export function desKeyProblems(key: KeyVaultKey, type: DesEncryptionType): string[] {
  const problems: string[] = []
  const kty = String(key.keyType ?? '')
  const bits = key.key?.n ? key.key.n.length * 8 : undefined
  if (!/^RSA(-HSM)?$/.test(kty)) problems.push(`it is ${kty || 'of unknown type'}, and disks need an RSA key`)
  else if (bits !== undefined && !RSA_SIZES.includes(bits))
    problems.push(`it has ${bits} bits, and disks accept RSA keys of ${RSA_SIZES.join(', ')} bits`)
  const ops = (key.keyOperations ?? []).map(String)
  const missingOps = ['wrapKey', 'unwrapKey'].filter(o => !ops.includes(o))
  if (missingOps.length > 0) problems.push(`its operations lack ${missingOps.join(' and ')}`)
  if (key.properties.enabled === false) problems.push('it is disabled')
  if (key.properties.expiresOn && key.properties.expiresOn.getTime() < Date.now())
    problems.push(`it expired on ${key.properties.expiresOn.toISOString()}`)
  if (type !== CVM_ENCRYPTION_TYPE) return problems
  if (key.properties.exportable !== true)
    problems.push(`it is not exportable, and ${CVM_ENCRYPTION_TYPE} needs an exportable key`)
  const encoded = key.properties.releasePolicy?.encodedPolicy
  if (!encoded) {
    problems.push('it has no release policy, so the Confidential VM Orchestrator could never receive it')
    return problems
  }
  let policy: ReleasePolicy | undefined
  try {
    policy = toPolicyValue(Buffer.from(encoded).toString('utf8')) as ReleasePolicy
  } catch {
    policy = undefined
  }
  if (!policy || !releasesToCvmPlatform(policy))
    problems.push(
      'its release policy does not release to a compliant confidential-VM platform token (top-level claim x-ms-compliance-status equals azure-compliant-cvm), the token the Confidential VM Orchestrator presents; a guest-attestation policy such as sev-snp-cvm is not enough'
    )
  return problems
}
