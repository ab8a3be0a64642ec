/**
 * `tsx __tests__/support/check-summaries.ts DIR [I/N]`: renders every job summary collected in DIR (one JSON
 * file per run, scripts/local-runner.ts) and checks its structure (summary-structure.ts). With `I/N`, only the
 * I-th of N equal shares of the files (the global teardown runs one share per core: the check runs after
 * every test, so nothing else is using the machine). Prints each problem; exits 1 when there is one. Run by
 * the suite's global teardown, which Jest loads without the test transform's module mapping, hence a process
 * of its own.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CollectedSummary } from '../../scripts/local-runner.js'
import { summaryProblems } from './summary-structure.js'

const [dir, share = '0/1'] = process.argv.slice(2)
const [index, shares] = share.split('/').map(Number)
const files = readdirSync(dir)
  .filter(f => f.endsWith('.json'))
  .sort()
  .filter((_, i) => i % shares === index)
const problems = files.flatMap(f => {
  const c = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CollectedSummary
  return summaryProblems(c, `${f} (hsm-name ${c.inputs['hsm-name'] ?? '?'})`)
})
process.stdout.write(`${files.length} job summaries rendered and checked, ${problems.length} problem(s)\n`)
for (const p of problems.slice(0, 40)) process.stdout.write(`${p}\n`)
process.exitCode = problems.length > 0 ? 1 : 0
