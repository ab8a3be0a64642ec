/**
 * The post phase: runs even when the main step failed or the job was cancelled. It never deletes a file
 * the main phase wrote: a rescued security domain may be the only copy, so it is named again here, at the
 * end of the log, while the job can still copy it. A rehearsal HSM the main phase left (a cancelled
 * restore drill) is deleted and purged here: until then it holds a live copy of the key.
 */
import * as log from './shared/log.js'
import { existsSync } from 'node:fs'
import { RESCUE_STATE } from './escrow/rescue.js'
import { errorMessage } from './shared/errors.js'
import { getInput, getState } from './shared/runner.js'
import { REHEARSAL_STATE } from './modes/rehearsal-state.js'
import { RUNNER_RULE_STATE } from './run/runner-rule-state.js'

/** A recover rehearsal (or restore drill) whose HSM the main phase did not tear down: tear it down now. */
async function tearDownRehearsal(name: string): Promise<void> {
  try {
    const { parseInputs } = await import('./config/index.js')
    const config = parseInputs(getInput)
    // Only a recover rehearsal names one (rehearsal-hsm-name is refused in every other mode).
    if (config.rehearsalHsmName !== name) return
    const { start } = await import('./engine/start.js')
    const { tearDownLeftRehearsal } = await import('./modes/recover.js')
    await tearDownLeftRehearsal(await start(config))
  } catch (e) {
    log.warning(
      `post: the rehearsal HSM '${name}' could not be torn down, and bills until it is: ${errorMessage(e)}. ` +
        `Run mode: teardown with hsm-name: ${name} and confirm-teardown: ${name}.`
    )
  }
}

/** The IP rule the main phase opened for this runner (jit-runner-access): removed, whatever the main phase did. */
async function removeRunnerRule(saved: string): Promise<void> {
  let rule = '(unreadable post state)'
  try {
    const parsed = JSON.parse(saved) as { rule?: unknown; tag?: unknown }
    rule = String(parsed.rule)
    const { parseInputs } = await import('./config/index.js')
    const { start } = await import('./engine/start.js')
    const access = await import('./run/runner-access.js')
    await access.removeRunnerRule(await start(parseInputs(getInput)), { rule, tag: String(parsed.tag) })
  } catch (e) {
    log.warning(
      `post: the runner's temporary IP rule ${log.oneLine(rule)} could not be removed: ${errorMessage(e)}. ` +
        'The next apply removes it once its lease tag has expired; or remove it by hand (az keyvault network-rule remove).'
    )
  }
}

export async function run(): Promise<void> {
  try {
    const rescued = getState(RESCUE_STATE)
    const match = /^([0-9a-f]{64}) (.+)$/.exec(rescued)
    if (match) {
      const [, sha256, path] = match
      log.warning(
        existsSync(path)
          ? `the security domain (SHA-256 ${sha256}) that activate saved to disk is still in ${path}: ` +
              'unless the log says it was escrowed, it is the only copy; copy it before the job ends (see the activate error)'
          : `the security domain (SHA-256 ${sha256}) that activate saved to ${path} is no longer there`
      )
    } else log.debug('post: nothing to report')
    const runnerRule = getState(RUNNER_RULE_STATE)
    if (runnerRule) await removeRunnerRule(runnerRule)
    const rehearsal = getState(REHEARSAL_STATE)
    if (rehearsal) await tearDownRehearsal(rehearsal)
  } catch (e) {
    log.warning(`Post phase failed: ${errorMessage(e)}`)
  }
}
