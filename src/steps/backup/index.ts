/**
 * backup: a full backup of the HSM (every key and version, role assignments, settings) into a Blob container,
 * written by the HSM's user-assigned managed identity. Not part of `steps: all`: a scheduled job asks for it
 * (`steps: backup`), since only one backup runs at a time and a backup slows the HSM. apply checks the identity
 * and Azure's pre-check before it starts the long wait, then backs up and writes a manifest; plan says what it
 * would do; verify backs nothing up and judges the newest backup's age (freshness.ts).
 */
import { MODE_TABLE } from '../../config/index.js'
import { BackupManifests } from '../../azure/backup-manifests.js'
import { ConflictError } from '../../shared/errors.js'
import * as log from '../../shared/log.js'
import { dataPlane, knownHsm, readHsm, type RunContext } from '../../run/context.js'
import type { Check, Step } from '../../run/step.js'
import { freshnessCheck } from './freshness.js'
import { immutabilityCheck } from './immutability.js'
import { attachedIdentity, preCheck } from './identity.js'
import { takeBackup } from './run.js'
import { formatDuration } from '../../azure/wait.js'

function config(ctx: RunContext) {
  const cfg = ctx.config.backup
  if (!cfg)
    throw new ConflictError(
      'the backup step has no backup-container-url and backup-identity',
      'set both inputs'
    )
  return cfg
}

export const backup: Step = {
  name: 'backup',
  async plan(ctx) {
    const cfg = config(ctx)
    const traits = MODE_TABLE[ctx.config.mode]
    if (traits.proves) return { changes: [], notes: [] }
    await knownHsm(ctx)
    const principal = attachedIdentity(await readHsm(ctx), cfg, ctx.config.hsmName)
    if (traits.writes) {
      const pre = await preCheck(await dataPlane(ctx), cfg, principal, ctx.deadline)
      log.info(
        pre === 'passed'
          ? 'backup: the pre-check passed (identity, roles, container)'
          : 'backup: no pre-check on this HSM (api-version 7.6 not served); the backup itself checks'
      )
    }
    return {
      changes: [
        {
          kind: 'create',
          id: 'backup.full',
          summary: `take a full backup of Managed HSM '${ctx.config.hsmName}' into ${cfg.containerUrl}`,
          details: [
            `written by the HSM's identity ${cfg.identity}`,
            `then a manifest under ${BackupManifests.prefix(ctx.config.hsmName)} (what verify judges freshness by)`
          ],
          async apply() {
            ctx.facts.backup = await takeBackup(ctx, cfg)
          }
        }
      ],
      notes: []
    }
  },
  async finish() {},
  /** What the summary row states once the backup is taken. */
  report(ctx) {
    const b = ctx.facts.backup
    return b
      ? [`full backup finished ${b.finishedAt} after ${formatDuration(b.durationMs)}: ${b.folderUrl}`]
      : []
  },
  async verify(ctx) {
    const cfg = config(ctx)
    const checks: Check[] = []
    await knownHsm(ctx)
    try {
      attachedIdentity(await readHsm(ctx), cfg, ctx.config.hsmName)
      checks.push({ id: 'backup.identity', status: 'ok' })
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e
      checks.push({ id: 'backup.identity', status: 'drift', actual: e.text, hint: e.hint })
    }
    const manifests = new BackupManifests(cfg.accountUrl, cfg.container, ctx.signIn.credential)
    checks.push(await freshnessCheck(manifests, cfg, ctx.config.hsmName))
    const immutable = await immutabilityCheck(ctx, cfg)
    if (immutable) checks.push(immutable)
    return checks
  }
}
