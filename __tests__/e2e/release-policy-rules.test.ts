/**
 * Release-policy rules through dist/index.js against the emulator, table by table: every policy that could
 * release the key to the wrong VM, and every authority outside the cloud's Azure Attestation domain, is refused
 * naming the input (and the opt-in) before any request reaches Azure; with allow-permissive-release-policy the
 * same policies run and are named as warnings; immutable never accepts them; a custom provider is named in the
 * plan; a permissive policy found on the key in Azure is drift.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { azureClient, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import { presetPolicy } from '../../src/policy/index.js'
import { useScenario } from './harness.js'

const hsm = 'policy-rules'
const AUTH = 'https://sharedweu.weu.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const SEV = { claim: TYPE, equals: 'sevsnpvm' }
const COMPLIANT = { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
const OPT_IN = 'allow-permissive-release-policy'

const policy = (...blocks: unknown[][]) =>
  JSON.stringify({ version: '1.0.0', anyOf: blocks.map(allOf => ({ authority: AUTH, allOf })) })

/** An inline policy instead of the preset. */
const inline = (text: string, extra: Record<string, string> = {}) =>
  s.inputs({ 'release-policy-preset': '', 'release-policy': text, ...extra })

const warningsOf = (run: ActionRun) => run.stdout.split('\n').filter(l => l.startsWith('::warning'))

/** The five permissive classes: label, policy, the rule (and JSONPath) the refusal names. */
type PermissiveCase = [string, string, RegExp]
const PERMISSIVE: PermissiveCase[] = [
  [
    'no TEE claim',
    policy([{ claim: 'x-ms-attestation-type', equals: 'azurevm' }]),
    /\$\.anyOf\[0\]: .*\[no-tee\]/
  ],
  [
    'an always-true claim',
    policy([SEV, COMPLIANT, { claim: 'iss', equals: AUTH }]),
    /\$\.anyOf\[0\]\.allOf\[2\]: .*always true.*\[always-true\]/
  ],
  [
    'an extra permissive anyOf branch',
    policy([SEV, COMPLIANT], [{ claim: 'secureboot', equals: true }]),
    /\$\.anyOf\[1\]: .*\[no-tee\]/
  ],
  [
    'a debuggable VM asked for',
    policy([SEV, COMPLIANT, { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: true }]),
    /\$\.anyOf\[0\]\.allOf\[2\]: .*debugging turned on.*\[debuggable\]/
  ],
  ['no compliance claim', policy([SEV]), /\$\.anyOf\[0\]: .*debuggable VM.*\[debuggable\]/]
]

/** Refused before any request: label, inputs, the input named, what the message says. */
type RefusalCase = [string, () => Record<string, string>, string, RegExp]
const preset =
  (authority: string, extra: Record<string, string> = {}) =>
  () =>
    s.inputs({ 'attestation-authority': authority, ...extra })
const REFUSALS: RefusalCase[] = [
  ...PERMISSIVE.map(([label, text, rule]): RefusalCase => [
    `${label}, without the opt-in`,
    () => inline(text),
    'release-policy',
    new RegExp(`${rule.source}.*refused.*${OPT_IN}: true accepts it`)
  ]),
  ...PERMISSIVE.map(([label, text, rule]): RefusalCase => [
    `${label}, immutable, even with the opt-in`,
    () => inline(text, { [OPT_IN]: 'true', 'immutable-release-policy': 'true' }),
    'release-policy',
    new RegExp(
      `${rule.source}.*immutable-release-policy: true.*could never be tightened.*${OPT_IN} does not apply`
    )
  ]),
  [
    'authority over http',
    preset('http://sharedweu.weu.attest.azure.net'),
    'attestation-authority',
    /must use https/
  ],
  [
    'a foreign authority with a preset',
    preset('https://evil.example.com'),
    'attestation-authority',
    /must be an Azure Attestation provider of AzureCloud/
  ],
  [
    'a foreign authority with a preset, even with the opt-in',
    preset('https://evil.example.com', { [OPT_IN]: 'true' }),
    'attestation-authority',
    /must be an Azure Attestation provider of AzureCloud/
  ],
  [
    'credentials in the authority',
    preset('https://user:pw@sharedweu.weu.attest.azure.net'),
    'attestation-authority',
    /user name or password/
  ],
  ['an explicit :443', preset('https://sharedweu.weu.attest.azure.net:443'), 'attestation-authority', /port/],
  ['a query', preset('https://sharedweu.weu.attest.azure.net/?q'), 'attestation-authority', /query/],
  ['a fragment', preset('https://sharedweu.weu.attest.azure.net#f'), 'attestation-authority', /fragment/],
  ['a path', preset('https://sharedweu.weu.attest.azure.net/path'), 'attestation-authority', /path/],
  [
    "another cloud's attestation domain",
    preset('https://sharedugv.ugv.attest.azure.us'),
    'attestation-authority',
    /provider of AzureCloud \(https:\/\/NAME\.REGION\.attest\.azure\.net/
  ],
  [
    "the public cloud's domain in AzureUSGovernment",
    preset(AUTH, { cloud: 'AzureUSGovernment' }),
    'attestation-authority',
    /provider of AzureUSGovernment \(https:\/\/NAME\.REGION\.attest\.azure\.us/
  ],
  [
    'an inline policy naming a non-Azure authority',
    () =>
      inline(
        JSON.stringify({
          version: '1.0.0',
          anyOf: [{ authority: 'https://attest.example.com', allOf: [SEV, COMPLIANT] }]
        })
      ),
    'release-policy',
    /\$\.anyOf\[0\]\.authority: .*Azure Attestation provider of AzureCloud.*\[authority-host\]/
  ],
  [
    'an inline policy whose authority has a port',
    () =>
      inline(
        JSON.stringify({
          version: '1.0.0',
          anyOf: [{ authority: `${AUTH}:443`, allOf: [SEV, COMPLIANT] }]
        })
      ),
    'release-policy',
    /\$\.anyOf\[0\]\.authority: .*port.*\[authority-url\]/
  ]
]

const s = useScenario({ hsm, keys: 'escrow vault', inputs: { 'release-policy-preset': 'sev-snp-cvm' } })
beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
}, 180_000)

