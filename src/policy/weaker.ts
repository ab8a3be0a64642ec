/**
 * Is one release policy weaker than another? Weaker means the release-policy rules refuse it (lint.ts,
 * permissive.ts), or it releases the key to a token the other policy refuses. The second is decided exactly for
 * the service's grammar as evaluate.ts reads it, because every condition there is a claim that must be present
 * with a given value: conditions only ever ask for more, never for less.
 *
 * So each authority block is spread into its ways through (one set of claim = value per way: the conjunctions
 * of its allOf/anyOf tree); a way that asks one claim for two values is never met and dropped. The smallest
 * token a way admits carries exactly its claims (and the block's issuer). If the other policy refuses that
 * token, it is the witness; if it admits it, it admits every token that way admits (a token with more claims
 * satisfies at least the same conditions). Evaluating the witness with evaluatePolicy on both sides keeps the
 * two readings the same.
 */

import { authoritiesMatch, type AttestationDomain } from './authority.js'
import { scalarText } from './claims.js'
import { evaluatePolicy } from './evaluate.js'
import { childPath, isPlainObject, setOwn } from './json.js'
import { lintPolicy } from './lint.js'
import { toPolicyValue } from './normalize.js'
import type { ReleasePolicy } from './types.js'

/** More ways through one policy than this are not spread out (an allOf of 12 two-way anyOfs is 4096). */
export const MAX_WAYS = 4096

/** The smallest token a policy releases to and the other does not. */
export interface ReleaseWitness {
  /** JSONPath of the authority block that releases to it, e.g. `$.anyOf[1]`. */
  block: string
  issuer: string
  /** Its claims by dotted path, each with the text it equals. */
  claims: Record<string, string>
}

export type Beyond =
  | { beyond: false }
  | { beyond: true; witness: ReleaseWitness }
  /** Too many ways through to compare: the caller treats it as weaker (it cannot be shown not to be). */
  | { beyond: 'unknown'; ways: number }

/** One way through: each claim with the text it must equal. */
type Way = Map<string, string>

class TooManyWays extends Error {}

function product(a: Way[], b: Way[], max: number): Way[] {
  const out: Way[] = []
  for (const x of a)
    for (const y of b) {
      let ok = true
      const merged = new Map(x)
      for (const [claim, value] of y) {
        const seen = merged.get(claim)
        if (seen !== undefined && seen !== value) {
          ok = false
          break
        }
        merged.set(claim, value)
      }
      if (!ok) continue
      out.push(merged)
      if (out.length > max) throw new TooManyWays()
    }
  return out
}

function group(kind: 'allOf' | 'anyOf', members: unknown[], max: number): Way[] {
  // As evaluate.ts: an empty group admits nothing.
  if (members.length === 0) return []
  if (kind === 'anyOf') {
    const out: Way[] = []
    for (const m of members) {
      out.push(...condition(m, max))
      if (out.length > max) throw new TooManyWays()
    }
    return out
  }
  let out: Way[] = [new Map()]
  for (const m of members) {
    out = product(out, condition(m, max), max)
    if (out.length === 0) return out
  }
  return out
}

/** Conditions read as evaluate.ts reads them; anything it treats as not met yields no way through. */
function condition(c: unknown, max: number): Way[] {
  if (!isPlainObject(c)) return []
  const keys = Object.keys(c)
  if (keys.length === 1 && Array.isArray(c.allOf)) return group('allOf', c.allOf, max)
  if (keys.length === 1 && Array.isArray(c.anyOf)) return group('anyOf', c.anyOf, max)
  if (keys.length === 2 && typeof c.claim === 'string' && 'equals' in c) {
    const text = scalarText(c.equals)
    return text === undefined ? [] : [new Map([[c.claim, text]])]
  }
  return []
}

function blockWays(b: Record<string, unknown>, max: number): Way[] {
  if (Array.isArray(b.allOf) && !('anyOf' in b)) return group('allOf', b.allOf, max)
  if (Array.isArray(b.anyOf) && !('allOf' in b)) return group('anyOf', b.anyOf, max)
  return []
}

