/**
 * Prints the figures of the last run of the reliability suites (__tests__/reliability) as a markdown table,
 * for docs/reliability.md. Each suite writes what it did to
 * `<os tmpdir>/managed-hsm-skr-reliability/<suite>.json` when it ends; bad inputs are counted from the
 * table of __tests__/e2e/bad-input.test.ts.
 *
 *   npm run reliability                               (the suites, then this table into docs/reliability.md)
 *   npx tsx scripts/reliability-report.ts --details   (the table again, with every case)
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'

export const FIGURES_DIR = join(tmpdir(), 'managed-hsm-skr-reliability')

interface SuiteFigures {
  suite: string
  finishedAt?: string
  durationMs?: number
  counts: Record<string, number>
  cases: Array<{ name: string; ok: boolean; detail?: string }>
}

export function loadFigures(dir = FIGURES_DIR): Record<string, SuiteFigures> {
  if (!existsSync(dir)) return {}
  return Object.fromEntries(
    readdirSync(dir)
      .filter(f => f.endsWith('.json'))
      .map(f => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SuiteFigures)
      .map(s => [s.suite, s])
  )
}

/** The number of rows of the CASES table in the bad-input suite (prettier puts each at two spaces). */
export function badInputCases(file = '__tests__/e2e/bad-input.test.ts'): number | undefined {
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, 'utf8')
  const start = text.indexOf('const CASES')
  if (start < 0) return undefined
  const end = text.indexOf('\n]\n', start)
  return text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter(l => /^ {2}\[/.test(l)).length
}

export function report(figures: Record<string, SuiteFigures>, details = false): string {
  const c = (suite: string, key: string): number => figures[suite]?.counts[key] ?? 0
  const ran = (suite: string): boolean => suite in figures
  const of = (suite: string, passed: string, total: string): string =>
    ran(suite) ? `${c(suite, passed)} / ${c(suite, total)}` : 'not run'
  const n = (suite: string, key: string): string => (ran(suite) ? String(c(suite, key)) : 'not run')
  const bad = badInputCases()
  const auditGate = figures['supply-chain']?.cases.find(x => x.name.startsWith('npm audit'))
  const auditCell = !auditGate
    ? 'not run'
    : auditGate.ok
      ? 'gated in GitHub CI (ci.yml job audit); cannot run on the machines of .ci/run (registry answers 405)'
      : `the ci.yml gate is missing or soft: ${auditGate.detail ?? 'failed'}`
  const rows: Array<[string, string]> = [
    [
      'Faults injected (429 + Retry-After, 500, 503, reset, slow; 6 endpoints)',
      n('faults', 'faultsInjected')
    ],
    ['Faults survived (in runs that then succeeded)', n('faults', 'faultsSurvived')],
    [
      'Transient faults, host × fault, full apply succeeds unchanged',
      of('faults', 'transientCasesPassed', 'transientCases')
    ],
    [
      'Fresh applies with faults on every write, no write twice',
      of('faults', 'writeFaultRunsPassed', 'writeFaultRuns')
    ],
    [
      'Lasting faults that fail clearly (service, operation, status, request id)',
      of('faults', 'persistentCasesClear', 'persistentCases')
    ],
    [
      'Long-running operations (Failed creation/activation, failing polls)',
      of('faults', 'lroCasesPassed', 'lroCases')
    ],
    ['Crash points tried (SIGKILL at step boundaries and inside waits)', n('crash', 'crashPoints')],
    ['Crash points after which a rerun converged', n('crash', 'crashPointsConverged')],
    ['Crash points after which a rerun explained why it cannot', n('crash', 'crashPointsExplained')],
    ['Concurrent runs (same configuration)', n('concurrency', 'concurrentRuns')],
    [
      'Concurrent pairs that converged',
      ran('concurrency')
        ? `${c('concurrency', 'concurrentPairsConverged')} / ${c('concurrency', 'concurrentRuns') / 2}`
        : 'not run'
    ],
    ['Bad inputs tried (`__tests__/e2e/bad-input.test.ts`)', bad === undefined ? 'n/a' : String(bad)],
    ['Runs leak-scanned (debug + SDK verbose logging)', n('leaks', 'runsScanned')],
    ['Secrets looked for (security domain, private keys, tokens, assertions)', n('leaks', 'secretsChecked')],
    [
      'Leaks found (secrets with a fragment visible; JWT-shaped strings printed)',
      ran('leaks') ? `${c('leaks', 'leaksFound')}; ${c('leaks', 'jwtShapedStrings')}` : 'not run'
    ],
    ['npm audit --omit=dev --audit-level=high', auditCell]
  ]
  const when = Object.values(figures)
    .map(f => f.finishedAt)
    .filter((t): t is string => !!t)
    .sort()
    .pop()
  const lines = [
    '| Figure | Last run |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `Last run: ${when ?? 'never'}, ${cpus().length} cores, Node ${process.version}. Reproduce: \`npm run reliability\``
  ]
  if (details) {
    for (const s of Object.values(figures)) {
      lines.push('', `### ${s.suite} (${Math.round((s.durationMs ?? 0) / 1000)} s)`, '')
      for (const x of s.cases)
        lines.push(`- ${x.ok ? 'pass' : 'FAIL'}: ${x.name}${x.detail ? ` — ${x.detail}` : ''}`)
    }
  }
  return lines.join('\n')
}

/** The page whose reliability markers hold the table. */
export const RELIABILITY_DOC = 'docs/reliability.md'

/** Puts the table between the page's reliability markers. */
export function intoDoc(doc: string, table: string): string {
  const start = '<!-- reliability:start -->'
  const end = '<!-- reliability:end -->'
  const a = doc.indexOf(start)
  const b = doc.indexOf(end)
  if (a < 0 || b < a) throw new Error(`${RELIABILITY_DOC} has no ${start} ... ${end} markers`)
  return `${doc.slice(0, a + start.length)}\n\n${table}\n\n${doc.slice(b)}`
}

if (process.argv[1] && /reliability-report\.ts$/.test(process.argv[1])) {
  const table = report(loadFigures(), process.argv.includes('--details'))
  console.log(table)
  if (process.argv.includes('--write'))
    writeFileSync(RELIABILITY_DOC, intoDoc(readFileSync(RELIABILITY_DOC, 'utf8'), table))
}
