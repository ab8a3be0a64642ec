/**
 * Runs the posture assessors that apply to this run, together, and turns what they find into drift-report
 * checks: `posture.<id>`, with the item's severity. A failed assessor is one check that could not be made.
 */
import * as log from '../shared/log.js'
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import { readHsm, type RunContext } from '../run/context.js'
import type { Check } from '../run/step.js'
import { errorMessage } from '../shared/errors.js'
import { ASSESSORS } from './assessors.js'
import type { Holder, Posture, PostureItem, PostureMode } from './types.js'

export type { Assessor, Capability, Holder, Posture, PostureItem, PostureMode } from './types.js'
export { hsmActive } from './types.js'

export interface PostureResult extends Posture {
  checks: Check[]
  /** The assessors that ran. */
  areas: string[]
}

/** verify: starts the reads of every area that need only the inputs, beside the HSM's ARM read (`hsm`). */
export function prefetchPostureEarly(ctx: RunContext, hsm: Promise<ManagedHsm | undefined>): void {
  for (const a of ASSESSORS) a.early?.(ctx, hsm)
}

/** Starts the applicable assessors' reads, once ARM has answered for the HSM. */
export function prefetchPosture(ctx: RunContext, hsm: ManagedHsm): void {
  for (const a of ASSESSORS) if (a.applies(ctx, hsm)) a.prefetch?.(ctx, hsm)
}

/** Every applicable area of the HSM as it is now (none when it does not exist). */
export async function assessPosture(ctx: RunContext, mode: PostureMode): Promise<PostureResult> {
  const hsm = await readHsm(ctx)
  const applicable = hsm ? ASSESSORS.filter(a => a.applies(ctx, hsm)) : []
  const settled = await Promise.all(
    applicable.map(a =>
      a.assess(ctx, mode).then(
        p => ({ name: a.name, posture: p }),
        (e: unknown) => ({ name: a.name, error: errorMessage(e) })
      )
    )
  )
  const result: PostureResult = { items: [], checks: [], areas: applicable.map(a => a.name) }
  for (const s of settled) {
    if ('error' in s) {
      result.checks.push({ id: `posture.${s.name}`, status: 'error', actual: s.error })
      continue
    }
    if (s.posture.holders) result.holders = [...(result.holders ?? []), ...s.posture.holders]
    result.items.push(...s.posture.items)
    result.checks.push(...s.posture.items.map(itemCheck))
  }
  if (result.checks.length === 0 && applicable.length > 0) result.checks.push({ id: 'posture', status: 'ok' })
  return result
}

/** The drift-report check of one posture item. */
export function itemCheck(i: PostureItem): Check {
  const check: Check = { id: `posture.${i.id}`, status: i.severity === 'ok' ? 'ok' : 'drift' }
  if (i.severity !== 'ok') {
    check.severity = i.severity
    check.actual = [i.finding ?? `${i.setting}: ${i.state}`, ...(i.details ?? [])].join('\n')
    if (i.todo) check.hint = i.todo
  } else check.actual = `${i.setting}: ${i.state}`
  return check
}

/** The log's account of the posture: each finding at its level, the criticals first. */
export function logPosture(p: PostureResult): void {
  const order = ['critical', 'drift', 'warning', 'info'] as const
  for (const sev of order)
    for (const c of p.checks.filter(x => x.status === 'drift' && (x.severity ?? 'drift') === sev)) {
      const text = String(c.actual ?? c.id).split('\n')
      const line = `posture (${sev}): ${text.join('; ')}`
      if (sev === 'info') log.info(line)
      else log.warning(line)
    }
  for (const c of p.checks.filter(x => x.status === 'error'))
    log.error(`posture: could not be checked: ${String(c.actual)}`)
}

/** The holders that are not intended, gravest first. */
export function strangers(holders: Holder[] | undefined): Holder[] {
  return (holders ?? []).filter(h => !h.intendedAs)
}
