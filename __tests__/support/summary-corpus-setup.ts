/**
 * Jest global set-up: every run of the suite keeps its job summary (scripts/local-runner.ts collects into
 * SUMMARY_CORPUS_DIR), so the global teardown can render and check all of them, not only summary-render's.
 * A directory named from outside is used as it is and left in place.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const OWNED_ENV = 'SUMMARY_CORPUS_OWNED'

export default function setup(): void {
  if (process.env.SUMMARY_CORPUS_DIR) return
  process.env.SUMMARY_CORPUS_DIR = mkdtempSync(join(tmpdir(), 'summary-corpus-'))
  process.env[OWNED_ENV] = '1'
}
