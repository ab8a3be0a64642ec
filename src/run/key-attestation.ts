/**
 * The key version's attestation: fetched from the HSM, verified to a pinned Marvell root (src/attestation/),
 * and kept as evidence under RUNNER_TEMP for users to archive (the service's answer as JSON, which Microsoft's
 * validator also reads), with its SHA-256. Azure's answer is evidence, not authority: a verdict comes only from
 * the verifier. An unknown format or an HSM without the API is said ("not verified"), never passed off as verified.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KeyVaultKey } from '../azure/keys.js'
import type { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import { fetchKeyAttestation, type KeyAttestationAnswer } from '../azure/key-attestation.js'
import { AttestationError, trustAnchors, verifyKeyAttestation } from '../attestation/index.js'
import { sha256Hex } from '../shared/hash.js'
import * as log from '../shared/log.js'
import { dataPlane, type AttestationRecord, type RunContext } from './context.js'
import type { Check } from './step.js'

const b64url = (v: Uint8Array | undefined): string => (v ? Buffer.from(v).toString('base64url') : '')

/** Where the evidence goes: RUNNER_TEMP (the runner's per-job folder), else the OS temporary folder. */
function evidenceFile(name: string, version: string): string {
  const dir = join(process.env.RUNNER_TEMP || tmpdir(), 'managed-hsm-skr-attestation')
  mkdirSync(dir, { recursive: true })
  // The version comes from Azure: only a plain one names a file.
  return join(dir, `${name}-${/^[0-9a-z]{1,64}$/i.test(version) ? version : 'version'}.json`)
}

const attestationRead = (name: string, version: string): string =>
  `keyAttestation:${name}/${version.toLowerCase()}`

/** The fetch of the key's latest version's attestation (the path without a version). */
const latestRead = (name: string): string => `keyAttestation:${name}/latest`

/**
 * Starts the fetch of the latest version's attestation beside the key's own read: the version in use is the
 * latest but after a concurrent first creation (steps/key/settle.ts), so this answer is almost always the one
 * attestKey needs, a round trip sooner than a fetch that waits for the key's read to name the version.
 */
export function prefetchLatestAttestation(ctx: RunContext, plane: ManagedHsmDataPlane): void {
  if (ctx.config.key.skipAttestation) return
  const name = ctx.config.key.name
  void ctx.reads.prefetch(latestRead(name), () => fetchKeyAttestation(plane, name))
}

/**
 * Starts the fetch attestKey joins, as soon as the key's read names the version in use: on the critical path it
 * would otherwise wait for the key step's turn, after every earlier step's checks. Only the fetch: the verdict is
 * still reached in the step's turn, from what the HSM answered. Not when the latest version's answer (above)
 * names this version.
 */
export function prefetchAttestation(ctx: RunContext, plane: ManagedHsmDataPlane, key: KeyVaultKey): void {
  const version = key.properties.version
  if (ctx.config.key.skipAttestation || !version || !key.key?.n || !key.key.e) return
  const name = ctx.config.key.name
  void fromLatest(ctx, version).then(answer => {
    if (!answer)
      void ctx.reads.prefetch(attestationRead(name, version), () => fetchKeyAttestation(plane, name, version))
  })
}

/** The latest version's answer when one was fetched (and nothing written since) and it is `version`'s. */
async function fromLatest(ctx: RunContext, version: string): Promise<KeyAttestationAnswer | undefined> {
  const latest = ctx.reads.started<KeyAttestationAnswer>(latestRead(ctx.config.key.name))
  const answer = await latest?.catch(() => undefined)
  if (answer?.kind !== 'answer') return undefined
  const kid = (answer.body as { key?: { kid?: unknown } } | undefined)?.key?.kid
  const named = typeof kid === 'string' ? kid.split('/').pop() : undefined
  return named?.toLowerCase() === version.toLowerCase() ? answer : undefined
}

/** Fetches and verifies the attestation of `key` (the version in use); the record lands in ctx.facts. */
export async function attestKey(ctx: RunContext, key: KeyVaultKey): Promise<AttestationRecord> {
  const version = key.properties.version ?? ''
  const record = await attest(ctx, key, version)
  ctx.facts.attestation = record
  return record
}

