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

/** Named by a library for something else than its timing (none since undici left the bundle). */
const LIBRARY_NAMES: Record<string, string> = {}

/** The computed look-ups, each with what it can read. */
const COMPUTED: Record<string, string> = {
  "`INPUT_${name.replace(/ /g, '_').toUpperCase()}`": 'the action inputs (src/shared/runner.ts getInput)',
  '`STATE_${name}`': 'the saved state of the main phase (src/shared/runner.ts getState)',
  variable: 'the runner file commands (src/shared/runner.ts: GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE)',
  name: 'proxy settings (core-rest-pipeline)',
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
      'SUMMARY_CORPUS_DIR',
      'ATTESTATION_TEST_ROOT_FILE'
    ])
      expect([harness, code.includes(harness)]).toEqual([harness, false])
  })

  it('trusts only the compiled-in Marvell roots for key attestation: no variable names an anchor', () => {
    // An `env:` of the workflow or an earlier step's GITHUB_ENV could set any variable the bundle reads.
    // SystemRoot: Windows' own folder, which libraries read to find system programs.
    const anchors = [...named].filter(
      n => /ANCHOR|ATTEST|TRUST|ROOT|MARVELL|CAVIUM|PEM/i.test(n) && !/^SYSTEMROOT$/i.test(n)
    )
    expect(anchors).toEqual([])
    // The pinned fingerprints are in the bundle (src/attestation/roots.ts checks each root against its own).
    for (const fingerprint of [
      '23:01:43:DF:00:E0:B4:52:74:3E:06:8A:5B:3F:C0:8D:F8:F0:6C:EF:C4:85:4E:A6:27:AE:B7:EB:D7:0E:E2:F4',
      '17:64:4D:E0:D3:3B:C7:3B:2F:4E:F4:C2:0A:11:F6:C8:CC:1F:72:3A:4C:D8:3E:E6:00:36:1C:BB:24:D8:D2:E5'
    ])
      expect([fingerprint, code.includes(fingerprint)]).toEqual([fingerprint, true])
    // The only other way in is the symbol a test preload sets, which only code inside the process can reach.
    expect(code).toContain('managed-hsm-skr.attestation.test-anchors')
  })
})
