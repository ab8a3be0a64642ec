/**
 * The escrow as activation finds it: an active HSM's escrow checked, and copied where it is missing; a
 * store that already holds a security domain before any download; a failed attempt's escrow kept aside.
 */
import * as log from '../../shared/log.js'
import type { RunContext } from '../../run/context.js'
import { AzureOperationError, DriftError, EscrowConflictError } from '../../shared/errors.js'
import {
  checkEscrow,
  escrowTo,
  keyTargets,
  storesFor,
  SD_CONTENT_TYPE,
  unreadableHint,
  type EscrowCheck,
  type EscrowMetadata
} from '../../escrow/escrow.js'
import { openStore, withSuffix, type EscrowStore, type StoreTarget } from '../../escrow/stores/index.js'
import { differentObject } from '../../escrow/stores/store.js'
import { sha256Hex } from '../../shared/hash.js'
import type { Plan } from '../../run/step.js'
import { MODE_TABLE } from '../../config/index.js'

/** The HSM is active: the escrow must be there, intact; copy it where it is missing. */
export async function planActive(ctx: RunContext, sdStores: EscrowStore[]): Promise<Plan> {
  const checks = await Promise.all(sdStores.map(s => readEscrow(ctx, s)))
  failIfUnreadable(checks)
  const bad = checks.filter(c => c.state === 'mismatch')
  if (bad.length > 0) {
    throw new DriftError(
      'activate.escrow.integrity',
      `Managed HSM '${ctx.config.hsmName}' is active, but its escrowed security domain cannot be trusted:\n` +
        bad.map(c => `- ${c.store.url}: ${c.detail}`).join('\n'),
      'restore the escrow object from a good copy (another store, or the object version history)'
    )
  }
  const good = checks.filter((c): c is EscrowCheck & { content: Buffer } => c.state === 'ok' && !!c.content)
  if (good.length === 0) {
    throw new DriftError(
      'activate.escrow.present',
      `Managed HSM '${ctx.config.hsmName}' is active, but no configured security-domain-store holds its security domain ` +
        `(${sdStores.map(s => s.url).join(', ')})`,
      'if it was activated elsewhere, put that security domain file in one of the stores with a sha256 tag (metadata) of its SHA-256; ' +
        "if an earlier run of this action failed saying 'saved ONLY in', that file is the security domain: put it in a store the same way; " +
        'if a run was cancelled between the download and the escrow, no copy exists: the HSM works but cannot be restored from a backup, ' +
        'so while it holds no key you need, delete and purge it and rerun'
    )
  }
  const hashes = new Set(good.map(g => sha256Hex(g.content)))
  const notes =
    hashes.size > 1
      ? [
          `the stores hold ${hashes.size} different security domains (each downloaded once); all recover the HSM`
        ]
      : []
  const missing = checks.filter(c => c.state === 'missing')
  if (missing.length === 0) {
    log.info(
      `activate: already active; security domain escrowed in ${good.length} store(s), SHA-256 ${[...hashes][0]}`
    )
    return { changes: [], notes }
  }
  const source = good[0]
  return {
    changes: [
      {
        kind: 'update',
        id: 'activate.escrow.present',
        summary: `copy the escrowed security domain to ${missing.length} store(s) that lack it`,
        details: missing.map(m => m.store.url),
        async apply() {
          const meta = (await source.store.get())?.metadata ?? {}
          const metadata: EscrowMetadata = {
            ...meta,
            kind: 'security-domain',
            hsm: ctx.config.hsmName,
            sha256: sha256Hex(source.content)
          }
          for (const m of missing) await escrowTo(m.store, source.content, metadata, SD_CONTENT_TYPE)
        }
      }
    ],
    notes
  }
}

/** What a store holds, checked (shared by plan, verify and the step's early reads, prefetchEscrow). */
export function readEscrow(ctx: RunContext, store: EscrowStore): Promise<EscrowCheck> {
  return ctx.reads.once(`escrow:${store.url}`, () => checkEscrow(store))
}

/** Starts the reads readEscrow joins: the security domain's stores, and in verify the wrapping keys' too. */
export function prefetchEscrow(ctx: RunContext): void {
  const a = ctx.config.activation
  const targets = [
    ...a.securityDomainStores,
    ...(MODE_TABLE[ctx.config.mode].proves ? keyTargets(a.wrappingKeyStores, a.keyCount) : [])
  ]
  for (const s of storesFor(targets, ctx.signIn.credential))
    void ctx.reads.prefetch(`escrow:${s.url}`, () => checkEscrow(s))
}

/** Not drift: an escrow that could not be read says nothing about itself. */
export function failIfUnreadable(checks: EscrowCheck[]): void {
  const unreadable = checks.filter(c => c.state === 'unreadable')
  if (unreadable.length === 0) return
  throw new AzureOperationError(
    {
      service: 'escrow',
      operation: 'read the escrowed security domain',
      hint: unreadableHint(unreadable)
    },
    unreadable.map(c => `${c.store.url}: ${c.detail}`).join('\n')
  )
}

/**
 * After an activation that ended Failed, the store holds that attempt's security domain: keep it beside
 * the new one (nothing is ever deleted), then replace it only if nobody changed it meanwhile.
 */
