/**
 * Deciding a release the way the service does (documented in the policy grammar): the token's issuer selects
 * the authority blocks, a block's allOf needs every condition and anyOf at least one, a claim is addressed by
 * dotted path, and a claim that is missing fails its condition. The emulator uses this when a VM asks for a key;
 * the action uses it to run `release-policy-test` cases before creating a key.
 *
 * Token signature, `exp`/`nbf` and the presence of a key-encryption key in `x-ms-runtime.keys` are checked by
 * the caller, not here: they are properties of the token, not of the policy.
 */

import { authoritiesMatch } from './authority.js'
import { claimValueMatches, describeValue, resolveClaim } from './claims.js'
import { childPath, isPlainObject } from './json.js'
import { upgradeLegacyPolicy } from './legacy.js'
import type { ExpectedOutcome, PolicyTestCase } from './parse.js'
import type { AttestationClaims, ReleasePolicy } from './types.js'

export interface EvaluateOptions {
  /** Compare `equals` by JSON type and value instead of by text (see claimValueMatches). */
  strictTypes?: boolean
}

export interface EvaluationResult {
  released: boolean
  /** Why: the block that released, or the first condition that failed in each block the issuer selected. */
  reason: string
  /** Authority of the releasing block, or (when denied) of the first block the issuer matched. */
  matchedAuthority?: string
  /** Index of that block in the policy's anyOf. */
  matchedBlock?: number
}

type Outcome = { ok: true } | { ok: false; why: string }

/** `issuer` defaults to the claims' `iss`. */
export function evaluatePolicy(
  policy: ReleasePolicy,
  claims: AttestationClaims,
  issuer?: string,
  options: EvaluateOptions = {}
): EvaluationResult {
  const iss = issuer ?? (typeof claims.iss === 'string' ? claims.iss : undefined)
  if (iss === undefined)
    return { released: false, reason: 'the token has no issuer (iss), so no authority block applies' }
  // a policy read back in the 0.2 form means the same, so accept it too
  const p = upgradeLegacyPolicy(policy).value
  const blocks: unknown[] = isPlainObject(p) && Array.isArray(p.anyOf) ? p.anyOf : []
  const failures: string[] = []
  let first: { authority: string; index: number } | undefined
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]
    if (!isPlainObject(b) || typeof b.authority !== 'string' || !authoritiesMatch(b.authority, iss)) continue
    first ??= { authority: b.authority, index: i }
    const path = childPath('$.anyOf', i)
    const outcome = evaluateBlock(b, path, claims, options)
    if (outcome.ok) {
      return {
        released: true,
        reason: `released by ${path} (authority ${b.authority})`,
        matchedAuthority: b.authority,
        matchedBlock: i
      }
    }
    failures.push(outcome.why)
  }
  if (!first) {
    const authorities = blocks.map(b =>
      isPlainObject(b) && typeof b.authority === 'string' ? b.authority : '?'
    )
    return {
      released: false,
      reason: `token issuer ${iss} matches no authority in the policy (${authorities.join(', ') || 'none'})`
    }
  }
  return {
    released: false,
    reason: failures.join('; '),
    matchedAuthority: first.authority,
    matchedBlock: first.index
  }
}

function evaluateBlock(
  b: Record<string, unknown>,
  path: string,
  claims: AttestationClaims,
  o: EvaluateOptions
): Outcome {
  if (Array.isArray(b.allOf) && !('anyOf' in b))
    return group('allOf', b.allOf, childPath(path, 'allOf'), claims, o)
  if (Array.isArray(b.anyOf) && !('allOf' in b))
    return group('anyOf', b.anyOf, childPath(path, 'anyOf'), claims, o)
  return { ok: false, why: `${path}: the block needs exactly one of allOf/anyOf, so it admits nothing` }
}

