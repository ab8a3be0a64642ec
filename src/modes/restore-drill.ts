/**
 * The restore drill (issue 25), the last part of a recover rehearsal when backup-container-url and
 * backup-identity are given: the rehearsal HSM already holds the escrowed security domain, so it can take a
 * production backup. It gets the backup identity, takes the full backup of itself Azure requires before a
 * restore, restores the newest production backup (by its manifest), then proves the managed key came back:
 * same name and versions, same public key (n, e), same release policy and exportable flag, readable by this
 * identity through the role assignments the restore brought; and the role assignments that reach the key are
 * production's (listed in both, read-only in production). The rehearsal's teardown (recover.ts) deletes and
 * purges the HSM afterwards, pass or fail.
 */
import * as log from '../shared/log.js'
import { ConflictError } from '../shared/errors.js'
import { sleep } from '../shared/retry.js'
import type { BackupConfig } from '../config/index.js'
import { BackupManifests } from '../azure/backup-manifests.js'
import { startBackup, startRestore } from '../azure/full-backup.js'
import type { KeyVaultKey } from '../azure/keys.js'
import { formatDuration } from '../azure/wait.js'
import { policiesEqual } from '../policy/index.js'
import { dataPlane, keysClient, type RunContext } from '../run/context.js'
import { readKeyAssignments, sameKey, type RecordedAssignment } from '../run/key-roles.js'
import type { StepResult } from '../run/step.js'
import { attachedIdentity } from '../steps/backup/identity.js'
import { waitForJob } from '../steps/backup/run.js'

export interface KeyVersionState {
  version: string
  n?: string
  e?: string
  exportable?: boolean
  /** The release policy as JSON, or undefined when the version has none. */
  policy?: unknown
}

/** What differs between the production key and the drill's restored copy, in words (empty: the same). */
export function compareKeyStates(name: string, prod: KeyVersionState[], drill: KeyVersionState[]): string[] {
  const out: string[] = []
  const byVersion = new Map(drill.map(v => [v.version, v]))
  const missing = prod.filter(v => !byVersion.has(v.version)).map(v => v.version)
  const extra = drill.filter(v => !prod.some(p => p.version === v.version)).map(v => v.version)
  if (missing.length)
    out.push(`key '${name}': version(s) ${missing.join(', ')} did not come back from the backup`)
  if (extra.length)
    out.push(`key '${name}': the backup holds version(s) ${extra.join(', ')} production does not`)
  for (const p of prod) {
    const d = byVersion.get(p.version)
    if (!d) continue
    if (p.n !== d.n || p.e !== d.e)
      out.push(`key '${name}' version ${p.version}: the restored public key (n, e) differs from production's`)
    if (!!p.exportable !== !!d.exportable)
      out.push(
        `key '${name}' version ${p.version}: exportable is ${String(d.exportable)} restored, ${String(p.exportable)} in production`
      )
    if (
      (p.policy === undefined) !== (d.policy === undefined) ||
      (p.policy !== undefined && !policiesEqual(p.policy, d.policy))
    )
      out.push(`key '${name}' version ${p.version}: the restored release policy differs from production's`)
  }
  return out
}

/**
 * The role assignments that reach the key (at `/`, `/keys`, `/keys/{name}`) in production and in the drill
 * HSM after the restore: `missing` are production's the restore did not bring (the backup is older than
 * them), `extra` are the backup's that production no longer has (a restore of it would grant them again).
 */
export function compareAssignments(
  prod: RecordedAssignment[],
  drill: RecordedAssignment[]
): { missing: RecordedAssignment[]; extra: RecordedAssignment[] } {
  const inDrill = new Set(drill.map(sameKey))
  const inProd = new Set(prod.map(sameKey))
  return {
    missing: prod.filter(a => !inDrill.has(sameKey(a))),
    extra: drill.filter(a => !inProd.has(sameKey(a)))
  }
}

const said = (a: RecordedAssignment): string => `'${a.role}' for ${a.principalId} at ${a.scope}`

function stateOf(version: string, key: KeyVaultKey | undefined): KeyVersionState {
  const b64 = (u?: Uint8Array) => (u ? Buffer.from(u).toString('base64url') : undefined)
  const encoded = key?.properties.releasePolicy?.encodedPolicy
  let policy: unknown
  if (encoded) {
    try {
      policy = JSON.parse(Buffer.from(encoded).toString('utf8'))
    } catch {
      policy = Buffer.from(encoded).toString('utf8')
    }
  }
  return {
    version,
    ...(key?.key?.n ? { n: b64(key.key.n) } : {}),
    ...(key?.key?.e ? { e: b64(key.key.e) } : {}),
    exportable: key?.properties.exportable,
    ...(policy !== undefined ? { policy } : {})
  }
}

async function keyStates(ctx: RunContext, name: string): Promise<KeyVersionState[]> {
  const keys = await keysClient(ctx)
  const versions = (await keys.versions(name)).map(v => v.version ?? '').filter(Boolean)
  return Promise.all(versions.map(async v => stateOf(v, await keys.read(name, v))))
}

