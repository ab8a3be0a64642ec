// modes/: the single-purpose modes that run instead of the steps: recover, teardown, verify-security-domain.
/**
 * mode: recover — disaster recovery. Everything is read and proven first, so a run that cannot succeed
 * changes nothing: the escrowed security domain, a quorum of wrapping private keys (stores and/or
 * custodians' files) that recombines its master key offline, and the escrowed key backups. Then: the
 * HSM is created (or found) by the provision step's own plan; its transfer key is read; the recovered
 * items are re-wrapped into a restore blob exactly as Azure's recovery tooling does (protocol notes §3.6)
 * and uploaded; upload/pending is polled until Success and ARM confirms Active; finally the key backups
 * are restored (Crypto User on /keys granted first), so the KEK_KID from before the disaster is usable
 * again with the same name, version and release policy.
 *
 * With rehearsal-hsm-name the same runs into a fresh, temporary HSM that is deleted and purged afterwards
 * (whatever happened), for a scheduled "does our escrow really work" job; hsm-name is not touched.
 */
import * as log from '../shared/log.js'
import { dataPlane, keysClient, knownHsm, type RunContext } from '../run/context.js'
import { Reads } from '../run/reads.js'
import { keyVersion } from '../escrow/key-backup-objects.js'
import { getTransferKey, uploadSecurityDomain, uploadStatus } from '../azure/security-domain-upload.js'
import { AzureOperationError, ConflictError, errorMessage } from '../shared/errors.js'
import { maskSecurityDomain } from '../escrow/escrow.js'
import {
  buildRestoreBlob,
  decryptSecurityDomain,
  RecoveryError,
  type RecoveredItem
} from '../security-domain/index.js'
import { untilAuthorized } from '../run/authorized.js'
import { readKeyBackups, restoreKeyBackup, type EscrowedKeyBackup } from '../steps/key/escrow.js'
import { provision } from '../steps/provision.js'
import { implicitForKeyStep, planAssignments } from '../run/role-assignments.js'
import { timed } from '../run/timed.js'
import { waitUntilActive } from '../run/hsm-active.js'
import type { StepResult } from '../run/step.js'
import { sha256Hex } from '../shared/hash.js'
import { saveState } from '../shared/runner.js'
import {
  REHEARSAL_LIFETIME_MS,
  REHEARSAL_RETENTION_DAYS,
  REHEARSAL_STATE,
  REHEARSAL_TAG
} from './rehearsal-state.js'
import { teardown } from './teardown.js'
import { applyGrants, compareWithRecord } from './recover-roles.js'
import { restoreDrill } from './restore-drill.js'
import { readRoleRecords, type RoleRecord } from '../steps/key/roles-record.js'
import { collectWrappingKeys, proveEscrow, readSecurityDomain } from '../run/escrow-proof.js'
import { oneRegionNote, productionRegions } from './recover-regions.js'

interface Prepared {
  sha256: string
  required: number
  /** The recovered EncData plaintexts (opaque HSM blobs); zeroed once uploaded. */
  items: RecoveredItem[]
  master: Buffer
  backups: EscrowedKeyBackup[]
  /** The role assignments apply recorded beside the key backups, per key name (lower case). */
  roles: Map<string, RoleRecord>
}

