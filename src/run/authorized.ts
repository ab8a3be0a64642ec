// run/: one run: execute, the step engine, the run context and the helpers steps and modes share.
/**
 * Data-plane calls right after this run made a role assignment: a 403 may only mean the assignment has not
 * taken effect yet.
 */
import * as log from '../shared/log.js'
import { statusOf } from '../azure/call.js'
import { doubling, retrying } from '../shared/retry.js'
import type { RunContext } from './context.js'

/** Runs a data-plane call, retrying a 403 while a role assignment made in this run propagates. */
export type Authorized = <T>(what: string, fn: () => Promise<T>) => Promise<T>

/**
 * Runs fn; when a role assignment was just made in this run, a 403 means it has not taken effect yet:
 * retry with backoff up to two minutes. Otherwise a 403 is final.
 */
export async function untilAuthorized<T>(ctx: RunContext, what: string, fn: () => Promise<T>): Promise<T> {
  return untilPropagated(
    ctx,
    e => statusOf(e) === 403,
    `${what}: not authorized yet (a new role assignment is propagating)`,
    fn
  )
}

/**
 * Runs fn, retrying the failures `denied` recognises while a role assignment made in this run propagates:
 * 1, 2, 4, 8 then every 15 s, for two minutes at most. Without a new assignment a denial is final.
 */
export async function untilPropagated<T>(
  ctx: RunContext,
  denied: (e: unknown) => boolean,
  waiting: string,
  fn: () => Promise<T>
): Promise<T> {
  return retrying(fn, {
    retriable: e => denied(e) && !!ctx.facts.rolesChanged,
    delayMs: doubling(1000, 15_000),
    deadline: Date.now() + 120_000,
    onRetry: (_e, delay) => log.info(`  ${waiting}; retrying in ${delay / 1000}s`)
  })
}
