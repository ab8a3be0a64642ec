/** What the ARM-reading areas share: one reader per run, and how a refused read is told apart. */
import { ArmReader } from '../azure/arm-reads.js'
import { statusOf } from '../azure/call.js'
import type { RunContext } from '../run/context.js'

const readers = new WeakMap<RunContext, ArmReader>()

/** The run's reader of ARM resources the action only inspects (one token cache, one pipeline). */
export function armReader(ctx: RunContext): ArmReader {
  let r = readers.get(ctx)
  if (!r) {
    r = new ArmReader(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager)
    readers.set(ctx, r)
  }
  return r
}

/** ARM refused the read (AuthorizationFailed): the identity lacks a role, the resource may well be there. */
export function denied(e: unknown): boolean {
  return statusOf(e) === 403
}

/** The last segment of a resource id, for messages ("workspaces/ws" → "ws"). */
export function lastSegment(id: string): string {
  return id.replace(/\/+$/, '').split('/').pop() ?? id
}