export async function recover(ctx: RunContext, results: StepResult[]): Promise<void> {
  const rehearsal = ctx.config.rehearsalHsmName ? rehearsalContext(ctx) : undefined
  let tearDown = false
  let failure: unknown
  try {
    await timed(rehearsal ? 'recover (rehearsal)' : 'recover', results, async result => {
      const prepared = await prepare(ctx, result)
      try {
        const target = rehearsal ?? ctx
        if (rehearsal) {
          await clearRehearsalName(ctx, rehearsal, result)
          // Named for the post phase: a cancelled run still deletes and purges the HSM (tearDownLeftRehearsal).
          saveState(REHEARSAL_STATE, rehearsal.config.hsmName)
          tearDown = true
          log.info(
            `recover: rehearsal into the temporary Managed HSM '${rehearsal.config.hsmName}' (torn down afterwards)`
          )
        }
        // A rehearsal's production regions, for the summary: its own HSM is never extended.
        const production = rehearsal ? await productionRegions(ctx) : []
        const created = await provisionTarget(target, result)
        const uploaded = await restoreSecurityDomain(target, prepared, result)
        const restored = await restoreKeys(target, prepared.backups, result)
        // Neither the security domain nor a key backup holds a role assignment: the inputs' are applied
        // as apply would, and the DES grants (not in a rehearsal: the set belongs to hsm-name).
        await applyGrants(target, result, !rehearsal)
        const missing = await compareWithRecord(
          target,
          prepared.roles,
          prepared.backups.length > 0,
          result,
          rehearsal ? ctx.config.hsmName : undefined
        )
        // The restore drill: the newest full backup restored into the rehearsal HSM and its key compared. The
        // label says meanwhile that the escrow restored, so a failed drill is not read as a failed escrow.
        result.label = recoveredLabel(target, prepared, missing, !!rehearsal)
        const drill = rehearsal && ctx.config.backup ? await restoreDrill(ctx, rehearsal, result) : undefined
        result.status = uploaded || restored ? 'created' : result.changes.length ? 'updated' : 'unchanged'
        result.label = recoveredLabel(target, prepared, missing, !!rehearsal) + (drill ? `; ${drill}` : '')
        const regions = oneRegionNote({
          target: target.config.hsmName,
          rehearsal: !!rehearsal,
          created,
          production,
          replicaRegion: ctx.config.replicaRegion,
          now: target.facts.extendedRegions ?? []
        })
        if (regions) {
          result.info = [...(result.info ?? []), regions]
          log.info(`recover: ${regions}`)
        }
        if (drill) log.info(`recover: ${drill}`)
        if (rehearsal)
          log.info(
            `recover: rehearsal passed: the escrowed security domain (SHA-256 ${prepared.sha256}) restored into '${rehearsal.config.hsmName}'` +
              (prepared.backups.length ? `, and ${prepared.backups.length} key backup(s) with it` : '')
          )
        else log.info(`recover: ${result.label}`)
      } finally {
        prepared.master.fill(0)
        for (const item of prepared.items) item.plaintext.fill(0)
      }
    })
  } catch (e) {
    failure = e
  }
  if (rehearsal && tearDown) {
    try {
      await teardown(rehearsal, results)
      saveState(REHEARSAL_STATE, '')
    } catch (e) {
      const name = rehearsal.config.hsmName
      const err = new ConflictError(
        `the rehearsal HSM '${name}' could not be torn down, and bills until it is: ${errorMessage(e)}`,
        `run mode: teardown with hsm-name: ${name} and confirm-teardown: ${name} (its ${REHEARSAL_TAG} and expires-at tags mark it as temporary)`
      )
      if (failure) log.error(err.message)
      else failure = err
    }
  }
  if (failure) throw failure
}

/**
 * The post phase of a run whose rehearsal HSM was not torn down (cancelled, or the runner died between the two
 * phases): deletes and purges it, but only an HSM tagged as this hsm-name's rehearsal HSM.
 */
export async function tearDownLeftRehearsal(ctx: RunContext): Promise<void> {
  const rehearsal = rehearsalContext(ctx)
  const { resourceGroup, hsmName } = rehearsal.config
  const hsm = await ctx.arm.get(resourceGroup, hsmName)
  if (hsm && hsm.tags?.[REHEARSAL_TAG] !== ctx.config.hsmName) {
    log.warning(`post: '${hsmName}' is not a rehearsal HSM of '${ctx.config.hsmName}': left alone`)
    return
  }
  log.info(
    `post: deleting and purging the rehearsal HSM '${hsmName}' the main phase left (it holds a live copy of the key)`
  )
  await teardown(rehearsal, [])
  saveState(REHEARSAL_STATE, '')
}

