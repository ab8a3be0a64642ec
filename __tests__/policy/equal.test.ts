import { describe, expect, it } from '@jest/globals'
import {
  decodePolicyData,
  decodePolicyDataText,
  describePolicyDifference,
  encodePolicyData,
  normalizePolicy,
  PolicyParseError,
  policiesEqual,
  presetPolicy,
  toServiceJson
} from '../../src/policy/index.js'

const AUTH = 'https://sharedeus.eus.attest.azure.net'
const desired = presetPolicy('confidential-vm', AUTH)

/** What Managed HSM returned for a policy in the azure-cli recording (api 7.3): sorted keys, base64url, no padding. */
const RECORDED_DATA =
  'eyJhbnlPZiI6W3siYWxsT2YiOlt7ImNsYWltIjoieC1tcy1zZ3gtaXMtZGVidWdnYWJsZSIsImVxdWFscyI6ImZhbHNlIn1dLCJhdXRob3JpdHkiOiJodHRwczovL3NoYXJlZGV1cy5ldXMuYXR0ZXN0LmF6dXJlLm5ldC8ifV0sInZlcnNpb24iOiIxLjAuMCJ9'
/** What the Python CLI sent for it: standard base64 of json.dumps output (spaces, insertion order). */
const SENT_DATA =
  'eyJhbnlPZiI6IFt7ImF1dGhvcml0eSI6ICJodHRwczovL3NoYXJlZGV1cy5ldXMuYXR0ZXN0LmF6dXJlLm5ldC8iLCAiYWxsT2YiOiBbeyJjbGFpbSI6ICJ4LW1zLXNneC1pcy1kZWJ1Z2dhYmxlIiwgImVxdWFscyI6ICJmYWxzZSJ9XX1dLCAidmVyc2lvbiI6ICIxLjAuMCJ9'

