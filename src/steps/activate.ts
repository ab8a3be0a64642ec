/**
 * activate: download the security domain (which activates the HSM) so that nothing is ever lost.
 * Order: prove every store writable; escrow generated wrapping keys and read them back; download; escrow
 * the security domain at once and read it back; prove offline that a quorum of keys recovers it; only then
 * wait for Azure to report the HSM active. Already active: download nothing, check the escrow, and copy it
 * to any configured store that lacks it.
 */
import * as core from '@actions/core'
import { dataPlane, knownHsm, type RunContext } from '../context.js'
import { downloadSecurityDomain, downloadStatus } from '../azure/security-domain-api.js'
import { waitUntil, formatDuration } from '../azure/wait.js'
import { AzureOperationError, ConflictError, DriftError, errorMessage } from '../errors.js'
import {
  checkEscrow,
  escrowTo,
  keyTargets,
  KEY_CONTENT_TYPE,
  maskSecret,
  maskSecurityDomain,
  preflight,
  rescueToFile,
  SD_CONTENT_TYPE,
  storesFor,
  type EscrowCheck,
  type EscrowMetadata
} from '../escrow.js'
import {
  buildDownloadJwk,
  generateWrappingKeys,
  parseCertificate,
  recoverableSubsets,
  type WrappingKeyInput
} from '../security-domain/index.js'
import type { EscrowStore } from '../stores/index.js'
import { sha256Hex } from '../stores/store.js'
import { runUrl } from '../report/summary.js'
import type { Change, Check, Plan, Step } from './step.js'

export const activate: Step = {
  name: 'activate',

  async plan(ctx: RunContext): Promise<Plan> {
    const hsm = await knownHsm(ctx)
    const sdStores = storesFor(ctx.config.activation.securityDomainStores, ctx.signIn.credential)
    if (hsm.activationStatus === 'Active') return planActive(ctx, sdStores)
    return { changes: [activationChange(ctx, sdStores)], notes: [] }
  },

  async finish(ctx: RunContext, changed: boolean): Promise<void> {
    if (!changed && ctx.facts.activationStatus) return
    const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName)
    ctx.facts.activationStatus = hsm?.properties?.securityDomainProperties?.activationStatus
  },

  /** The escrowed wrapping keys are there and intact, and a quorum of them still opens the escrowed security domain. */
  async verify(ctx: RunContext): Promise<Check[]> {
    const a = ctx.config.activation
    if (a.wrappingKeyStores.length === 0 || (await knownHsm(ctx)).activationStatus !== 'Active') return []
    const sdCheck = (
      await Promise.all(storesFor(a.securityDomainStores, ctx.signIn.credential).map(checkEscrow))
    ).find(c => c.state === 'ok')
    const keyStores = storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)
    const keyChecks = await Promise.all(keyStores.map(checkEscrow))
    const checks: Check[] = keyChecks.map((k, i) => ({
      id: `activate.wrappingKey.${i + 1}`,
      status: k.state === 'ok' ? 'ok' : k.state === 'unreadable' ? 'error' : 'drift',
      desired: 'escrowed, SHA-256 as recorded',
      actual:
        k.state === 'ok' ? 'escrowed, SHA-256 as recorded' : `${k.state}${k.detail ? `: ${k.detail}` : ''}`,
      hint:
        k.state === 'ok'
          ? undefined
          : `restore wrapping key ${i + 1} at ${k.store.url} from a backup; quorum still needs ${a.quorum} keys`
    }))
    const keys = keyChecks
      .flatMap(k => (k.state === 'ok' && k.content ? [parseKeyBundle(k.content.toString('utf8'))] : []))
      .filter((k): k is NonNullable<typeof k> => !!k)
    if (!sdCheck?.content) return checks
    const report =
      keys.length >= a.quorum ? recoverableSubsets(sdCheck.content.toString('utf8'), keys) : undefined
    const ok = report?.subsets.filter(x => x.ok).length ?? 0
    checks.push({
      id: 'activate.escrow.recoverable',
      status: report && ok > 0 ? 'ok' : 'drift',
      desired: `a quorum of ${a.quorum} escrowed wrapping keys recovers the escrowed security domain`,
      actual: report
        ? `${ok} of ${report.subsets.length} ${report.required}-key subsets recover it`
        : `only ${keys.length} readable wrapping key(s), quorum is ${a.quorum}`,
      hint:
        report && ok > 0
          ? undefined
          : 'the escrow cannot recover the HSM: restore the missing keys now, while the HSM still runs'
    })
    return checks
  }
}

