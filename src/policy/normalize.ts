/**
 * Normalising a policy the way the service does, and the `release_policy.data` encoding.
 *
 * Observed service behaviour (azure-cli recording test_keyvault_hsm_key_release_policy.yaml, api 7.3, Managed
 * HSM): the request carried base64 of `json.dumps` output (spaces, insertion order); the response `data` was
 * base64url without padding of compact JSON with object keys sorted alphabetically; array order and the
 * authority string were kept as sent. Asked with api-version 7.0 the same key came back as a plain object in
 * the 0.2 form. Key Vault (not HSM) samples return keys in insertion order, so never compare bytes.
 */

import { isPlainObject, sortKeysDeep, sortedJson } from './json.js'
import { upgradeLegacyPolicy } from './legacy.js'
import { lintPolicy } from './lint.js'
import { PolicyParseError, parseJsonOrThrow } from './parse.js'
import type { ReleasePolicy } from './types.js'

/** base64url without padding of the UTF-8 JSON (compact, keys in the order given). */
export function encodePolicyData(policy: unknown): string {
  return Buffer.from(JSON.stringify(policy), 'utf8').toString('base64url')
}

/**
 * The policy JSON text inside `data`. Accepts base64url or standard base64, with or without padding: the service
 * returns base64url, while clients (the Python CLI among them) send standard base64.
 */
export function decodePolicyDataText(data: string): string {
  const compact = data.replace(/\s+/g, '')
  if (
    compact === '' ||
    !/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) ||
    compact.replace(/=+$/, '').length % 4 === 1
  ) {
    throw new PolicyParseError('release policy data', [
      { path: '$', rule: 'data-encoding', message: 'release_policy.data is not base64url (or base64) text' }
    ])
  }
  // Node's base64 decoder reads both alphabets
  const bytes = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  const text = bytes.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    throw new PolicyParseError('release policy data', [
      { path: '$', rule: 'data-encoding', message: 'release_policy.data does not decode to UTF-8 text' }
    ])
  }
  return text
}

/** The policy JSON value inside `data` (not checked; may be in the 0.2 form). */
export function decodePolicyData(data: string): unknown {
  return parseJsonOrThrow(decodePolicyDataText(data), 'release policy data').value
}

/**
 * Any way a policy can reach us, as a raw 1.0.0-form JSON value: a policy object (either version), JSON text,
 * `data` text, an envelope `{contentType, data, immutable}` (REST) or `{encodedPolicy, immutable}` (JS SDK), or
 * the encoded bytes. Legacy 0.2 conditions are converted; nothing is validated.
 */
export function toPolicyValue(input: unknown): unknown {
  let raw: unknown = input
  if (typeof input === 'string') {
    const t = input.trim()
    raw = t.startsWith('{') ? parseJsonOrThrow(t, 'release policy').value : decodePolicyData(t)
  } else if (input instanceof Uint8Array) {
    raw = parseJsonOrThrow(Buffer.from(input).toString('utf8'), 'release policy').value
  } else if (isPlainObject(input) && !('anyOf' in input) && !('version' in input)) {
    if (typeof input.data === 'string') raw = decodePolicyData(input.data)
    else if (input.encodedPolicy instanceof Uint8Array) raw = toPolicyValue(input.encodedPolicy)
  }
  return upgradeLegacyPolicy(raw).value
}

/**
 * The policy as the service would hold it: 1.0.0 form, keys sorted, arrays in the given order. Throws
 * PolicyParseError when the policy has lint errors (normalising an invalid policy has no meaning).
 */
export function normalizePolicy(input: unknown): ReleasePolicy {
  const value = toPolicyValue(input)
  const { errors } = lintPolicy(value)
  if (errors.length > 0) throw new PolicyParseError('release policy', errors)
  return sortKeysDeep(value) as ReleasePolicy
}

/** Compact JSON with sorted keys: the text Managed HSM returns inside `data` for this policy. */
export function toServiceJson(policy: unknown): string {
  return sortedJson(toPolicyValue(policy))
}
