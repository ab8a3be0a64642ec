/**
 * A run with valid inputs: sign in, run the chosen steps in order (apply changes what differs; plan and
 * verify only read) or the single-purpose mode, set the outputs and write the job summary. One top-level
 * catch per step.
 */
import * as core from '@actions/core'
import * as log from '../report/log.js'
import { cloudEndpoints, type CloudEndpoints } from '../auth/clouds.js'
import { signIn } from '../auth/credential.js'
import { ManagedHsmArm } from '../azure/managed-hsm-arm.js'
import type { RunContext } from './context.js'
import {
  AzureOperationError,
  errorMessage,
  failureMessage,
  failureOf,
  isUserFacing,
  type Failure
} from '../shared/errors.js'
import { installAzureLogRedaction } from '../report/log-redaction.js'
import {
  CVM_ENCRYPTION_TYPE,
  isSingleMode,
  MODE_TABLE,
  reportedCustody,
  type Config,
  type StepName
} from '../config/index.js'
import { DRIFT_OUTPUT, outputsFrom, setOutputs } from '../report/outputs.js'
import { writeSummary } from '../report/summary.js'
import { driftReport, failing, type DriftReport } from '../report/drift.js'
import { assessPosture, logPosture, strangers, type PostureResult } from '../posture/index.js'
import { APPLY_REPAIRS, escrowProofs, finding, whatToDo } from '../report/findings.js'
import { applyStep, readOnlyStep } from './run-steps.js'
import { prefetchReads } from './prefetch.js'
import { refuseUnprotectedNewSet } from './des-backing.js'
import { refuseBroadReleaseBeforeWrites } from '../steps/broad-release.js'
import { Reads } from './reads.js'
import { recover } from '../modes/recover.js'
import { recordKeyRoles } from '../steps/key-roles-record.js'
import { teardown } from '../modes/teardown.js'
import { verifySecurityDomain } from '../modes/verify-security-domain.js'
import type { StepResult } from './step.js'

