/**
 * `tsx __tests__/support/check-isolation.ts DIR`: reads the ledger the test files wrote in DIR (isolation.ts)
 * and exits 1, naming them, when two files shared a port or a folder. Run by the suite's global teardown.
 */
import { clashes, readLedger } from './isolation.js'

const entries = readLedger(process.argv[2])
const found = clashes(entries)
const files = new Set(entries.map(e => e.file)).size
process.stdout.write(
  `${entries.length} ports and folders of ${files} test files checked, ${found.length} shared by two files\n`
)
for (const c of found.slice(0, 40)) process.stdout.write(`${c}\n`)
process.exitCode = found.length > 0 ? 1 : 0
