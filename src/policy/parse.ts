/**
 * Reads a release policy (inline JSON from an input, or text a caller already read from a file) and the
 * action's `release-policy-test` cases. Every error names a JSONPath and a rule, so a user can fix all of them
 * in one round.
 */

import {
  JsonSyntaxError,
  POLICY_JSON_MAX_BYTES,
  UNKNOWN_KEY,
  childPath,
  isPlainObject,
  keyPosition,
  readJson
} from './json.js'
import { upgradeLegacyPolicy } from './legacy.js'
import { lintPolicy, type LintOptions } from './lint.js'
import type { AttestationClaims, Finding, ReleasePolicy } from './types.js'

export class PolicyParseError extends Error {
  constructor(
    readonly what: string,
    readonly findings: Finding[]
  ) {
    super(
      findings.length === 1
        ? `${what} is invalid: ${formatFinding(findings[0])}`
        : `${what} is invalid (${findings.length} problems):\n${findings.map(f => `- ${formatFinding(f)}`).join('\n')}`
    )
    this.name = 'PolicyParseError'
  }
}

export function formatFinding(f: Finding): string {
  return `${f.path}: ${f.message} [${f.rule}]`
}

export interface ParseOptions {
  /** Accept the 0.2 read form and convert it (for policies read back from the service); off for user input. */
  allowLegacy?: boolean
  lint?: LintOptions
}

export interface ParsedPolicy {
  policy: ReleasePolicy
  warnings: Finding[]
  /** Release-policy rule findings (permissive.ts); the caller decides whether they are errors. */
  permissive: Finding[]
  /** True when the text was in the 0.2 form and was converted. */
  upgradedFromLegacy: boolean
}

/**
 * JSON text to a value, or a PolicyParseError at `$` with the line and column of the syntax error. Text over
 * maxBytes is refused before it is parsed; nesting deeper than JSON_MAX_DEPTH while it is parsed.
 */
export function parseJsonOrThrow(
  text: string,
  what: string,
  maxBytes = POLICY_JSON_MAX_BYTES
): { value: unknown; duplicateKeys: Finding[] } {
  if (text.trim() === '')
    throw new PolicyParseError(what, [{ path: '$', rule: 'json-syntax', message: 'the text is empty' }])
  // Cheap bound first: a UTF-16 unit is at least one UTF-8 byte, so a string this long is surely too big.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes)
    throw new PolicyParseError(what, [
      { path: '$', rule: 'json-size', message: `the text is larger than ${maxBytes} bytes, the most read` }
    ])
  try {
    return readJson(text)
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new PolicyParseError(what, [{ path: '$', rule: e.rule, message: e.message }])
    throw e
  }
}

/** Parse and check a policy; throws PolicyParseError listing every error, returns the warnings. */
export function parsePolicy(text: string, options: ParseOptions = {}): ParsedPolicy {
  const { value, duplicateKeys } = parseJsonOrThrow(text, 'release policy')
  let raw = value
  let upgradedFromLegacy = false
  if (options.allowLegacy) {
    const up = upgradeLegacyPolicy(value)
    raw = up.value
    upgradedFromLegacy = up.upgraded
  }
  const { errors, warnings, permissive } = lintPolicy(raw, options.lint)
  const all = [...duplicateKeys, ...errors]
  if (all.length > 0) throw new PolicyParseError('release policy', all)
  return { policy: raw as ReleasePolicy, warnings, permissive, upgradedFromLegacy }
}

export type ExpectedOutcome = 'release' | 'deny'

/** One `release-policy-test` case: a claim set (a decoded attestation token) and the outcome the user expects. */
export interface PolicyTestCase {
  name?: string
  /** Token issuer; defaults to the claims' `iss`. */
  issuer?: string
  claims: AttestationClaims
  expect: ExpectedOutcome
}

/** Parse `release-policy-test`: a JSON array of cases, or an object with a `cases` array. */
export function parsePolicyTestCases(text: string): PolicyTestCase[] {
  const what = 'release-policy-test'
  const { value, duplicateKeys } = parseJsonOrThrow(text, what)
  const findings: Finding[] = [...duplicateKeys]
  let list: unknown = value
  let base = '$'
  if (isPlainObject(value)) {
    list = value.cases
    base = childPath('$', 'cases')
  }
  if (!Array.isArray(list)) {
    throw new PolicyParseError(what, [
      {
        path: base,
        rule: 'cases-type',
        message: 'expected an array of cases like [{"name": …, "claims": {…}, "expect": "release"}]'
      }
    ])
  }
  const cases: PolicyTestCase[] = []
  list.forEach((c, i) => {
    const path = childPath(base, i)
    if (!isPlainObject(c)) {
      findings.push({
        path,
        rule: 'case-type',
        message: 'a case must be an object with "claims" and "expect"'
      })
      return
    }
    for (const key of Object.keys(c)) {
      if (!['name', 'issuer', 'claims', 'expect'].includes(key))
        findings.push({
          path: `${path}.${UNKNOWN_KEY}`,
          rule: 'unknown-key',
          message: `unknown key${keyPosition(c, key)} (key names are not repeated): a case has name, issuer, claims and expect`
        })
    }
    if (c.name !== undefined && typeof c.name !== 'string')
      findings.push({ path: childPath(path, 'name'), rule: 'case-name', message: '"name" must be a string' })
    if (c.issuer !== undefined && typeof c.issuer !== 'string')
      findings.push({
        path: childPath(path, 'issuer'),
        rule: 'case-issuer',
        message: '"issuer" must be a string (the token issuer URL)'
      })
    if (!isPlainObject(c.claims))
      findings.push({
        path: childPath(path, 'claims'),
        rule: 'case-claims',
        message: '"claims" must be an object: the attestation token claims'
      })
    if (c.expect !== 'release' && c.expect !== 'deny')
      findings.push({
        path: childPath(path, 'expect'),
        rule: 'case-expect',
        message: '"expect" must be "release" or "deny"'
      })
    const issuer = typeof c.issuer === 'string' ? c.issuer : undefined
    if (issuer === undefined && isPlainObject(c.claims) && typeof c.claims.iss !== 'string')
      findings.push({
        path,
        rule: 'case-issuer',
        message: 'give "issuer" or an "iss" claim: the policy matches blocks by token issuer'
      })
    cases.push({
      ...(typeof c.name === 'string' ? { name: c.name } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      claims: (isPlainObject(c.claims) ? c.claims : {}) as AttestationClaims,
      expect: c.expect as ExpectedOutcome
    })
  })
  if (findings.length > 0) throw new PolicyParseError(what, findings)
  return cases
}
