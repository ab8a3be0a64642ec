/**
 * Activation by download, so that nothing is ever lost. Order: prove a rescue location on disk and every
 * store writable; take turns with concurrent runs (one download per HSM); escrow generated wrapping keys
 * and read them back; download; escrow the security domain at once and read it back (or keep it in the
 * rescue file); prove offline that a quorum of keys recovers it; only then wait for Azure to report the
 * HSM active. Every failure after the download says where the security domain is.
 */
import * as log from '../../shared/log.js'
import { saveState } from '../../shared/runner.js'
import { dataPlane, type RunContext } from '../../run/context.js'
import { downloadSecurityDomain, downloadStatus, lastDownload } from '../../azure/security-domain-api.js'
import type { ManagedHsmDataPlane } from '../../azure/managed-hsm-data.js'
import {
  isLive,
  LEASE_TTL_MS,
  leaseStore,
  readLease,
  tryTakeLease,
  type Lease,
  type LeaseRecord
} from '../../escrow/activation-lease.js'
import { waitUntil } from '../../azure/wait.js'
import { waitUntilActive } from '../../run/hsm-active.js'
import { AzureOperationError, ConflictError, errorSummary, withLine } from '../../shared/errors.js'
import {
  fsErrorMessage,
  guardSecurityDomain,
  prepareRescueLocation,
  RESCUE_STATE,
  rescueHint,
  type RescueLocation
} from '../../escrow/rescue.js'
import {
  checkEscrow,
  escrowTo,
  keyTargets,
  maskSecurityDomain,
  preflight,
  SD_CONTENT_TYPE,
  storesFor,
  type EscrowMetadata
} from '../../escrow/escrow.js'
import { buildDownloadJwk, parseCertificate, type WrappingKeyInput } from '../../security-domain/index.js'
import type { EscrowStore } from '../../escrow/stores/index.js'
import { sha256Hex } from '../../shared/hash.js'
import { runUrl } from '../../shared/run-url.js'
import { failIfUnreadable, occupiedError, planActive, supersede } from './escrow.js'
import { escrowRecord, proveRecovery, wrappingKeys } from './wrapping-keys.js'

/**
 * One download per HSM. An activation already under way (a concurrent run, or a run that was stopped) is
 * waited for, never repeated; runs that start together take turns through a lease; after an activation
 * that ended Failed, that attempt's escrow is kept aside and the next download replaces it.
 */
export async function activateNow(ctx: RunContext, sdStores: EscrowStore[]): Promise<void> {
  const a = ctx.config.activation
  const keyStores = storesFor(keyTargets(a.wrappingKeyStores, a.keyCount), ctx.signIn.credential)

  // 1. Nothing changes in Azure unless the security domain has somewhere to go: a rescue location on
  // disk (the last resort if every store refuses it after the download) and every store.
  const rescue = prepareRescueLocation()
  if (rescue.skipped.length > 0)
    log.warning(
      `the rescue location for the security domain is in ${rescue.base.name}, not RUNNER_TEMP: ${rescue.skipped.join('; ')}`
    )
  log.info(
    `  preflight: rescue location ${rescue.dir} writable (used only if every store refuses the security domain)`
  )
  try {
    await preflight([...sdStores, ...keyStores])
    log.info(`  preflight: ${sdStores.length + keyStores.length} store target(s) writable`)
    await activateOnce(ctx, sdStores, keyStores, rescue)
  } finally {
    // Never the rescue file: an empty directory only.
    rescue.discardIfEmpty()
  }
}

async function activateOnce(
  ctx: RunContext,
  sdStores: EscrowStore[],
  keyStores: EscrowStore[],
  rescue: RescueLocation
): Promise<void> {
  const a = ctx.config.activation
  const dp = await dataPlane(ctx)
  const leases = leaseStore(a.securityDomainStores, ctx.signIn.credential)
  for (;;) {
    if ((await earlierActivation(ctx, dp)) === 'underway') return joinActivation(ctx, sdStores)
    const taken = await tryTakeLease(leases, ctx.config.hsmName)
    if (!taken.held) {
      await waitForOtherRun(ctx, dp, leases, taken.holder)
      continue
    }
    let downloaded: Downloaded
    try {
      // Another run may have downloaded between the first read and the lease.
      const earlier = await earlierActivation(ctx, dp)
      if (earlier === 'underway') {
        await taken.lease.release()
        return joinActivation(ctx, sdStores)
      }
      downloaded = await downloadAndEscrow(
        ctx,
        sdStores,
        keyStores,
        earlier === 'failed',
        taken.lease,
        rescue
      )
    } finally {
      await taken.lease.release()
    }
    return confirmActivation(ctx, downloaded)
  }
}

type Earlier = 'none' | 'underway' | 'failed'

/** What Azure says of earlier downloads: none, one under way (or done), or one whose activation failed. */
async function earlierActivation(ctx: RunContext, dp: ManagedHsmDataPlane): Promise<Earlier> {
  const last = await lastDownload(dp)
  if (last?.status === 'InProgress' || last?.status === 'Success') return 'underway'
  if (last?.status === 'Failed' || ctx.facts.activationStatus === 'Failed') return 'failed'
  return 'none'
}

