/**
 * The emulated HSM's release decision, written from the documented policy grammar (1.0.0)
 * independently of the action's src/policy: the blocks whose `authority` is the token's issuer
 * are tried in turn; a block's `allOf` needs every condition, `anyOf` one; groups nest; a claim is
 * found by its dotted path through JSON objects (arrays are not entered) and a missing claim fails
 * its condition. Only `equals` is honoured ("in the first iteration, the only allowed condition is
 * equals"): any other operator, or anything that is not a condition, fails closed.
 *
 * Assumptions, listed in emulator/README.md: the authority matches the issuer ignoring the case of
 * scheme and host and trailing slashes; `equals` compares scalars by their JSON text, so "false"
 * matches the boolean false and "0" the number 0 (Microsoft's own SKR samples write them so).
 */
import { isRecord } from '../../../../core/http.js'

/** An authority or issuer in comparable form: lower-case scheme and host, no trailing slash. */
function comparable(authority: string): string {
  const text = authority.trim()
  try {
    const url = new URL(text)
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`
  } catch {
    return text.replace(/\/+$/, '').toLowerCase()
  }
}

export function sameAuthority(a: string, b: string): boolean {
  return comparable(a) === comparable(b)
}

/** The JSON text a scalar compares by; undefined for anything else. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return String(v)
  if (typeof v === 'number' && Number.isFinite(v)) return JSON.stringify(v)
  return undefined
}

function claimAt(claims: Readonly<Record<string, unknown>>, path: string): { value: unknown } | undefined {
  let at: unknown = claims
  for (const step of path.split('.')) {
    if (!isRecord(at) || !Object.prototype.hasOwnProperty.call(at, step)) return undefined
    at = at[step]
  }
  return { value: at }
}

function allOf(members: unknown, claims: Readonly<Record<string, unknown>>): boolean {
  return Array.isArray(members) && members.length > 0 && members.every(m => holds(m, claims))
}

function anyOf(members: unknown, claims: Readonly<Record<string, unknown>>): boolean {
  return Array.isArray(members) && members.some(m => holds(m, claims))
}

/** Does one condition hold for these claims? Unknown shapes and operators do not. */
function holds(c: unknown, claims: Readonly<Record<string, unknown>>): boolean {
  if (!isRecord(c)) return false
  const keys = Object.keys(c).sort().join(',')
  if (keys === 'allOf') return allOf(c.allOf, claims)
  if (keys === 'anyOf') return anyOf(c.anyOf, claims)
  let expected: unknown
  if (keys === 'claim,equals') expected = c.equals
  // the 0.2 read form of the same condition
  else if (
    keys === 'claim,condition,value' &&
    typeof c.condition === 'string' &&
    c.condition.toLowerCase() === 'equals'
  )
    expected = c.value
  else return false
  if (typeof c.claim !== 'string') return false
  const want = typeof expected === 'object' ? undefined : scalarText(expected)
  const found = claimAt(claims, c.claim)
  return want !== undefined && found !== undefined && scalarText(found.value) === want
}

/**
 * Would the HSM release a key under `policy` to a token from `issuer` with these claims? The
 * token's signature and lifetime are checked before this, by the attestation verifier.
 */
export function policyReleases(
  policy: unknown,
  claims: Readonly<Record<string, unknown>>,
  issuer?: string
): boolean {
  if (typeof issuer !== 'string' || !isRecord(policy) || !Array.isArray(policy.anyOf)) return false
  return policy.anyOf.some(b => {
    if (!isRecord(b) || typeof b.authority !== 'string' || !sameAuthority(b.authority, issuer)) return false
    const hasAll = 'allOf' in b
    const hasAny = 'anyOf' in b
    if (hasAll === hasAny) return false
    return hasAll ? allOf(b.allOf, claims) : anyOf(b.anyOf, claims)
  })
}
