/** The posture in a step mode's run: after apply's writes (so it judges what the user now has), beside plan's and verify's steps. */
import * as log from '../shared/log.js'
import { errorMessage } from '../shared/errors.js'
import type { RunContext } from '../run/context.js'
import type { StepResult } from '../run/step.js'
import { assessPosture, logPosture, strangers, type PostureResult } from '../posture/index.js'
import type { Run } from './mode.js'

/** Assesses the posture into the run; an error here is one the run reports, not one that stops the summary. */
export async function postureInto(
  ctx: RunContext,
  run: Run,
  kind: 'apply' | 'plan' | 'verify'
): Promise<void> {
  const r = await runPosture(ctx, kind)
  run.posture = r.posture
  if (r.error) run.failures.push({ text: r.error })
}

/** The posture, in its own log group. */
async function runPosture(
  ctx: RunContext,
  mode: 'apply' | 'plan' | 'verify'
): Promise<{ posture?: PostureResult; error?: string }> {
  try {
    return await log.group('posture', async () => {
      const posture = await assessPosture(ctx, mode)
      if (posture.areas.length === 0) log.debug('posture: nothing to assess')
      else {
        const n = strangers(posture.holders).length
        log.info(
          `posture: ${posture.areas.join(', ')} assessed` +
            (posture.holders
              ? `; ${posture.holders.length} role assignment(s) reach the key, ${n} not intended`
              : '')
        )
        logPosture(posture)
      }
      return { posture }
    })
  } catch (e) {
    return { error: `posture: ${errorMessage(e)}` }
  }
}

/** The posture's checks as the drift report holds a step's. */
export function postureResult(p: PostureResult): StepResult {
  const differs = p.checks.some(c => c.status !== 'ok')
  return {
    step: 'posture',
    status: differs ? 'drift' : 'unchanged',
    changes: [],
    notes: [],
    checks: p.checks,
    durationMs: 0
  }
}