/** The HSM is active: the escrow must be there, intact; copy it where it is missing. */
async function planActive(ctx: RunContext, sdStores: EscrowStore[]): Promise<Plan> {
  const checks = await Promise.all(sdStores.map(checkEscrow))
  const unreadable = checks.filter(c => c.state === 'unreadable')
  if (unreadable.length > 0) {
    // Not drift: the escrow could not be read, so nothing is known about it.
    throw new AzureOperationError(
      {
        service: 'escrow',
        operation: 'read the escrowed security domain',
        hint: 'fix access to the store for the signed-in identity'
      },
      unreadable.map(c => `${c.store.url}: ${c.detail}`).join('\n')
    )
  }
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
        'if an earlier run failed after activation, its log says where it saved the security domain'
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
    core.info(
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

function activationChange(ctx: RunContext, sdStores: EscrowStore[]): Change {
  const a = ctx.config.activation
  const generating = a.certificates.length === 0
  return {
    kind: 'create',
    id: 'activate.activationStatus',
    summary: `activate Managed HSM '${ctx.config.hsmName}': download its security domain, quorum ${a.quorum} of ${a.keyCount} wrapping keys`,
    details: [
      generating
        ? `wrapping keys: ${a.keyCount} RSA-${a.keySize} key pairs generated here, escrowed to ${a.wrappingKeyStores.map(t => t.url).join(', ')}`
        : `wrapping keys: ${a.certificates.length} custodian certificates (private keys stay with the custodians)`,
      `security domain escrow: ${a.securityDomainStores.map(t => t.url).join(', ')}`
    ],
    apply: () => activateNow(ctx, sdStores)
  }
}

async function activateNow(ctx: RunContext, sdStores: EscrowStore[]): Promise<void> {
  const { config } = ctx
  const a = config.activation
  const targets = keyTargets(a.wrappingKeyStores, a.keyCount)
  const keyStores = storesFor(targets, ctx.signIn.credential)

  // 1. Nothing changes in Azure unless every store can be written.
  await preflight([...sdStores, ...keyStores])
  core.info(`  preflight: ${sdStores.length + keyStores.length} store target(s) writable`)

  // 2. Wrapping keys: custodians' certificates, or key pairs made (or found from an interrupted run) and escrowed.
  const keys: WrappingKeyInput[] = []
  let certificates: string[]
  if (a.certificates.length > 0) {
    certificates = a.certificates
  } else {
    const made = await wrappingKeys(ctx, keyStores)
    keys.push(...made)
    certificates = made.map(k => String(k.certificatePem))
  }
  const jwks = certificates.map(c => buildDownloadJwk(parseCertificate(c)))

  // 3. Download: the security domain comes in the first answer.
  const dp = await dataPlane(ctx)
  const sdText = await downloadSecurityDomain(dp, jwks, a.quorum)
  maskSecurityDomain(sdText)
  const sha256 = sha256Hex(sdText)
  core.info(
    `  security domain downloaded (${(Buffer.byteLength(sdText) / 1024).toFixed(1)} KB, SHA-256 ${sha256})`
  )

  // 4. Escrow it at once, everywhere; keep it on disk only if no store took it.
  const metadata: EscrowMetadata = {
    kind: 'security-domain',
    hsm: config.hsmName,
    sha256,
    quorum: String(a.quorum),
    keys: String(jwks.length),
    created: new Date().toISOString(),
    ...(runUrl() ? { run: runUrl() as string } : {})
  }
  const content = Buffer.from(sdText, 'utf8')
  const results = await Promise.allSettled(sdStores.map(s => escrowTo(s, content, metadata, SD_CONTENT_TYPE)))
  const held = sdStores.filter((_, i) => results[i].status === 'fulfilled')
  const failed = sdStores
    .map((s, i) => ({ s, r: results[i] }))
    .filter((x): x is { s: EscrowStore; r: PromiseRejectedResult } => x.r.status === 'rejected')
  for (const s of held) core.info(`  security domain escrowed to ${s.url} and read back (SHA-256 matches)`)
  if (held.length === 0) {
    const path = rescueToFile(sdText, config.hsmName)
    throw new AzureOperationError(
      {
        service: 'escrow',
        operation: 'store the security domain',
        hint:
          `the security domain (SHA-256 ${sha256}) is saved ONLY in ${path} (mode 0600, encrypted to the wrapping keys). ` +
          'RUNNER_TEMP is emptied when the job ends: copy it to a secure store now (a later step with if: failure()), ' +
          'then fix the store and rerun: the rerun finds the HSM active and checks the escrow'
      },
      `no security-domain-store accepted it:\n${failed.map(f => `- ${f.s.url}: ${errorMessage(f.r.reason)}`).join('\n')}`
    )
  }

  // 5. Prove the escrow recovers the HSM: every quorum of the keys we hold decrypts every item.
  if (keys.length >= a.quorum) proveRecovery(sdText, keys, a.quorum)

  // 6. Azure confirms the activation.
  await waitForActive(ctx)
  if (failed.length > 0) {
    throw new AzureOperationError(
      {
        service: 'escrow',
        operation: 'store the security domain everywhere',
        hint: 'fix those stores and rerun: the rerun copies the escrow to them'
      },
      `the HSM is active and its security domain is escrowed in ${held.map(h => h.url).join(', ')}, but not in:\n` +
        failed.map(f => `- ${f.s.url}: ${errorMessage(f.r.reason)}`).join('\n')
    )
  }
}

/** Key pairs for activation: reuse any an interrupted run escrowed, generate the rest, escrow them. */
async function wrappingKeys(
  ctx: RunContext,
  keyStores: EscrowStore[]
): Promise<Array<WrappingKeyInput & { certificatePem: string }>> {
  const a = ctx.config.activation
  const found = await Promise.all(keyStores.map(s => s.get()))
  const reused = found.map(f => (f ? parseKeyBundle(f.content.toString('utf8')) : undefined))
  const missing = reused.filter(r => !r).length
  const started = Date.now()
  const generated = missing > 0 ? await generateWrappingKeys({ count: missing, bits: a.keySize }) : []
  if (missing > 0)
    core.info(
      `  generated ${missing} RSA-${a.keySize} wrapping key pair(s) with certificates in ${formatDuration(Date.now() - started)}`
    )
  if (missing < keyStores.length)
    core.info(
      `  reusing ${keyStores.length - missing} wrapping key(s) escrowed by an earlier, unfinished run`
    )
  const keys = reused.map(r => r ?? (generated.shift() as { privateKeyPem: string; certificatePem: string }))
  for (const k of keys) maskSecret(k.privateKeyPem)
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
      core.info(`  wrapping key ${i + 1}/${keys.length} escrowed to ${keyStores[i].url} and read back`)
    })
  )
  return keys
}

