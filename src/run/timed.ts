/** Times a step or a single-purpose mode: the engine's steps and the modes record their results alike. */
import * as log from '../shared/log.js'
import { errorMessage } from '../shared/errors.js'
import type { StepResult } from './step.js'

/** Runs one step (or single-purpose mode) in a log group, recording its result and duration. */
export async function timed(
  name: string,
  results: StepResult[],
  body: (r: StepResult) => Promise<void>
): Promise<void> {
  const result: StepResult = {
    step: name,
    status: 'failed',
    changes: [],
    notes: [],
    checks: [],
    durationMs: 0
  }
  results.push(result)
  const started = Date.now()
  try {
    await log.group(name, () => body(result))
  } catch (e) {
    result.error = errorMessage(e)
    throw e
  } finally {
    result.durationMs = Date.now() - started
  }
}
