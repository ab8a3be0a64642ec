/**
 * The activation's wrapping keys: reused from an interrupted run's escrow or generated, escrowed and read back;
 * and the offline proof that every quorum subset of them recovers the downloaded security domain.
 */
import * as log from '../../shared/log.js'
import type { EscrowRecord, RunContext } from '../../run/context.js'
import { formatDuration } from '../../azure/wait.js'
import { proveEscrow } from '../../run/escrow-proof.js'
import { ConflictError } from '../../shared/errors.js'
import { escrowTo, KEY_CONTENT_TYPE, maskSecret, type EscrowMetadata } from '../../escrow/escrow.js'
import { generateWrappingKeys, parseCertificate, type WrappingKeyInput } from '../../security-domain/index.js'
import type { EscrowStore } from '../../escrow/stores/index.js'
import { sha256Hex } from '../../shared/hash.js'
import { parseKeyBundle } from '../../escrow/key-bundle.js'
import { foreignKeysError } from './escrow.js'

/** Key pairs for activation: reuse any an interrupted run escrowed, generate the rest, escrow them. */
export async function wrappingKeys(
  ctx: RunContext,
  keyStores: EscrowStore[]
): Promise<Array<WrappingKeyInput & { certificatePem: string }>> {
  const a = ctx.config.activation
  const found = await Promise.all(keyStores.map(s => s.get()))
  const foreign = foreignKeysError(
    ctx,
    keyStores,
    found.map(f => f?.metadata)
  )
  if (foreign) throw foreign
  const reused = found.map(f => (f ? parseKeyBundle(f.content.toString('utf8')) : undefined))
  const missing = reused.filter(r => !r).length
  const started = Date.now()
  const generated = missing > 0 ? await generateWrappingKeys({ count: missing, bits: a.keySize }) : []
  // Masked before the next line is printed (reused keys were masked as they were read from the store).
  for (const k of generated) maskSecret(k.privateKeyPem)
  if (missing > 0)
    log.info(
      `  generated ${missing} RSA-${a.keySize} wrapping key pair(s) with certificates in ${formatDuration(Date.now() - started)}`
    )
  if (missing < keyStores.length)
    log.info(`  reusing ${keyStores.length - missing} wrapping key(s) escrowed by an earlier, unfinished run`)
  const keys = reused.map(r => r ?? (generated.shift() as { privateKeyPem: string; certificatePem: string }))
  await Promise.all(
    keys.map(async (k, i) => {
      const bundle = Buffer.from(`${k.privateKeyPem.trim()}\n${k.certificatePem.trim()}\n`, 'utf8')
      const metadata: EscrowMetadata = {
        kind: 'wrapping-key',
        hsm: ctx.config.hsmName,
        sha256: sha256Hex(bundle),
        index: `${i + 1}/${keys.length}`,
        x5tS256: parseCertificate(k.certificatePem).x5tS256
      }
      await escrowTo(keyStores[i], bundle, metadata, KEY_CONTENT_TYPE)
      log.info(`  wrapping key ${i + 1}/${keys.length} escrowed to ${keyStores[i].url} and read back`)
      escrowRecord(ctx).wrappingKeys[i] = { store: keyStores[i].url, sha256: metadata.sha256 }
    })
  )
  return keys
}

/** This run's escrow record in the run facts, for the job summary. */
export function escrowRecord(ctx: RunContext): EscrowRecord {
  const a = ctx.config.activation
  ctx.facts.escrowed ??= {
    wrappingKeys: [],
    quorum: a.quorum,
    keyCount: a.certificates.length || a.keyCount,
    generated: a.certificates.length === 0
  }
  return ctx.facts.escrowed
}

/** Proves every quorum subset recovers the security domain; returns how many subsets were tried. */
export function proveRecovery(sdText: string, keys: WrappingKeyInput[], quorum: number): number {
  const proof = proveEscrow(
    sdText,
    keys.map((key, i) => ({ label: `wrapping key ${i + 1}`, key }))
  )
  const failing = proof.subsets.filter(s => !s.ok)
  if (failing.length > 0 || proof.subsets.length === 0) {
    throw new ConflictError(
      `the downloaded security domain does not recover with ${failing.length} of ${proof.subsets.length} quorum subsets of the wrapping keys: ` +
        (failing[0]?.reason ?? 'no subset to try'),
      'the security domain is escrowed; keep it and the keys, and report this: Azure returned a file these keys cannot open'
    )
  }
  log.info(
    `  proof: every ${quorum}-of-${keys.length} subset of the wrapping keys (${proof.subsets.length}) recovers the security domain offline`
  )
  return proof.subsets.length
}