/** The same run aimed at the temporary HSM: no purge protection (it must be purged), tagged as a rehearsal. */
function rehearsalContext(ctx: RunContext): RunContext {
  const c = ctx.config
  return {
    ...ctx,
    config: {
      ...c,
      hsmName: c.rehearsalHsmName as string,
      // The shortest retention and no purge protection: it is purged at the end, and bills until then.
      purgeProtection: false,
      retentionDays: REHEARSAL_RETENTION_DAYS,
      onSoftDeleted: 'fail',
      onlyIfExpired: false,
      // A temporary HSM is not extended (up to 30 minutes, and billed twice): the summary says what would be.
      replicaRegion: undefined,
      removeReplicaRegion: undefined,
      expiresAfterMs: c.expiresAfterMs ?? REHEARSAL_LIFETIME_MS,
      tags: { ...c.tags, [REHEARSAL_TAG]: c.hsmName }
    },
    facts: {},
    // Another HSM: nothing read about the real one applies to it.
    reads: new Reads(false)
  }
}

/**
 * Reads and proves everything before any write: the security domain, a quorum of wrapping keys that
 * opens it (the quorum comes from the file itself), and the newest intact backup of every escrowed key.
 */
async function prepare(ctx: RunContext, result: StepResult): Promise<Prepared> {
  const sdText = await readSecurityDomain(ctx)
  maskSecurityDomain(sdText)
  const sha256 = sha256Hex(sdText)
  log.info(`recover: escrowed security domain read (SHA-256 ${sha256})`)

  const labelled = await collectWrappingKeys(ctx, result.notes)

  let proof
  try {
    proof = proveEscrow(sdText, labelled)
  } catch (e) {
    if (e instanceof RecoveryError)
      throw new ConflictError(
        `the escrowed security domain cannot be read: ${e.message}. Nothing was changed.`,
        'check security-domain-store (or security-domain-file): it must hold the file the HSM was activated with'
      )
    throw e
  }
  result.notes.push(...proof.keyProblems)
  for (const n of result.notes) log.warning(`recover: ${n}`)
  const subset = proof.subsets.find(s => s.ok)
  if (!subset) {
    const usable = labelled.length - proof.keyProblems.length
    throw new ConflictError(
      `the wrapping keys at hand do not recover the escrowed security domain: it needs a quorum of ${proof.required} keys, ` +
        `and ${usable} of the ${labelled.length} key(s) read match a share of it` +
        (proof.subsets.length > 0 ? ` (${proof.subsets[0].reason ?? 'no subset opens it'})` : '') +
        '. Nothing was changed: no HSM was created, nothing was uploaded.',
      `gather at least ${proof.required} wrapping private keys: restore the missing ones to wrapping-key-store, or give the custodians' key files in wrapping-private-key-files`
    )
  }
  const recovered = decryptSecurityDomain(
    sdText,
    subset.keys.map(i => labelled[i].key)
  )
  log.info(
    `recover: ${proof.required} of ${labelled.length} wrapping key(s) recombine the master key and open all ${recovered.items.length} items offline`
  )

  const { backups, problems } = await readKeyBackups(ctx)
  for (const p of problems) {
    result.notes.push(p)
    log.warning(`recover: key backup ${p}`)
  }
  if (ctx.config.keyBackup && backups.length === 0)
    throw new ConflictError(
      `key-backup-store: no intact key backup found next to ${ctx.config.keyBackup.url}. Nothing was changed.`,
      'point key-backup-store at the target the key step escrowed to, or leave it empty to recover the HSM without its keys'
    )
  for (const b of backups) log.info(`recover: key backup of '${b.key}' (version ${b.version}) at ${b.url}`)
  const { records: roles, problems: recordProblems } = await readRoleRecords(ctx)
  for (const p of recordProblems) {
    result.notes.push(`role assignment record ${p}`)
    log.warning(`recover: role assignment record ${p}`)
  }
  for (const r of roles.values())
    log.info(`recover: ${r.assignments.length} role assignment(s) of '${r.key}' recorded at ${r.url}`)
  return {
    sha256,
    required: proof.required,
    items: recovered.items,
    master: recovered.master,
    backups,
    roles
  }
}

