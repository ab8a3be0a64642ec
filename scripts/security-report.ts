/**
 * Runs the security suites (one per attack class of SECURITY.md) and writes their figures into
 * docs/security.md, between the `security:start` / `security:end` markers, and their first line into
 * docs/reliability.md (`security-line` markers):
 *
 *   npm run security                       (runs the suites, then rewrites both)
 *   npx tsx scripts/security-report.ts     (the table from the last run's results, printed)
 *
 * "Commands injected" and "secrets unmasked" are not counted by hand: every run of the action in these
 * suites goes through scripts/local-runner.ts runAction, which replays its output through the runner's
 * command rules and throws on an injected command, a lost mask or anything shaped like a secret. A suite
 * that passed therefore saw none; a failed case is shown as failed and the figure as "not established".
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The classes in SECURITY.md's order, each with the suites that prove it. */
export const CLASSES: Array<{ name: string; suites: string[] }> = [
  {
    name: 'Workflow commands from outside text',
    suites: ['__tests__/e2e/security-injection.test.ts', '__tests__/log.test.ts', '__tests__/summary.test.ts']
  },
  {
    name: "Azure's answers as hostile text, tokens off Azure",
    suites: ['__tests__/e2e/untrusted-answers.test.ts', '__tests__/origin.test.ts']
  },
  { name: 'Split custody and store URLs', suites: ['__tests__/e2e/custody.test.ts'] },
  {
    name: 'Release policies and attestation authorities',
    suites: ['__tests__/e2e/release-policy-rules.test.ts', '__tests__/policy/permissive.test.ts']
  },
  {
    name: 'Security domain rescue',
    suites: ['__tests__/e2e/rescue.test.ts', '__tests__/escrow-rescue.test.ts']
  },
  { name: 'A planted security domain', suites: ['__tests__/e2e/escrow-identity.test.ts'] },
  {
    name: 'Bounded, typed file inputs',
    suites: ['__tests__/e2e/bad-files.test.ts', '__tests__/input-file.test.ts']
  },
  {
    name: 'Secrets in logs (debug and SDK logging on)',
    suites: ['__tests__/reliability/leaks.test.ts']
  },
  {
    name: 'Destruction authorised by a tag',
    suites: ['__tests__/e2e/teardown-trust.test.ts', '__tests__/teardown-expiry.test.ts']
  },
  {
    name: 'Script injection in examples, supply chain',
    suites: ['__tests__/e2e/workflows.test.ts', '__tests__/reliability/supply-chain.test.ts']
  }
]

const RESULTS = join(tmpdir(), 'managed-hsm-skr-security.json')

interface JestResults {
  startTime: number
  testResults: Array<{
    name: string
    assertionResults: Array<{ title: string; fullName: string; status: string }>
  }>
}

function runSuites(): void {
  const suites = CLASSES.flatMap(c => c.suites)
  try {
    execFileSync(
      process.execPath,
      [
        '--experimental-vm-modules',
        'node_modules/jest/bin/jest.js',
        '--json',
        `--outputFile=${RESULTS}`,
        '--runTestsByPath',
        ...suites
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_NO_WARNINGS: '1' } }
    )
  } catch {
    // A failing suite still writes its results; the table shows it.
  }
}

export function table(results: JestResults): string {
  const byFile = new Map(
    results.testResults.map(r => [r.name.slice(r.name.indexOf('__tests__/')), r.assertionResults])
  )
  const rows: string[] = ['| Attack class | Cases tried | Passed | Suites |', '| --- | --- | --- | --- |']
  let tried = 0
  let failed = 0
  let custodyRefusals = 0
  for (const c of CLASSES) {
    const cases = c.suites.flatMap(s => byFile.get(s) ?? [])
    const passed = cases.filter(a => a.status === 'passed').length
    tried += cases.length
    failed += cases.length - passed
    if (c.suites.includes('__tests__/e2e/custody.test.ts'))
      custodyRefusals = cases.filter(
        a => a.status === 'passed' && /refuse|names the input/i.test(a.fullName)
      ).length
    const missing = c.suites.filter(s => !byFile.has(s))
    rows.push(
      `| ${c.name} | ${cases.length} | ${passed} | ${c.suites.map(s => `\`${s.replace('__tests__/', '')}\``).join(', ')}${missing.length ? ` (not run: ${missing.length})` : ''} |`
    )
  }
  const clean = failed === 0 ? '0' : 'not established (a case failed)'
  const when = new Date(results.startTime).toISOString().slice(0, 10)
  return [
    `Last run ${when}: ${CLASSES.length} attack classes, ${tried} cases tried, ${tried - failed} passed; ` +
      `commands injected: ${clean}; secrets unmasked: ${clean}; custody refusals proven: ${custodyRefusals}.`,
    '',
    ...rows
  ].join('\n')
}

/** Where the figures go: the table in the security model, its first line (the totals) beside reliability's. */
export const SECURITY_TARGETS = {
  security: 'docs/security.md',
  'security-line': 'docs/reliability.md'
} as const

/** Replaces what stands between `<!-- NAME:start -->` and `<!-- NAME:end -->` of `file`'s text. */
export function between(doc: string, name: string, text: string, file: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const a = doc.indexOf(start)
  const b = doc.indexOf(end)
  if (a < 0 || b < a) throw new Error(`${file} has no ${name}:start / ${name}:end markers`)
  return `${doc.slice(0, a + start.length)}\n${text}\n${doc.slice(b)}`
}

/** The texts for each marker, from the table `table()` made. */
export function securityBlocks(text: string): Record<keyof typeof SECURITY_TARGETS, string> {
  return { security: text, 'security-line': `Security suites (\`npm run security\`): ${text.split('\n')[0]}` }
}

function writeDocs(text: string): void {
  for (const [name, block] of Object.entries(securityBlocks(text))) {
    const file = SECURITY_TARGETS[name as keyof typeof SECURITY_TARGETS]
    writeFileSync(file, between(readFileSync(file, 'utf8'), name, block, file))
  }
}

if (process.argv[1]?.endsWith('security-report.ts')) {
  if (process.argv.includes('--run')) runSuites()
  if (!existsSync(RESULTS)) {
    console.error(`no results at ${RESULTS}: run with --run first`)
    process.exit(1)
  }
  const text = table(JSON.parse(readFileSync(RESULTS, 'utf8')) as JestResults)
  if (process.argv.includes('--write')) writeDocs(text)
  console.log(text)
}
