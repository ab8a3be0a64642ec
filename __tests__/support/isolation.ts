/**
 * Files run three at a time (jest.config.js maxWorkers): each must use ports and folders no other file uses
 * while it runs. The harness notes what a file takes (its emulator's port and state folder, each run's
 * folder, its copy of dist/) in a ledger (TEST_LEDGER_DIR, set by the global set-up, one JSON line each);
 * the global teardown reads it back and fails the run on a clash, as isolation.test.ts shows it would.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const LEDGER_ENV = 'TEST_LEDGER_DIR'

export interface LedgerEntry {
  /** The test file. */
  file: string
  kind: 'port' | 'state folder' | 'temporary folder'
  value: string
  /** Epoch ms the file took it. */
  from: number
  /** Epoch ms it gave it back (a port); a folder is never handed on. */
  to?: number
}

/** Appends an entry to the ledger of this run (nothing outside a run of the suite). */
export function note(entry: LedgerEntry): void {
  const dir = process.env[LEDGER_ENV]
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `${process.pid}.jsonl`), JSON.stringify(entry) + '\n')
}

export function readLedger(dir: string): LedgerEntry[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter(f => f.endsWith('.jsonl'))
    .flatMap(f => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map(l => JSON.parse(l) as LedgerEntry)
}

/**
 * What two files shared: a folder at any time (folders are made fresh, never handed on), a port while both
 * held it (the system gives a closed port out again).
 */
export function clashes(entries: LedgerEntry[]): string[] {
  const byValue = new Map<string, LedgerEntry[]>()
  for (const e of entries) {
    const key = `${e.kind} ${e.value}`
    byValue.set(key, [...(byValue.get(key) ?? []), e])
  }
  const found: string[] = []
  for (const [key, list] of byValue)
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]]
        if (a.file === b.file) continue
        const overlap = a.kind !== 'port' || (a.from < (b.to ?? Infinity) && b.from < (a.to ?? Infinity))
        if (overlap) found.push(`${key}: ${a.file} and ${b.file}`)
      }
  return found
}
