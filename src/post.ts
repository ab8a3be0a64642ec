/** The post phase: runs even when the main step failed. Cleans up what the main phase left on disk. */
import * as core from '@actions/core'
import { errorMessage } from './errors.js'

export async function run(): Promise<void> {
  try {
    // Nothing is written to disk yet; the activate step will register temporary key files here.
    core.debug('post: nothing to clean up')
  } catch (e) {
    core.warning(`Cleanup failed: ${errorMessage(e)}`)
  }
}
