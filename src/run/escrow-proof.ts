/**
 * The proof that the escrow recovers the HSM, in one place: the escrowed security domain and the wrapping
 * private keys within reach are read (masked as read), and every quorum-sized subset of the keys opens the
 * security domain offline. The activate step's verify and its post-download check, mode: verify-security-domain
 * and mode: recover all ask proveEscrow.
 */
import * as log from '../shared/log.js'
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
import { sha256Hex } from '../shared/hash.js'

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

/**
 * The escrowed security domain, masked before anything else is printed (store reads mask as they read). With
 * expected-security-domain-sha256 set, only a copy with that SHA-256 is taken, and none is refused before
 * anything is changed; without it, the run says that the copy is taken on its store's word.
 */
export async function readSecurityDomain(ctx: RunContext): Promise<string> {
  const pinned = ctx.config.activation.expectedSecurityDomainSha256
  const others: Array<{ where: string; sha256: string }> = []
  const take = (where: string, text: string): string | undefined => {
    const sha256 = sha256Hex(text)
    if (pinned && sha256 !== pinned) {
      others.push({ where, sha256 })
      log.warning(
        `${where} holds a security domain with SHA-256 ${sha256}, not the pinned ${pinned}: not used`
      )
      return undefined
    }
    if (!pinned)
      log.warning(
        `${PIN} is not set: the security domain from ${where} (SHA-256 ${sha256}) is taken on the word of whoever can write it; ` +
          `pin the SHA-256 the activating run gave (its SECURITY_DOMAIN_SHA256 output) in the workflow file`
      )
    return text
  }
  if (ctx.config.securityDomainFile) {
    const text = readInputFile(
      'security-domain-file',
      ctx.config.securityDomainFile,
      FILE_CAPS.securityDomain
    ).toString('utf8')
    maskSecurityDomain(text)
    const taken = take(ctx.config.securityDomainFile, text)
    if (taken !== undefined) return taken
    throw pinRefusal(pinned as string, others)
  }
  const stores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential)
  for (const c of await Promise.all(stores.map(checkEscrow))) {
    if (c.state === 'ok' && c.content) {
      const taken = take(c.store.url, c.content.toString('utf8'))
      if (taken !== undefined) return taken
    } else log.warning(describeCheck(c))
  }
  if (pinned && others.length > 0) throw pinRefusal(pinned, others)
  throw new ConflictError(
    'no intact escrowed security domain found',
    'set security-domain-store (or security-domain-file)'
  )
}

const PIN = 'expected-security-domain-sha256'

/** No copy is the pinned security domain: nothing may be recovered from (or proven with) another one. */
function pinRefusal(pinned: string, others: Array<{ where: string; sha256: string }>): ConflictError {
  return new ConflictError(
    `the escrowed security domain is not the pinned one: ${PIN} is ${pinned}, but\n` +
      others.map(o => `- ${o.where} holds SHA-256 ${o.sha256}`).join('\n') +
      '\nNothing was changed.',
    `find the security domain with SHA-256 ${pinned} (another store, the object's version history, a custodian's copy) ` +
      `and point security-domain-store or security-domain-file at it; change ${PIN} only in a reviewed commit, ` +
      'and only if this HSM was activated again since it was pinned'
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
