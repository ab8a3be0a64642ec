import { describe, expect, it } from '@jest/globals'
import {
  PRESET_NAMES,
  SAMPLE_AUTHORITY,
  defaultAttestationAuthorityHint,
  defaultProviderPath,
  evaluatePolicy,
  isPresetName,
  lintPolicy,
  parseDefaultProviderResponse,
  parsePolicy,
  presetPolicy,
  PolicyParseError,
  type PresetName
} from '../../src/policy/index.js'
import { SAMPLE_BUILDERS, type SampleName } from '../support/sample-claims.js'

const ALL_SAMPLES = Object.keys(SAMPLE_BUILDERS) as SampleName[]

/** Which sample tokens each preset must release; every other sample must be denied. */
const RELEASES: Record<PresetName, SampleName[]> = {
  'sev-snp-cvm': ['sevSnpGuest'],
  'tdx-cvm': ['tdxGuest'],
  'confidential-vm': ['sevSnpGuest', 'tdxGuest'],
  'cvm-platform': ['sevSnpPlatform', 'tdxPlatform']
}

describe('presets', () => {
  it('has exactly the four documented presets', () => {
    expect([...PRESET_NAMES].sort()).toEqual(['confidential-vm', 'cvm-platform', 'sev-snp-cvm', 'tdx-cvm'])
    expect(isPresetName('confidential-vm')).toBe(true)
    expect(isPresetName('sgx')).toBe(false)
  })

  for (const name of PRESET_NAMES) {
    describe(name, () => {
      const policy = presetPolicy(name, SAMPLE_AUTHORITY)

      it('lints without errors and passes every release-policy rule', () => {
        expect(lintPolicy(policy).errors).toEqual([])
        expect(lintPolicy(policy).permissive).toEqual([])
      })

      for (const sample of ALL_SAMPLES) {
        const expected = RELEASES[name].includes(sample)
        it(`${expected ? 'releases' : 'denies'} the ${sample} sample`, () => {
          const r = evaluatePolicy(policy, SAMPLE_BUILDERS[sample]())
          expect(r.released).toBe(expected)
          if (!expected) expect(r.reason).toMatch(/\$\.anyOf\[0\]/)
        })
      }
    })
  }

  it('sev-snp-cvm and tdx-cvm each warn that the other TEE is excluded; the combined presets do not', () => {
    const rules = (n: PresetName) => lintPolicy(presetPolicy(n, SAMPLE_AUTHORITY)).warnings.map(w => w.rule)
    expect(rules('sev-snp-cvm')).toEqual(['tee-coverage'])
    expect(rules('tdx-cvm')).toEqual(['tee-coverage'])
    expect(rules('confidential-vm')).toEqual([])
    expect(rules('cvm-platform')).toEqual([])
  })

  it('builds the az CLI default policies exactly', () => {
    expect(presetPolicy('cvm-platform', 'https://sharedeus.eus.attest.azure.net')).toEqual({
      version: '1.0.0',
      anyOf: [
        {
          authority: 'https://sharedeus.eus.attest.azure.net',
          allOf: [{ claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }]
        }
      ]
    })
    expect(presetPolicy('confidential-vm', SAMPLE_AUTHORITY).anyOf[0]).toEqual({
      authority: SAMPLE_AUTHORITY,
      allOf: [
        {
          anyOf: [
            { claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' },
            { claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'tdxvm' }
          ]
        },
        { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
      ]
    })
  })

  it('makes one block per authority and releases tokens from either provider', () => {
    const eus = 'https://sharedeus.eus.attest.azure.net'
    const policy = presetPolicy('confidential-vm', [SAMPLE_AUTHORITY, eus])
    expect(policy.anyOf.map(b => b.authority)).toEqual([SAMPLE_AUTHORITY, eus])
    const r = evaluatePolicy(policy, SAMPLE_BUILDERS.tdxGuest({ issuer: eus }))
    expect(r).toMatchObject({ released: true, matchedAuthority: eus, matchedBlock: 1 })
  })

  it('refuses to build a preset without an authority', () => {
    expect(() => presetPolicy('sev-snp-cvm', '  ')).toThrow(/needs an attestation authority/)
    expect(() => presetPolicy('sev-snp-cvm', [])).toThrow(/needs an attestation authority/)
  })
})

describe('the seed reference policy (step 5)', () => {
  const text = `{
    "version": "1.0.0",
    "anyOf": [
      {
        "authority": "https://sharedweu.weu.attest.azure.net",
        "allOf": [
          { "claim": "x-ms-isolation-tee.x-ms-attestation-type", "equals": "sevsnpvm" },
          { "claim": "x-ms-isolation-tee.x-ms-compliance-status", "equals": "azure-compliant-cvm" }
        ]
      }
    ]
  }`

  it('parses, equals the sev-snp-cvm preset, and only warns about TDX', () => {
    const parsed = parsePolicy(text)
    expect(parsed.policy).toEqual(presetPolicy('sev-snp-cvm', 'https://sharedweu.weu.attest.azure.net'))
    expect(parsed.warnings.map(w => w.rule)).toEqual(['tee-coverage'])
  })

  it('releases a compliant SEV-SNP CVM attested by sharedweu and denies the rest', () => {
    const { policy } = parsePolicy(text)
    expect(evaluatePolicy(policy, SAMPLE_BUILDERS.sevSnpGuest()).released).toBe(true)
    expect(evaluatePolicy(policy, SAMPLE_BUILDERS.tdxGuest()).released).toBe(false)
    expect(evaluatePolicy(policy, SAMPLE_BUILDERS.nonCompliantGuest()).released).toBe(false)
    const otherRegion = evaluatePolicy(
      policy,
      SAMPLE_BUILDERS.sevSnpGuest({ issuer: 'https://sharedeus.eus.attest.azure.net' })
    )
    expect(otherRegion.released).toBe(false)
    expect(otherRegion.reason).toContain('matches no authority')
  })
})

describe('default attestation provider (ARM)', () => {
  const sub = '00000000-1111-2222-3333-444444444444'

  it('builds the CLI request path and URL', () => {
    expect(defaultProviderPath(sub, 'westeurope')).toBe(
      `/subscriptions/${sub}/providers/Microsoft.Attestation/Locations/westeurope/defaultProvider?api-version=2020-10-01`
    )
    const hint = defaultAttestationAuthorityHint('West Europe', sub, 'https://management.azure.com/')
    expect(hint.method).toBe('GET')
    expect(hint.url).toBe(
      `https://management.azure.com/subscriptions/${sub}/providers/Microsoft.Attestation/Locations/West%20Europe/defaultProvider?api-version=2020-10-01`
    )
  })

  it('rejects ids that would change the path', () => {
    expect(() => defaultProviderPath('a/b', 'westeurope')).toThrow(/subscription/)
    expect(() => defaultProviderPath(sub, '')).toThrow(/location/)
  })

  it('reads properties.attestUri from the response', () => {
    const body = JSON.stringify({
      id: '/providers/Microsoft.Attestation/attestationProviders/sharedweu',
      name: 'sharedweu',
      type: 'Microsoft.Attestation/attestationProviders',
      location: 'West Europe',
      properties: { trustModel: 'AAD', status: 'Ready', attestUri: 'https://sharedweu.weu.attest.azure.net' }
    })
    expect(parseDefaultProviderResponse(body)).toEqual({
      attestUri: 'https://sharedweu.weu.attest.azure.net',
      name: 'sharedweu',
      location: 'West Europe',
      status: 'Ready'
    })
  })

  it('names the path of a missing or bad attestUri', () => {
    const err = (body: unknown): PolicyParseError => {
      try {
        parseDefaultProviderResponse(body)
      } catch (e) {
        return e as PolicyParseError
      }
      throw new Error('expected a failure')
    }
    expect(err({ properties: {} }).findings[0].path).toBe('$.properties.attestUri')
    expect(err({ properties: { attestUri: 'http://x.attest.azure.net' } }).findings[0].message).toMatch(
      /https/
    )
    expect(err('[]').findings[0].path).toBe('$')
  })
})