/** Another run holds the lease: wait until its download shows in Azure, or until its lease lapses. */
async function waitForOtherRun(
  ctx: RunContext,
  dp: ManagedHsmDataPlane,
  leases: EscrowStore,
  holder: LeaseRecord
): Promise<void> {
  log.info(
    `  another run (${holder.run ?? 'run unknown'}) is activating Managed HSM '${ctx.config.hsmName}'; ` +
      'waiting for its download instead of starting a second one'
  )
  await waitUntil(
    async () => {
      if ((await earlierActivation(ctx, dp)) === 'underway') return { value: undefined, done: true }
      const lease = await readLease(leases)
      return { value: undefined, done: !isLive(lease), status: 'the other run is preparing its download' }
    },
    {
      what: 'the other run',
      service: 'escrow',
      deadline: Math.min(ctx.deadline, Date.now() + 10 * LEASE_TTL_MS),
      schedule: [3000]
    }
  )
}

/**
 * An activation started elsewhere: wait for it, then hold its escrow to the same standard as a rerun does
 * (present, intact, copied where missing). A run that stopped between download and escrow cannot be
 * repaired here, and the escrow check says so.
 */
async function joinActivation(ctx: RunContext, sdStores: EscrowStore[]): Promise<void> {
  log.info(
    `  an activation of Managed HSM '${ctx.config.hsmName}' is already under way (another run, or one that stopped): ` +
      'waiting for it instead of downloading again'
  )
  await waitForActive(ctx)
  for (const change of (await planActive(ctx, sdStores)).changes) await change.apply()
}

interface Downloaded {
  sdText: string
  sha256: string
  keys: WrappingKeyInput[]
  held: EscrowStore[]
  failed: Array<{ s: EscrowStore; reason: unknown }>
}

/** Steps 2-4 under the lease: wrapping keys, download, escrow everywhere (or the rescue file). */
async function downloadAndEscrow(
  ctx: RunContext,
  sdStores: EscrowStore[],
  keyStores: EscrowStore[],
  afterFailure: boolean,
  lease: Lease,
  rescue: RescueLocation
): Promise<Downloaded> {
  const { config } = ctx
  const a = config.activation
  // What the stores hold: nothing, or (after a failed activation) that attempt's security domain.
  const found = await Promise.all(sdStores.map(checkEscrow))
  failIfUnreadable(found)
  const occupied = found.filter(c => c.content)
  if (occupied.length > 0 && !afterFailure) throw occupiedError(ctx, occupied)

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
  if (!(await lease.stillHeld()))
    throw new ConflictError(
      `another run took over the activation of Managed HSM '${config.hsmName}' while this one prepared it (this run paused for more than ${LEASE_TTL_MS / 1000} s)`,
      'rerun: the rerun waits for that activation and checks its escrow'
    )
  const dp = await dataPlane(ctx)
  // From the download request until the escrow settles, the security domain is only in Azure's answer
  // and in memory: a cancelled job lets the download finish, saves it to the rescue location first, and
  // stops once the escrow has settled (the runner's SIGINT and SIGTERM come seconds before it kills).
  let sdText: string | undefined
  let sha256 = ''
  const guard = guardSecurityDomain(rescue, (path, error) => {
    if (path) saveState(RESCUE_STATE, `${sha256} ${path}`)
    log.error(
      path
        ? `cancelled while the security domain (SHA-256 ${sha256}) was being escrowed: a copy is saved in ${path} (mode 0600); the escrow goes on until it ends, see below`
        : `cancelled while the security domain (SHA-256 ${sha256}) was being escrowed, and it could not be saved to disk (${fsErrorMessage(error)}); the escrow goes on until it ends, see below`
    )
  })
  let results: PromiseSettledResult<unknown>[] = []
  try {
    sdText = await downloadSecurityDomain(dp, jwks, a.quorum)
    maskSecurityDomain(sdText)
    sha256 = sha256Hex(sdText)
    log.info(
      `  security domain downloaded (${(Buffer.byteLength(sdText) / 1024).toFixed(1)} KB, SHA-256 ${sha256})`
    )
    guard.hold(sdText)

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
    results = await Promise.allSettled(
      sdStores.map((s, i) =>
        found[i].content
          ? supersede(ctx, a.securityDomainStores[i], found[i], content, metadata)
          : escrowTo(s, content, metadata, SD_CONTENT_TYPE)
      )
    )
  } finally {
    const signal = guard.release()
    if (signal) {
      const held = sdStores.filter((_, i) => results[i]?.status === 'fulfilled').map(s => s.url)
      // Written in the handler, unless that failed: then once more, in a fresh location if need be.
      if (sdText !== undefined && held.length === 0 && !rescue.file) {
        const path = rescueFile(rescue, sdText)
        if (typeof path === 'string') saveState(RESCUE_STATE, `${sha256} ${path}`)
      }
      log.error(
        sdText === undefined
          ? 'cancelled: the download request failed, no security domain was received'
          : `cancelled: ${held.length > 0 ? whereabouts(sha256, held, rescue.file) : keptOnlyIn(sha256, rescue.file, sdStores)}`
      )
      process.kill(process.pid, signal)
    }
  }
  const held = sdStores.filter((_, i) => results[i].status === 'fulfilled')
  const failed = sdStores.flatMap((s, i) => {
    const r = results[i]
    return r.status === 'rejected' ? [{ s, reason: r.reason as unknown }] : []
  })
  for (const s of held) log.info(`  security domain escrowed to ${s.url} and read back (SHA-256 matches)`)
  escrowRecord(ctx).securityDomain = { sha256, stores: held.map(s => s.url) }
  if (held.length === 0) {
    const refusals = `no security-domain-store accepted it:\n${failed.map(f => `- ${f.s.url}: ${errorSummary(f.reason)}`).join('\n')}`
    const path = rescueFile(rescue, sdText)
    if (typeof path !== 'string')
      throw new AzureOperationError(
        { service: 'escrow', operation: 'store the security domain', hint: lostHint(sha256) },
        `${refusals}\nand it could not be saved to disk either: ${path.map(fsErrorMessage).join('; ')}`
      )
    saveState(RESCUE_STATE, `${sha256} ${path}`)
    throw new AzureOperationError(
      {
        service: 'escrow',
        operation: 'store the security domain',
        hint: rescueHint(path, sha256, sdStores[0]?.url)
      },
      refusals
    )
  }
  ctx.facts.securityDomainSha256 = sha256
  return { sdText, sha256, keys, held, failed }
}

