/**
 * Jest global teardown: every job summary the suite's runs produced, rendered as GitHub renders it and
 * checked for structure (check-summaries.ts), and the ledger of ports and folders checked for one shared by
 * two test files (check-isolation.ts); each in a tsx process (Jest loads this hook without the test
 * transform's module mapping). A problem fails the run, naming the summary or the files.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'

function check(script: string, dir: string): { ok: boolean; output: string } {
  const root = join(import.meta.dirname, '..', '..')
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, '__tests__', 'support', script), dir],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }
  )
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
}

export default function teardown(): void {
  // The emulator build of the global set-up: not needed for the checks below.
  if (process.env.EMULATOR_BUILD_OWNED)
    rmSync(process.env.EMULATOR_BUILD_OWNED, { recursive: true, force: true })
  const summaries = process.env.SUMMARY_CORPUS_DIR
  const ledger = process.env.TEST_LEDGER_DIR
  const failures: string[] = []
  if (summaries && existsSync(summaries)) {
    const r = check('check-summaries.ts', summaries)
    if (r.ok) process.stdout.write(`\n${r.output}`)
    else failures.push(`job summaries (kept in ${summaries}):\n${r.output}`)
  }
  if (ledger && existsSync(ledger)) {
    const r = check('check-isolation.ts', ledger)
    if (r.ok) process.stdout.write(r.output)
    else failures.push(`ports and folders (ledger kept in ${ledger}):\n${r.output}`)
  }
  if (failures.length > 0) throw new Error(failures.join('\n'))
  if (process.env.SUMMARY_CORPUS_OWNED && summaries) rmSync(summaries, { recursive: true, force: true })
  if (process.env.JEST_RUN_DIR) rmSync(process.env.JEST_RUN_DIR, { recursive: true, force: true })
  if (process.env.EMULATOR_BUILD_OWNED)
    rmSync(process.env.EMULATOR_BUILD_OWNED, { recursive: true, force: true })
}
