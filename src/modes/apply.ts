/** apply: runs the chosen steps in order, changing what differs, then records the key's roles and judges the posture. */
import * as log from '../shared/log.js'
import { failureOf } from '../shared/errors.js'
import { stepsUseDataPlane } from '../config/index.js'
import { recordKeyRoles } from '../steps/key/roles-record.js'
import { applyStep } from './run-steps.js'
import { ensureRunnerAccess } from '../run/runner-access.js'
import { postureInto } from './posture-run.js'
import { attempt, count, failedSteps, names, type RunMode } from './mode.js'

export const APPLY: RunMode = {
  async run(ctx, run) {
    const { config } = ctx
    let reached = false
    for (const name of config.steps) {
      // Before the first data-plane step: the runner gets through the HSM's firewall, or the run says how to.
      if (name !== 'provision' && !reached) {
        reached = true
        if (!(await attempt(run, 'network access', true, () => ensureRunnerAccess(ctx)))) break
      }
      if (!(await attempt(run, name, true, () => applyStep(ctx, name, run.results)))) break
    }

    // The key's role assignments beside its backup, once every step has granted its own: recover names from
    // this record what the inputs do not list.
    if (run.failures.length === 0 && config.keyBackup && config.steps.includes('key'))
      try {
        await log.group('key role assignments record', () => recordKeyRoles(ctx))
      } catch (e) {
        run.failures.push(failureOf(e))
      }

    // An apply that failed says where it stopped instead.
    if (run.failures.length) return
    await postureInto(ctx, run, 'apply')
    const critical = run.posture?.checks.filter(c => c.severity === 'critical') ?? []
    if (critical.length && run.failures.length === 0)
      run.failures.push({
        text: [
          `apply made its changes, but ${critical.length} critical finding(s) remain: someone outside the inputs can take or change the key, or the escrow is not this HSM's:`,
          ...critical.map(
            c =>
              `- ${String(c.actual ?? c.id)
                .split('\n')
                .join('; ')}`
          )
        ].join('\n'),
        hint:
          [...new Set(critical.map(c => c.hint).filter(Boolean))].join('; ') ||
          'see the posture table of the job summary'
      })
  },

  headline(r) {
    const { results } = r
    const failed = failedSteps(r)
    if (failed.length) return `❌ ${names(failed)} failed.`
    const changed = results.filter(s => s.status === 'created' || s.status === 'updated').length
    const done = [
      count(results, 'created', 'created'),
      count(results, 'updated', 'updated'),
      count(results, 'unchanged', 'unchanged')
    ].filter(Boolean)
    return changed
      ? `✅ Applied: ${done.join(', ')} (of ${r.config.steps.length} step(s)).`
      : '✅ Already in step with the inputs: nothing changed.'
  },

  dataPlane: stepsUseDataPlane
}