/** Attaches the backup identity to the rehearsal HSM and waits until ARM shows it. */
async function attachIdentity(rehearsal: RunContext, cfg: BackupConfig): Promise<void> {
  const { arm, config } = rehearsal
  await arm.submitUpdate(config.resourceGroup, config.hsmName, {
    identity: { type: 'UserAssigned', userAssignedIdentities: { [cfg.identity]: {} } }
  })
  for (let i = 0; ; i++) {
    try {
      attachedIdentity(await arm.get(config.resourceGroup, config.hsmName), cfg, config.hsmName)
      return
    } catch (e) {
      if (!(e instanceof ConflictError) || Date.now() + 2000 > rehearsal.deadline || i > 60) throw e
      await sleep(2000)
    }
  }
}

/** Runs the drill; returns the summary's words. Throws a ConflictError naming the check that failed. */
export async function restoreDrill(
  ctx: RunContext,
  rehearsal: RunContext,
  result: StepResult
): Promise<string> {
  const cfg = ctx.config.backup as BackupConfig
  const name = ctx.config.hsmName
  const t0 = Date.now()
  const { manifests } = await new BackupManifests(cfg.accountUrl, cfg.container, ctx.signIn.credential).list(
    name
  )
  const newest = manifests.find(
    m => m.hsmName.toLowerCase() === name.toLowerCase() && m.folderUrl.startsWith(`${cfg.containerUrl}/`)
  )
  if (!newest)
    throw new ConflictError(
      `restore drill failed: no full backup of '${name}' is recorded in ${cfg.containerUrl}`,
      'run the backup step (mode: apply, steps: backup) first; docs/backup.md'
    )
  const folder = newest.folderUrl.slice(cfg.containerUrl.length + 1)
  log.info(
    `recover: restore drill: the newest backup of '${name}' finished ${newest.endTime}: ${newest.folderUrl}`
  )

  await attachIdentity(rehearsal, cfg)
  result.changes.push(`attached the backup identity to '${rehearsal.config.hsmName}'`)
  const plane = await dataPlane(rehearsal)
  const own = await waitForJob(
    plane,
    await startBackup(plane, cfg.containerUrl),
    rehearsal.deadline,
    'the drill HSM’s own full backup'
  )
  if (own.status !== 'Succeeded')
    throw new ConflictError(
      `restore drill failed: the full backup of the drill HSM that a restore needs ended ${own.status}${own.failure ? `: ${own.failure}` : ''}`,
      "check the backup identity's 'Storage Blob Data Contributor' role on the container"
    )
  const restoreStarted = Date.now()
  const restored = await waitForJob(
    plane,
    await startRestore(plane, cfg.containerUrl, folder),
    rehearsal.deadline,
    'the restore of the production backup'
  )
  if (restored.status !== 'Succeeded')
    throw new ConflictError(
      `restore drill failed: restoring ${newest.folderUrl} into '${rehearsal.config.hsmName}' ended ${restored.status}${restored.failure ? `: ${restored.failure}` : ''}`,
      'a full backup restores only into an HSM holding the same security domain: check that security-domain-store holds the security domain of hsm-name, and that the backup identity may read the container'
    )
  result.changes.push(`restored ${newest.folderUrl} into '${rehearsal.config.hsmName}'`)
  const restoreMs = Date.now() - restoreStarted

  const keyName = ctx.config.key.name
  const [prod, drill] = await Promise.all([keyStates(ctx, keyName), keyStates(rehearsal, keyName)])
  if (prod.length === 0)
    throw new ConflictError(
      `restore drill failed: production has no key '${keyName}' to compare with`,
      'check key-name'
    )
  const differences = compareKeyStates(keyName, prod, drill)
  // The restore replaced the drill HSM's assignments with the backup's: nothing read before it still holds.
  rehearsal.reads.forget()
  delete rehearsal.facts.roleDefinitions
  const [prodRoles, drillRoles] = await Promise.all([readKeyAssignments(ctx), readKeyAssignments(rehearsal)])
  const { missing, extra } = compareAssignments(prodRoles, drillRoles)
  if (missing.length)
    differences.push(
      `role assignment(s) of production that reach key '${keyName}' did not come back from the backup: ${missing.map(said).join(', ')}`
    )
  if (extra.length) {
    const note = `the backup restores role assignment(s) that reach key '${keyName}' and production no longer has: ${extra.map(said).join(', ')} (a restore of it into production would grant them again)`
    result.notes.push(note)
    log.warning(`recover: restore drill: ${note}`)
  }
  if (differences.length)
    throw new ConflictError(
      `restore drill failed: ${differences.join('; ')}`,
      'take a fresh full backup (steps: backup) and drill again: a backup lacks what changed after it (a key version, a release policy, a role assignment); if it still differs, the backup or production was changed outside the action: find out which before relying on either'
    )
  // The label reaches the headline as the action's own words: nothing read from Azure or storage goes in it.
  result.info = [
    ...(result.info ?? []),
    `restore drill: key '${keyName}' came back from ${newest.folderUrl} (finished ${newest.endTime})`
  ]
  return `restore drill passed in ${formatDuration(Date.now() - t0)} (restore ${formatDuration(restoreMs)}): the key came back the same (${prod.length} version(s): public key, release policy, exportable; ${prodRoles.length} role assignment(s) reaching it)`
}