const hsmUri = () => `https://${hsm}.managedhsm.azure.net/`

describe('refused before any request', () => {
  it.each(REFUSALS)('%s: names the input and sends nothing', async (_label, overrides, input, rule) => {
    const since = (await s.emu.requests()).length
    const run = await s.run(overrides())
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    const line = message.split('\n').find(l => l.includes(`Input '${input}'`))
    expect([input, line ?? message]).toEqual([input, expect.stringMatching(rule)])
    expect(await s.emu.requests(since)).toEqual([])
  })
})

describe(`with ${OPT_IN}: true`, () => {
  it.each(PERMISSIVE.map(([label, text, rule], i) => [label, text, rule, i] as const))(
    '%s: the key is created, and the run warns and names it in the summary',
    async (_label, text, rule, i) => {
      const name = `Permissive${i}`
      const run = await s.run(inline(text, { steps: 'key', 'key-name': name, [OPT_IN]: 'true' }))
      expect([errorsOf(run), run.code]).toEqual([[], 0])
      const warning = warningsOf(run).find(l => l.includes(`accepted by ${OPT_IN}`))
      expect(warning).toMatch(rule)
      expect(run.summary).toMatch(new RegExp(`⚠️ release policy is permissive \\(accepted by ${OPT_IN}\\)`))
      const key = JSON.parse(await azureClient(s.info, 'key-show', hsmUri(), name))
      expect(key.releasePolicy.immutable).toBe(false)
    }
  )

  it('changes nothing for a policy that follows the rules', async () => {
    const run = await s.run(s.inputs({ [OPT_IN]: 'true' }))
    expect([errorsOf(run), run.code]).toEqual([[], 0])
    expect(run.stdout).toMatch(/key: nothing to change/)
    expect(run.stdout).not.toMatch(/permissive/)
  })
})

describe('attestation authorities', () => {
  it("the region's default provider (looked up in Azure) passes the rule and is not called custom", async () => {
    const run = await s.run({ ...s.inputs(), mode: 'plan', steps: 'key' })
    expect([errorsOf(run), run.code]).toEqual([[], 0])
    expect(run.stdout).toMatch(
      /attestation authority https:\/\/sharedweu\.weu\.attest\.azure\.net \(the region's default provider\)/
    )
    expect(run.stdout).not.toMatch(/custom provider/)
  })

  it('a custom provider of the cloud is accepted and named in the plan', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({
      ...s.inputs({
        'attestation-authority': 'https://MyProvider.weu.attest.azure.net',
        'key-name': 'CustomKek'
      }),
      mode: 'plan',
      steps: 'key'
    })
    expect([errorsOf(run), run.code]).toEqual([[], 0])
    expect(run.stdout).toMatch(/would create exportable RSA-HSM key 'CustomKek'/)
    expect(run.stdout).toMatch(/attestation authority: custom provider myprovider\.weu\.attest\.azure\.net/)
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })
})

describe('a permissive policy on the key in Azure', () => {
  it('is drift in verify, and the report says why', async () => {
    const leaky = {
      version: '1.0.0',
      anyOf: [
        ...presetPolicy('sev-snp-cvm', AUTH).anyOf,
        { authority: AUTH, allOf: [{ claim: 'x-ms-attestation-type', equals: 'azurevm' }] }
      ]
    }
    await azureClient(s.info, 'key-policy', hsmUri(), 'KeyEncryptionKey', JSON.stringify(leaky))
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...s.inputs(), mode: 'verify', steps: 'key' })
    expect(run.code).toBe(1)
    const drift = JSON.parse(run.outputs.drift) as {
      checks: Array<{ id: string; status: string; actual?: string[] }>
    }
    const check = drift.checks.find(c => c.id === 'key.properties')
    expect(check?.status).toBe('drift')
    expect(check?.actual?.join('\n')).toMatch(
      /in Azure, could release the key to the wrong VM \(\[no-tee\] at \$\.anyOf\[1\]\)/
    )
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })
})
