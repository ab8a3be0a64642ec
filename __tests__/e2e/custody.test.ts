/**
 * Split custody and store URLs, end to end through dist/index.js. Table-driven: each case must fail with
 * the input named (and the opt-in, where one exists) before any request reaches Azure, asserted from the
 * emulator's request log. Then the opt-in: escrow-same-store: accept activates an HSM whose security
 * domain and wrapping keys share one Key Vault, and plan, apply, verify and their summaries say
 * "single store custody".
 */
import { describe, expect, it } from '@jest/globals'
import { baseInputs, errorsOf } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import { peek, useScenario } from './harness.js'

const s = useScenario({})

const hsm = 'custody-hsm'
const kv = () => s.info.keyVaultUrl
const account = () => `${s.info.storageAccountUrl}/${s.info.storageContainer}`
/** A valid split layout (security domain in Blob storage, wrapping keys in their own vault); each case breaks one thing. */
const split = (): Record<string, string> => ({
  ...baseInputs(s.info, hsm),
  steps: 'provision,activate',
  'security-domain-store': `${account()}/${hsm}/sd.json`,
  'wrapping-key-store': `${s.keysVault}/secrets/${hsm}-wrap`
})

const OPT_IN = /set escrow-same-store: accept to take single store custody/
const FORMS =
  /give https:\/\/VAULT\.vault\.azure\.net\/secrets\/NAME or https:\/\/ACCOUNT\.blob\.core\.windows\.net\/CONTAINER\/PATH, with no port/

interface Case {
  label: string
  inputs: () => Record<string, string>
  input: string
  rule: RegExp
  /** Also required in the line: the opt-in or the allowed forms. */
  also?: RegExp
  /** Must not appear anywhere in the run's output (a credential in the URL). */
  never?: string
}