/** The token of one way, or undefined when its claims cannot all be present (a path through a value). */
function tokenOf(way: Way, issuer: string): Record<string, unknown> | undefined {
  const claims: Record<string, unknown> = { iss: issuer }
  for (const [path, text] of way) {
    if (path === 'iss') continue
    const parts = path.split('.')
    let node: Record<string, unknown> = claims
    for (let i = 0; i < parts.length - 1; i++) {
      const next = Object.prototype.hasOwnProperty.call(node, parts[i]) ? node[parts[i]] : undefined
      if (next === undefined) {
        const child: Record<string, unknown> = {}
        setOwn(node, parts[i], child)
        node = child
      } else if (isPlainObject(next)) node = next
      else return undefined
    }
    const last = parts[parts.length - 1]
    if (Object.prototype.hasOwnProperty.call(node, last)) return undefined
    setOwn(node, last, text)
  }
  return claims
}

/** Does `policy` release the key to a token `than` refuses? Both in any form toPolicyValue accepts. */
export function releasesBeyond(policy: unknown, than: unknown, max = MAX_WAYS): Beyond {
  const p = toPolicyValue(policy)
  const other = toPolicyValue(than) as ReleasePolicy
  const blocks: unknown[] = isPlainObject(p) && Array.isArray(p.anyOf) ? p.anyOf : []
  let counted = 0
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]
    if (!isPlainObject(b) || typeof b.authority !== 'string') continue
    let ways: Way[]
    try {
      ways = blockWays(b, max - counted)
    } catch (e) {
      if (e instanceof TooManyWays) return { beyond: 'unknown', ways: max }
      throw e
    }
    counted += ways.length
    for (const way of ways) {
      // The token's issuer selects the block: the one a condition on iss names, else the block's own.
      const issuer = way.get('iss') ?? b.authority
      if (!authoritiesMatch(b.authority, issuer)) continue
      const claims = tokenOf(way, issuer)
      if (!claims) continue
      // The same reading as the service's on both sides (and a way this spreading got wrong is skipped).
      if (!evaluatePolicy(p as ReleasePolicy, claims, issuer).released) continue
      if (evaluatePolicy(other, claims, issuer).released) continue
      return {
        beyond: true,
        witness: {
          block: childPath(childPath('$', 'anyOf'), i),
          issuer,
          claims: Object.fromEntries(
            [...way].filter(([k]) => k !== 'iss').sort(([x], [y]) => (x < y ? -1 : 1))
          )
        }
      }
    }
  }
  return { beyond: false }
}

export interface WeaknessOptions {
  /** The cloud's Azure Attestation domain, for the authority rule. */
  attestation?: AttestationDomain
  /** The inputs accepted a permissive policy (allow-permissive-release-policy): its rule findings do not count. */
  acceptPermissive?: boolean
  maxWays?: number
}

/**
 * Why `policy` is weaker than `desired`, one line each (rules and JSONPaths, and for a release `desired` refuses
 * the smallest such token); empty when it is not weaker. Lines may carry claim values from `policy`: callers
 * pass them through the report's escaping like any text from Azure.
 */
export function policyWeakness(policy: unknown, desired: unknown, o: WeaknessOptions = {}): string[] {
  const value = toPolicyValue(policy)
  const lint = lintPolicy(value, { attestation: o.attestation })
  const lines = lint.errors.map(f => `the release-policy rules refuse it ([${f.rule}] at ${f.path})`)
  if (!o.acceptPermissive)
    lines.push(
      ...lint.permissive.map(f => `it could release the key to the wrong VM ([${f.rule}] at ${f.path})`)
    )
  const beyond = releasesBeyond(value, desired, o.maxWays)
  if (beyond.beyond === 'unknown')
    lines.push(
      `it has more than ${beyond.ways} ways through to compare with the inputs' policy, so it cannot be shown to release to no VM the inputs' policy refuses`
    )
  else if (beyond.beyond)
    lines.push(`it releases to a token the inputs' policy refuses: ${describeWitness(beyond.witness)}`)
  return lines
}

/** `issuer X with a = b, c = d (by $.anyOf[1])`, values shortened. */
export function describeWitness(w: ReleaseWitness): string {
  const claims = Object.entries(w.claims).map(([k, v]) => `${short(k)} = ${short(v)}`)
  return `issuer ${short(w.issuer)}${claims.length ? ` with ${claims.join(', ')}` : ' and no other claim'} (by ${w.block})`
}

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}
