/**
 * The escrow is this HSM's escrow. The sha256 tag beside an escrowed security domain proves only that nobody
 * altered it after tagging: whoever can write the store can put another HSM's security domain there with a
 * matching tag, and the escrow is then worthless without anyone knowing until the disaster. So the escrowed
 * file itself is judged: each share wrapped to one of this custody's keys (the custodians' certificates, or
 * the certificates escrowed with the generated wrapping keys), the quorum as configured, and its SHA-256 the
 * one pinned in the workflow (expected-security-domain-sha256), which is the only defence against a security
 * domain of the attacker's own HSM wrapped to the custodians' public certificates.
 *
 * No read of its own: it parses what the activate step reads (the same `escrow:URL` reads, see
 * steps/activate/escrow.ts prefetchEscrow), so the nightly verify makes no extra request.
 */
import { CUSTODIAN_RECOVERY_NOT_PROVEN } from './escrow-words.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { MODE_TABLE } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import { checkEscrow, keyTargets, storesFor, type EscrowCheck } from '../escrow/escrow.js'
import type { EscrowStore } from '../escrow/stores/index.js'
import { sha256Hex } from '../shared/hash.js'
import { parseKeyBundle } from '../escrow/key-bundle.js'
import {
  CertificateError,
  parseCertificate,
  parseSecurityDomain,
  SecurityDomainFormatError,
  type SecurityDomainFile
} from '../security-domain/index.js'
import { hsmActive, type Assessor, type Posture, type PostureItem, type PostureMode } from './types.js'

const PIN = 'expected-security-domain-sha256'

/** The keys a share of this HSM's security domain may be wrapped to. */
export interface Custody {
  /** Their certificates' thumbprints (b64url SHA-256 of the DER: a share's `x5t_256`). */
  thumbprints: Set<string>
  /** Whose certificates they are, in words. */
  whose: string
  /** Configured keys whose certificate could not be read (a missing or unreadable escrowed wrapping key). */
  unread: number
  /** The custodians' certificates: their private keys are not here, so recovery cannot be proven. */
  custodians?: boolean
}

/** What is wrong with one escrowed copy: problems make it foreign; `unsure` when the keys read cannot tell. */
export interface Judgement {
  problems: string[]
  unsure?: string
}

/**
 * Judges an escrowed security domain against the custody (undefined: the wrapping keys were not read, so
 * only the quorum is judged) and the configured quorum. Never quotes the file (format errors name a path).
 */
export function judgeSecurityDomain(text: string, custody: Custody | undefined, quorum: number): Judgement {
  let sd: SecurityDomainFile
  try {
    sd = parseSecurityDomain(text)
  } catch (e) {
    if (e instanceof SecurityDomainFormatError)
      return { problems: [`it is not a security domain file (${e.message})`] }
    throw e
  }
  const problems: string[] = []
  const { required, enc_shares: shares } = sd.SharedKeys
  if (required !== quorum) problems.push(`it needs ${required} shares to recover, but quorum is ${quorum}`)
  const thumbprints = shares.map(s => s.x5t_256)
  const repeated = new Set(thumbprints.filter((t, i) => thumbprints.indexOf(t) !== i))
  if (repeated.size > 0)
    problems.push(`${repeated.size} certificate(s) hold more than one of its shares, which no download does`)
  if (!custody) return { problems }
  const foreign = new Set(thumbprints.filter(t => !custody.thumbprints.has(t)))
  if (foreign.size > custody.unread)
    problems.push(
      `${foreign.size} of its ${shares.length} shares are wrapped to certificates other than ${custody.whose}`
    )
  else if (foreign.size > 0)
    return {
      problems,
      unsure: `${foreign.size} of its ${shares.length} shares match none of the wrapping keys read, and ${custody.unread} escrowed wrapping key(s) could not be read`
    }
  return { problems }
}

