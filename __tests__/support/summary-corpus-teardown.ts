/**
 * Jest global teardown: every job summary the suite's runs produced, rendered as GitHub renders it and
 * checked for structure (check-summaries.ts), and the ledger of ports and folders checked for one shared by
 * two test files (check-isolation.ts); each in a tsx process (Jest loads this hook without the test
 * transform's module mapping). A problem fails the run, naming the summary or the files.
 */
import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

function check(script: string, ...args: string[]): Promise<{ ok: boolean; output: string }> {
  const root = join(import.meta.dirname, '..', '..')
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(root, '__tests__', 'support', script),
      ...args
    ],
    { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  return new Promise(resolve => {
    child.on('error', e => resolve({ ok: false, output: `${output}${e.message}` }))
    child.on('close', code => resolve({ ok: code === 0, output }))
  })
}

/** The summaries in one share per core, checked at once: the suite is over, the cores are free. */
async function checkSummaries(dir: string): Promise<{ ok: boolean; output: string }> {
  const shares = Math.max(1, availableParallelism())
  const runs = await Promise.all(
    Array.from({ length: shares }, (_, i) => check('check-summaries.ts', dir, `${i}/${shares}`))
  )
  return { ok: runs.every(r => r.ok), output: runs.map(r => r.output).join('') }
}

export default async function teardown(): Promise<void> {
  // The emulator build of the global set-up: not needed for the checks below.
  if (process.env.EMULATOR_BUILD_OWNED)
    rmSync(process.env.EMULATOR_BUILD_OWNED, { recursive: true, force: true })
  const summaries = process.env.SUMMARY_CORPUS_DIR
  const ledger = process.env.TEST_LEDGER_DIR
  const failures: string[] = []
  if (summaries && existsSync(summaries)) {
    const r = await checkSummaries(summaries)
    if (r.ok) process.stdout.write(`\n${r.output}`)
    else failures.push(`job summaries (kept in ${summaries}):\n${r.output}`)
  }
  if (ledger && existsSync(ledger)) {
    const r = await check('check-isolation.ts', ledger)
    if (r.ok) process.stdout.write(r.output)
    else failures.push(`ports and folders (ledger kept in ${ledger}):\n${r.output}`)
  }
  if (failures.length > 0) throw new Error(failures.join('\n'))
  if (process.env.SUMMARY_CORPUS_OWNED && summaries) rmSync(summaries, { recursive: true, force: true })
  if (process.env.JEST_RUN_DIR) rmSync(process.env.JEST_RUN_DIR, { recursive: true, force: true })
  if (process.env.EMULATOR_BUILD_OWNED)
    rmSync(process.env.EMULATOR_BUILD_OWNED, { recursive: true, force: true })
}
