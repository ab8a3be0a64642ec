/**
 * A run with valid inputs: sign in, run the mode (apply, plan and verify run the chosen steps; the others
 * are single-purpose), set the outputs, judge the drift and write the job summary.
 */
import * as log from '../shared/log.js'
import { errorMessage, failureMessage, failureOf } from '../shared/errors.js'
import { installAzureLogRedaction } from '../shared/log-redaction.js'
import { MODE_TABLE, reportedCustody, type Config } from '../config/index.js'
import { holdForReplication } from '../run/replication-hold.js'
import { outputsFrom, setOutputs } from '../report/outputs.js'
import { writeSummary, type RunReport } from '../report/summary.js'
import { refuseUnprotectedNewSet } from '../steps/des/backing.js'
import { refuseBroadReleaseBeforeWrites } from '../steps/broad-release.js'
import { refuseWithoutPrivatePath } from '../run/runner-access.js'
import { MODES, type Run } from '../modes/index.js'
import { start } from './start.js'
import { judgeDrift, type Verdict } from './verdict.js'

/** `idToken`: the GitHub ID token main.ts asked for while this module loaded. */
export async function execute(config: Config, idToken?: Promise<string>): Promise<void> {
  // Before any SDK client exists: their verbose logs carry the tokens this run is about to get.
  installAzureLogRedaction()
  const ctx = await start(config, idToken)
  const mode = MODES[config.mode]
  const run: Run = { results: [], failures: [], signInFailed: false }
  // Accepted weaker custody is said up front in every run that reads or writes the escrow.
  const custody = reportedCustody(config)
  if (custody) log.warning(custody)
  for (const w of config.unappliedInputs ?? []) log.warning(w)
  let refused = false
  try {
    // The action's own rules, before any step writes: a new Disk Encryption Set only on an HSM that cannot be
    // purged; a custom role that can release, at / or /keys, only with allow-broad-release.
    await refuseUnprotectedNewSet(ctx)
    await refuseBroadReleaseBeforeWrites(ctx)
    // An HSM closed to public access that this runner reaches by no private path: said now, before any write.
    if (MODE_TABLE[config.mode].writes && mode.dataPlane(config)) await refuseWithoutPrivatePath(ctx)
  } catch (e) {
    run.failures.push(failureOf(e))
    refused = true
  }
  if (!refused) await mode.run(ctx, run)
  if (!refused && run.failures.length === 0 && MODE_TABLE[config.mode].writes) {
    try {
      const held = await holdForReplication(ctx)
      const last = run.results.at(-1)
      if (held && last) last.info = [...(last.info ?? []), held]
    } catch (e) {
      run.failures.push(failureOf(e))
    }
  }

  const outputs = outputsFrom(config, ctx.facts)
  setOutputs(outputs, config.exportVariables)
  const verdict: Verdict | undefined = mode.drift && judgeDrift(config, run, mode.drift, custody)
  const report: RunReport = {
    config,
    cloud: ctx.cloud,
    results: run.results,
    outputs,
    errors: verdict?.driftFailure ? undefined : run.failures,
    signInFailed: run.signInFailed,
    drift: run.signInFailed ? undefined : verdict?.report,
    posture: run.posture,
    escrowed: ctx.facts.escrowed,
    attestation: ctx.facts.attestation,
    headline: ''
  }
  report.headline = mode.headline(report)
  try {
    await writeSummary(report)
  } catch (e) {
    log.warning(`Could not write the job summary: ${errorMessage(e)}`)
  }
  if (run.failures.length) log.setFailed(run.failures.map(failureMessage).join('\n'))
}
