/**
 * The main phase: validate every input before any request, then hand over to the run. The Azure SDKs
 * load only after the inputs are valid (a dynamic import), so a bad input fails in a fraction of a second.
 */
import * as log from './report/log.js'
import { getInput } from './shared/runner.js'
import { errorMessage } from './shared/errors.js'
import { parseInputs, type Config } from './config/index.js'

export async function run(): Promise<void> {
  let config: Config
  try {
    config = parseInputs(getInput)
  } catch (e) {
    log.setFailed(errorMessage(e))
    return
  }
  const { execute } = await import('./run/execute.js')
  await execute(config)
}