describe('encoding', () => {
  it('encodes base64url without padding and round-trips', () => {
    const data = encodePolicyData(desired)
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodePolicyData(data)).toEqual(desired)
  })

  it('reproduces the service form byte for byte from the recorded request', () => {
    expect(encodePolicyData(normalizePolicy(SENT_DATA))).toBe(RECORDED_DATA)
    expect(Buffer.from(RECORDED_DATA, 'base64url').toString('utf8')).toBe(toServiceJson(SENT_DATA))
  })

  it('decodes standard base64 with padding and non-ASCII text', () => {
    const policy = { ...desired, anyOf: [{ authority: AUTH, allOf: [{ claim: 'x-ms-ver', equals: 'é✓' }] }] }
    const std = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64')
    expect(decodePolicyData(std)).toEqual(policy)
  })

  it('rejects text that is not base64 or not UTF-8', () => {
    expect(() => decodePolicyDataText('not base64!')).toThrow(PolicyParseError)
    expect(() => decodePolicyDataText(Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'))).toThrow(/UTF-8/)
  })
})

describe('normalizePolicy', () => {
  it('sorts keys like the service and keeps array order', () => {
    expect(Object.keys(normalizePolicy(desired))).toEqual(['anyOf', 'version'])
    expect(Object.keys(normalizePolicy(desired).anyOf[0])).toEqual(['allOf', 'authority'])
    expect(toServiceJson(desired).startsWith('{"anyOf":[{"allOf":[{"anyOf":[{"claim":')).toBe(true)
  })

  it('converts the 0.2 object the service returns to api-version 7.0', () => {
    const legacy = {
      anyOf: [
        {
          allOf: [{ claim: 'x-ms-sgx-is-debuggable', condition: 'equals', value: 'false' }],
          authority: 'https://sharedeus.eus.attest.azure.net/'
        }
      ],
      version: '0.2'
    }
    expect(normalizePolicy(legacy)).toEqual(normalizePolicy(RECORDED_DATA))
  })

  it('reads the envelope forms', () => {
    expect(
      normalizePolicy({
        contentType: 'application/json; charset=utf-8',
        data: encodePolicyData(desired),
        immutable: false
      })
    ).toEqual(normalizePolicy(desired))
    expect(
      normalizePolicy({
        encodedPolicy: new Uint8Array(Buffer.from(JSON.stringify(desired))),
        immutable: true
      })
    ).toEqual(normalizePolicy(desired))
  })

  it('refuses an invalid policy', () => {
    expect(() => normalizePolicy({ version: '1.0.0', anyOf: [] })).toThrow(/anyOf/)
  })
})

describe('policiesEqual', () => {
  const reordered = {
    anyOf: [
      {
        allOf: [
          { equals: 'azure-compliant-cvm', claim: 'x-ms-isolation-tee.x-ms-compliance-status' },
          {
            anyOf: [
              { equals: 'tdxvm', claim: 'x-ms-isolation-tee.x-ms-attestation-type' },
              { claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' }
            ]
          }
        ],
        authority: 'HTTPS://SharedEUS.eus.attest.azure.net/'
      }
    ],
    version: '1.0.0'
  }

  it('ignores key order, member order, whitespace, authority case and trailing slash', () => {
    expect(policiesEqual(desired, reordered)).toBe(true)
    expect(policiesEqual(JSON.stringify(desired, null, 4), desired)).toBe(true)
  })

  it('ignores the base64 data and envelope forms', () => {
    expect(policiesEqual({ data: encodePolicyData(reordered), immutable: false }, desired)).toBe(true)
    expect(policiesEqual(encodePolicyData(desired), JSON.stringify(reordered))).toBe(true)
  })

  it('ignores the legacy 0.2 form', () => {
    const legacy = {
      version: '0.2',
      anyOf: [
        {
          authority: AUTH,
          allOf: [
            {
              anyOf: [
                { claim: 'x-ms-isolation-tee.x-ms-attestation-type', condition: 'equals', value: 'sevsnpvm' },
                { claim: 'x-ms-isolation-tee.x-ms-attestation-type', condition: 'equals', value: 'tdxvm' }
              ]
            },
            {
              claim: 'x-ms-isolation-tee.x-ms-compliance-status',
              condition: 'equals',
              value: 'azure-compliant-cvm'
            }
          ]
        }
      ]
    }
    expect(policiesEqual(legacy, desired)).toBe(true)
  })

  it('ignores repeats, one-member groups and same-kind nesting', () => {
    const c = { claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }
    const plain = { version: '1.0.0', anyOf: [{ authority: AUTH, allOf: [c] }] }
    expect(
      policiesEqual(plain, { version: '1.0.0', anyOf: [{ authority: AUTH, anyOf: [{ allOf: [c, c] }] }] })
    ).toBe(true)
    const ab = {
      version: '1.0.0',
      anyOf: [{ authority: AUTH, allOf: [c, { claim: 'x-ms-ver', equals: '1.0' }] }]
    }
    const nested = {
      version: '1.0.0',
      anyOf: [{ authority: AUTH, allOf: [{ allOf: [c] }, { allOf: [{ claim: 'x-ms-ver', equals: '1.0' }] }] }]
    }
    expect(policiesEqual(ab, nested)).toBe(true)
  })

  it('fails on a changed value, claim, value type, group kind or authority', () => {
    const changed = JSON.parse(JSON.stringify(desired))
    changed.anyOf[0].allOf[1].equals = 'azure-compliant-uvm'
    expect(policiesEqual(desired, changed)).toBe(false)
    expect(policiesEqual(desired, presetPolicy('sev-snp-cvm', AUTH))).toBe(false)
    expect(
      policiesEqual(desired, presetPolicy('confidential-vm', 'https://sharedwus.wus.attest.azure.net'))
    ).toBe(false)
    const asAnyOf = { version: '1.0.0', anyOf: [{ authority: AUTH, anyOf: desired.anyOf[0].allOf }] }
    expect(policiesEqual(desired, asAnyOf)).toBe(false)
    const typed = (v: unknown) => ({
      version: '1.0.0',
      anyOf: [{ authority: AUTH, allOf: [{ claim: 'x-ms-sevsnpvm-vmpl', equals: v }] }]
    })
    expect(policiesEqual(typed(0), typed('0'))).toBe(false)
  })
})

describe('describePolicyDifference', () => {
  it('is empty for policies with the same meaning', () => {
    expect(describePolicyDifference(encodePolicyData(desired), desired)).toEqual([])
  })

  it('says which condition was added when TDX is admitted', () => {
    const current = {
      version: '1.0.0',
      anyOf: [
        {
          authority: AUTH,
          allOf: [
            {
              anyOf: [
                { claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' },
                { claim: 'x-ms-ver', equals: '1.0' }
              ]
            },
            { claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }
          ]
        }
      ]
    }
    const wanted = JSON.parse(JSON.stringify(current))
    wanted.anyOf[0].allOf[0].anyOf.push({
      claim: 'x-ms-isolation-tee.x-ms-attestation-type',
      equals: 'tdxvm'
    })
    expect(describePolicyDifference(current, wanted)).toEqual([
      'anyOf[0].allOf.anyOf: condition x-ms-isolation-tee.x-ms-attestation-type equals tdxvm added'
    ])
  })

  it('reports a changed value on one line, and added or removed authorities', () => {
    expect(
      describePolicyDifference(presetPolicy('sev-snp-cvm', AUTH), presetPolicy('tdx-cvm', AUTH))
    ).toEqual([
      'anyOf[0].allOf: condition x-ms-isolation-tee.x-ms-attestation-type changed: equals sevsnpvm → tdxvm'
    ])
    const lines = describePolicyDifference(
      presetPolicy('cvm-platform', AUTH),
      presetPolicy('cvm-platform', ['https://sharedweu.weu.attest.azure.net', AUTH])
    )
    expect(lines).toEqual([
      'anyOf[0]: authority https://sharedweu.weu.attest.azure.net added (x-ms-compliance-status equals azure-compliant-cvm)'
    ])
    expect(
      describePolicyDifference(
        presetPolicy('cvm-platform', [AUTH, 'https://x.attest.azure.net']),
        presetPolicy('cvm-platform', AUTH)
      )
    ).toEqual(['anyOf[1]: authority https://x.attest.azure.net removed'])
  })

  it('quotes values that could be read as another type', () => {
    const p = (v: unknown) => ({
      version: '1.0.0',
      anyOf: [{ authority: AUTH, allOf: [{ claim: 'x-ms-sevsnpvm-is-debuggable', equals: v }] }]
    })
    expect(describePolicyDifference(p('false'), p(false))).toEqual([
      'anyOf[0].allOf: condition x-ms-sevsnpvm-is-debuggable changed: equals "false" → false'
    ])
  })
})