function escrowRead(ctx: RunContext, store: EscrowStore): Promise<EscrowCheck> {
  return ctx.reads.once(`escrow:${store.url}`, () => checkEscrow(store))
}

function sdStores(ctx: RunContext): EscrowStore[] {
  return storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential)
}

/** The generated wrapping keys' stores, read only by verify (its escrow proof reads them anyway). */
function keyStores(ctx: RunContext, kind: PostureMode): EscrowStore[] {
  const a = ctx.config.activation
  if (kind !== 'verify' || a.certificates.length > 0 || a.wrappingKeyStores.length === 0) return []
  return storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
}

/** This custody's keys: the custodians' certificates, or those escrowed with the generated keys (verify only). */
async function custodyOf(ctx: RunContext, mode: PostureMode): Promise<Custody | undefined> {
  const a = ctx.config.activation
  if (a.certificates.length > 0)
    return {
      thumbprints: new Set(a.certificates.map(c => parseCertificate(c).x5tS256)),
      whose: "the custodians' certificates (wrapping-certificates)",
      unread: 0,
      custodians: true
    }
  const stores = keyStores(ctx, mode)
  if (stores.length === 0) return undefined
  const read = await Promise.all(stores.map(s => escrowRead(ctx, s)))
  const thumbprints = new Set(
    read.flatMap(k => (k.state === 'ok' && k.content ? thumbprintOf(k.content) : []))
  )
  return {
    thumbprints,
    whose: 'the certificates of the escrowed wrapping keys (wrapping-key-store)',
    unread: Math.max(0, a.keyCount - thumbprints.size)
  }
}

function thumbprintOf(content: Buffer): string[] {
  const bundle = parseKeyBundle(content.toString('utf8'))
  if (!bundle) return []
  try {
    return [parseCertificate(bundle.certificatePem).x5tS256]
  } catch (e) {
    if (e instanceof CertificateError) return []
    throw e
  }
}

interface Copy {
  url: string
  sha256: string
  judged: Judgement
}

export const escrowIdentity: Assessor = {
  name: 'escrow-identity',

  applies: (ctx, hsm: ManagedHsm) =>
    ctx.config.steps.includes('activate') &&
    ctx.config.activation.securityDomainStores.length > 0 &&
    hsmActive(hsm),

  prefetch(ctx) {
    const kind = MODE_TABLE[ctx.config.mode].proves ? 'verify' : 'apply'
    for (const s of [...sdStores(ctx), ...keyStores(ctx, kind)])
      void ctx.reads.prefetch(`escrow:${s.url}`, () => checkEscrow(s))
  },

  async assess(ctx, mode): Promise<Posture> {
    const a = ctx.config.activation
    const [checks, custody] = await Promise.all([
      Promise.all(sdStores(ctx).map(s => escrowRead(ctx, s))),
      custodyOf(ctx, mode)
    ])
    // Missing, altered or unreadable copies are the activate step's findings; the intact ones are judged here.
    const copies: Copy[] = checks.flatMap(c =>
      c.state === 'ok' && c.content
        ? [
            {
              url: c.store.url,
              sha256: sha256Hex(c.content),
              judged: judgeSecurityDomain(c.content.toString('utf8'), custody, a.quorum)
            }
          ]
        : []
    )
    if (copies.length === 0) return { items: pinItems(ctx, copies) }
    const identity = identityItem(copies, custody, a.quorum)
    // The output names the escrow only once it is judged this HSM's (and the pinned one, when pinned).
    const hashes = [...new Set(copies.map(c => c.sha256))]
    const pinned = a.expectedSecurityDomainSha256
    if (identity.severity === 'ok' && hashes.length === 1 && (!pinned || hashes[0] === pinned))
      ctx.facts.securityDomainSha256 = hashes[0]
    return { items: [identity, ...pinItems(ctx, copies)] }
  }
}

