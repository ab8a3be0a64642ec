/**
 * The only entry: the same bundle serves the main and the post phase of the action. It loads only what
 * validating the inputs needs; each phase's work (and the Azure SDKs) comes in by dynamic import.
 */
import { errorMessage } from './shared/errors.js'
import { getState, saveState } from './shared/runner.js'
import * as log from './shared/log.js'
import { run as main } from './main.js'

try {
  if (getState('isPost') === 'true') {
    const { run: post } = await import('./post.js')
    await post()
  } else {
    saveState('isPost', 'true')
    await main()
  }
} catch (e) {
  // Not Node's crash report on stderr, which the runner would read raw: the message through the log module.
  if (e instanceof Error && e.stack) log.debug(e.stack)
  log.setFailed(errorMessage(e))
}
