/**
 * The main phase: validate every input before any request, then hand over to the run. The Azure SDKs
 * load only after the inputs are valid (a dynamic import), so a bad input fails in a fraction of a second.
 */
import * as log from './shared/log.js'
import { getInput, givenInputNames } from './shared/runner.js'
import { errorMessage } from './shared/errors.js'
import { MODE_TABLE, parseInputs, stepsUseDataPlane, type Config } from './config/index.js'
import { cloudEndpoints } from './auth/clouds.js'
import { needsOf, resourcesFor } from './engine/needs.js'

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
  const idToken = startSignIn(config)
  const { execute } = await import('./engine/execute.js')
  await execute(config, idToken)
}

/**
 * The run's first requests, started while its modules load (about half of a run's CPU): the connections to
 * GitHub's token service and to Entra (one per token the sign-in will ask for at once), and the GitHub ID token
 * itself, which the sign-in takes as its first assertion. Nothing is printed here; a failure reaches the sign-in,
 * which reports it as its own request's would have been.
 */
function startSignIn(config: Config): Promise<string> | undefined {
  const tokenUrl = process.env.ACTIONS_ID_TOKEN_REQUEST_URL
  if (!tokenUrl?.startsWith('https:')) return undefined
  const cloud = cloudEndpoints(config.cloud)
  // A lower bound of the tokens: the single-purpose modes' own data-plane rule needs every mode loaded, and
  // start.ts opens the rest.
  const needs = needsOf(config, cloud, MODE_TABLE[config.mode].runsSteps && stepsUseDataPlane(config))
  void import('./shared/connections.js')
    .then(c =>
      c.preconnect([
        { url: tokenUrl },
        { url: cloud.authorityHost, count: resourcesFor(needs, cloud).length }
      ])
    )
    .catch(() => undefined)
  const idToken = import('./auth/github-oidc.js').then(m => m.fetchGitHubIdToken(config.audience))
  idToken.catch(() => undefined)
  return idToken
}
