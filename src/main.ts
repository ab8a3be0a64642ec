/**
 * The main phase: validate every input before any request, sign in, run the chosen steps in order (each
 * plans, then applies only what differs), set the outputs and write the job summary. One top-level catch.
 */
import * as core from '@actions/core'
import { cloudEndpoints } from './auth/clouds.js'
import { signIn } from './auth/credential.js'
import { ManagedHsmArm } from './azure/managed-hsm-arm.js'
import type { RunContext } from './context.js'
import { errorMessage, isUserFacing } from './errors.js'
import { parseInputs, type Config } from './inputs.js'
import { outputsFrom, setOutputs } from './report/outputs.js'
import { writeSummary } from './report/summary.js'
import { STEPS } from './steps/index.js'
import type { StepResult } from './steps/step.js'

export async function run(): Promise<void> {
  let config: Config
  try {
    config = parseInputs(name => core.getInput(name))
  } catch (e) {
    core.setFailed(errorMessage(e))
    return
  }

  const cloud = cloudEndpoints(config.cloud)
  const auth = signIn({ tenantId: config.tenantId, clientId: config.clientId, audience: config.audience, cloud })
  const ctx: RunContext = {
    config,
    cloud,
    signIn: auth,
    arm: new ManagedHsmArm(auth.credential, config.subscriptionId, cloud.resourceManager),
    deadline: Date.now() + config.timeoutMinutes * 60_000,
    facts: {}
  }

  const results: StepResult[] = []
  let failure: string | undefined
  try {
    for (const name of config.steps) await runStep(ctx, name, results)
  } catch (e) {
    failure = errorMessage(e)
    if (!isUserFacing(e) && e instanceof Error && e.stack) core.debug(e.stack)
  }

  const outputs = outputsFrom(config, ctx.facts)
  setOutputs(outputs, config.exportVariables)
  try {
    await writeSummary({ config, cloud, results, outputs, error: failure })
  } catch (e) {
    core.warning(`Could not write the job summary: ${errorMessage(e)}`)
  }
  if (failure) core.setFailed(failure)
}

async function runStep(ctx: RunContext, name: keyof typeof STEPS, results: StepResult[]): Promise<void> {
  const step = STEPS[name]
  const started = Date.now()
  const result: StepResult = { step: step.name, status: 'failed', changes: [], notes: [], durationMs: 0 }
  results.push(result)
  await core.group(`${step.name}`, async () => {
    const plan = await step.plan(ctx)
    result.changes = plan.changes.flatMap(c => [c.summary, ...c.details.map(d => `  ${d}`)])
    result.notes = plan.notes
    for (const note of plan.notes) core.warning(`${step.name}: ${note}`)
    if (plan.changes.length === 0) core.info(`${step.name}: nothing to change`)
    for (const change of plan.changes) {
      core.info(`${step.name}: ${change.summary}`)
      for (const d of change.details) core.info(`  - ${d}`)
      await change.apply()
    }
    await step.finish(ctx)
    const created = plan.changes.some(c => c.kind === 'create' || c.kind === 'purge')
    result.status = plan.changes.length === 0 ? 'unchanged' : created ? 'created' : 'updated'
  }).finally(() => {
    result.durationMs = Date.now() - started
  })
}
