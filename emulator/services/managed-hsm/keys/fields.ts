/**
 * Fields of a key write request (create, import, update) read and checked as the service does: key
 * types, sizes and curves, key_ops, tags, attributes, the release policy, and the AKV.SKR rules that tie
 * exportability to a release policy.
 */
import { isRecord } from '../../../core/http.js'
import { activityId, badParameter, fail } from '../common.js'
import type { AreaRequest } from '../area.js'
import type { KeyVersionRecord, ReleasePolicyRecord } from '../store.js'
import { readReleasePolicy } from '../witness/release-policy/read.js'

export const KEY_NAME = /^[0-9a-zA-Z-]{1,127}$/
const KEY_OPS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey', 'import', 'export']
export const DEFAULT_OPS: Record<KeyVersionRecord['kty'], string[]> = {
  'RSA-HSM': ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'],
  'EC-HSM': ['sign', 'verify'],
  'oct-HSM': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']
}
export const CURVES: Record<string, string> = {
  'P-256': 'prime256v1',
  'P-256K': 'secp256k1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1'
}
const DEFAULT_CONTENT_TYPE = 'application/json; charset=utf-8'

export const KTY_IN: Record<string, KeyVersionRecord['kty']> = {
  'RSA-HSM': 'RSA-HSM',
  RSA: 'RSA-HSM',
  'EC-HSM': 'EC-HSM',
  EC: 'EC-HSM',
  'oct-HSM': 'oct-HSM',
  oct: 'oct-HSM'
}

export const RSA_SIZES = [2048, 3072, 4096]
export const OCT_SIZES = [128, 192, 256]

export function parseKeyOps(r: AreaRequest, value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every(o => typeof o === 'string')) {
    badParameter(r, 'key_ops must be an array of strings.')
    return null
  }
  const bad = value.find(o => !KEY_OPS.includes(o))
  if (bad !== undefined) {
    badParameter(r, `Invalid key operation '${bad}'. Valid operations: ${KEY_OPS.join(', ')}.`)
    return null
  }
  return [...new Set(value as string[])]
}

export function parseTags(r: AreaRequest, value: unknown): Record<string, string> | undefined | null {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value) || !Object.values(value).every(v => typeof v === 'string')) {
    badParameter(r, 'tags must be an object of string values.')
    return null
  }
  return value as Record<string, string>
}

export interface ParsedAttributes {
  enabled?: boolean
  exportable?: boolean
  nbf?: number | null
  exp?: number | null
}

export function parseAttributes(r: AreaRequest, value: unknown): ParsedAttributes | null {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) {
    badParameter(r, 'attributes must be an object.')
    return null
  }
  const out: ParsedAttributes = {}
  for (const k of ['enabled', 'exportable'] as const) {
    if (value[k] === undefined || value[k] === null) continue
    if (typeof value[k] !== 'boolean') {
      badParameter(r, `attributes.${k} must be a boolean.`)
      return null
    }
    out[k] = value[k] as boolean
  }
  for (const k of ['nbf', 'exp'] as const) {
    if (value[k] === undefined) continue
    if (value[k] !== null && (typeof value[k] !== 'number' || !Number.isFinite(value[k]))) {
      badParameter(r, `attributes.${k} must be a number of seconds since 1970-01-01 (UTC).`)
      return null
    }
    out[k] = value[k] as number | null
  }
  return out
}

/**
 * A `release_policy` from a request: `data` is base64url (or base64) of the policy JSON. The
 * stored/returned form is the service's: compact JSON, keys sorted, base64url without padding.
 */
export function parseReleasePolicy(
  r: AreaRequest,
  value: unknown,
  current?: ReleasePolicyRecord
): ReleasePolicyRecord | undefined | null {
  if (value === undefined || value === null) return undefined
  const reject = (detail: string): null => {
    badParameter(r, `Key Release Policy: ${detail} (Activity ID: ${activityId()})`)
    return null
  }
  if (!isRecord(value)) return reject('release_policy must be an object')
  if (value.immutable !== undefined && typeof value.immutable !== 'boolean')
    return reject("'immutable' must be a boolean")
  if (value.contentType !== undefined && typeof value.contentType !== 'string')
    return reject("'contentType' must be a string")
  if (typeof value.data !== 'string' || !value.data) return reject("missing 'data' property")
  const read = readReleasePolicy(value.data)
  if (!read.ok) return reject(read.detail)
  return {
    contentType: (value.contentType as string | undefined) ?? current?.contentType ?? DEFAULT_CONTENT_TYPE,
    immutable: (value.immutable as boolean | undefined) ?? false,
    data: read.data
  }
}

export const deletedConflict = (r: AreaRequest, name: string): void =>
  fail(
    r,
    409,
    'Conflict',
    `Key ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.`
  )

export const exportableChange = (r: AreaRequest): void =>
  badParameter(r, 'AKV.SKR.1003: The exportable attribute of an existing key cannot be changed.')

/** Attributes, tags and release policy of a new version (create or import), with the AKV.SKR rules. */
export interface NewVersionFields {
  ops: string[] | undefined
  tags: Record<string, string> | undefined
  attrs: ParsedAttributes
  policy: ReleasePolicyRecord | undefined
  exportable: boolean
}

export function parseNewVersionFields(
  r: AreaRequest,
  body: Record<string, unknown>,
  keyOps: unknown
): NewVersionFields | undefined {
  const ops = parseKeyOps(r, keyOps)
  if (ops === null) return undefined
  const tags = parseTags(r, body.tags)
  if (tags === null) return undefined
  const attrs = parseAttributes(r, body.attributes)
  if (!attrs) return undefined
  const policy = parseReleasePolicy(r, body.release_policy)
  if (policy === null) return undefined
  const exportable = attrs.exportable ?? false
  if (exportable && !policy) {
    badParameter(r, 'AKV.SKR.1004: Exportable keys must have release policy.')
    return undefined
  }
  if (!exportable && policy) {
    badParameter(r, 'AKV.SKR.1005: Non-exportable keys must not have release policy.')
    return undefined
  }
  return { ops, tags, attrs, policy, exportable }
}