function group(
  kind: 'allOf' | 'anyOf',
  members: unknown[],
  path: string,
  claims: AttestationClaims,
  o: EvaluateOptions
): Outcome {
  if (members.length === 0) return { ok: false, why: `${path}: empty ${kind} admits nothing` }
  if (kind === 'allOf') {
    for (let i = 0; i < members.length; i++) {
      const r = condition(members[i], childPath(path, i), claims, o)
      if (!r.ok) return r
    }
    return { ok: true }
  }
  const whys: string[] = []
  for (let i = 0; i < members.length; i++) {
    const r = condition(members[i], childPath(path, i), claims, o)
    if (r.ok) return r
    whys.push(r.why)
  }
  return {
    ok: false,
    why: whys.length === 1 ? whys[0] : `${path}: no anyOf member matched (${whys.join('; ')})`
  }
}

function condition(c: unknown, path: string, claims: AttestationClaims, o: EvaluateOptions): Outcome {
  if (isPlainObject(c)) {
    const keys = Object.keys(c)
    if (keys.length === 1 && Array.isArray(c.allOf))
      return group('allOf', c.allOf, childPath(path, 'allOf'), claims, o)
    if (keys.length === 1 && Array.isArray(c.anyOf))
      return group('anyOf', c.anyOf, childPath(path, 'anyOf'), claims, o)
    if (keys.length === 2 && typeof c.claim === 'string' && 'equals' in c) {
      const expected = c.equals
      if (typeof expected !== 'string' && typeof expected !== 'number' && typeof expected !== 'boolean') {
        return { ok: false, why: `${path}: equals value ${describeValue(expected)} can never match` }
      }
      const found = resolveClaim(claims, c.claim)
      if (!found.found) {
        const where = found.stoppedAt === c.claim ? '' : ` (no ${found.stoppedAt})`
        return {
          ok: false,
          why: `${path}: claim ${c.claim} is missing${where}; the policy wants ${describeValue(expected)}`
        }
      }
      if (claimValueMatches(expected, found.value, o.strictTypes)) return { ok: true }
      return {
        ok: false,
        why: `${path}: claim ${c.claim} is ${describeValue(found.value)}; the policy wants ${describeValue(expected)}`
      }
    }
  }
  // Anything else (notEquals, greater, …) is not honoured by the service; fail closed.
  return { ok: false, why: `${path}: unsupported condition ${describeValue(c)}, treated as not met` }
}

export interface PolicyTestResult {
  index: number
  name: string
  expect: ExpectedOutcome
  actual: ExpectedOutcome
  passed: boolean
  reason: string
  matchedAuthority?: string
}

export interface PolicyTestReport {
  passed: boolean
  total: number
  failed: number
  results: PolicyTestResult[]
  /** One line per case, e.g. `PASS sev-snp cvm: release (released by $.anyOf[0] …)`. */
  lines: string[]
}

/** Run `release-policy-test` cases: each claim set against the policy, compared with the expected outcome. */
export function runPolicyTests(
  policy: ReleasePolicy,
  cases: readonly PolicyTestCase[],
  options: EvaluateOptions = {}
): PolicyTestReport {
  const results = cases.map((c, index): PolicyTestResult => {
    const r = evaluatePolicy(policy, c.claims, c.issuer, options)
    const actual: ExpectedOutcome = r.released ? 'release' : 'deny'
    return {
      index,
      name: c.name ?? `case ${index + 1}`,
      expect: c.expect,
      actual,
      passed: actual === c.expect,
      reason: r.reason,
      ...(r.matchedAuthority !== undefined ? { matchedAuthority: r.matchedAuthority } : {})
    }
  })
  const failed = results.filter(r => !r.passed).length
  const lines = results.map(r =>
    r.passed
      ? `PASS ${r.name}: ${r.actual} (${r.reason})`
      : `FAIL ${r.name}: expected ${r.expect}, got ${r.actual} (${r.reason})`
  )
  return { passed: failed === 0, total: results.length, failed, results, lines }
}