export async function supersede(
  ctx: RunContext,
  target: StoreTarget,
  old: EscrowCheck,
  content: Buffer,
  metadata: EscrowMetadata
): Promise<void> {
  const oldContent = old.content as Buffer
  const oldSha = sha256Hex(oldContent)
  if (oldSha === metadata.sha256) return
  const aside = openStore(withSuffix(target, `-failed-${oldSha.slice(0, 12)}`), ctx.signIn.credential)
  await escrowTo(
    aside,
    oldContent,
    {
      ...(old.metadata ?? {}),
      kind: 'security-domain',
      hsm: ctx.config.hsmName,
      sha256: oldSha,
      superseded: 'activation failed'
    },
    SD_CONTENT_TYPE
  )
  log.info(`  the security domain of the failed activation is kept at ${aside.url}`)
  if (!(await old.store.replaceIf(old.version ?? 'absent', content, metadata, SD_CONTENT_TYPE)))
    throw differentObject(old.store.url)
  const back = await old.store.get()
  if (!back || sha256Hex(back.content) !== metadata.sha256)
    throw new Error(`read-back of ${old.store.url} did not return what was written`)
}

/** What the metadata of an escrowed object says of it, for naming it in an error. */
function described(c: EscrowCheck): string {
  const m = c.metadata ?? {}
  const what = [m.hsm && `HSM ${m.hsm}`, m.created && `created ${m.created}`, m.run && `by ${m.run}`]
  return `- ${c.store.url} (${log.oneLine(what.filter(Boolean).join(', ')) || 'no metadata'})`
}

/**
 * A store holds a security domain for an HSM that has none yet (never activated, or not even created): it
 * belongs to another HSM, and an escrow is never overwritten.
 */
export function occupiedError(
  ctx: RunContext,
  occupied: EscrowCheck[],
  hsm: 'inactive' | 'absent' = 'inactive'
): EscrowConflictError {
  const name = ctx.config.hsmName
  if (hsm === 'absent')
    return new EscrowConflictError(
      `Managed HSM '${name}' does not exist yet, but security-domain-store already holds a security domain, ` +
        `so its activation would fail once it was created:\n${occupied.map(described).join('\n')}`,
      'an escrow is never overwritten: point security-domain-store at new objects (another secret name or blob path, ' +
        'for example with the HSM name in it); or, if the HSM that security domain belongs to still exists, ' +
        'point hsm-name and resource-group at it. Nothing was created'
    )
  return new EscrowConflictError(
    `Managed HSM '${name}' has never been activated, but security-domain-store already holds a security domain:\n` +
      occupied.map(described).join('\n'),
    'it belongs to another HSM (perhaps a deleted one with the same name) and an escrow is never overwritten: ' +
      'point security-domain-store at a new name, or move that object elsewhere once you are sure it is not the only copy of a security domain still needed'
  )
}

/**
 * Wrapping keys another HSM escrowed where this one would escrow its own (`metadata`: what each key store
 * holds). Keys an interrupted run of this HSM left are reused; another HSM's are not ours to share.
 */
export function foreignKeysError(
  ctx: RunContext,
  keyStores: EscrowStore[],
  metadata: Array<Record<string, string> | undefined>
): EscrowConflictError | undefined {
  const foreign = metadata.flatMap((m, i) => {
    const owner = m?.hsm
    return owner && owner.toLowerCase() !== ctx.config.hsmName.toLowerCase()
      ? [`${keyStores[i].url} (HSM ${log.oneLine(owner)})`]
      : []
  })
  if (foreign.length === 0) return undefined
  return new EscrowConflictError(
    `wrapping-key-store already holds wrapping keys of another HSM:\n${foreign.map(f => `- ${f}`).join('\n')}`,
    'give each HSM its own wrapping-key-store names (for example with the HSM name in them); those keys still recover that HSM, so keep them'
  )
}

/**
 * Before an HSM is created (apply, or plan saying what apply would do), with activate among the steps: the
 * escrow objects its activation will write must be free, or the run would fail after creating an HSM that
 * bills by the hour. The same reads and the same errors as activation's own checks; nothing is written.
 */
export async function preflightNewHsmEscrow(ctx: RunContext): Promise<void> {
  const a = ctx.config.activation
  const sdChecks = await Promise.all(
    storesFor(a.securityDomainStores, ctx.signIn.credential).map(checkEscrow)
  )
  const keyStores =
    a.certificates.length === 0
      ? storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
      : []
  const keyChecks = await Promise.all(keyStores.map(checkEscrow))
  failIfUnreadable([...sdChecks, ...keyChecks])
  const occupied = sdChecks.filter(c => c.content)
  if (occupied.length > 0) throw occupiedError(ctx, occupied, 'absent')
  const foreign = foreignKeysError(
    ctx,
    keyStores,
    keyChecks.map(c => c.metadata)
  )
  if (foreign) throw foreign
  if (sdChecks.length + keyChecks.length > 0)
    log.info(
      `  escrow preflight: the ${sdChecks.length + keyChecks.length} escrow object(s) activation will write are free`
    )
}