/** A PEM bundle holding one private key and its certificate. */
export function parseKeyBundle(text: string): { privateKeyPem: string; certificatePem: string } | undefined {
  const key = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA )?PRIVATE KEY-----/.exec(text)?.[0]
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text)?.[0]
  return key && cert ? { privateKeyPem: key, certificatePem: cert } : undefined
}

function proveRecovery(sdText: string, keys: WrappingKeyInput[], quorum: number): void {
  const report = recoverableSubsets(sdText, keys)
  const failing = report.subsets.filter(s => !s.ok)
  if (failing.length > 0 || report.subsets.length === 0) {
    throw new ConflictError(
      `the downloaded security domain does not recover with ${failing.length} of ${report.subsets.length} quorum subsets of the wrapping keys: ` +
        (failing[0]?.reason ?? 'no subset to try'),
      'the security domain is escrowed; keep it and the keys, and report this: Azure returned a file these keys cannot open'
    )
  }
  core.info(
    `  proof: every ${quorum}-of-${keys.length} subset of the wrapping keys (${report.subsets.length}) recovers the security domain offline`
  )
}

async function waitForActive(ctx: RunContext): Promise<void> {
  const dp = await dataPlane(ctx)
  await waitUntil(
    async () => {
      const s = await downloadStatus(dp)
      if (s.status === 'Failed')
        throw new AzureOperationError(
          {
            service: 'Managed HSM',
            operation: 'activate',
            hint: 'the security domain is escrowed; rerun to try the activation again'
          },
          `activation failed: ${s.details ?? 'no details'}`
        )
      if (s.status !== 'Success' && s.status !== 'Unknown')
        return { value: undefined, done: false, status: s.details ?? s.status }
      // Success (or a status-less answer): ARM has the last word on activation.
      const hsm = await ctx.arm.get(ctx.config.resourceGroup, ctx.config.hsmName)
      const status = hsm?.properties?.securityDomainProperties?.activationStatus
      return {
        value: undefined,
        done: status === 'Active',
        status: `ARM activationStatus ${status ?? 'unknown'}`
      }
    },
    { what: 'activation', service: 'Managed HSM', deadline: ctx.deadline, schedule: [2000, 5000, 10_000] }
  )
}