const CASES: Case[] = [
  {
    label: 'wrapping keys in the same Key Vault, other secret names',
    inputs: () => ({
      'security-domain-store': `${kv()}/secrets/${hsm}-sd`,
      'wrapping-key-store': `${kv()}/secrets/${hsm}-wrap`
    }),
    input: 'wrapping-key-store',
    rule: /is in the same Key Vault kv-skr-escrow\.vault\.azure\.net as security-domain-store/,
    also: OPT_IN
  },
  {
    label: 'wrapping keys in the same storage account, another container',
    inputs: () => ({ 'wrapping-key-store': `${s.info.storageAccountUrl}/keys/${hsm}/wrap.pem` }),
    input: 'wrapping-key-store',
    rule: /is in the same storage account skrescrow\.blob\.core\.windows\.net as security-domain-store/,
    also: OPT_IN
  },
  {
    label: 'wrapping keys in the same storage account and container, another blob',
    inputs: () => ({ 'wrapping-key-store': `${account()}/${hsm}/wrap.pem` }),
    input: 'wrapping-key-store',
    rule: /same storage account skrescrow/,
    also: OPT_IN
  },
  {
    label: 'the same Key Vault with the host in upper case',
    inputs: () => ({
      'security-domain-store': `${kv()}/secrets/${hsm}-sd`,
      'wrapping-key-store': `https://KV-SKR-Escrow.vault.azure.net/secrets/${hsm}-wrap`
    }),
    input: 'wrapping-key-store',
    rule: /same Key Vault kv-skr-escrow\.vault\.azure\.net/,
    also: OPT_IN
  },
  {
    label: 'the vault of one of two security-domain stores',
    inputs: () => ({
      'security-domain-store': `${account()}/${hsm}/sd.json\n${s.keysVault}/secrets/${hsm}-sd`
    }),
    input: 'wrapping-key-store',
    rule: /same Key Vault kv-skr-keys\.vault\.azure\.net/,
    also: OPT_IN
  },
  {
    label: 'one object for both, even with accept',
    inputs: () => ({
      'security-domain-store': `${kv()}/secrets/${hsm}-sd`,
      'wrapping-key-store': `${kv()}/secrets/${hsm}-SD`,
      'escrow-same-store': 'accept'
    }),
    input: 'wrapping-key-store',
    rule: /is also a security-domain-store target; one object cannot hold both/
  },
  {
    label: 'a TAB inside the URL (the URL parser would drop it)',
    inputs: () => ({ 'wrapping-key-store': `${kv()}/secrets/${hsm}-w\trap` }),
    input: 'wrapping-key-store',
    rule: /-w\\trap' contains a control character/,
    also: FORMS
  },
  {
    label: 'a TAB making the security domain URL look different from the same one',
    inputs: () => ({
      'security-domain-store': `${kv()}/secrets/${hsm}-sd`,
      'wrapping-key-store': `${kv()}/secrets/${hsm}-s\td`
    }),
    input: 'wrapping-key-store',
    rule: /-s\\td' contains a control character/,
    also: FORMS
  },
  {
    label: 'a CR inside the URL',
    inputs: () => ({ 'security-domain-store': `${account()}/${hsm}/sd.json\r::warning::x` }),
    input: 'security-domain-store',
    rule: /sd\.json\\r::warning::x' contains a control character/,
    also: FORMS
  },
  {
    label: 'a CR LF inside the URL (a line break splits the list)',
    inputs: () => ({ 'wrapping-key-store': `${s.keysVault}/sec\r\nrets/${hsm}-wrap` }),
    input: 'wrapping-key-store',
    rule: /'https:\/\/kv-skr-keys\.vault\.azure\.net\/sec' must look like https:\/\/VAULT\.vault\.azure\.net\/secrets\/NAME/
  },
  {
    label: 'a space inside the URL',
    inputs: () => ({ 'security-domain-store': `${account()}/${hsm}/security domain.json` }),
    input: 'security-domain-store',
    rule: /contains whitespace/,
    also: FORMS
  },
  {
    label: 'an explicit :443 port (the URL parser would drop it)',
    inputs: () => ({ 'security-domain-store': `${s.info.storageAccountUrl}:443/escrow/${hsm}/sd.json` }),
    input: 'security-domain-store',
    rule: /names a port; the action always uses the service's own \(443\)/,
    also: FORMS
  },
  {
    label: 'another port',
    inputs: () => ({ 'wrapping-key-store': `${s.keysVault}:8443/secrets/${hsm}-wrap` }),
    input: 'wrapping-key-store',
    rule: /names a port/,
    also: FORMS
  },
  {
    label: 'a user name and password',
    inputs: () => ({
      'wrapping-key-store': `https://admin:Pa55w0rdXyz@kv-skr-keys.vault.azure.net/secrets/w`
    }),
    input: 'wrapping-key-store',
    rule: /'https:\/\/\*\*\*@kv-skr-keys\.vault\.azure\.net\/secrets\/w' has a user name or password/,
    also: FORMS,
    never: 'Pa55w0rdXyz'
  },
  {
    label: 'a fragment',
    inputs: () => ({ 'security-domain-store': `${account()}/${hsm}/sd.json#v2` }),
    input: 'security-domain-store',
    rule: /sd\.json#\*\*\*' must not carry a fragment/,
    also: FORMS
  },
  {
    label: 'a query (a SAS token)',
    inputs: () => ({
      'security-domain-store': `${account()}/${hsm}/sd.json?sv=2024-11-04&sig=U0FTc2lnbmF0dXJl`
    }),
    input: 'security-domain-store',
    rule: /sd\.json\?\*\*\*' must not carry a query \(a SAS token would leak into logs/,
    also: FORMS,
    never: 'U0FTc2lnbmF0dXJl'
  },
  {
    label: 'an empty query',
    inputs: () => ({ 'wrapping-key-store': `${s.keysVault}/secrets/${hsm}-wrap?` }),
    input: 'wrapping-key-store',
    rule: /must not carry a query/
  },
  {
    label: 'a dot segment (the URL parser would resolve it to another blob)',
    inputs: () => ({ 'security-domain-store': `${account()}/other/../${hsm}/sd.json` }),
    input: 'security-domain-store',
    rule: /'\.\.' path segment/
  },
  {
    label: 'key-backup-store with a port',
    inputs: () => ({ 'key-backup-store': `${s.info.storageAccountUrl}:443/escrow/${hsm}/kek.bin` }),
    input: 'key-backup-store',
    rule: /names a port/
  },
  {
    label: 'an unknown escrow-same-store',
    inputs: () => ({ 'escrow-same-store': 'allow' }),
    input: 'escrow-same-store',
    rule: /must be one of refuse, accept \(got 'allow'\)/
  }
]

