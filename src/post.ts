/**
 * The post phase: runs even when the main step failed or the job was cancelled. It never deletes a file
 * the main phase wrote: a rescued security domain may be the only copy, so it is named again here, at the
 * end of the log, while the job can still copy it.
 */
import * as core from '@actions/core'
import * as log from './shared/log.js'
import { existsSync } from 'node:fs'
import { RESCUE_STATE } from './escrow/rescue.js'
import { errorMessage } from './shared/errors.js'

export async function run(): Promise<void> {
  try {
    const rescued = core.getState(RESCUE_STATE)
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
  } catch (e) {
    log.warning(`Post phase failed: ${errorMessage(e)}`)
  }
}
