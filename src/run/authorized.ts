/**
 * Data-plane calls right after this run made a role assignment: a 403 may only mean the assignment has not
 * taken effect yet.
 */
import * as log from '../report/log.js'
import { statusOf } from '../azure/call.js'
import type { RunContext } from './context.js'

/** Runs a data-plane call, retrying a 403 while a role assignment made in this run propagates. */
export type Authorized = <T>(what: string, fn: () => Promise<T>) => Promise<T>

/**
 * Runs fn; when a role assignment was just made in this run, a 403 means it has not taken effect yet:
 * retry with backoff up to two minutes. Otherwise a 403 is final.
 */
export async function untilAuthorized<T>(ctx: RunContext, what: string, fn: () => Promise<T>): Promise<T> {
  const bound = Date.now() + 120_000
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      return await fn()
    } catch (e) {
      if (statusOf(e) !== 403 || !ctx.facts.rolesChanged || Date.now() + delay > bound) throw e
      log.info(
        `  ${what}: not authorized yet (a new role assignment is propagating); retrying in ${delay / 1000}s`
      )
      await new Promise(r => setTimeout(r, delay))
    }
  }
}
