/**
 * The drift report of plan, verify and verify-security-domain: every check judged, the drift output set, and
 * verify's findings turned into the run's failure (fail-on-drift) or a warning.
 */
import * as log from '../shared/log.js'
import { setOutput } from '../shared/runner.js'
import { failureMessage, type Failure } from '../shared/errors.js'
import type { Config } from '../config/index.js'
import { driftReport, failing, type DriftReport } from '../report/drift.js'
import { APPLY_REPAIRS, escrowProofs, finding, whatToDo } from '../report/findings.js'
import { DRIFT_OUTPUT } from '../report/outputs.js'
import { postureResult } from '../modes/posture-run.js'
import type { Run } from '../modes/index.js'

export interface Verdict {
  report: DriftReport
  /** The drift findings are the failure: the summary lists them once, in its drift section. */
  driftFailure: boolean
}

export function judgeDrift(config: Config, run: Run, kind: 'plan' | 'verify', custody?: string): Verdict {
  const { results, posture, failures } = run
  // Accepted, so not drift; but the report must say it, for whoever reads only the report.
  if (custody)
    results
      .find(r => r.step === 'activate')
      ?.checks.push({
        id: 'activate.escrow.custody',
        status: 'ok',
        actual: custody,
        hint: 'split custody: escrow the wrapping keys to another Key Vault or storage account, then drop escrow-same-store'
      })
  const judged = posture ? [...results, postureResult(posture)] : results
  const report = driftReport(kind, config.hsmName, judged)
  setOutput(DRIFT_OUTPUT, JSON.stringify(report))
  let driftFailure = false
  // Warnings and information are said in the posture log and tables, never a failure.
  const drifted = failing(report.checks, true)
  if (kind === 'verify' && report.status === 'converged') {
    log.info(`verify: in sync with the inputs (${report.checks.length} checks)`)
    for (const p of escrowProofs(report.checks)) log.info(`  escrow proof passed: ${p}`)
  }
  // Signed out, nothing was compared: the sign-in failure is the one thing to say (the report, with its
  // status error, stays in the drift output).
  if (kind === 'verify' && drifted.length > 0 && !run.signInFailed) {
    // In words, Azure's side and the inputs' side named; the check ids stay in the drift output.
    const critical = drifted.filter(c => c.severity === 'critical').length
    const plain = drifted.length - critical
    const found: Failure = {
      text: [
        critical
          ? `verify: ${critical} critical finding(s)${plain ? ` and ${plain} drift finding(s)` : ''}: someone outside the inputs can take or change the key, or the escrow is not this HSM's:`
          : `verify: ${drifted.length} drift finding(s), Azure compared with the inputs:`,
        ...drifted.map(c => `- ${c.severity === 'critical' ? 'critical: ' : ''}${c.finding ?? c.id}`)
      ].join('\n'),
      // About these findings only: the warnings' advice is in the posture table and the report.
      hint: whatToDo(drifted.map(c => finding(c, 'verify'))) || APPLY_REPAIRS
    }
    if (failing(report.checks, config.failOnDrift).length > 0 && failures.length === 0) {
      failures.push(found)
      driftFailure = true
    } else log.warning(failureMessage(found))
  }
  if (report.status === 'error' && failures.length === 0)
    failures.push({ text: 'verify: some checks could not be made (see the errors above)' })
  return { report, driftFailure }
}
