/**
 * Hostile files, table-driven: every input that names a file (wrapping-certificates, release-policy,
 * release-policy-test, and wrapping-private-key-files / security-domain-file in the modes that read them) is given
 * a device, a named pipe, a directory, a file over its cap; the JSON inputs also a 2,000-deep document, a
 * private key and key names carrying a marker. Each run of dist/index.js must end quickly with a message naming
 * the input, send nothing to Azure (the emulator's log), and print nothing of the file's content.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { FILE_CAPS } from '../../src/config/input-file.js'
import { presetPolicy, SAMPLE_AUTHORITY } from '../../src/policy/index.js'
import { useScenario } from './harness.js'

const dir = mkdtempSync(join(tmpdir(), 'bad-files-'))
const file = (name: string): string => join(dir, name)
const MARKER = 'MARKER7f3a'
const privateKeyPem = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' }
}).privateKey
/** 24-character slices of the key's base64 body: none may appear anywhere in what a run printed or wrote. */
const keyFragments = privateKeyPem
  .split('\n')
  .filter(l => l && !l.startsWith('-----'))
  .join('')
  .match(/.{24}/g) as string[]
const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

const s = useScenario({})
beforeAll(async () => {
  execFileSync('mkfifo', [file('pipe')])
  mkdirSync(file('a-directory'))
  const policy = JSON.stringify(presetPolicy('sev-snp-cvm', SAMPLE_AUTHORITY))
  writeFileSync(file('policy-huge.json'), policy.replace('{', `{${' '.repeat(FILE_CAPS.policy)}`))
  writeFileSync(file('test-huge.json'), `[${' '.repeat(FILE_CAPS.policy)}]`)
  writeFileSync(file('cert-huge.pem'), 'A'.repeat(FILE_CAPS.certificate + 1))
  writeFileSync(file('key-huge.pem'), 'A'.repeat(FILE_CAPS.privateKey + 1))
  writeFileSync(file('sd-huge.json'), `{"x":"${'A'.repeat(FILE_CAPS.securityDomain)}"}`)
  writeFileSync(file('deep.json'), deep(2_000))
  writeFileSync(file('private-key.pem'), privateKeyPem)
  writeFileSync(file('policy-marker.json'), policy.replace('{', `{"${MARKER}":"${MARKER}",`))
  writeFileSync(
    file('test-marker.json'),
    JSON.stringify([{ name: 'c', claims: { iss: SAMPLE_AUTHORITY }, expect: 'deny', [MARKER]: MARKER }])
  )
  writeFileSync(
    file('test-duplicate.json'),
    `[{"name":"c","expect":"deny","claims":{"iss":"x","${MARKER}":1,"${MARKER}":2}}]`
  )
}, 60_000)
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const blob = 'https://acct.blob.core.windows.net/escrow/sd.json'
const keys = 'https://acct.blob.core.windows.net/escrow/wrap.pem'
const activate = {
  'security-domain-store': blob,
  'wrapping-key-store': keys,
  'release-policy-preset': 'sev-snp-cvm',
  'attestation-authority': 'https://sharedweu.weu.attest.azure.net'
}
const noPreset = { 'release-policy-preset': '', 'attestation-authority': '' }

/** Each file input, in each mode that reads it, with the other inputs that mode needs. */
const FILE_INPUTS: Array<[string, string, Record<string, string>, number]> = [
  ['wrapping-certificates', 'apply', { ...activate, 'wrapping-key-store': '' }, FILE_CAPS.certificate],
  ['release-policy', 'apply', { ...activate, ...noPreset }, FILE_CAPS.policy],
  ['release-policy-test', 'apply', activate, FILE_CAPS.policy],
  ['wrapping-private-key-files', 'verify-security-domain', {}, FILE_CAPS.privateKey],
  ['wrapping-private-key-files', 'recover', { 'security-domain-store': blob }, FILE_CAPS.privateKey],
  ['security-domain-file', 'verify-security-domain', {}, FILE_CAPS.securityDomain],
  ['security-domain-file', 'recover', { 'wrapping-key-store': keys }, FILE_CAPS.securityDomain]
]
const HUGE: Record<string, string> = {
  'wrapping-certificates': 'cert-huge.pem',
  'release-policy': 'policy-huge.json',
  'release-policy-test': 'test-huge.json',
  'wrapping-private-key-files': 'key-huge.pem',
  'security-domain-file': 'sd-huge.json'
}
const sizeText = (cap: number): string =>
  cap >= 1024 * 1024 ? `${cap / 1024 / 1024} MiB` : `${cap / 1024} KiB`

