/**
 * The activate step's inputs: the wrapping keys (generated, or custodians' certificates), the quorum, and the
 * escrow targets with their custody rules.
 */
import { cloudEndpoints, type CloudName } from '../auth/clouds.js'
import { SECRET_MAX_BYTES } from '../escrow/stores/store.js'
import {
  keyTargets,
  objectKey,
  parseStoreTarget,
  showUrl,
  type StoreTarget
} from '../escrow/stores/targets.js'
import { validateWrappingCertificates } from '../security-domain/certificates.js'
import { estimateSecurityDomainBytes } from '../security-domain/size.js'
import { ConfigurationError } from '../shared/errors.js'
import { sameObject, sharedStores, storeWord } from './custody.js'
import { FILE_CAPS, readInputFile } from './input-file.js'
import { splitList, workspacePath, type Reader } from './reader.js'
import { ESCROW_SAME_STORE, type ActivationConfig, type EscrowSameStore, type SharedStore } from './types.js'

export function parseActivation(r: Reader, cloud: CloudName, activating: boolean): ActivationConfig {
  const { get, int, oneOf, fail } = r
  const read = readCertificates(get('wrapping-certificates'), fail)
  const certificates = read.map(c => c.pem)
  const keyCount = certificates.length > 0 ? certificates.length : int('wrapping-key-count', 3, 10)
  const keySizeText = get('wrapping-key-size')
  const keySize = ([2048, 3072, 4096] as const).find(n => String(n) === keySizeText)
  if (!keySize) fail('wrapping-key-size', `must be 2048, 3072 or 4096 (got '${keySizeText}')`)
  const quorum = int('quorum', 2, 10)
  if (quorum > keyCount)
    fail(
      'quorum',
      `(${quorum}) must not exceed the number of wrapping keys (${keyCount}), or the security domain could never be recovered`
    )

  let keyBits: number[] = Array.from({ length: keyCount }, () => keySize ?? 3072)
  if (certificates.length > 0) {
    const check = validateWrappingCertificates(certificates, { labels: read.map(c => c.label) })
    for (const reason of check.reasons) fail('wrapping-certificates', reason)
    keyBits = check.certificates.map(c => c?.bits ?? 4096)
  }

  const targets = (name: string): StoreTarget[] =>
    splitList(get(name)).flatMap(url => {
      const t = parseStoreTarget(url, cloudEndpoints(cloud))
      if (typeof t === 'string') {
        fail(name, t)
        return []
      }
      return [t]
    })
  const securityDomainStores = targets('security-domain-store')
  const wrappingKeyStores = targets('wrapping-key-store')
  if (new Set(securityDomainStores.map(objectKey)).size !== securityDomainStores.length)
    fail('security-domain-store', 'lists the same target twice')
  // A store that was given but refused is reported once, as such, not also as missing.
  if (activating && splitList(get('security-domain-store')).length === 0)
    fail(
      'security-domain-store',
      'is required to activate: the security domain must be escrowed before the run can succeed'
    )
  if (certificates.length > 0 && wrappingKeyStores.length > 0)
    fail(
      'wrapping-key-store',
      'must be empty with wrapping-certificates: the custodians hold the private keys, the action never sees them'
    )
  if (activating && !get('wrapping-certificates') && splitList(get('wrapping-key-store')).length === 0)
    fail(
      'wrapping-key-store',
      'is required when the action generates the wrapping keys (no wrapping-certificates): their private keys must be escrowed'
    )
  if (wrappingKeyStores.length > 1 && wrappingKeyStores.length !== keyCount)
    fail(
      'wrapping-key-store',
      `must be one target (names get -1, -2, ... suffixes) or exactly one per key (${keyCount}); got ${wrappingKeyStores.length}`
    )
  const estimate = estimateSecurityDomainBytes(keyBits)
  const secret = securityDomainStores.find(t => t.kind === 'key-vault-secret')
  if (secret && estimate > SECRET_MAX_BYTES)
    fail(
      'security-domain-store',
      `'${secret.url}' is a Key Vault secret (at most ${SECRET_MAX_BYTES} bytes), but a security domain for ${keyCount} ` +
        `wrapping keys of ${Math.max(...keyBits)} bits is about ${estimate} bytes: use Blob storage ` +
        `(https://ACCOUNT.blob.core.windows.net/CONTAINER/PATH), or fewer or smaller wrapping keys`
    )
  const escrowSameStore = oneOf('escrow-same-store', ESCROW_SAME_STORE)
  const custody = checkCustody(securityDomainStores, wrappingKeyStores, keyCount, escrowSameStore, fail)
  const pin = readPin(get('expected-security-domain-sha256'), fail)
  return {
    certificates,
    keyCount,
    keySize: keySize ?? 3072,
    quorum,
    securityDomainStores,
    wrappingKeyStores,
    escrowSameStore,
    sharedStores: custody,
    ...(pin ? { expectedSecurityDomainSha256: pin } : {})
  }
}

