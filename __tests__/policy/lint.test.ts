import { describe, expect, it } from '@jest/globals'
import { lintPolicy, type Finding } from '../../src/policy/index.js'

const AUTH = 'https://sharedweu.weu.attest.azure.net'
const TYPE = 'x-ms-isolation-tee.x-ms-attestation-type'
const COMPLIANCE = 'x-ms-isolation-tee.x-ms-compliance-status'

/** A valid policy admitting both TEEs, with `conditions` in its only block (or a whole block override). */
function policy(conditions: unknown[], block: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: '1.0.0', anyOf: [{ authority: AUTH, allOf: conditions, ...block }] }
}

const GOOD = [
  {
    anyOf: [
      { claim: TYPE, equals: 'sevsnpvm' },
      { claim: TYPE, equals: 'tdxvm' }
    ]
  },
  { claim: COMPLIANCE, equals: 'azure-compliant-cvm' }
]

const pick = (fs: Finding[]) => fs.map(f => [f.path, f.rule])

describe('lintPolicy errors', () => {
  it('accepts a good policy with no findings', () => {
    expect(lintPolicy(policy(GOOD))).toEqual({ errors: [], warnings: [], permissive: [] })
  })

  it('requires an object', () => {
    expect(pick(lintPolicy([]).errors)).toEqual([['$', 'policy-type']])
  })

  it('requires version "1.0.0"', () => {
    const { version: _v, ...noVersion } = policy(GOOD)
    expect(pick(lintPolicy(noVersion).errors)).toEqual([['$.version', 'version']])
    expect(lintPolicy({ ...policy(GOOD), version: '0.2' }).errors[0].message).toMatch(/old form/)
    expect(pick(lintPolicy({ ...policy(GOOD), version: '1.0' }).errors)).toEqual([['$.version', 'version']])
  })

  it('requires a non-empty top-level anyOf and explains a top-level allOf', () => {
    expect(pick(lintPolicy({ version: '1.0.0' }).errors)).toEqual([['$.anyOf', 'top-level-anyof']])
    expect(pick(lintPolicy({ version: '1.0.0', anyOf: [] }).errors)).toEqual([['$.anyOf', 'top-level-anyof']])
    expect(pick(lintPolicy({ version: '1.0.0', anyOf: {} }).errors)).toEqual([['$.anyOf', 'top-level-anyof']])
    // the shape of skr-policy-examples "Example 2"
    const topAllOf = { version: '1.0.0', allOf: [{ authority: AUTH, allOf: GOOD }] }
    expect(pick(lintPolicy(topAllOf).errors)).toEqual([['$.allOf', 'top-level-anyof']])
  })

  it('requires each authority to be an https URL', () => {
    expect(pick(lintPolicy(policy(GOOD, { authority: undefined })).errors)).toEqual([
      ['$.anyOf[0].authority', 'authority-required']
    ])
    for (const bad of [
      'http://sharedweu.weu.attest.azure.net',
      'sharedweu.weu.attest.azure.net',
      42,
      '',
      'https://x.attest.azure.net/?a=1'
    ]) {
      expect(pick(lintPolicy(policy(GOOD, { authority: bad })).errors)).toEqual([
        ['$.anyOf[0].authority', 'authority-url']
      ])
    }
  })

  it('requires exactly one non-empty allOf/anyOf per block', () => {
    expect(pick(lintPolicy(policy(GOOD, { anyOf: GOOD })).errors)).toEqual([
      ['$.anyOf[0]', 'block-conditions']
    ])
    expect(pick(lintPolicy({ version: '1.0.0', anyOf: [{ authority: AUTH }] }).errors)).toEqual([
      ['$.anyOf[0]', 'block-conditions']
    ])
    expect(pick(lintPolicy(policy([])).errors)).toEqual([['$.anyOf[0].allOf', 'empty-group']])
    expect(pick(lintPolicy(policy([{ anyOf: [] }, ...GOOD])).errors)).toEqual([
      ['$.anyOf[0].allOf[0].anyOf', 'empty-group']
    ])
  })

  it('requires a claim on every condition', () => {
    expect(pick(lintPolicy(policy([...GOOD, { equals: 'x' }])).errors)).toEqual([
      ['$.anyOf[0].allOf[2]', 'claim-required']
    ])
    expect(pick(lintPolicy(policy([...GOOD, { claim: '', equals: 'x' }])).errors)).toEqual([
      ['$.anyOf[0].allOf[2].claim', 'claim-required']
    ])
    expect(pick(lintPolicy(policy([...GOOD, { claim: 'a..b', equals: 'x' }])).errors)).toEqual([
      ['$.anyOf[0].allOf[2].claim', 'claim-path']
    ])
  })

  it('requires a value, and only scalar values', () => {
    expect(pick(lintPolicy(policy([...GOOD, { claim: 'x-ms-ver' }])).errors)).toEqual([
      ['$.anyOf[0].allOf[2]', 'value-required']
    ])
    for (const bad of [null, { a: 1 }, ['sevsnpvm']]) {
      expect(pick(lintPolicy(policy([GOOD[0], { claim: COMPLIANCE, equals: bad }])).errors)).toEqual([
        ['$.anyOf[0].allOf[1].equals', 'value-type']
      ])
    }
  })

  it('rejects every operator but equals, explaining that the service honours only equals', () => {
    for (const op of ['notEquals', 'less', 'lessOrEquals', 'greater', 'greaterOrEquals', 'exists']) {
      const { errors } = lintPolicy(
        policy([...GOOD, { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-guestsvn', [op]: 1 }])
      )
      expect(pick(errors)).toEqual([[`$.anyOf[0].allOf[2].${op}`, 'operator-unsupported']])
      expect(errors[0].message).toMatch(/only "equals"/)
    }
  })

  it('rejects the legacy 0.2 condition form in input', () => {
    const { errors } = lintPolicy(
      policy([GOOD[0], { claim: COMPLIANCE, condition: 'equals', value: 'azure-compliant-cvm' }])
    )
    expect(pick(errors)).toEqual([['$.anyOf[0].allOf[1].condition', 'legacy-condition']])
  })

  it('rejects unknown keys at every level', () => {
    expect(pick(lintPolicy({ ...policy(GOOD), comment: 'x' }).errors)).toEqual([
      ['$.<unknown key>', 'unknown-key']
    ])
    expect(pick(lintPolicy(policy(GOOD, { name: 'x' })).errors)).toEqual([['$.anyOf[0].name', 'unknown-key']])
    expect(
      pick(
        lintPolicy(policy([GOOD[0], { claim: COMPLIANCE, equals: 'azure-compliant-cvm', note: 1 }])).errors
      )
    ).toEqual([['$.anyOf[0].allOf[1].<unknown key>', 'unknown-key']])
    expect(pick(lintPolicy(policy([{ anyOf: GOOD, x: 1 }])).errors)).toEqual([
      ['$.anyOf[0].allOf[0].<unknown key>', 'unknown-key']
    ])
  })

  it('rejects a condition that mixes a claim and a group, or two groups', () => {
    expect(pick(lintPolicy(policy([{ claim: TYPE, equals: 'tdxvm', anyOf: GOOD }])).errors)).toEqual([
      ['$.anyOf[0].allOf[0]', 'condition-shape']
    ])
    expect(pick(lintPolicy(policy([{ allOf: GOOD, anyOf: GOOD }])).errors)).toEqual([
      ['$.anyOf[0].allOf[0]', 'condition-shape']
    ])
    expect(pick(lintPolicy(policy(['sevsnpvm'])).errors)).toEqual([['$.anyOf[0].allOf[0]', 'condition-type']])
  })

  it('never repeats an unknown key name, in the path or the message, and still says what belongs there', () => {
    const marker = 'MARKER-8c1f-key'
    const { errors } = lintPolicy({ ...policy(GOOD), [marker]: 1 })
    expect(pick(errors)).toEqual([['$.<unknown key>', 'unknown-key']])
    expect(JSON.stringify(errors)).not.toContain('8c1f')
    expect(errors[0].message).toMatch(/a policy has only "version" and "anyOf"/)
  })

  it('names a grammar key that is in the wrong place', () => {
    const { errors } = lintPolicy(policy(GOOD, { claim: 'x' }))
    expect(pick(errors)).toEqual([['$.anyOf[0].claim', 'unknown-key']])
    expect(errors[0].message).toMatch(/key "claim" does not belong here/)
  })
})

describe('lintPolicy warnings', () => {
  it('warns about unknown claim names', () => {
    const { errors, warnings } = lintPolicy(
      policy([...GOOD, { claim: 'x-ms-isolation-tee.x-ms-compliance', equals: 'x' }])
    )
    expect(errors).toEqual([])
    expect(pick(warnings)).toEqual([['$.anyOf[0].allOf[2].claim', 'unknown-claim']])
    expect(
      lintPolicy(policy([...GOOD, { claim: 'my-claim', equals: 'x' }]), { extraKnownClaims: ['my-claim'] })
        .warnings
    ).toEqual([])
  })

  it('knows the documented CVM claims at both nesting levels', () => {
    const claims = [
      'x-ms-azurevm-vmid',
      'x-ms-isolation-tee.x-ms-sevsnpvm-hostdata',
      'x-ms-sevsnpvm-hostdata',
      'x-ms-isolation-tee.tdx_mrtd',
      'x-ms-attestation-type',
      'x-ms-compliance-status'
    ]
    const { warnings } = lintPolicy(policy([...GOOD, ...claims.map(claim => ({ claim, equals: 'x' }))]))
    expect(warnings.filter(w => w.rule === 'unknown-claim')).toEqual([])
  })

  it('warns when a policy admits SEV-SNP but not TDX, and the reverse', () => {
    const sev = lintPolicy(policy([{ claim: TYPE, equals: 'sevsnpvm' }, GOOD[1]]))
    expect(pick(sev.warnings)).toEqual([['$', 'tee-coverage']])
    expect(sev.warnings[0].message).toMatch(/not Intel TDX/)
    const tdx = lintPolicy(policy([{ claim: TYPE, equals: 'tdxvm' }, GOOD[1]]))
    expect(tdx.warnings[0].message).toMatch(/not AMD SEV-SNP/)
    // top-level attestation type (platform tokens) counts too
    const platform = lintPolicy(
      policy([
        { claim: 'x-ms-attestation-type', equals: 'sevsnpvm' },
        { claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }
      ])
    )
    expect(pick(platform.warnings)).toEqual([['$', 'tee-coverage']])
    // a second block for TDX closes the gap
    const both = {
      version: '1.0.0',
      anyOf: [
        { authority: AUTH, allOf: [{ claim: TYPE, equals: 'sevsnpvm' }, GOOD[1]] },
        { authority: AUTH, allOf: [{ claim: TYPE, equals: 'tdxvm' }, GOOD[1]] }
      ]
    }
    expect(lintPolicy(both).warnings).toEqual([])
  })

  it('reports a block that admits any VM as a release-policy finding, not a warning', () => {
    const onlyVer = lintPolicy(policy([{ claim: 'x-ms-ver', equals: '1.0' }]))
    expect(onlyVer.warnings.map(w => w.rule)).not.toContain('permissive')
    expect(pick(onlyVer.permissive)).toEqual([['$.anyOf[0]', 'no-tee']])
    // an anyOf that lets a plain token through via one member is found at that member
    const leaky = lintPolicy(
      policy([
        {
          anyOf: [
            { claim: COMPLIANCE, equals: 'azure-compliant-cvm' },
            { claim: 'secureboot', equals: true }
          ]
        }
      ])
    )
    expect(pick(leaky.permissive)).toEqual([['$.anyOf[0].allOf[0].anyOf[1]', 'no-tee']])
  })

  it('refuses an authority that is not an Azure Attestation provider of the chosen cloud', () => {
    const { errors, warnings } = lintPolicy(policy(GOOD, { authority: 'https://my.attestation.example.com' }))
    expect(warnings).toEqual([])
    expect(pick(errors)).toEqual([['$.anyOf[0].authority', 'authority-host']])
    const usgov = { cloud: 'AzureUSGovernment', suffix: 'attest.azure.us' }
    expect(
      lintPolicy(policy(GOOD, { authority: 'https://shareduga.uga.attest.azure.us' }), { attestation: usgov })
        .errors
    ).toEqual([])
    // the public cloud's provider is not one of US Government's, and the reverse
    expect(pick(lintPolicy(policy(GOOD), { attestation: usgov }).errors)).toEqual([
      ['$.anyOf[0].authority', 'authority-host']
    ])
    expect(
      pick(lintPolicy(policy(GOOD, { authority: 'https://shareduga.uga.attest.azure.us' })).errors)
    ).toEqual([['$.anyOf[0].authority', 'authority-host']])
  })

  it('refuses a port, a path, credentials, a query or a fragment in an authority', () => {
    for (const bad of [
      'https://sharedweu.weu.attest.azure.net:443',
      'https://sharedweu.weu.attest.azure.net/attest',
      'https://user:pw@sharedweu.weu.attest.azure.net',
      'https://sharedweu.weu.attest.azure.net?',
      'https://sharedweu.weu.attest.azure.net#'
    ]) {
      expect([bad, pick(lintPolicy(policy(GOOD, { authority: bad })).errors)]).toEqual([
        bad,
        [['$.anyOf[0].authority', 'authority-url']]
      ])
    }
    expect(lintPolicy(policy(GOOD, { authority: `${AUTH}/` })).errors).toEqual([])
  })

  it('warns when a value type differs from the claim type in MAA tokens', () => {
    const { errors, warnings } = lintPolicy(
      policy([...GOOD, { claim: 'x-ms-azurevm-kerneldebug-enabled', equals: 'false' }])
    )
    expect(errors).toEqual([])
    expect(pick(warnings)).toEqual([['$.anyOf[0].allOf[2].equals', 'value-type-mismatch']])
    expect(
      lintPolicy(policy([...GOOD, { claim: 'x-ms-azurevm-kerneldebug-enabled', equals: false }])).warnings
    ).toEqual([])
  })

  it('notices that a SEV-SNP-only claim in allOf shuts TDX out', () => {
    const { warnings } = lintPolicy(
      policy([...GOOD, { claim: 'x-ms-isolation-tee.x-ms-sevsnpvm-is-debuggable', equals: false }])
    )
    expect(pick(warnings)).toEqual([['$', 'tee-coverage']])
  })
})