export async function execute(config: Config): Promise<void> {
  // Before any SDK client exists: their verbose logs carry the tokens this run is about to get.
  installAzureLogRedaction()
  const cloud = cloudEndpoints(config.cloud)
  const auth = signIn({
    tenantId: config.tenantId,
    clientId: config.clientId,
    audience: config.audience,
    cloud
  })
  const ctx: RunContext = {
    config,
    cloud,
    signIn: auth,
    arm: new ManagedHsmArm(
      auth.credential,
      config.subscriptionId,
      cloud.resourceManager,
      cloud.managedHsmSuffix
    ),
    deadline: Date.now() + config.timeoutMinutes * 60_000,
    facts: {},
    // The single-purpose modes write between their reads: they read as they go.
    reads: new Reads(!isSingleMode(config.mode))
  }
  // Sign in for every service the run will call at once, rather than one after another as each is
  // first reached; a failure here is left to the first real call, which explains it in context.
  const signedIn = auth.prefetch(resourcesFor(config, cloud)).catch(() => undefined)
  // The steps' reads start as soon as their inputs are known; the steps still plan and apply in order.
  prefetchReads(ctx)
  await signedIn

  const results: StepResult[] = []
  /** Each failure with its advice apart, so the summary renders only the action's own as "What to do". */
  const failures: Failure[] = []
  let signInFailed = false
  const mode = config.mode
  // Accepted weaker custody is said up front in every run that reads or writes the escrow.
  const custody = reportedCustody(config)
  if (custody) log.warning(custody)
  // The single-purpose modes run instead of the steps; apply, plan and verify run the chosen steps.
  let names: string[] = isSingleMode(mode) ? [mode] : config.steps
  try {
    // The action's own rules, before any step writes: a new Disk Encryption Set only on an HSM that cannot be
    // purged; a custom role that can release, at / or /keys, only with allow-broad-release.
    await refuseUnprotectedNewSet(ctx)
    await refuseBroadReleaseBeforeWrites(ctx)
  } catch (e) {
    failures.push(failureOf(e))
    names = []
  }
  for (const name of names) {
    try {
      if (name === 'verify-security-domain') await verifySecurityDomain(ctx, results)
      else if (name === 'teardown') await teardown(ctx, results)
      else if (name === 'recover') await recover(ctx, results)
      else if (mode === 'apply') await applyStep(ctx, name as StepName, results)
      else await readOnlyStep(ctx, name as StepName, results, mode === 'plan' ? 'plan' : 'verify')
    } catch (e) {
      if (!isUserFacing(e) && e instanceof Error && e.stack) log.debug(e.stack)
      signInFailed ||= isSignInFailure(e)
      // apply stops at the first failure (later steps build on it); plan and verify report every step,
      // except after a failed sign-in, which every later step would only repeat.
      failures.push(failureOf(e))
      if (mode === 'apply' || signInFailed) break
      log.error(`${name}: ${errorMessage(e)}`)
    }
  }

  // The key's role assignments beside its backup, once every step has granted its own: recover names from
  // this record what the inputs do not list.
  if (mode === 'apply' && failures.length === 0 && config.keyBackup && config.steps.includes('key'))
    try {
      await log.group('key role assignments record', () => recordKeyRoles(ctx))
    } catch (e) {
      failures.push(failureOf(e))
    }

  // What Azure holds beyond the inputs: after apply's writes (so it judges what the user now has), beside
  // plan's and verify's steps. An apply that failed says where it stopped instead.
  let posture: PostureResult | undefined
  if (MODE_TABLE[mode].runsSteps && !(mode === 'apply' && failures.length) && !signInFailed) {
    const r = await runPosture(ctx, mode === 'apply' ? 'apply' : mode === 'plan' ? 'plan' : 'verify')
    posture = r.posture
    if (r.error) failures.push({ text: r.error })
    if (mode === 'apply' && posture) {
      const critical = posture.checks.filter(c => c.severity === 'critical')
      if (critical.length && failures.length === 0)
        failures.push({
          text: [
            `apply made its changes, but ${critical.length} critical finding(s) remain: someone outside the inputs can take or change the key, or the escrow is not this HSM's:`,
            ...critical.map(
              c =>
                `- ${String(c.actual ?? c.id)
                  .split('\n')
                  .join('; ')}`
            )
          ].join('\n'),
          hint:
            [...new Set(critical.map(c => c.hint).filter(Boolean))].join('; ') ||
            'see the posture table of the job summary'
        })
    }
  }

  const outputs = outputsFrom(config, ctx.facts)
  setOutputs(outputs, config.exportVariables)
  let report: DriftReport | undefined
  /** The drift findings are the failure: the summary lists them once, in its drift section. */
  let driftFailure = false
  if (MODE_TABLE[mode].driftReport) {
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
    report = driftReport(mode === 'plan' ? 'plan' : 'verify', config.hsmName, judged)
    core.setOutput(DRIFT_OUTPUT, JSON.stringify(report))
    // Warnings and information are said in the posture log and tables, never a failure.
    const drifted = failing(report.checks, true)
    if (mode !== 'plan' && report.status === 'converged') {
      log.info(`verify: in sync with the inputs (${report.checks.length} checks)`)
      for (const p of escrowProofs(report.checks)) log.info(`  escrow proof passed: ${p}`)
    }
    // Signed out, nothing was compared: the sign-in failure is the one thing to say (the report, with its
    // status error, stays in the drift output).
    if (mode !== 'plan' && drifted.length > 0 && !signInFailed) {
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
  }
  try {
    await writeSummary({
      config,
      cloud,
      results,
      outputs,
      errors: driftFailure ? undefined : failures,
      signInFailed,
      drift: signInFailed ? undefined : report,
      posture,
      escrowed: ctx.facts.escrowed
    })
  } catch (e) {
    log.warning(`Could not write the job summary: ${errorMessage(e)}`)
  }
  if (failures.length) log.setFailed(failures.map(failureMessage).join('\n'))
}

/** The posture, in its own log group; an error here is one the run reports, not one that stops the summary. */
async function runPosture(
  ctx: RunContext,
  mode: 'apply' | 'plan' | 'verify'
): Promise<{ posture?: PostureResult; error?: string }> {
  try {
    return await log.group('posture', async () => {
      const posture = await assessPosture(ctx, mode)
      if (posture.areas.length === 0) log.debug('posture: nothing to assess')
      else {
        const n = strangers(posture.holders).length
        log.info(
          `posture: ${posture.areas.join(', ')} assessed` +
            (posture.holders
              ? `; ${posture.holders.length} role assignment(s) reach the key, ${n} not intended`
              : '')
        )
        logPosture(posture)
      }
      return { posture }
    })
  } catch (e) {
    return { error: `posture: ${errorMessage(e)}` }
  }
}

/** The posture's checks as the drift report holds a step's. */
function postureResult(p: PostureResult): StepResult {
  const differs = p.checks.some(c => c.status !== 'ok')
  return {
    step: 'posture',
    status: differs ? 'drift' : 'unchanged',
    changes: [],
    notes: [],
    checks: p.checks,
    durationMs: 0
  }
}

/** A failure to get a token (from GitHub's OIDC service or Entra ID), not a failure of the step's own work. */
function isSignInFailure(e: unknown): boolean {
  if (e instanceof AzureOperationError) return /^(GitHub OIDC|Entra ID)$/.test(e.details.service)
  return /^(GitHub OIDC|Entra ID): /.test(errorMessage(e))
}

/** The token audiences this run will need, from its inputs. */
function resourcesFor(config: Config, cloud: CloudEndpoints): string[] {
  const resources = [cloud.resourceManager]
  const traits = MODE_TABLE[config.mode]
  // verify-security-domain opens the escrow locally; recover restores into an HSM; the steps past provision
  // use its data plane.
  const dataPlane =
    config.mode === 'recover' || (traits.runsSteps && config.steps.some(s => s !== 'provision'))
  if (dataPlane) resources.push(`https://${cloud.managedHsmSuffix}`)
  const targets = [
    ...config.activation.securityDomainStores,
    ...config.activation.wrappingKeyStores,
    ...(config.keyBackup ? [config.keyBackup] : [])
  ]
  if (traits.usesStores && targets.some(t => t.kind === 'key-vault-secret'))
    resources.push(`https://${cloud.keyVaultSuffix}`)
  if (traits.usesStores && targets.some(t => t.kind === 'blob')) resources.push('https://storage.azure.com')
  const des = config.des
  if (
    config.steps.includes('des') &&
    des?.encryptionType === CVM_ENCRYPTION_TYPE &&
    !des.orchestratorObjectId
  )
    resources.push(cloud.graph)
  return resources
}
