/**
 * Nothing from outside becomes a workflow command. Hostile strings (a line break or a lone CR followed by
 * `::stop-commands::`, `::warning::`, `::set-output::`, an empty `::add-mask::`, a legacy `##[…]` command,
 * and HTML/Markdown) are put where the action prints them: HSM tag values set through ARM (the provision
 * diff prints old and new), release-policy-test case names (the test lines), a claim name in the release
 * policy (the lint warning and the policy-change line), and store URLs with a lone CR. Every run's stdout
 * and stderr are replayed through the runner's rules by runAction, which fails on any injected command;
 * here each run is also checked for lost masks, raw summary markup, and (with a generated-key activation
 * while the hostile tags are on the HSM) for any fragment of the wrapping private keys or the security
 * domain in what a person can see.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, baseInputs, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import { presetPolicy } from '../../src/policy/index.js'
import { parseKeyBundle } from '../../src/escrow/key-bundle.js'
import { peek, useScenario } from './harness.js'

const PAYLOADS: Array<[string, string]> = [
  ['stop-commands after LF', '\n::stop-commands::TOKEN42'],
  ['warning after a lone CR', '\r::warning::INJECTED'],
  ['set-output after CRLF', '\r\n::set-output name=x::y'],
  ['empty add-mask', '\n::add-mask::'],
  ['legacy ##[warning] on its own line', '\n##[warning]INJECTED'],
  ['legacy ##[stop-commands] mid-line', ' ##[stop-commands]TOKEN43'],
  ['a leading command with whitespace', '\u2028 ::error::INJECTED'],
  ['HTML and Markdown', '<img src=x onerror=alert(1)> [x](https://evil.example) **b** | cell']
]

/** The commands the action legitimately emits. */
const LEGITIMATE = ['add-mask', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup']
const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1', AZURE_LOG_LEVEL: 'verbose' }
const VM_PRINCIPAL = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'
const hsm = 'inject-e2e'

const runs: Record<string, ActionRun> = {}

const authority = () => `https://sharedweu.weu.attest.azure.net`

/** Claim names refuse `[` and `]` (no array specifications), so the payloads with brackets stay out. */
const inClaim = (v: string) => !/[[\]]/.test(v)

/** The sev-snp preset plus more (restrictive) conditions on claims named by the payloads. */
function hostilePolicy(suffix: string): string {
  const p = presetPolicy('sev-snp-cvm', authority())
  const conditions = PAYLOADS.flatMap(([, v], i) =>
    inClaim(v) ? [{ claim: `x-custom-${i}${v}${suffix}`, equals: 'yes' }] : []
  )
  return JSON.stringify({
    ...p,
    anyOf: p.anyOf.map(a => ({ ...a, allOf: [...(a.allOf ?? []), ...conditions] }))
  })
}

const hostileTests = () =>
  JSON.stringify(
    PAYLOADS.map(([, v], i) => ({ name: `case-${i}${v}`, issuer: authority(), claims: {}, expect: 'deny' }))
  )

const s = useScenario({
  hsm,
  keys: 'escrow vault',
  inputs: () => ({
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM_PRINCIPAL} | /keys/KeyEncryptionKey`,
    'release-policy': hostilePolicy(''),
    'release-policy-test': hostileTests(),
    tags: PAYLOADS.map((_, i) => `t${i}=clean`).join('\n')
  })
})
beforeAll(async () => {
  // The HSM exists, then someone with write access to its tags plants the payloads.
  const created = await s.run({ ...baseInputs(s.info, hsm), steps: 'provision' })
  expect(created.code).toBe(0)
  const tags = Object.fromEntries(PAYLOADS.map(([, v], i) => [`t${i}`, `v${v}`]))
  await azureClient(s.info, 'hsm-update', s.info.resourceGroup, hsm, JSON.stringify({ tags }))
  const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm))
  expect(shown.tags).toEqual(tags)
  // Generated-key activation with the hostile tags on the HSM, and everything printed at debug level.
  runs.activate = await s.run(s.inputs(), { env: DEBUG_ENV })
  // A changed policy: the policy-change lines name the hostile claims.
  runs.policyChange = await s.run(s.inputs({ 'release-policy': hostilePolicy('-2') }), {
    env: DEBUG_ENV
  })
  // Store URLs with a lone CR: accepted or refused, the log must not carry a command.
  runs.storeUrl = await s.run({
    ...s.inputs(),
    mode: 'verify',
    'security-domain-store': `${s.urls().sdBlob()}\r::warning::INJECTED`,
    'wrapping-key-store': `${s.info.keyVaultUrl}/secrets/${hsm}-wrap\r\n::stop-commands::TOKEN44`
  })
}, 600_000)

describe('hostile text in tags, test case names, claim names and store URLs', () => {
  it('the generated-key activation and the policy change succeed', () => {
    expect([runs.activate.code, errorsOf(runs.activate)]).toEqual([0, []])
    expect([runs.policyChange.code, errorsOf(runs.policyChange)]).toEqual([0, []])
    expect(runs.activate.stdout).toMatch(/wrapping key 3\/3 escrowed/)
    expect(runs.policyChange.stdout).toMatch(/release policy: .*x-custom-0.*-2/)
  })

  it.each(['activate', 'policyChange', 'storeUrl'])(
    '%s: the runner replay sees only the commands the action emits',
    name => {
      const run = runs[name]
      const names = [...new Set(run.commands.map(c => c.command))]
      expect(names.filter(n => !LEGITIMATE.includes(n))).toEqual([])
      expect(run.commands.filter(c => c.legacy)).toEqual([])
      // No add-mask lost: every one registered a value.
      const masks = run.commands.filter(c => c.command === 'add-mask')
      expect(masks.filter(c => c.data.trim() === '')).toEqual([])
      expect(run.masks.length).toBe(masks.length)
      // No payload's command text reached a line start of the log.
      expect(run.log.filter(l => /^\s*::|##\[/.test(l))).toEqual([])
    }
  )

  it.each(PAYLOADS.map(([label, v], i) => [label, v, i] as const))(
    '%s: printed in one neutralised line wherever it appears',
    (_label, v, i) => {
      const lines = runs.activate.log
      const tag = lines.find(l => l.includes(`tag t${i}: 'v`))
      const testCase = lines.find(l => l.includes(`release-policy-test PASS case-${i}`))
      const claim = runs.policyChange.log.find(l => l.includes(`x-custom-${i}`) && l.includes('-2'))
      for (const line of inClaim(v) ? [tag, testCase, claim] : [tag, testCase]) {
        expect(line).toBeDefined()
        expect(line).not.toMatch(/[\r\n\u2028]/)
        expect(line).not.toContain('##[')
      }
      expect(tag).toMatch(/-> 'clean'$/)
      if (!inClaim(v)) return
      // The lint warning names the claim inside an annotation's data, never as a line of its own.
      const warned = runs.activate.commands.find(
        c => c.command === 'warning' && c.data.includes(`x-custom-${i}`)
      )
      expect(warned?.line).toMatch(/^::warning::/)
    }
  )

  it('the summaries hold no raw markup from the payloads', () => {
    for (const run of Object.values(runs)) {
      expect(run.summary).not.toMatch(/<(?!br>|wbr>|\/?code>)/)
      expect(run.summary).not.toMatch(/(^|[^\\])\[x\]\(/m)
      expect(run.summary).not.toMatch(/(^|[^\\])\*\*b\*\*/m)
      expect(run.summary).not.toMatch(/\r/)
    }
    expect(runs.activate.summary).toMatch(/&lt;img src=x onerror=alert\(1\)&gt;/)
  })

  it('no fragment of the wrapping private keys or the security domain is visible, and each is masked', async () => {
    const [sd, ...keys] = await Promise.all([
      peek(s.info, 'blob-get', s.urls().sdBlob()).then(value => ({ value })),
      ...[1, 2, 3].map(i => {
        const u = new URL(s.urls().keySecretN(i))
        return peek(s.info, 'secret-get', u.origin, u.pathname.split('/')[2]).then(value => ({ value }))
      })
    ])
    const sdParts = [...(sd.value ?? '').matchAll(/"(?:compact_jwe|enc_key)"\s*:\s*"([^"]+)"/g)].flatMap(m =>
      m[1].split('.').filter(s => s.length >= 16)
    )
    const keyLines = keys.flatMap(k =>
      (parseKeyBundle(k.value ?? '')?.privateKeyPem ?? '')
        .split('\n')
        .filter(l => l.length >= 16 && !l.startsWith('-----'))
    )
    expect(sdParts.length).toBeGreaterThan(3)
    expect(keyLines.length).toBeGreaterThan(3 * 20)
    const visible = runs.activate.everything
    expect(sdParts.filter(p => visible.includes(p))).toEqual([])
    expect(keyLines.filter(l => visible.includes(l))).toEqual([])
    expect(sdParts.filter(p => !runs.activate.masks.includes(p))).toEqual([])
    expect(keyLines.filter(l => !runs.activate.masks.includes(l))).toEqual([])
  })
})
