/** The post phase: runs even when the main step failed. Cleans up what the main phase left on disk. */
import * as log from './report/log.js'
import { errorMessage } from './errors.js'

export async function run(): Promise<void> {
  try {
    // Nothing is written to disk yet; the activate step will register temporary key files here.
    log.debug('post: nothing to clean up')
  } catch (e) {
    log.warning(`Cleanup failed: ${errorMessage(e)}`)
  }
}
