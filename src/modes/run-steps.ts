/**
 * One implementation behind the three modes: every step plans (reads Azure, compares with the inputs);
 * apply then runs the changes, plan prints them, verify reports them as drift and adds the read-only
 * proofs. So verify can never disagree with apply about what "converged" means.
 */
import * as log from '../shared/log.js'
import { finding } from '../report/findings.js'
import type { RunContext } from '../run/context.js'
import { ConflictError, DriftError, errorMessage } from '../shared/errors.js'
import type { StepName } from '../config/index.js'
import { STEPS } from '../steps/index.js'
import type { Change, Check, StepResult } from '../run/step.js'
import { timed } from '../run/timed.js'

/** apply: changes what differs. Throws on the first failing step (later steps depend on it). */
export async function applyStep(ctx: RunContext, name: StepName, results: StepResult[]): Promise<void> {
  await timed(name, results, async result => {
    const step = STEPS[name]
    const plan = await step.plan(ctx)
    record(result, plan.changes, [...plan.notes, ...(plan.warnings ?? [])], plan.info)
    for (const note of plan.notes) log.warning(`${name}: ${note}`)
    if (plan.changes.length === 0) log.info(`${name}: nothing to change`)
    for (const change of plan.changes) {
      log.info(`${name}: ${change.summary}`)
      for (const d of change.details) log.info(`  - ${d}`)
      // What was read before a write may no longer hold: later steps read again.
      ctx.reads.forget()
      try {
        await change.apply()
      } finally {
        ctx.reads.forget()
      }
    }
    await step.finish(ctx, plan.changes.length > 0)
    result.info = [...(result.info ?? []), ...(step.report?.(ctx) ?? [])]
    result.status =
      plan.changes.length === 0 ? 'unchanged' : creates(name, plan.changes) ? 'created' : 'updated'
  })
}

/**
 * plan and verify: read only. A step that cannot be planned because an earlier step has yet to create
 * what it needs is reported as such, not as a failure; verify turns every difference into a check.
 */
export async function readOnlyStep(
  ctx: RunContext,
  name: StepName,
  results: StepResult[],
  mode: 'plan' | 'verify'
): Promise<void> {
  const earlierWillCreate = results.some(r => r.status === 'planned' || r.status === 'drift')
  await timed(name, results, async result => {
    const step = STEPS[name]
    let plan
    try {
      plan = await step.plan(ctx)
    } catch (e) {
      if (e instanceof DriftError) {
        result.status = 'drift'
        // What differs, and where; the hint is kept apart (never read back from the message's lines).
        result.checks.push({ id: e.checkId, status: 'drift', actual: e.text, hint: e.hint })
        log.warning(`${name}: drift: ${e.message}`)
        return
      }
      if (earlierWillCreate && e instanceof ConflictError) {
        result.status = 'skipped'
        result.notes.push(
          `not checked: it depends on what earlier steps would create (${e.message.split('\n')[0]})`
        )
        log.info(`${name}: ${result.notes[0]}`)
        return
      }
      throw e
    }
    record(result, plan.changes, [...plan.notes, ...(plan.warnings ?? [])], plan.info, name)
    const checks: Check[] = [
      ...plan.changes.map(c => changeCheck(name, c)),
      ...plan.notes.map((n, i) => ({ id: `${name}.note.${i + 1}`, status: 'drift' as const, actual: n }))
    ]
    // The step's own comparison found nothing: said as its ok check, beside the read-only proofs of verify.
    if (checks.length === 0) checks.push({ id: name, status: 'ok' })
    if (mode === 'verify' && step.verify) checks.push(...(await step.verify(ctx)))
    result.checks.push(...checks)
    const differs = checks.some(c => c.status === 'drift')
    result.status =
      mode === 'plan' ? (plan.changes.length > 0 ? 'planned' : 'unchanged') : differs ? 'drift' : 'unchanged'
    for (const c of plan.changes) {
      log.info(`${name}: ${mode === 'plan' ? 'would ' : 'drift: '}${c.summary}`)
      for (const d of c.details) log.info(`  - ${d}`)
    }
    for (const n of plan.notes) log.warning(`${name}: ${n}`)
    for (const c of checks.filter(x => x.status !== 'ok' && !x.id.startsWith(`${name}.change`)))
      if (!plan.notes.includes(String(c.actual)))
        log.warning(`${name}: ${finding({ ...c, step: name }, mode).text}`)
    if (plan.changes.length === 0 && !differs) {
      log.info(`${name}: in step with the inputs`)
      await step
        .finish(ctx, false)
        .catch(e => log.debug(`${name}: could not read outputs: ${errorMessage(e)}`))
    }
  })
}

function changeCheck(step: string, c: Change): Check {
  return {
    id: c.id ?? `${step}.${c.kind}`,
    status: 'drift',
    desired: c.summary,
    actual: c.details.length ? c.details : undefined
  }
}

function record(
  result: StepResult,
  changes: Change[],
  notes: string[],
  info: string[] = [],
  name = result.step
): void {
  result.changes = changes.flatMap(c => [c.summary, ...c.details.map(d => `  ${d}`)])
  result.creates = creates(name, changes)
  result.notes = [...result.notes, ...notes]
  result.info = [...(result.info ?? []), ...info]
}

/**
 * Whether the step creates what it is about (the HSM, its activation, the key, the set; every role assignment of
 * rbac): a key whose policy is updated is "updated" even when a backup or a grant is created beside it.
 */
function creates(name: string, changes: Change[]): boolean {
  const own = new Set(['provision.hsm.exists', 'activate.activationStatus', 'key.exists', 'des.exists'])
  return changes.some(
    c => c.kind === 'purge' || (c.kind === 'create' && (name === 'rbac' || own.has(c.id ?? '')))
  )
}
