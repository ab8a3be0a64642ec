/**
 * The Secure Key Release policy model (grammar version 1.0.0, as documented at
 * https://learn.microsoft.com/azure/key-vault/keys/policy-grammar).
 *
 * A policy is a top-level `anyOf` of authority blocks. Each block names the attestation authority whose tokens
 * it trusts and holds exactly one of `allOf`/`anyOf`; conditions are `{claim, equals}` or nested groups.
 */

/** Any JSON value, as read from policy text or a decoded attestation token. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** The grammar allows strings, numbers and true/false as comparison values; objects and arrays are not allowed. */
export type ClaimValue = string | number | boolean

export const POLICY_VERSION = '1.0.0'
/** The service answers requests made with api-version 7.0 and older tooling in this older form. */
export const LEGACY_POLICY_VERSION = '0.2'

export interface ClaimCondition {
  /** Dotted path into the token claims, e.g. `x-ms-isolation-tee.x-ms-attestation-type`. */
  claim: string
  equals: ClaimValue
}

export interface AllOfCondition {
  allOf: Condition[]
}

export interface AnyOfCondition {
  anyOf: Condition[]
}

export type Condition = ClaimCondition | AllOfCondition | AnyOfCondition

/** The 0.2 read form of a claim condition: `{"claim":"…","condition":"equals","value":…}`. */
export interface LegacyClaimCondition {
  claim: string
  condition: string
  value: ClaimValue
}

export type AuthorityBlock =
  | { authority: string; allOf: Condition[]; anyOf?: never }
  | { authority: string; anyOf: Condition[]; allOf?: never }

export interface ReleasePolicy {
  version: typeof POLICY_VERSION
  anyOf: AuthorityBlock[]
}

/**
 * How a policy travels on the wire (`release_policy` of a key bundle). `data` is base64url of the policy JSON;
 * the JS SDK hands it over as `encodedPolicy` bytes instead.
 */
export interface KeyReleasePolicyEnvelope {
  contentType?: string
  data?: string
  encodedPolicy?: Uint8Array
  immutable?: boolean
}

/** One lint or parse result. `path` is a JSONPath into the policy text, e.g. `$.anyOf[0].allOf[1].equals`. */
export interface Finding {
  path: string
  rule: string
  message: string
}

export interface LintResult {
  errors: Finding[]
  warnings: Finding[]
  /**
   * Release-policy rule findings (no-tee, debuggable, always-true; see permissive.ts): a policy that could release
   * the key to the wrong VM. Callers refuse them unless the user explicitly accepts a permissive policy.
   */
  permissive: Finding[]
}

/** Claims of a decoded attestation token (its JWT payload). */
export type AttestationClaims = Readonly<Record<string, unknown>>

export function isClaimCondition(c: Condition): c is ClaimCondition {
  return 'claim' in c
}

export function isAllOf(c: Condition): c is AllOfCondition {
  return 'allOf' in c
}

/** The members and kind of a block's condition group. */
export function blockGroup(block: AuthorityBlock): { kind: 'allOf' | 'anyOf'; members: Condition[] } {
  return block.allOf !== undefined
    ? { kind: 'allOf', members: block.allOf }
    : { kind: 'anyOf', members: block.anyOf }
}

/** The comparison operators of a release-policy condition. */
export const OPERATORS = [
  'equals',
  'notEquals',
  'less',
  'lessOrEquals',
  'greater',
  'greaterOrEquals',
  'exists'
] as const
