/**
 * What the recover and verify-security-domain modes read: the custodians' private-key files, a local
 * security-domain file, the key backup escrow (key-backup-store, also the key step's) and a rehearsal's HSM name.
 */
import { cloudEndpoints, type CloudName } from '../auth/clouds.js'
import { keyTargets, parseStoreTarget, showUrl, type StoreTarget } from '../escrow/stores/targets.js'
import { ConfigurationError } from '../shared/errors.js'
import { sameObject } from './custody.js'
import { checkInputFile, FILE_CAPS } from './input-file.js'
import { MODE_TABLE, type Mode } from './modes.js'
import { hsmNameProblem, type Reader } from './reader.js'
import { KEY_BACKUP_SUFFIX_LENGTH, type ActivationConfig } from './types.js'

/**
 * wrapping-private-key-files and security-domain-file: only in the modes that read private keys, and read later in
 * the run (after sign-in), so proven readable and bounded now, before any request.
 */
export function checkKeyFiles(
  r: Reader,
  mode: Mode,
  wrappingPrivateKeys: string[],
  securityDomainFile: string | undefined
): void {
  if (!MODE_TABLE[mode].readsPrivateKeys && (wrappingPrivateKeys.length > 0 || securityDomainFile))
    r.fail(
      wrappingPrivateKeys.length > 0 ? 'wrapping-private-key-files' : 'security-domain-file',
      "is only read in mode: verify-security-domain or recover (private keys do not belong in the other modes' inputs)"
    )
  else {
    const check = (input: string, path: string, cap: number): void => {
      try {
        checkInputFile(input, path, cap)
      } catch (e) {
        if (!(e instanceof ConfigurationError)) throw e
        r.problems.push(e)
      }
    }
    for (const path of wrappingPrivateKeys) check('wrapping-private-key-files', path, FILE_CAPS.privateKey)
    if (securityDomainFile) check('security-domain-file', securityDomainFile, FILE_CAPS.securityDomain)
  }
}

/** key-backup-store (key step, recover) and what mode: recover needs to find the escrow it restores. */
export function parseRecovery(
  r: Reader,
  cloud: CloudName,
  mode: Mode,
  hsmName: string,
  activation: ActivationConfig,
  hasKeyFiles: boolean,
  hasSdFile: boolean
): { keyBackup?: StoreTarget; rehearsalHsmName?: string } {
  const { get, fail } = r
  let keyBackup: StoreTarget | undefined
  const backupUrl = get('key-backup-store')
  if (backupUrl) {
    const t = parseStoreTarget(backupUrl, cloudEndpoints(cloud))
    if (typeof t === 'string') fail('key-backup-store', t)
    else if (t.kind === 'key-vault-secret' && t.name.length + KEY_BACKUP_SUFFIX_LENGTH > 127)
      fail(
        'key-backup-store',
        `secret name '${t.name}' is too long: one secret per key state gets a ${KEY_BACKUP_SUFFIX_LENGTH}-character version suffix, and Key Vault allows 127 characters`
      )
    else if (
      sameObject(
        [
          ...activation.securityDomainStores,
          ...activation.wrappingKeyStores,
          ...keyTargets(activation.wrappingKeyStores, activation.keyCount)
        ],
        [t]
      )
    )
      fail(
        'key-backup-store',
        `${showUrl(t.url)} is also a security-domain-store or wrapping-key-store target; keep them apart`
      )
    else keyBackup = t
  }
  const rehearsal = get('rehearsal-hsm-name')
  if (rehearsal && mode !== 'recover' && mode !== 'plan')
    fail(
      'rehearsal-hsm-name',
      'is only read in mode: recover (it names the temporary HSM of a rehearsal) and mode: plan (which says what that rehearsal would do)'
    )
  else if (rehearsal) {
    const problem = hsmNameProblem(rehearsal)
    if (problem) fail('rehearsal-hsm-name', `'${rehearsal}' ${problem}`)
    else if (rehearsal.toLowerCase() === hsmName.toLowerCase())
      fail(
        'rehearsal-hsm-name',
        'must differ from hsm-name: a rehearsal recovers into a temporary HSM and deletes it afterwards'
      )
  }
  if (mode === 'recover') {
    if (activation.securityDomainStores.length === 0 && !hasSdFile)
      fail(
        'security-domain-store',
        'is required to recover (or security-domain-file): it holds the escrowed security domain'
      )
    if (activation.wrappingKeyStores.length === 0 && !hasKeyFiles)
      fail(
        'wrapping-key-store',
        'or wrapping-private-key-files is required to recover: a quorum of the wrapping private keys opens the security domain'
      )
  }
  return { keyBackup, rehearsalHsmName: rehearsal || undefined }
}
