import { describe, expect, it } from '@jest/globals'
import {
  JSON_MAX_DEPTH,
  POLICY_JSON_MAX_BYTES,
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
      ['$[1].<unknown key>', 'unknown-key'],
      ['$[1].claims', 'case-claims'],
      ['$[2]', 'case-type']
    ])
  })

  it('requires an issuer from somewhere', () => {
    const err = parseError(() => parsePolicyTestCases('[{"claims": {}, "expect": "deny"}]'))
    expect(err.findings.map(f => [f.path, f.rule])).toEqual([['$[0]', 'case-issuer']])
  })
})

describe('hostile JSON text', () => {
  const GOOD = JSON.stringify(presetPolicy('sev-snp-cvm', SAMPLE_AUTHORITY))
  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

  it('refuses nesting deeper than JSON_MAX_DEPTH with the rule and position, not a stack overflow', () => {
    expect(JSON_MAX_DEPTH).toBe(32)
    expect(readJson(nested(JSON_MAX_DEPTH)).value).toBeDefined()
    for (const depth of [JSON_MAX_DEPTH + 1, 2_000, 200_000]) {
      const err = parseError(() => parsePolicy(nested(depth)))
      expect(err.findings).toEqual([
        { path: '$', rule: 'json-depth', message: 'nesting deeper than 32 levels (line 1, column 33)' }
      ])
    }
    const cases = parseError(() =>
      parsePolicyTestCases(`[{"claims":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}]`)
    )
    expect(cases.findings[0].rule).toBe('json-depth')
  })

  it('refuses text over the size limit before parsing it', () => {
    const big = GOOD.replace('{', `{${' '.repeat(POLICY_JSON_MAX_BYTES)}`)
    expect(parseError(() => parsePolicy(big)).findings).toEqual([
      { path: '$', rule: 'json-size', message: 'the text is larger than 1048576 bytes, the most read' }
    ])
    // Multi-byte characters count as bytes: half as many characters of 'é' are over the limit too.
    const wide = `["${'é'.repeat(POLICY_JSON_MAX_BYTES / 2 + 1)}"]`
    expect(parseError(() => parsePolicyTestCases(wide)).findings[0].rule).toBe('json-size')
    expect(parsePolicy(GOOD.replace('{', `{${' '.repeat(10_000)}`)).policy.version).toBe('1.0.0')
  })

  it('quotes nothing of the text in syntax errors', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n`
    const texts = [
      pem,
      `{"version": SECRETVALUE}`,
      `{"SECRETKEY" 1}`,
      `{"version": "1.0.0", "anyOf": [] SECRETTAIL`,
      `["\\qSECRET"]`,
      `{"a": tSECRET}`,
      `[1, ZSECRET]`
    ]
    for (const text of texts) {
      const err = parseError(() => parsePolicy(text))
      expect(err.findings).toHaveLength(1)
      expect(err.findings[0]).toMatchObject({ path: '$', rule: 'json-syntax' })
      expect(err.findings[0].message).toMatch(/\(line \d+, column \d+\)$/)
      for (const fragment of ['SECRET', 'MIIE', 'BEGIN', 'PRIVATE', "'q'", "'Z'", "'S'", "'t'"])
        expect([text, err.message]).toEqual([text, expect.not.stringContaining(fragment)])
    }
  })

  it('points at a duplicate or unknown key by line and column, never by name', () => {
    const dup = parseError(() =>
      parsePolicyTestCases('[{"expect":"deny","claims":{"iss":"x",\n "MARKER_dup":1, "MARKER_dup":2}}]')
    )
    expect(dup.findings.map(f => [f.path, f.rule])).toEqual([['$[0].claims.<unknown key>', 'duplicate-key']])
    expect(dup.findings[0].message).toMatch(/line 2, column 18/)
    const unknown = parseError(() =>
      parsePolicyTestCases('[{"expect":"deny","claims":{"iss":"x"},\n  "MARKER_case":1}]')
    )
    expect(unknown.findings.map(f => [f.path, f.rule])).toEqual([['$[0].<unknown key>', 'unknown-key']])
    expect(unknown.findings[0].message).toMatch(/at line 2, column 3 .*name, issuer, claims and expect/)
    const text = GOOD.replace('"anyOf"', '"MARKER_top":1,"anyOf"')
    const policy = parseError(() => parsePolicy(text))
    expect(policy.findings.map(f => [f.path, f.rule])).toEqual([['$.<unknown key>', 'unknown-key']])
    expect(policy.findings[0].message).toMatch(/unknown key at line 1, column \d+: a policy has only/)
    // The legacy upgrade (on for the release-policy input) rebuilds every object; the positions survive it.
    const upgraded = parseError(() => parsePolicy(text, { allowLegacy: true }))
    expect(upgraded.findings[0].message).toBe(policy.findings[0].message)
    for (const e of [dup, unknown, policy]) expect(e.message).not.toContain('MARKER')
  })
})
