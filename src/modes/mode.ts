/**
 * What a mode is to the engine: one object that does the mode's work and says its result in one line. The
 * engine (engine/execute.ts) signs in, runs MODES[mode] and reports; what differs between modes lives here.
 */
import * as log from '../shared/log.js'
import { AzureOperationError, errorMessage, failureOf, isUserFacing, type Failure } from '../shared/errors.js'
import { escapeMarkdown } from '../shared/markdown.js'
import type { Config } from '../config/index.js'
import type { RunContext } from '../run/context.js'
import type { StepResult } from '../run/step.js'
import type { PostureResult } from '../posture/index.js'
import type { RunReport } from '../report/summary.js'

/** What a run has found so far; the mode adds to it, the engine reports it. */
export interface Run {
  results: StepResult[]
  /** Each failure with its advice apart, so the summary renders only the action's own as "What to do". */
  failures: Failure[]
  /** The sign-in (GitHub OIDC or Entra ID) failed: later steps would only repeat it. */
  signInFailed: boolean
  /** apply, plan and verify: what Azure holds beyond the inputs. */
  posture?: PostureResult
}

export interface RunMode {
  run(ctx: RunContext, run: Run): Promise<void>
  /** The summary's line for a run that got past sign-in, in the action's own words (no value from outside). */
  headline(r: RunReport): string
  /** The modes that write the drift report (plan, verify, verify-security-domain), and which kind they write. */
  drift?: 'plan' | 'verify'
  /** Whether the run calls the HSM's data plane (its token is fetched up front). */
  dataPlane(config: Config): boolean
}

/**
 * Runs one unit of work (a step, or a single-purpose mode), recording its failure; false when the run stops
 * here: at the first failure when `stop` (apply: later steps build on it), and after a failed sign-in, which
 * every later step would only repeat.
 */
export async function attempt(
  run: Run,
  name: string,
  stop: boolean,
  body: () => Promise<void>
): Promise<boolean> {
  try {
    await body()
    return true
  } catch (e) {
    if (!isUserFacing(e) && e instanceof Error && e.stack) log.debug(e.stack)
    run.signInFailed ||= isSignInFailure(e)
    run.failures.push(failureOf(e))
    if (stop || run.signInFailed) return false
    log.error(`${name}: ${errorMessage(e)}`)
    return true
  }
}

/** A failure to get a token (from GitHub's OIDC service or Entra ID), not a failure of the step's own work. */
function isSignInFailure(e: unknown): boolean {
  if (e instanceof AzureOperationError) return /^(GitHub OIDC|Entra ID)$/.test(e.details.service)
  return /^(GitHub OIDC|Entra ID): /.test(errorMessage(e))
}

/** "2 created", or '' when no step has the status. */
export function count(results: StepResult[], status: StepResult['status'], words: string): string {
  const n = results.filter(s => s.status === status).length
  return n ? `${n} ${words}` : ''
}

export function names(results: StepResult[]): string {
  return results.map(s => escapeMarkdown(s.step)).join(', ')
}

export function failedSteps(r: RunReport): StepResult[] {
  return r.results.filter(s => s.status === 'failed')
}
