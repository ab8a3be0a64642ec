/**
 * dist/index.js waits as Azure asks and as it is written, whatever the environment: no variable makes it
 * wait less (a workflow's `env:`, or an earlier step writing GITHUB_ENV, could set one). The tests that need
 * a faster clock give it from outside, through a `node --import` preload (scripts/preload.ts). This reads
 * every chunk of dist/ for the environment variables it names and the computed names it looks up.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const chunks = readdirSync('dist').filter(f => f.endsWith('.js'))
const code = chunks.map(f => readFileSync(join('dist', f), 'utf8')).join('\n')

/** Names read as process.env.NAME or process.env['NAME']. */
const named = new Set(
  [...code.matchAll(/process\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])/g)].map(
    m => m[1] ?? m[2]
  )
)
/** Names computed at run time: process.env[expression]. */
const computed = new Set(
  [...code.matchAll(/process\.env\[\s*([^'"\s][^\]]*)\]/g)].map(m => m[1].replace(/\s*\n\s*/g, '').trim())
)

/** What a name that changes waits or timing would contain. */
const TIMING =
  /SCALE|SLEEP|DELAY|WAIT|POLL|RETR|BACKOFF|TIMEOUT|INTERVAL|CLOCK|SPEED|FAST|INSTANT|TEST|BENCH|JEST/i

/** Named by a library for something else than its timing. */
const LIBRARY_NAMES: Record<string, string> = {
  JEST_WORKER_ID: 'undici: loads its HTTP parser differently under Jest'
}

/** The computed look-ups, each with what it can read. */
const COMPUTED: Record<string, string> = {
  "`INPUT_${name.replace(/ /g, '_').toUpperCase()}`": 'the action inputs (src/runner-env.ts getInput)',
  '`STATE_${name}`': 'the saved state of the main phase (src/runner-env.ts getState)',
  '`GITHUB_${command}`': '@actions/core: the runner file commands (GITHUB_OUTPUT, GITHUB_STATE…)',
  SUMMARY_ENV_VAR: '@actions/core: GITHUB_STEP_SUMMARY',
  name: 'proxy settings (core-rest-pipeline, @actions/http-client) and @actions/core getInput',
  'name.toLowerCase()': 'proxy settings in lower case (core-rest-pipeline)',
  key: '@azure/identity: its environment credential names',
  envVariable: '@azure/identity: AZURE_TOKEN_CREDENTIALS and the like',
  envVar: '@azure/identity: AZURE_* sign-in settings',
  REGION_ENVIRONMENT_VARIABLE: 'MSAL: the Azure region for regional token endpoints',
  MSAL_FORCE_REGION: 'MSAL: a forced Azure region',
  ...Object.fromEntries(
    [
      'IDENTITY_ENDPOINT',
      'IDENTITY_HEADER',
      'IDENTITY_SERVER_THUMBPRINT',
      'MSI_ENDPOINT',
      'MSI_SECRET',
      'IMDS_ENDPOINT',
      'AZURE_POD_IDENTITY_AUTHORITY_HOST',
      'DEFAULT_IDENTITY_CLIENT_ID'
    ].map(n => [`ManagedIdentityEnvironmentVariableNames.${n}`, 'MSAL: managed identity endpoints and ids'])
  )
}

describe('dist/ and the environment', () => {
  it('names no variable that could change how long it waits', () => {
    expect(named.size).toBeGreaterThan(10)
    const timing = [...named].filter(n => TIMING.test(n) && !(n in LIBRARY_NAMES))
    expect(timing).toEqual([])
  })

  it('looks up no computed name but the known ones', () => {
    expect(computed.size).toBeGreaterThan(2)
    expect([...computed].filter(c => !(c in COMPUTED))).toEqual([])
  })

  it('reads no variable of the test harness or the benchmark', () => {
    for (const harness of [
      'BENCH_TIME_SCALE',
      'BENCH_RSS_FILE',
      'ACTION_ENTRY',
      'ACTION_V8_COVERAGE',
      'EMULATOR_STATE_TEMPLATE',
      'TEST_LEDGER_DIR',
      'SUMMARY_CORPUS_DIR'
    ])
      expect([harness, code.includes(harness)]).toEqual([harness, false])
  })
})
