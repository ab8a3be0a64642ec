import { describe, expect, it } from '@jest/globals'
import {
  PolicyParseError,
  parsePolicy,
  parsePolicyTestCases,
  presetPolicy,
  readJson,
  SAMPLE_AUTHORITY
} from '../../src/policy/index.js'

function parseError(fn: () => unknown): PolicyParseError {
  try {
    fn()
  } catch (e) {
    if (e instanceof PolicyParseError) return e
    throw e
  }
  throw new Error('expected a PolicyParseError')
}

describe('readJson', () => {
  it('builds the same values as JSON.parse', () => {
    const text =
      '{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n\\"q\\""],"b":{"c":{}},"d":[],"e":"\\ud83d\\ude00"}'
    expect(readJson(text).value).toEqual(JSON.parse(text))
  })

  it('keeps __proto__ as a plain key', () => {
    const v = readJson('{"__proto__":{"polluted":true}}').value as Record<string, unknown>
    expect(Object.keys(v)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('parsePolicy', () => {
  const good = JSON.stringify(presetPolicy('confidential-vm', SAMPLE_AUTHORITY), null, 2)

  it('returns the policy and its warnings', () => {
    const parsed = parsePolicy(good)
    expect(parsed.policy).toEqual(presetPolicy('confidential-vm', SAMPLE_AUTHORITY))
    expect(parsed.warnings).toEqual([])
    expect(parsed.upgradedFromLegacy).toBe(false)
  })

  it('accepts a byte-order mark (files saved on Windows)', () => {
    expect(parsePolicy('\ufeff' + good).policy.version).toBe('1.0.0')
  })

  it('reports a JSON syntax error at $ with line and column', () => {
    const err = parseError(() => parsePolicy('{\n  "version": "1.0.0",\n  "anyOf": [,]\n}'))
    expect(err.findings).toHaveLength(1)
    expect(err.findings[0]).toMatchObject({ path: '$', rule: 'json-syntax' })
    expect(err.findings[0].message).toMatch(/line 3, column 13/)
    expect(parseError(() => parsePolicy('   ')).findings[0].rule).toBe('json-syntax')
    expect(parseError(() => parsePolicy(good + 'x')).findings[0].message).toMatch(/after the JSON value/)
  })

  it('reports a duplicate key with its path, which JSON.parse would hide', () => {
    const text =
      '{"version":"1.0.0","anyOf":[{"authority":"https://sharedweu.weu.attest.azure.net",' +
      '"allOf":[{"claim":"x-ms-isolation-tee.x-ms-attestation-type","equals":"sevsnpvm"}],' +
      '"allOf":[{"claim":"x-ms-isolation-tee.x-ms-compliance-status","equals":"azure-compliant-cvm"}]}]}'
    const err = parseError(() => parsePolicy(text))
    expect(err.findings.map(f => [f.path, f.rule])).toEqual([['$.anyOf[0].allOf', 'duplicate-key']])
  })

  it('lists every lint error with its path and rule in one error', () => {
    const text = JSON.stringify({
      version: '1.0.0',
      anyOf: [
        {
          authority: 'http://sharedweu.weu.attest.azure.net',
          allOf: [
            { claim: 'x-ms-isolation-tee.x-ms-attestation-type', greater: 1 },
            { claim: 'x-ms-ver', equals: { v: 1 } }
          ]
        }
      ]
    })
    const err = parseError(() => parsePolicy(text))
    expect(err.findings.map(f => [f.path, f.rule])).toEqual([
      ['$.anyOf[0].authority', 'authority-url'],
      ['$.anyOf[0].allOf[0].greater', 'operator-unsupported'],
      ['$.anyOf[0].allOf[1].equals', 'value-type']
    ])
    expect(err.message).toContain('$.anyOf[0].allOf[1].equals')
    expect(err.message).toContain('3 problems')
  })

  it('converts the 0.2 read form only when asked', () => {
    const legacy = JSON.stringify({
      anyOf: [
        {
          allOf: [{ claim: 'x-ms-compliance-status', condition: 'equals', value: 'azure-compliant-cvm' }],
          authority: 'https://sharedeus.eus.attest.azure.net/'
        }
      ],
      version: '0.2'
    })
    expect(parseError(() => parsePolicy(legacy)).findings.map(f => f.rule)).toEqual([
      'version',
      'legacy-condition'
    ])
    const parsed = parsePolicy(legacy, { allowLegacy: true })
    expect(parsed.upgradedFromLegacy).toBe(true)
    expect(parsed.policy).toEqual({
      anyOf: [
        {
          allOf: [{ claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }],
          authority: 'https://sharedeus.eus.attest.azure.net/'
        }
      ],
      version: '1.0.0'
    })
  })
})

describe('parsePolicyTestCases', () => {
  it('accepts an array or {cases: [...]}', () => {
    const one = { name: 'snp', claims: { iss: SAMPLE_AUTHORITY }, expect: 'release' }
    expect(parsePolicyTestCases(JSON.stringify([one]))).toEqual([one])
    expect(parsePolicyTestCases(JSON.stringify({ cases: [{ ...one, issuer: 'https://x' }] }))[0].issuer).toBe(
      'https://x'
    )
  })

  it('names the path of every bad case field', () => {
    const err = parseError(() =>
      parsePolicyTestCases(
        JSON.stringify([
          { claims: { iss: 'x' }, expect: 'allow' },
          { claims: [], expect: 'deny', extra: 1 },
          'x'
        ])
      )
    )
    expect(err.findings.map(f => [f.path, f.rule])).toEqual([
      ['$[0].expect', 'case-expect'],
      ['$[1].extra', 'unknown-key'],
      ['$[1].claims', 'case-claims'],
      ['$[2]', 'case-type']
    ])
  })

  it('requires an issuer from somewhere', () => {
    const err = parseError(() => parsePolicyTestCases('[{"claims": {}, "expect": "deny"}]'))
    expect(err.findings.map(f => [f.path, f.rule])).toEqual([['$[0]', 'case-issuer']])
  })
})
