// src/: the action; index.ts is its only entry, main.ts and post.ts its two phases, each folder one concern.
/** The only entry: the same bundle serves the main and the post phase of the action. */
import * as core from '@actions/core'
import { errorMessage } from './shared/errors.js'
import * as log from './report/log.js'
import { run as main } from './main.js'
import { run as post } from './post.js'

try {
  if (core.getState('isPost') === 'true') {
    await post()
  } else {
    core.saveState('isPost', 'true')
    await main()
  }
} catch (e) {
  // Not Node's crash report on stderr, which the runner would read raw: the message through the log module.
  if (e instanceof Error && e.stack) log.debug(e.stack)
  log.setFailed(errorMessage(e))
}
