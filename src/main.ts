/**
 * The main phase: validate every input before any request, then hand over to the run. The Azure SDKs
 * load only after the inputs are valid (a dynamic import), so a bad input fails in a fraction of a second.
 */
import * as log from './shared/log.js'
import { getInput, givenInputNames } from './shared/runner.js'
import { errorMessage } from './shared/errors.js'
import { parseInputs, type Config } from './config/index.js'

export async function run(): Promise<void> {
  let config: Config
  try {
    config = parseInputs(getInput, givenInputNames())
  } catch (e) {
    log.setFailed(errorMessage(e))
    // Only now the summary code: a refused run still says so in the job summary, with no step run.
    const { writeInputFailureSummary } = await import('./report/summary.js')
    await writeInputFailureSummary(getInput, errorMessage(e)).catch(err =>
      log.warning(`Could not write the job summary: ${errorMessage(err)}`)
    )
    return
  }
  // The GitHub token's request is the run's first: its connection is opened while the run's modules load.
  const tokenUrl = process.env.ACTIONS_ID_TOKEN_REQUEST_URL
  if (tokenUrl?.startsWith('https:'))
    void import('./shared/connections.js').then(c => c.preconnect([{ url: tokenUrl }])).catch(() => undefined)
  const { execute } = await import('./engine/execute.js')
  await execute(config)
}
