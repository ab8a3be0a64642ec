/**
 * plan with rehearsal-hsm-name: what the recover rehearsal (and, with the backup inputs, its restore drill)
 * would do, said beside the steps' plan, from reads only. The drill's workflow with `mode: plan` instead of
 * `mode: recover` shows it before a second HSM bills: whether the name is free, which backup it would restore
 * (from the manifests), what it would compare in production, and that it deletes and purges the HSM after.
 * Plan reads no private key, so the quorum that opens the security domain is proven only by the drill itself.
 */
import * as log from '../shared/log.js'
import { statusOf } from '../azure/call.js'
import { BackupManifests } from '../azure/backup-manifests.js'
import { formatDuration } from '../azure/wait.js'
import { extendedRegions } from '../azure/managed-hsm-regions.js'
import { keysClient, readHsm, type RunContext } from '../run/context.js'
import { readKeyAssignments } from '../run/key-roles.js'
import type { StepResult } from '../run/step.js'
import { timed } from '../run/timed.js'
import { REHEARSAL_LIFETIME_MS, REHEARSAL_RETENTION_DAYS, REHEARSAL_TAG } from './rehearsal-state.js'

/** The summary's row name: the drill when the backup inputs are given, else the rehearsal alone. */
export const drillPlanName = (ctx: RunContext): string =>
  ctx.config.backup ? 'restore drill' : 'recover (rehearsal)'

export async function planRestoreDrill(ctx: RunContext, results: StepResult[]): Promise<void> {
  await timed(drillPlanName(ctx), results, async result => {
    const { config, arm } = ctx
    const name = config.rehearsalHsmName as string
    const would: string[] = []
    const stops: string[] = []

    const existing = await arm.get(config.resourceGroup, name)
    const deleted = existing ? undefined : await arm.findDeleted(name)
    const ours = (tags: Record<string, string> | undefined) => tags?.[REHEARSAL_TAG] === config.hsmName
    if (existing && !ours(existing.tags))
      stops.push(
        `Managed HSM '${name}' exists and is not a rehearsal HSM of '${config.hsmName}': the rehearsal would refuse to start (choose another rehearsal-hsm-name)`
      )
    else if (deleted && (!ours(deleted.properties?.tags) || deleted.properties?.purgeProtectionEnabled))
      stops.push(
        `the name '${name}' is held by a soft-deleted Managed HSM that is not a purgeable rehearsal HSM of '${config.hsmName}': the rehearsal would refuse to start`
      )
    else if (existing || deleted)
      would.push(`delete and purge the rehearsal HSM '${name}' an earlier run left behind`)
    const hours = Math.round((config.expiresAfterMs ?? REHEARSAL_LIFETIME_MS) / 3_600_000)
    would.push(
      `create the throw-away Managed HSM '${name}' in ${config.location} (${REHEARSAL_RETENTION_DAYS}-day retention, no purge protection, tags ${REHEARSAL_TAG}: ${config.hsmName} and expires-at in ${hours}h)`,
      'upload the escrowed security domain into it, once a quorum of wrapping private keys (wrapping-key-store or wrapping-private-key-files) opens it: plan reads no private key',
      ...(config.keyBackup ? ['restore the escrowed key backups (key-backup-store) into it'] : []),
      "apply the inputs' role assignments to it"
    )

    const production = await readHsm(ctx)
    if (!production?.properties?.hsmUri)
      stops.push(`Managed HSM '${config.hsmName}' does not exist: there is nothing to rehearse or drill yet`)
    // The region list is not in the security domain: the rehearsal HSM has one region, as a recovered HSM would.
    const regions = extendedRegions(production).map(r => r.name)
    if (regions.length)
      would.push(
        `leave '${name}' with one region: production's extended region ${regions.join(', ')} is not rehearsed (after a real recovery, replica-region adds it again)`
      )
    const backup = config.backup
    if (backup && production?.properties?.hsmUri) {
      const { manifests } = await new BackupManifests(
        backup.accountUrl,
        backup.container,
        ctx.signIn.credential
      ).list(config.hsmName)
      const newest = manifests.find(
        m =>
          m.hsmName.toLowerCase() === config.hsmName.toLowerCase() &&
          m.folderUrl.startsWith(`${backup.containerUrl}/`)
      )
      would.push(
        `attach the backup identity ${backup.identity} to '${name}' and take the full backup of it into ${backup.containerUrl} that a restore requires`
      )
      if (newest)
        would.push(
          `restore the newest full backup of '${config.hsmName}' into '${name}': ${newest.folderUrl} (finished ${newest.endTime}, ${formatDuration(Math.max(0, Date.now() - Date.parse(newest.endTime)))} ago)`
        )
      else
        stops.push(
          `no full backup of '${config.hsmName}' is recorded in ${backup.containerUrl}: the drill would fail (run the backup step first: mode: apply, steps: backup)`
        )
      const keyName = config.key.name
      const versions = await (await keysClient(ctx)).versions(keyName).catch((e: unknown) => {
        if (statusOf(e) === 404) return []
        throw e
      })
      const roles = await readKeyAssignments(ctx)
      if (versions.length === 0)
        stops.push(
          `production has no key '${keyName}' to compare with: the drill would fail (check key-name)`
        )
      else
        would.push(
          `compare key '${keyName}' with production's: its ${versions.length} version(s) (public key n and e, release policy, exportable) and the ${roles.length} role assignment(s) that reach it`
        )
    }
    would.push(
      `delete and purge '${name}' afterwards, also when it fails or the run is cancelled (post phase): a second HSM bills for about an hour`
    )

    result.changes = would
    result.notes.push(...stops)
    result.creates = true
    // What would stop it is said as notes (warnings): plan's 'drift' status means 'would stop apply'.
    result.status = 'planned'
    result.checks.push(
      ...would.map((w, i) => ({
        id: `rehearsal.plan.${i + 1}`,
        status: 'drift' as const,
        desired: w
      })),
      ...stops.map((n, i) => ({ id: `rehearsal.stop.${i + 1}`, status: 'drift' as const, actual: n }))
    )
    log.info(`${result.step}: mode: recover with these inputs would:`)
    for (const w of would) log.info(`  - would ${w}`)
    for (const n of stops) log.warning(`${result.step}: ${n}`)
  })
}
