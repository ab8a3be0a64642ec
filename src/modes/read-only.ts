/**
 * plan and verify: the chosen steps read only. plan lists what apply would change; verify turns every
 * difference into a drift finding and adds the read-only proofs. Both judge the posture beside the steps.
 */
import { stepsUseDataPlane } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import { readOnlyStep } from './run-steps.js'
import { postureInto } from './posture-run.js'
import { drillPlanName, planRestoreDrill } from './restore-drill-plan.js'
import { attempt, count, failedSteps, names, type Run, type RunMode } from './mode.js'

async function readSteps(ctx: RunContext, run: Run, kind: 'plan' | 'verify'): Promise<void> {
  // Every step is reported, except after a failed sign-in, which every later step would only repeat.
  for (const name of ctx.config.steps)
    if (!(await attempt(run, name, false, () => readOnlyStep(ctx, name, run.results, kind)))) break
  // plan with rehearsal-hsm-name: what mode: recover with the same inputs (the drill) would do.
  if (kind === 'plan' && ctx.config.rehearsalHsmName && !run.signInFailed)
    await attempt(run, drillPlanName(ctx), false, () => planRestoreDrill(ctx, run.results))
  if (!run.signInFailed) await postureInto(ctx, run, kind)
}

const dataPlane: RunMode['dataPlane'] = stepsUseDataPlane

export const PLAN: RunMode = {
  run: (ctx, run) => readSteps(ctx, run, 'plan'),
  drift: 'plan',
  dataPlane,

  headline(r) {
    const { results } = r
    const failed = failedSteps(r)
    if (failed.length) return `❌ Plan incomplete: ${names(failed)} could not be planned.`
    const would = results.filter(s => s.status === 'planned')
    const creating = would.filter(s => s.creates).length
    const counts = [
      creating && `${creating} would create`,
      would.length - creating && `${would.length - creating} would update`,
      count(results, 'unchanged', 'unchanged'),
      count(results, 'drift', 'would stop apply (see its row)'),
      count(results, 'skipped', 'not checked yet (they depend on what earlier steps create)')
    ].filter(Boolean)
    const rehearsal = r.config.rehearsalHsmName
      ? ` and the ${r.config.backup ? 'restore drill' : 'rehearsal'}`
      : ''
    const of = `${counts.join(', ')} (of ${r.config.steps.length} step(s)${rehearsal})`
    return would.length
      ? `📝 Plan: ${of}; nothing was changed. Run mode: apply to make these changes.`
      : results.some(s => s.status === 'drift')
        ? `⚠️ Plan: ${of}; nothing was changed.`
        : '✅ Plan: nothing to change.'
  }
}

export const VERIFY: RunMode = {
  run: (ctx, run) => readSteps(ctx, run, 'verify'),
  drift: 'verify',
  dataPlane,

  headline(r) {
    const report = r.drift
    if (failedSteps(r).length || report?.status === 'error')
      return '❌ Verify incomplete: some checks could not be made.'
    const critical = report?.counts.critical ?? 0
    const n = report?.counts.drift ?? 0
    if (critical)
      return `❌ Critical: ${critical} finding(s) where someone outside the inputs can take or change the key, or the escrow is not this HSM's${n ? `; ${n} more where Azure differs from the inputs` : ''}.`
    return n
      ? `⚠️ Drift: ${n} finding(s) where Azure differs from the inputs.`
      : '✅ In sync with the inputs.'
  }
}
