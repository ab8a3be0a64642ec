// report/: what a run tells people: the log (its only writer), outputs, job summary and drift report.
/**
 * The `drift` output of verify (and plan): a small, versioned JSON document, one entry per check.
 * Schema version 1 (documented in README "Drift report"):
 *   { "schema": "managed-hsm-skr/drift", "version": 1, "mode": "verify" | "plan", "hsm": NAME,
 *     "status": "converged" | "drift" | "error", "checkedAt": ISO-8601,
 *     "checks": [ { "id", "step", "status": "ok" | "drift" | "error", "desired"?, "actual"?, "hint"?, "finding"? } ],
 *     "whatToDo"? }
 * `id` is for machines; `finding` (every check that is not ok) and `whatToDo` say the same in words.
 * Values are descriptions and identifiers only; no secret is ever put in a check. Text from Azure in them
 * shows its control and format characters as the log does (a reader of the report sees what Azure holds,
 * not what a bidi override makes it look like).
 */
import type { StepResult } from '../run/step.js'
import { finding, whatToDo, type FindingCheck } from './findings.js'
import { visibleText } from './log.js'

export const DRIFT_SCHEMA = 'managed-hsm-skr/drift'
export const DRIFT_VERSION = 1
/** Far below the 1 MB output limit, and readable in a log. */
const MAX_BYTES = 64 * 1024

export interface DriftReport {
  schema: typeof DRIFT_SCHEMA
  version: typeof DRIFT_VERSION
  mode: 'verify' | 'plan'
  hsm: string
  status: 'converged' | 'drift' | 'error'
  checkedAt: string
  /** `finding`: the finding in words, Azure's side and the inputs' side named (checks that are not ok). */
  checks: Array<FindingCheck & { finding?: string }>
  /** What to do about the findings (when not converged). */
  whatToDo?: string
  truncated?: number
}

export function driftReport(mode: 'verify' | 'plan', hsm: string, results: StepResult[]): DriftReport {
  const raw = results.flatMap(r => [
    ...r.checks.map(c => ({ ...c, step: r.step })),
    ...(r.error
      ? [{ id: `${r.step}.error`, step: r.step, status: 'error' as const, actual: r.error.split('\n')[0] }]
      : [])
  ])
  const findings = raw.map(c => (c.status === 'ok' ? undefined : finding(c, mode)))
  const checks: DriftReport['checks'] = raw.map((c, i) => {
    const f = findings[i]
    return visible(f ? { ...c, finding: [f.text, ...f.details].join('; ') } : c)
  })
  const status = checks.some(c => c.status === 'error')
    ? 'error'
    : checks.some(c => c.status === 'drift')
      ? 'drift'
      : 'converged'
  const report: DriftReport = {
    schema: DRIFT_SCHEMA,
    version: DRIFT_VERSION,
    mode,
    hsm,
    status,
    checkedAt: new Date().toISOString(),
    checks
  }
  const todo = whatToDo(findings.filter(f => f !== undefined))
  if (todo) report.whatToDo = visibleText(todo)
  while (JSON.stringify(report).length > MAX_BYTES && report.checks.length > 1) {
    report.checks.pop()
    report.truncated = (report.truncated ?? 0) + 1
  }
  return report
}

/** Every string in a check (its values may be strings, lists or records) as visibleText shows it. */
function visible<T>(v: T): T {
  if (typeof v === 'string') return visibleText(v) as T
  if (Array.isArray(v)) return v.map(visible) as T
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visible(x)])) as T
  return v
}