/** Steps 5-6: prove the escrow recovers the HSM, wait for Azure, report stores that missed the escrow. */
async function confirmActivation(ctx: RunContext, d: Downloaded): Promise<void> {
  const a = ctx.config.activation
  try {
    if (d.keys.length >= a.quorum) escrowRecord(ctx).proven = proveRecovery(d.sdText, d.keys, a.quorum)
    await waitForActive(ctx)
  } catch (e) {
    // Whatever failed, the person reading this needs to know where the security domain is.
    throw withWhereabouts(
      e,
      whereabouts(
        d.sha256,
        d.held.map(h => h.url)
      )
    )
  }
  if (d.failed.length > 0) {
    throw new AzureOperationError(
      {
        service: 'escrow',
        operation: 'store the security domain everywhere',
        hint: 'fix those stores and rerun: the rerun copies the escrow to them'
      },
      `the HSM is active and its security domain (SHA-256 ${d.sha256}) is escrowed in ${d.held.map(h => h.url).join(', ')}, but not in:\n` +
        d.failed.map(f => `- ${f.s.url}: ${errorSummary(f.reason)}`).join('\n')
    )
  }
}

/** The rescue file's path, or why it could not be written (in the prepared directory, then in a fresh one). */
function rescueFile(rescue: RescueLocation, sdText: string): string | unknown[] {
  if (rescue.file) return rescue.file
  const errors: unknown[] = []
  try {
    return rescue.write(sdText)
  } catch (e) {
    errors.push(e)
  }
  try {
    const fresh = prepareRescueLocation()
    rescue.file = fresh.write(sdText)
    return rescue.file
  } catch (e) {
    errors.push(e)
  }
  return errors
}

function whereabouts(sha256: string, held: string[], copy?: string): string {
  return (
    `the security domain (SHA-256 ${sha256}) is escrowed in ${held.join(', ')} (read back, SHA-256 matches)` +
    (copy ? `; a copy is in ${copy}` : '')
  )
}

function keptOnlyIn(sha256: string, path: string | undefined, sdStores: EscrowStore[]): string {
  return path ? rescueHint(path, sha256, sdStores[0]?.url) : lostHint(sha256)
}

function lostHint(sha256: string): string {
  return (
    `no copy of the security domain (SHA-256 ${sha256}) exists: the HSM becomes active but cannot be restored from a backup. ` +
    'While it holds no key you need, delete and purge it (mode: teardown), fix the stores and the runner disk, and rerun'
  )
}

function withWhereabouts(e: unknown, where: string): unknown {
  return withLine(e, `Where the security domain is: ${where}`)
}

async function waitForActive(ctx: RunContext): Promise<void> {
  const dp = await dataPlane(ctx)
  await waitUntilActive(ctx, 'activation', async () => {
    const s = await downloadStatus(dp)
    if (s.status === 'Failed')
      return {
        failed: new AzureOperationError(
          {
            service: 'Managed HSM',
            operation: 'activate',
            hint: 'the security domain is escrowed; rerun to try the activation again'
          },
          `activation failed: ${s.details ?? 'no details'}`
        )
      }
    // Success (or a status-less answer): ARM has the last word on activation.
    if (s.status !== 'Success' && s.status !== 'Unknown') return { pending: s.details ?? s.status }
    return { done: true }
  })
}
