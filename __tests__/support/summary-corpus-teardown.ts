/**
 * Jest global teardown: every job summary the suite's runs produced, rendered as GitHub renders it and
 * checked for structure (check-summaries.ts, in a tsx process: Jest loads this hook without the test
 * transform's module mapping). A problem fails the run, naming the summary.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'

export default function teardown(): void {
  const dir = process.env.SUMMARY_CORPUS_DIR
  if (!dir || !existsSync(dir)) return
  const root = join(import.meta.dirname, '..', '..')
  const check = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(root, '__tests__', 'support', 'check-summaries.ts'),
      dir
    ],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }
  )
  if (check.status === 0) {
    process.stdout.write(`\n${check.stdout}`)
    if (process.env.SUMMARY_CORPUS_OWNED) rmSync(dir, { recursive: true, force: true })
    return
  }
  throw new Error(`job summaries (kept in ${dir}):\n${check.stdout}${check.stderr}`)
}
