/** The only entry: the same bundle serves the main and the post phase of the action. */
import * as core from '@actions/core'
import { run as main } from './main.js'
import { run as post } from './post.js'

if (core.getState('isPost') === 'true') {
  await post()
} else {
  core.saveState('isPost', 'true')
  await main()
}