/**
 * A rehearsal HSM name must be free, or held by a rehearsal HSM of this hsm-name left over by a run that
 * died (then it is removed first, so the proof is fresh). Anything else under that name is never touched.
 */
async function clearRehearsalName(ctx: RunContext, rehearsal: RunContext, result: StepResult): Promise<void> {
  const { arm } = ctx
  const name = rehearsal.config.hsmName
  const rg = rehearsal.config.resourceGroup
  const ours = (tags: Record<string, string> | undefined) => tags?.[REHEARSAL_TAG] === ctx.config.hsmName
  const hint =
    'choose another rehearsal-hsm-name: a rehearsal only ever creates and removes its own temporary HSM'
  const existing = await arm.get(rg, name)
  if (existing && !ours(existing.tags))
    throw new ConflictError(
      `Managed HSM '${name}' exists and is not a rehearsal HSM of '${ctx.config.hsmName}' (no ${REHEARSAL_TAG} tag naming it). Nothing was changed.`,
      hint
    )
  const deleted = existing ? undefined : await arm.findDeleted(name)
  if (deleted && (!ours(deleted.properties?.tags) || deleted.properties?.purgeProtectionEnabled))
    throw new ConflictError(
      `the name '${name}' is held by a soft-deleted Managed HSM that is not a purgeable rehearsal HSM of '${ctx.config.hsmName}'. Nothing was changed.`,
      hint
    )
  if (existing) {
    log.info(`recover: deleting the rehearsal HSM '${name}' an earlier run left behind`)
    await arm.delete(rg, name)
    result.changes.push(`deleted the leftover rehearsal HSM '${name}'`)
  }
  const leftover = existing ? await arm.findDeleted(name) : deleted
  if (leftover) {
    log.info(`recover: purging the deleted rehearsal HSM '${name}'`)
    await arm.purgeDeleted(name, leftover.properties?.location ?? rehearsal.config.location)
  }
}

/**
 * The provision step's own plan: create the HSM when absent, wait for one being created, else leave it.
 * True when the HSM was created, undeleted or purged and created anew (it starts with one region).
 */
async function provisionTarget(ctx: RunContext, result: StepResult): Promise<boolean> {
  const plan = await provision.plan(ctx)
  for (const note of plan.notes) {
    result.notes.push(note)
    log.warning(`recover: ${note}`)
  }
  for (const change of plan.changes) {
    log.info(`recover: ${change.summary}`)
    for (const d of change.details) log.info(`  - ${d}`)
    await change.apply()
    result.changes.push(change.summary)
  }
  await provision.finish(ctx, true)
  return plan.changes.some(c => c.id === 'provision.hsm.exists' || c.kind === 'recover' || c.kind === 'purge')
}

