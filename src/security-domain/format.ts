/**
 * The security-domain (SD) file, version 2, as returned (as a JSON string) in the `value` of
 * POST /securitydomain/download, and a strict parser for it.
 *
 * Parser errors name the JSON path and what is wrong with it, never the value found there: SD
 * text and key material must not reach logs through an error message.
 */
import { SD_KDF_NAME } from './kdf.js'
import { SHAMIR_ALGORITHM, MAX_SHARE_X } from './shamir.js'

export const SD_VERSION = 2
/** The quorum limits the service and the Azure CLI enforce. */
export const MIN_REQUIRED = 2
export const MAX_REQUIRED = 10

export interface EncDataItem {
  /** Compact JWE, alg "dir", enc A256CBC-HS512, kid = tag. */
  compact_jwe: string
  tag: string
}

export interface EncData {
  data: EncDataItem[]
  kdf: typeof SD_KDF_NAME
}

export interface EncShare {
  /** Compact JWE, alg RSA-OAEP-256, of the 64-byte Shamir share. */
  enc_key: string
  /** b64url SHA-256 of the wrapping certificate's DER. */
  x5t_256: string
}

export interface SharedKeys {
  enc_shares: EncShare[]
  key_algorithm: typeof SHAMIR_ALGORITHM
  required: number
}

export interface SecurityDomainFile {
  EncData: EncData
  SharedKeys: SharedKeys
  version: typeof SD_VERSION
}

export class SecurityDomainFormatError extends Error {
  /** JSON path of the offending member, e.g. `SharedKeys.enc_shares[2].x5t_256`. */
  readonly path: string
  constructor(path: string, problem: string) {
    super(path ? `security domain: ${path} ${problem}` : `security domain: ${problem}`)
    this.name = 'SecurityDomainFormatError'
    this.path = path
  }
}

const B64URL_SHA256 = /^[A-Za-z0-9_-]{43}$/
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

function typeName(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new SecurityDomainFormatError(path, `must be an object, found ${typeName(v)}`)
  }
  return v as Record<string, unknown>
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new SecurityDomainFormatError(path, `must be an array, found ${typeName(v)}`)
  return v
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string')
    throw new SecurityDomainFormatError(path, `must be a string, found ${typeName(v)}`)
  if (v.length === 0) throw new SecurityDomainFormatError(path, 'must not be empty')
  return v
}

function exact(v: unknown, expected: string, path: string): void {
  // Only a short, printable token is echoed, so an unexpected member can never leak a blob.
  if (v !== expected) {
    const found = typeof v === 'string' && /^[\w.-]{1,32}$/.test(v) ? `"${v}"` : typeName(v)
    throw new SecurityDomainFormatError(path, `must be "${expected}", found ${found}`)
  }
}

/** Parses JSON text without letting the engine's error (which quotes the input) escape. */
export function parseJsonText(text: string, what = 'security domain'): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    const position = e instanceof Error ? /position (\d+)/.exec(e.message)?.[1] : undefined
    throw new SecurityDomainFormatError(
      '',
      `${what} is not valid JSON${position ? ` (at character ${position})` : ''}`
    )
  }
}

export function parseEncData(v: unknown, path = 'EncData'): EncData {
  const encData = obj(v, path)
  exact(encData.kdf, SD_KDF_NAME, `${path}.kdf`)
  const rawItems = arr(encData.data, `${path}.data`)
  if (rawItems.length === 0) throw new SecurityDomainFormatError(`${path}.data`, 'must not be empty')
  const tags = new Set<string>()
  const data = rawItems.map((raw, i) => {
    const p = `${path}.data[${i}]`
    const item = obj(raw, p)
    const tag = str(item.tag, `${p}.tag`)
    if (tags.has(tag)) throw new SecurityDomainFormatError(`${p}.tag`, 'repeats an earlier tag')
    tags.add(tag)
    const compact = str(item.compact_jwe, `${p}.compact_jwe`)
    if (!COMPACT_JWE.test(compact))
      throw new SecurityDomainFormatError(`${p}.compact_jwe`, 'is not a compact JWE')
    return { compact_jwe: compact, tag }
  })
  return { data, kdf: SD_KDF_NAME }
}

export function checkX5tS256(v: unknown, path: string): string {
  const t = str(v, path)
  if (!B64URL_SHA256.test(t)) throw new SecurityDomainFormatError(path, 'is not a b64url SHA-256 thumbprint')
  return t
}

/**
 * Strictly validates a parsed or textual SD and returns a clean copy holding only the known members
 * (unknown extra members are tolerated, as Azure may add some).
 */
export function parseSecurityDomain(input: string | unknown): SecurityDomainFile {
  const root = obj(typeof input === 'string' ? parseJsonText(input) : input, '')
  if (root.version !== SD_VERSION) {
    const found = typeof root.version === 'number' ? String(root.version) : typeName(root.version)
    throw new SecurityDomainFormatError('version', `must be ${SD_VERSION}, found ${found}`)
  }
  const encData = parseEncData(root.EncData)
  const shared = obj(root.SharedKeys, 'SharedKeys')
  exact(shared.key_algorithm, SHAMIR_ALGORITHM, 'SharedKeys.key_algorithm')
  const required = shared.required
  if (typeof required !== 'number' || !Number.isInteger(required)) {
    throw new SecurityDomainFormatError(
      'SharedKeys.required',
      `must be an integer, found ${typeName(required)}`
    )
  }
  if (required < MIN_REQUIRED || required > MAX_REQUIRED) {
    throw new SecurityDomainFormatError(
      'SharedKeys.required',
      `must be ${MIN_REQUIRED}..${MAX_REQUIRED}, found ${required}`
    )
  }
  const rawShares = arr(shared.enc_shares, 'SharedKeys.enc_shares')
  if (rawShares.length > MAX_SHARE_X) {
    throw new SecurityDomainFormatError('SharedKeys.enc_shares', `has more than ${MAX_SHARE_X} entries`)
  }
  if (rawShares.length < required) {
    throw new SecurityDomainFormatError(
      'SharedKeys.enc_shares',
      `has ${rawShares.length} entries, fewer than required (${required})`
    )
  }
  const encShares = rawShares.map((raw, i) => {
    const p = `SharedKeys.enc_shares[${i}]`
    const share = obj(raw, p)
    const encKey = str(share.enc_key, `${p}.enc_key`)
    if (!COMPACT_JWE.test(encKey)) throw new SecurityDomainFormatError(`${p}.enc_key`, 'is not a compact JWE')
    return { enc_key: encKey, x5t_256: checkX5tS256(share.x5t_256, `${p}.x5t_256`) }
  })
  return {
    EncData: encData,
    SharedKeys: { enc_shares: encShares, key_algorithm: SHAMIR_ALGORITHM, required },
    version: SD_VERSION
  }
}

/** The SD as Azure serializes it: compact JSON, members in the order EncData, SharedKeys, version. */
export function serializeSecurityDomain(sd: SecurityDomainFile): string {
  return JSON.stringify(parseSecurityDomain(sd))
}
