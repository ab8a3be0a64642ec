/**
 * How the emulated Managed HSM reads a `release_policy` on key create/update, written from the
 * documented grammar (learn.microsoft.com …/managed-hsm/policy-grammar, version 1.0.0) and the
 * protocol notes §5.2/§5.4, independently of the action's src/policy:
 *
 * - `data` is base64url (what the service returns) or standard base64 (what the Azure CLI sends);
 * - the policy is refused only where it leaves the grammar: no `version` (the live text "missing
 *   'version' property"), another version than 1.0.0 (or the 0.2 read form), no non-empty
 *   `anyOf` of authority blocks, a block without a string `authority` or with other than exactly
 *   one non-empty `allOf`/`anyOf`, a condition that is neither a nested group nor
 *   `{claim, <operator>: <string|number|true|false>}`, and members the grammar does not name;
 * - it is stored as the service returns it: the 0.2 condition form rewritten to 1.0.0, compact
 *   JSON with object keys sorted, base64url without padding.
 *
 * The action's own lint is stricter (https MAA authorities, only `equals`, known claims): that is
 * advice to the author, not a refusal by the service, so the emulator does not apply it.
 */
import { isRecord } from '../../../../core/http.js'

export const POLICY_VERSION = '1.0.0'
const READ_FORM_VERSION = '0.2'
/** The grammar's comparison operators; the docs add that only `equals` is honoured today. */
export const OPERATORS = [
  'equals',
  'notEquals',
  'less',
  'lessOrEquals',
  'greater',
  'greaterOrEquals',
  'exists'
]

export type PolicyReading =
  { ok: true; data: string; policy: Record<string, unknown> } | { ok: false; detail: string }

/** The UTF-8 text inside `data`, or undefined when `data` is not base64url/base64 of UTF-8. */
export function policyText(data: string): string | undefined {
  const compact = data.replace(/\s+/g, '')
  const unpadded = compact.replace(/={1,2}$/, '')
  if (!unpadded || !/^[A-Za-z0-9+/_-]+$/.test(unpadded) || unpadded.length % 4 === 1) return undefined
  const bytes = Buffer.from(unpadded.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url')
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined
}

/** The stored policy as a JSON value (the emulator only stores policies it has read). */
export function storedPolicy(data: string): unknown {
  const text = policyText(data)
  return text === undefined ? undefined : JSON.parse(text)
}

class Refusal extends Error {}

const refuse = (path: string, what: string): never => {
  throw new Refusal(`${path}: ${what}`)
}

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: string): void {
  const extra = Object.keys(o).find(k => !allowed.includes(k))
  if (extra !== undefined) refuse(path, `unknown property ${JSON.stringify(extra)}`)
}

function group(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v) || v.length === 0) refuse(path, 'must be a non-empty array of conditions')
  return (v as unknown[]).map((c, i) => condition(c, `${path}[${i}]`))
}

/** A condition in 1.0.0 form (a 0.2 `{claim, condition, value}` is rewritten). */
function condition(c: unknown, path: string): Record<string, unknown> {
  if (!isRecord(c)) return refuse(path, 'a condition must be an object')
  const groups = ['allOf', 'anyOf'].filter(g => g in c)
  if (groups.length > 0) {
    onlyKeys(c, groups.slice(0, 1), path)
    return { [groups[0]]: group(c[groups[0]], `${path}.${groups[0]}`) }
  }
  if (typeof c.claim !== 'string' || c.claim === '') refuse(path, "needs a non-empty string 'claim'")
  if ('condition' in c || 'value' in c) {
    onlyKeys(c, ['claim', 'condition', 'value'], path)
    const op = OPERATORS.find(
      o => typeof c.condition === 'string' && o.toLowerCase() === c.condition.toLowerCase()
    )
    if (op === undefined) refuse(path, `unknown condition ${JSON.stringify(c.condition)}`)
    if (!isScalar(c.value)) refuse(`${path}.value`, 'must be a string, a number, true or false')
    return { claim: c.claim, [op as string]: c.value }
  }
  const ops = OPERATORS.filter(o => o in c)
  if (ops.length !== 1) refuse(path, `needs exactly one operator (${OPERATORS.join(', ')})`)
  onlyKeys(c, ['claim', ops[0]], path)
  if (!isScalar(c[ops[0]])) refuse(`${path}.${ops[0]}`, 'must be a string, a number, true or false')
  return { claim: c.claim, [ops[0]]: c[ops[0]] }
}

function block(b: unknown, path: string): Record<string, unknown> {
  if (!isRecord(b)) return refuse(path, 'an authority block must be an object')
  if (typeof b.authority !== 'string' || b.authority.trim() === '')
    refuse(`${path}.authority`, 'must be a non-empty string (the attestation authority)')
  const groups = ['allOf', 'anyOf'].filter(g => g in b)
  if (groups.length !== 1) refuse(path, "needs exactly one of 'allOf' or 'anyOf'")
  onlyKeys(b, ['authority', groups[0]], path)
  return { authority: b.authority, [groups[0]]: group(b[groups[0]], `${path}.${groups[0]}`) }
}

/** Keys sorted at every level (code-unit order); arrays keep their order. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted)
  if (!isRecord(v)) return v
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map(k => [k, sorted(v[k])])
  )
}

/** Reads `release_policy.data` as the service would: the stored `data`, or why it is refused. */
export function readReleasePolicy(data: string): PolicyReading {
  const text = policyText(data)
  if (text === undefined) return { ok: false, detail: "'data' is not base64url (or base64) of UTF-8 text" }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { ok: false, detail: `the policy is not valid JSON (${(e as Error).message})` }
  }
  try {
    if (!isRecord(raw)) return refuse('$', 'the policy must be a JSON object')
    if (raw.version === undefined) return { ok: false, detail: "missing 'version' property" }
    if (raw.version !== POLICY_VERSION && raw.version !== READ_FORM_VERSION)
      refuse('$.version', `unsupported version ${JSON.stringify(raw.version)}`)
    onlyKeys(raw, ['version', 'anyOf'], '$')
    if (!Array.isArray(raw.anyOf) || raw.anyOf.length === 0)
      refuse('$.anyOf', 'must be a non-empty array of authority blocks')
    const policy = {
      anyOf: (raw.anyOf as unknown[]).map((b, i) => block(b, `$.anyOf[${i}]`)),
      version: POLICY_VERSION
    }
    const normalised = sorted(policy) as Record<string, unknown>
    return {
      ok: true,
      policy: normalised,
      data: Buffer.from(JSON.stringify(normalised), 'utf8').toString('base64url')
    }
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, detail: e.message }
    throw e
  }
}