/** [label, input, inputs for the run, what the message about that input must say]. */
type Case = [string, string, Record<string, string>, RegExp]
const CASES: Case[] = FILE_INPUTS.flatMap(([input, mode, rest, cap]): Case[] => {
  const run = (value: string): Record<string, string> => ({ mode, ...rest, [input]: value })
  const where = `${input} (${mode})`
  return [
    [`${where}: /dev/zero`, input, run('/dev/zero'), /'\/dev\/zero' is a character device/],
    [`${where}: /dev/null`, input, run('/dev/null'), /'\/dev\/null' is a character device/],
    [`${where}: a named pipe`, input, run(file('pipe')), /pipe' is a named pipe/],
    [`${where}: a directory`, input, run(file('a-directory')), /a-directory' is a directory/],
    [
      `${where}: a file over ${sizeText(cap)}`,
      input,
      run(file(HUGE[input])),
      new RegExp(`is larger than ${sizeText(cap)}, the most this input reads`)
    ],
    [`${where}: a missing file`, input, run(file('missing')), /missing' cannot be read \(no such file/]
  ]
})
for (const input of ['release-policy', 'release-policy-test']) {
  const rest = input === 'release-policy' ? { ...activate, ...noPreset } : activate
  const run = (value: string): Record<string, string> => ({ ...rest, [input]: value })
  CASES.push(
    [
      `${input}: a 2,000-deep file`,
      input,
      run(file('deep.json')),
      /nesting deeper than 32 levels .*json-depth/
    ],
    [`${input}: 2,000-deep inline`, input, run(deep(2_000)), /nesting deeper than 32 levels .*json-depth/],
    [`${input}: a private key file`, input, run(file('private-key.pem')), /\$: malformed number \(line 1/]
  )
}
CASES.push(
  [
    'release-policy: an unknown key',
    'release-policy',
    { ...activate, ...noPreset, 'release-policy': file('policy-marker.json') },
    /\$\.<unknown key>: unknown key at line 1, column 2: a policy has only "version" and "anyOf"/
  ],
  [
    'release-policy-test: an unknown key',
    'release-policy-test',
    { ...activate, 'release-policy-test': file('test-marker.json') },
    /\$\[0\]\.<unknown key>: unknown key at line 1, column \d+ .*a case has name, issuer, claims and expect/
  ],
  [
    'release-policy-test: a duplicate key',
    'release-policy-test',
    { ...activate, 'release-policy-test': file('test-duplicate.json') },
    /\$\[0\]\.claims\.<unknown key>: the key at line 1, column \d+ appears earlier/
  ],
  [
    'wrapping-certificates: a private key file',
    'wrapping-certificates',
    { ...activate, 'wrapping-key-store': '', 'wrapping-certificates': file('private-key.pem') },
    /holds a private key; give the certificate only/
  ],
  ['audience: too long', 'audience', { audience: 'a'.repeat(257) }, /at most 256 characters/],
  ['audience: a space', 'audience', { audience: 'api://my app' }, /printable ASCII without spaces/],
  [
    'audience: a control character',
    'audience',
    { audience: `api://x\u0007${MARKER}` },
    /printable ASCII without spaces or control characters/
  ]
)

describe('bad files', () => {
  it(`covers every file input in every mode that reads it (${CASES.length} cases)`, () => {
    const covered = new Set(CASES.map(([, input, inputs]) => `${input}/${inputs.mode ?? 'apply'}`))
    for (const [input, mode] of FILE_INPUTS) expect([...covered]).toContain(`${input}/${mode}`)
    expect(CASES.length).toBeGreaterThanOrEqual(50)
  })

  it.each(CASES)(
    '%s: ends at once naming the input, sends nothing, echoes nothing',
    async (_label, input, overrides, rule) => {
      const since = (await s.emu.requests()).length
      const run = await s.run({ ...baseInputs(s.info, 'bad-files-hsm'), ...overrides })
      expect(run.code).toBe(1)
      expect(run.durationMs).toBeLessThan(15_000)
      const message = errorsOf(run).join('\n')
      const line = message.split('\n').find(l => l.includes(`Input '${input}'`))
      expect([input, line ?? message]).toEqual([input, expect.stringMatching(rule)])
      expect(await s.emu.requests(since)).toEqual([])
      expect(run.everything).not.toContain(MARKER)
      for (const fragment of keyFragments) expect(run.everything).not.toContain(fragment)
    },
    30_000
  )
})
