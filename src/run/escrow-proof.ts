/**
 * The proof that the escrow recovers the HSM, in one place: the escrowed security domain and the wrapping
 * private keys within reach are read (masked as read), and every quorum-sized subset of the keys opens the
 * security domain offline. The activate step's verify and its post-download check, mode: verify-security-domain
 * and mode: recover all ask proveEscrow.
 */
import * as log from '../report/log.js'
import { statSync } from 'node:fs'
import type { RunContext } from './context.js'
import {
  checkEscrow,
  describeCheck,
  keyTargets,
  maskSecret,
  maskSecurityDomain,
  storesFor
} from '../escrow/escrow.js'
import { ConflictError } from '../shared/errors.js'
import { FILE_CAPS, readInputFile } from '../config/input-file.js'
import { recoverableSubsets, type WrappingKeyInput } from '../security-domain/index.js'
import { parseKeyBundle } from '../escrow/key-bundle.js'

/** A wrapping private key and where it came from (a store URL or a file path). */
export interface LabelledKey {
  label: string
  key: WrappingKeyInput
}

export interface EscrowProof {
  /** The quorum the security domain itself states. */
  required: number
  /** Every quorum-sized subset of the keys (0-based indices and labels), and whether it opens the security domain. */
  subsets: Array<{ keys: number[]; labels: string[]; ok: boolean; reason?: string }>
  /** How many subsets open it. */
  recovering: number
  /** Keys that contribute nothing, as 'label: reason'. */
  keyProblems: string[]
}

/** Opens the security domain offline with every quorum-sized subset of the keys. Throws RecoveryError for an unreadable one. */
export function proveEscrow(sdText: string, keys: LabelledKey[]): EscrowProof {
  const report = recoverableSubsets(
    sdText,
    keys.map(k => k.key)
  )
  const subsets = report.subsets.map(s => ({
    keys: s.keys,
    labels: s.keys.map(i => keys[i].label),
    ok: s.ok,
    reason: s.reason
  }))
  return {
    required: report.required,
    subsets,
    recovering: subsets.filter(s => s.ok).length,
    keyProblems: report.keyProblems.map(p => `${keys[p.keyIndex].label}: ${p.reason}`)
  }
}

/** The escrowed security domain, masked before anything else is printed (store reads mask as they read). */
export async function readSecurityDomain(ctx: RunContext): Promise<string> {
  if (ctx.config.securityDomainFile) {
    const text = readInputFile(
      'security-domain-file',
      ctx.config.securityDomainFile,
      FILE_CAPS.securityDomain
    ).toString('utf8')
    maskSecurityDomain(text)
    return text
  }
  const stores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential)
  for (const c of await Promise.all(stores.map(checkEscrow))) {
    if (c.state === 'ok' && c.content) return c.content.toString('utf8')
    log.warning(describeCheck(c))
  }
  throw new ConflictError(
    'no intact escrowed security domain found',
    'set security-domain-store (or security-domain-file)'
  )
}

/**
 * The wrapping private keys within reach: escrowed ones (unreadable or missing ones noted) and custodians'
 * files, each labelled with where it came from and masked as soon as it is read.
 */
export async function collectWrappingKeys(ctx: RunContext, notes: string[]): Promise<LabelledKey[]> {
  const a = ctx.config.activation
  const labelled: LabelledKey[] = []
  if (a.wrappingKeyStores.length > 0) {
    const stores = storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
    for (const c of await Promise.all(stores.map(checkEscrow))) {
      const bundle = c.state === 'ok' && c.content ? parseKeyBundle(c.content.toString('utf8')) : undefined
      if (bundle) {
        maskSecret(bundle.privateKeyPem)
        labelled.push({ label: c.store.url, key: bundle })
      } else notes.push(describeCheck(c))
    }
  }
  for (const path of ctx.config.wrappingPrivateKeys) {
    const key = readKeyFile(path)
    maskSecret(key.privateKeyPem)
    labelled.push({ label: path, key })
  }
  return labelled
}

/** A custodian's key: a PEM bundle (key + certificate), or a key file with its certificate beside it (.cer/.pem/.crt). */
function readKeyFile(path: string): { privateKeyPem: string; certificatePem: string | Buffer } {
  const text = readInputFile('wrapping-private-key-files', path, FILE_CAPS.privateKey).toString('utf8')
  const bundle = parseKeyBundle(text)
  if (bundle) return bundle
  const base = path.replace(/\.[^./]+$/, '')
  for (const ext of ['.cer', '.crt', '.pem']) {
    const beside = `${base}${ext}`
    if (beside === path || !exists(beside)) continue
    return {
      privateKeyPem: text,
      certificatePem: readInputFile('wrapping-private-key-files', beside, FILE_CAPS.certificate)
    }
  }
  throw new ConflictError(
    `${path} holds no certificate and none was found beside it`,
    'put the certificate (PEM) in the same file, or next to it as .cer'
  )
}

function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}