/** Uploads the security domain unless the HSM is active already; waits until the HSM and ARM say Active. */
async function restoreSecurityDomain(
  ctx: RunContext,
  prepared: Prepared,
  result: StepResult
): Promise<boolean> {
  const hsm = await knownHsm(ctx)
  const name = ctx.config.hsmName
  if (hsm.activationStatus === 'Active') {
    const note = `Managed HSM '${name}' is active already: no security domain is uploaded (key backups restore only if it holds the escrowed one)`
    result.notes.push(note)
    log.info(`recover: ${note}`)
    return false
  }
  const dp = await dataPlane(ctx)
  let uploaded = false
  if ((await uploadStatus(dp))?.status === 'InProgress') {
    log.info('recover: a security domain upload is under way already (an earlier run); waiting for it')
  } else {
    const transferKey = await getTransferKey(dp)
    const built = buildRestoreBlob(prepared.items, transferKey)
    built.master.fill(0)
    await uploadSecurityDomain(dp, built.text)
    uploaded = true
    const summary = `uploaded the escrowed security domain (SHA-256 ${prepared.sha256}) to '${name}', re-wrapped to its transfer key`
    result.changes.push(summary)
    log.info(`recover: ${summary}`)
  }
  await waitUntilActive(ctx, 'security domain restore', async () => {
    const s = await uploadStatus(dp)
    if (s?.status === 'Failed')
      return {
        failed: new AzureOperationError(
          {
            service: 'Managed HSM',
            operation: 'restore the security domain',
            hint: 'check that security-domain-store holds the security domain of the HSM you mean to recover; the escrow is unchanged, rerun to upload again'
          },
          `the HSM refused the security domain: ${s.details ?? 'no details'}`
        )
      }
    if (!s || s.status === 'InProgress') return { pending: s?.details ?? 'upload not visible yet' }
    return { done: true }
  })
  ctx.facts.activationStatus = 'Active'
  ctx.facts.securityDomainSha256 = prepared.sha256
  log.info(`recover: Managed HSM '${name}' is active with the escrowed security domain`)
  return uploaded
}

/** Restores every escrowed key (Crypto User on /keys first) and sets the key outputs for key-name. */
async function restoreKeys(
  ctx: RunContext,
  backups: EscrowedKeyBackup[],
  result: StepResult
): Promise<boolean> {
  if (backups.length === 0) return false
  const grant = await planAssignments(ctx, implicitForKeyStep())
  for (const change of grant.changes) {
    log.info(`recover: ${change.summary}`)
    await change.apply()
    result.changes.push(change.summary)
  }
  if (grant.changes.length > 0) ctx.facts.rolesChanged = true
  const keys = await keysClient(ctx)
  const { hsmResourceId } = await knownHsm(ctx)
  let restoredAny = false
  for (const backup of backups) {
    const { key, restored } = await restoreKeyBackup(keys, backup, (what, fn) =>
      untilAuthorized(ctx, what, fn)
    )
    const version = key.id ? keyVersion(key.id) : ''
    if (restored) {
      restoredAny = true
      result.changes.push(`restored key '${backup.key}' (version ${backup.version}) from ${backup.url}`)
      log.info(`recover: restored key '${backup.key}' as ${key.id}`)
    } else log.info(`recover: key '${backup.key}' (version ${backup.version}) is in the HSM already`)
    if (backup.version && version !== backup.version) {
      const note = `key '${backup.key}' has a newer version (${version}) than its escrowed backup (${backup.version})`
      result.notes.push(note)
      log.warning(`recover: ${note}`)
    }
    if (backup.key.toLowerCase() === ctx.config.key.name.toLowerCase() && key.id) {
      ctx.facts.keyName = key.name
      ctx.facts.kekKid = key.id
      ctx.facts.kekResource = `${hsmResourceId}/keys/${key.name}`
    }
  }
  return restoredAny
}

/** The summary's words for a recovery: the same KEK_KID or not, and what is missing. */
function recoveredLabel(ctx: RunContext, prepared: Prepared, missing: number, rehearsal: boolean): string {
  const name = ctx.config.key.name.toLowerCase()
  const backup = prepared.backups.find(b => b.key.toLowerCase() === name)
  const kid = ctx.facts.kekKid
  const same =
    backup && kid
      ? backup.kid && kid.replace(/^https:\/\/[^/]+/, '') === backup.kid.replace(/^https:\/\/[^/]+/, '')
        ? rehearsal
          ? 'the same key (name and version)'
          : 'same KEK_KID'
        : 'a newer key version than its backup'
      : 'security domain only (no key backup)'
  const gaps =
    missing && !rehearsal ? `; ${missing} role assignment(s) recorded with the key backup missing` : ''
  return `${rehearsal ? 'rehearsal passed' : 'recovered'}: ${same}${gaps}`
}