describe('split custody and store URLs (bad input)', () => {
  it.each(CASES.map(c => [c.label, c] as const))('%s: names the input and sends nothing', async (_l, c) => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...split(), ...c.inputs() })
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    const line = message.split('\n').find(l => l.includes(`Input '${c.input}'`)) ?? message
    expect([c.input, line]).toEqual([c.input, expect.stringMatching(c.rule)])
    if (c.also) expect(line).toMatch(c.also)
    // No raw control character reaches the error: the runner would end the line there.
    expect(errorsOf(run).some(e => /[\r\t]/.test(e))).toBe(false)
    if (c.never) expect(run.everything).not.toContain(c.never)
    expect(await s.emu.requests(since)).toEqual([])
  })
})

describe('escrow-same-store: accept', () => {
  const single = (): Record<string, string> => ({
    ...baseInputs(s.info, 'custody-single'),
    steps: 'provision,activate',
    'security-domain-store': `${kv()}/secrets/custody-single-sd`,
    'wrapping-key-store': `${kv()}/secrets/custody-single-wrap`,
    'wrapping-key-size': '2048',
    'escrow-same-store': 'accept'
  })
  const SAID =
    /single store custody \(escrow-same-store: accept\): the security domain and wrapping private keys are escrowed in the same Key Vault kv-skr-escrow\.vault\.azure\.net; anyone who can read it can recover the HSM/

  const custodyCheck = (report: DriftReport) => report.checks.find(c => c.id === 'activate.escrow.custody')

  it('a run that does not touch the escrow (steps: provision) says nothing about it', async () => {
    const run = await s.run({ ...single(), steps: 'provision' })
    expect(errorsOf(run)).toEqual([])
    expect(run.everything).not.toMatch(/single store custody/)
  }, 60_000)

  it('plan says single store custody in its log, the planned activation, its drift report and its summary', async () => {
    const run = await s.run({ ...single(), mode: 'plan' })
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(new RegExp(`::warning::${SAID.source}`))
    // The planned activation says where both go.
    expect(run.stdout).toMatch(new RegExp(`  - ${SAID.source}`))
    expect(custodyCheck(JSON.parse(run.outputs.drift) as DriftReport)).toEqual({
      id: 'activate.escrow.custody',
      step: 'activate',
      status: 'ok',
      actual: expect.stringMatching(SAID),
      hint: expect.stringMatching(/^split custody: escrow the wrapping keys to another Key Vault/)
    })
    expect(run.summary).toMatch(new RegExp(`> \\[!WARNING\\]\\n> ${SAID.source}`))
  }, 60_000)

  it('apply activates the HSM with both in one vault, and says so', async () => {
    const run = await s.run(single())
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`::warning::${SAID.source}`))
    expect(run.summary).toMatch(SAID)
    const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, 'custody-single'))
    expect(shown.properties.securityDomainProperties.activationStatus).toBe('Active')
    // Both really are in the one vault.
    expect(await peek(s.info, 'secret-get', kv(), 'custody-single-sd')).toContain('EncData')
    expect(await peek(s.info, 'secret-get', kv(), 'custody-single-wrap-1')).toContain('PRIVATE KEY')
  }, 120_000)

  it('verify reports it as an accepted fact, not drift: converged, and single store custody in report and summary', async () => {
    const run = await s.run({ ...single(), mode: 'verify' })
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report.status).toBe('converged')
    expect(custodyCheck(report)?.actual).toMatch(SAID)
    expect(report.checks.find(c => c.id === 'activate.escrow.recoverable')?.status).toBe('ok')
    expect(run.stdout).toMatch(new RegExp(`::warning::${SAID.source}`))
    expect(run.summary).toMatch(SAID)
  }, 60_000)

  it('the same inputs without the opt-in are refused before any request', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...single(), 'escrow-same-store': '' })
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /Input 'wrapping-key-store': .*same Key Vault.*escrow-same-store: accept/
    )
    expect(await s.emu.requests(since)).toEqual([])
  })

  it('a split layout says nothing about custody', async () => {
    const run = await s.run({ ...split(), 'wrapping-key-size': '2048', mode: 'plan' })
    expect(errorsOf(run)).toEqual([])
    expect(run.everything).not.toMatch(/single store custody/)
    expect(custodyCheck(JSON.parse(run.outputs.drift) as DriftReport)).toBeUndefined()
  }, 60_000)
})
