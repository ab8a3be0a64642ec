// report/: what a run tells people: the log (its only writer), outputs, job summary and drift report.
/**
 * The `drift` output of verify (and plan): a small, versioned JSON document, one entry per check.
 * Schema version 2 (documented in docs/drift-report.md):
 *   { "schema": "managed-hsm-skr/drift", "version": 2, "mode": "verify" | "plan", "hsm": NAME,
 *     "status": "converged" | "drift" | "error", "checkedAt": ISO-8601,
 *     "counts": { "critical", "drift", "warning", "info", "error" },
 *     "checks": [ { "id", "step", "status": "ok" | "drift" | "error",
 *                   "severity"?: "critical" | "drift" | "warning" | "info" | "error",
 *                   "desired"?, "actual"?, "hint"?, "finding"? } ],
 *     "whatToDo"? }
 * `id` is for machines; `finding` and `severity` (every check that is not ok) and `whatToDo` say the same in
 * words. The status is "drift" when a finding is critical or ordinary drift; warnings and information leave
 * it "converged". Version 2 added severity, counts and the posture checks (step "posture").
 * Values are descriptions and identifiers only; no secret is ever put in a check. Text from Azure in them
 * shows its control and format characters as the log does (a reader of the report sees what Azure holds,
 * not what a bidi override makes it look like).
 */
import type { Severity, StepResult } from '../run/step.js'
import { finding, whatToDo, type Finding, type FindingCheck } from './findings.js'
import { visibleText } from '../shared/log.js'

export const DRIFT_SCHEMA = 'managed-hsm-skr/drift'
export const DRIFT_VERSION = 2

export type ReportSeverity = Severity | 'error'
/** Far below the 1 MB output limit, and readable in a log. */
const MAX_BYTES = 64 * 1024

export interface DriftReport {
  schema: typeof DRIFT_SCHEMA
  version: typeof DRIFT_VERSION
  mode: 'verify' | 'plan'
  hsm: string
  status: 'converged' | 'drift' | 'error'
  checkedAt: string
  counts: Record<ReportSeverity, number>
  /** `finding`: the finding in words, Azure's side and the inputs' side named (checks that are not ok). */
  checks: Array<FindingCheck & { finding?: string; severity?: ReportSeverity }>
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
    return visible(f ? { ...c, severity: severityOf(c), finding: [f.text, ...f.details].join('; ') } : c)
  })
  const counts: DriftReport['counts'] = { critical: 0, drift: 0, warning: 0, info: 0, error: 0 }
  for (const c of checks) if (c.severity) counts[c.severity]++
  const status = counts.error ? 'error' : counts.critical || counts.drift ? 'drift' : 'converged'
  const report: DriftReport = {
    schema: DRIFT_SCHEMA,
    version: DRIFT_VERSION,
    mode,
    hsm,
    status,
    checkedAt: new Date().toISOString(),
    counts,
    checks
  }
  // Information needs nothing done.
  const todo = whatToDo(
    findings.filter((f, i): f is Finding => f !== undefined && checks[i].severity !== 'info')
  )
  if (todo) report.whatToDo = visibleText(todo)
  while (JSON.stringify(report).length > MAX_BYTES && report.checks.length > 1) {
    report.checks.pop()
    report.truncated = (report.truncated ?? 0) + 1
  }
  return report
}

/** A finding's severity: an error, or the check's own (ordinary drift when it names none). */
export function severityOf(c: { status: string; severity?: Severity }): ReportSeverity | undefined {
  if (c.status === 'ok') return undefined
  return c.status === 'error' ? 'error' : (c.severity ?? 'drift')
}

/** Findings that fail verify: critical ones always, ordinary drift when fail-on-drift is on. */
export function failing(checks: DriftReport['checks'], failOnDrift: boolean): DriftReport['checks'] {
  return checks.filter(c => c.severity === 'critical' || (failOnDrift && c.severity === 'drift'))
}

/** Every string in a check (its values may be strings, lists or records) as visibleText shows it. */
function visible<T>(v: T): T {
  if (typeof v === 'string') return visibleText(v) as T
  if (Array.isArray(v)) return v.map(visible) as T
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visible(x)])) as T
  return v
}