function identityItem(copies: Copy[], custody: Custody | undefined, quorum: number): PostureItem {
  const setting = "escrowed security domain is this HSM's"
  const foreign = copies.filter(c => c.judged.problems.length > 0)
  if (foreign.length > 0)
    return {
      id: 'escrow.identity',
      setting,
      state: `not this HSM's in ${foreign.length} of ${copies.length} store(s)`,
      severity: 'critical',
      finding:
        "escrowed security domain not this HSM's, although its sha256 tag matches (whoever can write the store " +
        'can replace both): the escrow cannot be trusted to recover this HSM',
      details: foreign.map(c => `${c.url} (SHA-256 ${c.sha256}): ${c.judged.problems.join('; ')}`),
      todo:
        "put this HSM's own security domain back from a good copy (another store, or the object's version history; " +
        'its SHA-256 is the one its activation logged, and expected-security-domain-sha256 when pinned), ' +
        'and find out who could write the store; if quorum or wrapping-certificates changed after the activation, ' +
        'set them back: a security domain keeps the quorum and certificates it was downloaded with'
    }
  const unsure = copies.filter(c => c.judged.unsure)
  if (unsure.length > 0)
    return {
      id: 'escrow.identity',
      setting,
      state: 'partly checked: wrapping keys missing',
      severity: 'warning',
      finding: "escrowed security domain could not be fully matched to this HSM's wrapping keys",
      details: unsure.map(c => `${c.url} (SHA-256 ${c.sha256}): ${String(c.judged.unsure)}`),
      todo: 'restore the missing escrowed wrapping keys (see the activate step), then verify again'
    }
  return {
    id: 'escrow.identity',
    setting,
    state: custody
      ? `yes: every share wrapped to one of ${custody.whose}, quorum ${quorum} as configured` +
        (custody.custodians ? `; ${CUSTODIAN_RECOVERY_NOT_PROVEN}` : '')
      : `quorum ${quorum} as configured (verify also matches its shares to the escrowed wrapping keys)`,
    severity: 'ok'
  }
}

/** The pin: compared when set; a warning when not (the escrow is then only as safe as the store's writers). */
function pinItems(ctx: RunContext, copies: Copy[]): PostureItem[] {
  const pinned = ctx.config.activation.expectedSecurityDomainSha256
  const setting = `escrow pinned (${PIN})`
  if (!pinned) {
    return [
      {
        id: 'escrow.pin',
        setting,
        state: 'not set',
        severity: 'warning',
        finding: `the escrowed security domain is not pinned (${PIN} is empty): which security domain it is rests on write access to security-domain-store alone`,
        details: copies.map(c => `${c.url} holds SHA-256 ${c.sha256}`),
        todo:
          `set ${PIN} in the workflow file (a reviewed commit) to the SHA-256 the activating run gave ` +
          '(its SECURITY_DOMAIN_SHA256 output and log), not to a value read back from the store'
      }
    ]
  }
  if (copies.length === 0) return []
  const other = copies.filter(c => c.sha256 !== pinned)
  if (other.length === 0)
    return [{ id: 'escrow.pin', setting, state: `matches (SHA-256 ${pinned})`, severity: 'ok' }]
  const downloaded = ctx.facts.escrowed?.securityDomain?.sha256
  return [
    {
      id: 'escrow.pin',
      setting,
      state: `differs in ${other.length} of ${copies.length} store(s)`,
      severity: 'critical',
      finding: `escrowed security domain is not the pinned one: ${PIN} is ${pinned}`,
      details: other.map(c => `${c.url} holds SHA-256 ${c.sha256}`),
      todo:
        downloaded && other.every(c => c.sha256 === downloaded)
          ? `this run activated the HSM and escrowed a new security domain (SHA-256 ${downloaded}): set ${PIN} to it in a reviewed commit`
          : `put the pinned security domain (SHA-256 ${pinned}) back from another store or the object's version history; ` +
            `change ${PIN} only in a reviewed commit, and only if this HSM was activated again`
    }
  ]
}