/** expected-security-domain-sha256: 64 hex digits (any case, kept lower case), or nothing. */
function readPin(value: string, fail: (input: string, rule: string) => void): string | undefined {
  if (!value) return undefined
  if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase()
  const got = value.length <= 80 ? `'${value}'` : `${value.length} characters`
  fail(
    'expected-security-domain-sha256',
    `must be the 64 hexadecimal digits of a SHA-256, as the SECURITY_DOMAIN_SHA256 output gives it (got ${got})`
  )
  return undefined
}

/**
 * Split custody: no wrapping-key target in the Key Vault or storage account of a security-domain target,
 * unless escrow-same-store: accept. One object named by both is refused either way. Returns the stores
 * shared under accept.
 */
function checkCustody(
  securityDomainStores: StoreTarget[],
  wrappingKeyStores: StoreTarget[],
  keyCount: number,
  escrowSameStore: EscrowSameStore,
  fail: (input: string, rule: string) => void
): SharedStore[] {
  const keyObjects = [...wrappingKeyStores, ...keyTargets(wrappingKeyStores, keyCount)]
  const same = sameObject(securityDomainStores, keyObjects)
  if (same) {
    fail(
      'wrapping-key-store',
      `${showUrl(same.url)} is also a security-domain-store target; one object cannot hold both, give each its own store`
    )
    return []
  }
  const shared = sharedStores(securityDomainStores, wrappingKeyStores)
  if (escrowSameStore === 'accept') return shared
  for (const s of shared) {
    const where = `${storeWord(s.kind)} ${s.host}`
    fail(
      'wrapping-key-store',
      `${showUrl(s.wrappingKey.url)} is in the same ${where} as security-domain-store ${showUrl(s.securityDomain.url)}: ` +
        `anyone who can read that ${storeWord(s.kind)} could recover the HSM. Escrow the wrapping keys to another ` +
        `Key Vault or storage account (split custody), or set escrow-same-store: accept to take single store custody`
    )
  }
  return []
}

/**
 * Certificates inline (PEM blocks) or as file paths, one per line; a file may hold several PEM blocks. Each
 * is labelled with where it came from, so a problem names the file to fix, not a position in a list.
 */
function readCertificates(
  value: string,
  fail: (input: string, rule: string) => void
): Array<{ pem: string; label: string }> {
  const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
  const certs: Array<{ pem: string; label: string }> = []
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
    fail(
      'wrapping-certificates',
      'holds a private key; give certificates only (the custodians keep the private keys)'
    )
    return []
  }
  let inline = 0
  const rest = value.replace(pemBlock, m => {
    certs.push({ pem: m, label: `inline certificate #${++inline}` })
    return '\n'
  })
  for (const path of splitList(rest)) {
    const full = workspacePath(path)
    let data: Buffer
    try {
      data = readInputFile('wrapping-certificates', full, FILE_CAPS.certificate, path)
    } catch (e) {
      if (!(e instanceof ConfigurationError)) throw e
      fail('wrapping-certificates', e.rule)
      continue
    }
    const text = data.toString('utf8')
    const blocks = text.match(pemBlock)
    // A private key anywhere in the file refuses it, even beside a certificate: custodians keep their keys.
    if (/PRIVATE KEY/.test(text)) {
      data.fill(0)
      fail('wrapping-certificates', `'${path}' holds a private key; give the certificate only`)
    } else if (blocks)
      certs.push(
        ...blocks.map((pem, i) => ({
          pem,
          label: blocks.length === 1 ? `'${path}'` : `'${path}' (certificate ${i + 1} of ${blocks.length})`
        }))
      )
    else
      certs.push({
        pem:
          data
            .toString('base64')
            .replace(/(.{64})/g, '$1\n')
            .replace(/^/, '-----BEGIN CERTIFICATE-----\n') + '\n-----END CERTIFICATE-----',
        label: `'${path}'`
      })
  }
  return certs
}