async function attest(ctx: RunContext, key: KeyVaultKey, version: string): Promise<AttestationRecord> {
  const name = ctx.config.key.name
  if (ctx.config.key.skipAttestation) return { version, result: { status: 'skipped' } }
  // The verifier compares the attested modulus and exponent: RSA keys only (what Secure Key Release uses).
  if (!key.key?.n || !key.key.e)
    return {
      version,
      result: {
        status: 'not-verified',
        reason: `this action verifies the attestation of RSA keys only; key '${name}' is ${log.oneLine(String(key.keyType ?? 'of another type'))}`
      }
    }
  const answer =
    (await fromLatest(ctx, version)) ??
    (await ctx.reads.once(attestationRead(name, version), async () =>
      fetchKeyAttestation(await dataPlane(ctx), name, version)
    ))
  if (answer.kind === 'unavailable')
    return {
      version,
      result: {
        status: 'not-verified',
        reason: `the HSM offers no key attestation at api-version 7.6 (it answered ${answer.status}${answer.code ? ` ${log.oneLine(answer.code).slice(0, 60)}` : ''}); set skip-key-attestation: true where the API is missing`
      }
    }
  const text = JSON.stringify(answer.body)
  const file = evidenceFile(name, version)
  writeFileSync(file, text)
  const sha256 = sha256Hex(text)
  const attributes = (answer.body as { attributes?: { attestation?: unknown } } | undefined)?.attributes
  try {
    const result = verifyKeyAttestation({
      attestation: attributes?.attestation,
      key: { n: b64url(key.key?.n), e: b64url(key.key?.e) },
      expect: { name, version },
      anchors: trustAnchors(),
      now: new Date()
    })
    return { version, result, sha256, file }
  } catch (e) {
    if (!(e instanceof AttestationError)) throw e
    return { version, result: { status: 'failed', check: e.check, reason: e.message }, sha256, file }
  }
}

/** The record in words, one line each, for the log (values from Azure pass through log.oneLine). */
export function attestationLines(r: AttestationRecord): string[] {
  const res = r.result
  switch (res.status) {
    case 'skipped':
      return [
        'key attestation: not fetched (skip-key-attestation): where the key was generated is not checked'
      ]
    case 'failed':
      return [`key attestation of version ${r.version}: FAILED, ${log.oneLine(res.reason)}`]
    case 'not-verified':
      return [`key attestation of version ${r.version}: not verified: ${log.oneLine(res.reason)}`]
    case 'verified': {
      const a = res.attributes
      return [
        `key attestation of version ${r.version}: verified (${res.format}) to ${res.root.name}, SHA-256 ${res.root.fingerprint256}`,
        `  generated inside the HSM: yes; extractable: ${a.extractable ? 'yes (an exportable SKR key, by design)' : 'no'}`,
        ...res.chain.map(l => `  ${l.role}: ${log.oneLine(l.subject)} (SHA-256 ${l.fingerprint256})`),
        `  evidence: ${r.file} (SHA-256 ${r.sha256})`
      ]
    }
  }
}

/** What to do when an attestation fails a check. */
export const ATTESTATION_FAILED_HINT =
  'do not rely on this key version: the HSM could not show that it generated it. Keep the evidence file for ' +
  'investigation, check the HSM (and any proxy between the runner and Azure), then rerun mode: verify; ' +
  'open a support case with Microsoft if it fails again'

/** verify's finding for the record: ok, not verified (a warning), failed (critical), or not fetched (a warning). */
export function attestationCheck(r: AttestationRecord): Check {
  const res = r.result
  const id = 'key.attestation'
  const desired = 'the key version in use generated inside the HSM, attested to a pinned Marvell root'
  switch (res.status) {
    case 'verified':
      return { id, status: 'ok', desired, actual: attestationLines(r)[0] }
    case 'failed':
      return {
        id,
        status: 'drift',
        severity: 'critical',
        desired,
        actual: res.reason,
        hint: ATTESTATION_FAILED_HINT
      }
    case 'not-verified':
      return {
        id,
        status: 'drift',
        severity: 'warning',
        actual: `not verified: ${res.reason}`,
        hint: "keep the evidence file and check it with Microsoft's validator (Azure/azure-managed-hsm-key-attestation)"
      }
    case 'skipped':
      return {
        id,
        status: 'drift',
        severity: 'warning',
        actual: 'not fetched (skip-key-attestation): where the key was generated is not checked',
        hint: 'set skip-key-attestation: false where the cloud offers key attestation'
      }
  }
}
