/**
 * mode: recover, the role assignments: neither the security domain nor a key backup holds one, so recover
 * applies the inputs' (and the Disk Encryption Set's grants) as apply would, then compares the new HSM with
 * the record apply keeps beside each key backup and says what is still missing, with its next step.
 */
import * as log from '../shared/log.js'
import { knownHsm, type RunContext } from '../run/context.js'
import type { Change, StepResult } from '../run/step.js'
import { rbac } from '../steps/rbac.js'
import { des } from '../steps/des/index.js'
import { setGrantHolders, type SetGrantHolder } from '../steps/des/grant-holders.js'
import type { RoleRecord } from '../steps/key/roles-record.js'
import { readKeyAssignments, sameKey, type RecordedAssignment } from '../run/key-roles.js'

/** The role assignments of the inputs (the rbac step's plan) and, for hsm-name, the des step's grants. */
export async function applyGrants(ctx: RunContext, result: StepResult, withDes: boolean): Promise<void> {
  const run = async (changes: Change[]): Promise<void> => {
    for (const change of changes) {
      log.info(`recover: ${change.summary}`)
      for (const d of change.details) log.info(`  - ${d}`)
      ctx.reads.forget()
      await change.apply()
      result.changes.push(change.summary)
    }
  }
  const roles = await rbac.plan(ctx)
  for (const n of roles.notes) log.warning(`recover: ${n}`)
  await run(roles.changes)
  if (withDes && ctx.config.des) {
    const set = await des.plan(ctx)
    for (const n of set.notes) log.warning(`recover: ${n}`)
    await run(set.changes)
  }
  ctx.reads.forget()
}

/**
 * What the record beside the key backup holds and the new HSM lacks: each said with its next step. Returns
 * how many are missing.
 */
export async function compareWithRecord(
  ctx: RunContext,
  /** The role assignments apply recorded beside the key backups, per key name (lower case). */
  records: Map<string, RoleRecord>,
  hasBackups: boolean,
  result: StepResult,
  /** In a rehearsal: the HSM it rehearses. */
  rehearsalOf?: string
): Promise<number> {
  const record = records.get(ctx.config.key.name.toLowerCase())
  if (!record) {
    if (hasBackups) {
      const note =
        "no record of the key's role assignments beside its backup (apply writes one since this version): what the inputs do not list cannot be checked"
      result.notes.push(note)
      log.warning(`recover: ${note}`)
    }
    return 0
  }
  const now = new Set((await readKeyAssignments(ctx)).map(sameKey))
  const missing = record.assignments.filter(a => !now.has(sameKey(a)))
  if (missing.length === 0) {
    log.info(
      `recover: all ${record.assignments.length} role assignment(s) recorded with the key backup are in place`
    )
    return 0
  }
  // The grants of a disk encryption set (its identity's, the Orchestrator's) are the des step's: named as
  // such, with the input that makes them. A rehearsal grants none (its sets use hsm-name's key); what else it
  // lacks is said, not advised (the rehearsal HSM is torn down).
  const holders = await setGrantHolders(
    ctx,
    rehearsalOf ? `https://${rehearsalOf}.${ctx.cloud.managedHsmSuffix}/` : (await knownHsm(ctx)).hsmUri
  )
  for (const a of missing) {
    const who = holders.get(a.principalId.toLowerCase())
    const note = !rehearsalOf
      ? missingNote(ctx, a, who)
      : who
        ? `not granted in a rehearsal: '${a.role}' for ${a.principalId} at ${a.scope}, ${who.what}, whose set uses the key of '${rehearsalOf}' (mode: recover into '${rehearsalOf}' grants it)`
        : `the rehearsal HSM lacks '${a.role}' for ${a.principalId} at ${a.scope} (recorded with the key backup, not in role-assignments)`
    result.notes.push(note)
    log.warning(`recover: ${note}`)
  }
  return missing.length
}

function missingNote(ctx: RunContext, a: RecordedAssignment, who?: SetGrantHolder): string {
  if (who)
    return (
      `missing: '${a.role}' for ${a.principalId} at ${a.scope}, ${who.what} (recorded with the key backup); ` +
      `next step: add ${who.inputs} to the inputs and rerun mode: recover (the des step grants it)`
    )
  return (
    `missing: '${a.role}' for ${a.principalId} at ${a.scope} (recorded with the key backup); next step: add ` +
    `'${a.role} | ${a.principalId} | ${a.scope}' to role-assignments and run mode: apply, or run ` +
    `az keyvault role assignment create --hsm-name ${ctx.config.hsmName} --role "${a.role}" --assignee-object-id ${a.principalId} --scope ${a.scope}`
  )
}
