/**
 * Keys on the Managed HSM data plane (protocol notes §5): create (new version on an existing name),
 * get, update, list, versions, rotate, delete / deleted keys / recover / purge, backup / restore, and
 * release (release.ts). Key material is real (Node crypto) and stays in the data-plane store; only
 * public members are returned. Release policies are read as the service does (witness/release-policy).
 *
 * Key backups are bound to the security domain: the key record is encrypted (AES-256-GCM) under a
 * key derived (HKDF-SHA-256) from the HSM's security-domain master, so a backup restores only into
 * an HSM that holds the same security domain, as on the real service.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  hkdfSync,
  randomBytes,
  type KeyObject
} from 'node:crypto'
import { promisify } from 'node:util'
import { isRecord } from '../../http.js'
import { activityId, badParameter, collapse, fail, hsmOrigin, jsonBody, nowSeconds, reply } from './common.js'
import type { AreaRequest, DataPlaneArea } from './index.js'
import { ACTIONS, authorize } from './rbac.js'
import { releaseKey } from './release.js'
import { readReleasePolicy } from './witness/release-policy/read.js'
import {
  heldSecurityDomain,
  mhsmStore,
  type HsmData,
  type KeyAttributesRecord,
  type KeyRecord,
  type KeyVersionRecord,
  type ReleasePolicyRecord
} from './store.js'

const generateKeyPairAsync = promisify(generateKeyPair)

const KEY_NAME = /^[0-9a-zA-Z-]{1,127}$/
const VERSION = /^[0-9a-f]{32}$/i
const KEY_OPS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey', 'import', 'export']
const DEFAULT_OPS: Record<KeyVersionRecord['kty'], string[]> = {
  'RSA-HSM': ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'],
  'EC-HSM': ['sign', 'verify'],
  'oct-HSM': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']
}
const CURVES: Record<string, string> = {
  'P-256': 'prime256v1',
  'P-256K': 'secp256k1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1'
}
const DEFAULT_CONTENT_TYPE = 'application/json; charset=utf-8'
const DAY_MS = 24 * 3600 * 1000

// ---------------------------------------------------------------------------------------------
// Shapes

export function keyId(r: AreaRequest, name: string, version?: string): string {
  return `${hsmOrigin(r)}/keys/${name}${version ? `/${version}` : ''}`
}

function attributesJson(r: AreaRequest, a: KeyAttributesRecord): Record<string, unknown> {
  const p = r.hsm.properties
  return {
    enabled: a.enabled,
    ...(a.nbf !== undefined ? { nbf: a.nbf } : {}),
    ...(a.exp !== undefined ? { exp: a.exp } : {}),
    exportable: a.exportable,
    created: a.created,
    updated: a.updated,
    recoverableDays: p.softDeleteRetentionInDays,
    recoveryLevel: p.enablePurgeProtection ? 'CustomizedRecoverable' : 'CustomizedRecoverable+Purgeable'
  }
}

export function publicKeyJson(r: AreaRequest, key: KeyRecord, v: KeyVersionRecord): Record<string, unknown> {
  return { kid: keyId(r, key.name, v.version), kty: v.kty, key_ops: v.keyOps, ...v.publicJwk }
}

export function bundleJson(r: AreaRequest, key: KeyRecord, v: KeyVersionRecord): Record<string, unknown> {
  return {
    key: publicKeyJson(r, key, v),
    attributes: attributesJson(r, v.attributes),
    ...(Object.keys(v.tags).length ? { tags: v.tags } : {}),
    ...(v.releasePolicy ? { release_policy: v.releasePolicy } : {})
  }
}

export const releaseAttributesJson = attributesJson

function deletedBundleJson(
  r: AreaRequest,
  rec: { key: KeyRecord; deletedDate: number; scheduledPurgeDate: number }
): Record<string, unknown> {
  const latest = rec.key.versions[rec.key.versions.length - 1]
  return {
    recoveryId: `${hsmOrigin(r)}/deletedkeys/${rec.key.name}`,
    deletedDate: rec.deletedDate,
    scheduledPurgeDate: rec.scheduledPurgeDate,
    ...bundleJson(r, rec.key, latest)
  }
}

function itemJson(
  r: AreaRequest,
  key: KeyRecord,
  v: KeyVersionRecord,
  versioned: boolean
): Record<string, unknown> {
  return {
    kid: keyId(r, key.name, versioned ? v.version : undefined),
    attributes: attributesJson(r, v.attributes),
    ...(Object.keys(v.tags).length ? { tags: v.tags } : {})
  }
}

/** `{value, nextLink}` with `maxresults` (1..25, default 25) and a `$skiptoken`. */
function page(r: AreaRequest, items: Record<string, unknown>[]): void {
  const params = r.ex.url.searchParams
  const max = Math.min(25, Math.max(1, Number(params.get('maxresults') ?? '') || 25))
  const skip = Math.max(0, Number(params.get('$skiptoken') ?? '') || 0)
  const value = items.slice(skip, skip + max)
  let nextLink: string | null = null
  if (skip + max < items.length) {
    const next = new URL(`${hsmOrigin(r)}${collapse(r.ex.url.pathname)}`)
    next.searchParams.set('api-version', r.apiVersion)
    next.searchParams.set('$skiptoken', String(skip + max))
    next.searchParams.set('maxresults', String(max))
    nextLink = next.toString()
  }
  reply(r, 200, { value, nextLink })
}

// ---------------------------------------------------------------------------------------------
// Validation

const keyNotFound = (r: AreaRequest, name: string): void =>
  fail(
    r,
    404,
    'KeyNotFound',
    `A key with (name/id) ${name} was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`
  )

function findVersion(
  r: AreaRequest,
  data: HsmData,
  name: string,
  version?: string
): { key: KeyRecord; v: KeyVersionRecord } | undefined {
  const key = data.keys[name.toLowerCase()]
  const v =
    key &&
    (version
      ? key.versions.find(x => x.version.toLowerCase() === version.toLowerCase())
      : key.versions[key.versions.length - 1])
  if (!key || !v) {
    keyNotFound(r, version ? `${name}/${version}` : name)
    return undefined
  }
  return { key, v }
}

function parseKeyOps(r: AreaRequest, value: unknown): string[] | undefined | null {
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

function parseTags(r: AreaRequest, value: unknown): Record<string, string> | undefined | null {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value) || !Object.values(value).every(v => typeof v === 'string')) {
    badParameter(r, 'tags must be an object of string values.')
    return null
  }
  return value as Record<string, string>
}

interface ParsedAttributes {
  enabled?: boolean
  exportable?: boolean
  nbf?: number | null
  exp?: number | null
}

function parseAttributes(r: AreaRequest, value: unknown): ParsedAttributes | null {
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
function parseReleasePolicy(
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

const newVersion = (): string => randomBytes(16).toString('hex')

async function generateMaterial(
  kty: KeyVersionRecord['kty'],
  keySize: number | undefined,
  crv: string | undefined,
  publicExponent: number | undefined
): Promise<{ material: Buffer; publicJwk: Record<string, string> }> {
  if (kty === 'oct-HSM') return { material: randomBytes((keySize ?? 256) / 8), publicJwk: {} }
  const pair =
    kty === 'RSA-HSM'
      ? await generateKeyPairAsync('rsa', {
          modulusLength: keySize ?? 2048,
          publicExponent: publicExponent ?? 65537
        })
      : await generateKeyPairAsync('ec', { namedCurve: CURVES[crv ?? 'P-256'] })
  const priv: KeyObject = pair.privateKey
  const jwk = pair.publicKey.export({ format: 'jwk' })
  const publicJwk: Record<string, string> =
    kty === 'RSA-HSM'
      ? { n: String(jwk.n), e: String(jwk.e) }
      : { crv: crv ?? 'P-256', x: String(jwk.x), y: String(jwk.y) }
  return { material: priv.export({ format: 'der', type: 'pkcs8' }), publicJwk }
}

const deletedConflict = (r: AreaRequest, name: string): void =>
  fail(
    r,
    409,
    'Conflict',
    `Key ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.`
  )

const exportableChange = (r: AreaRequest): void =>
  badParameter(r, 'AKV.SKR.1003: The exportable attribute of an existing key cannot be changed.')

// ---------------------------------------------------------------------------------------------
// Operations

/** Attributes, tags and release policy of a new version (create or import), with the AKV.SKR rules. */
interface NewVersionFields {
  ops: string[] | undefined
  tags: Record<string, string> | undefined
  attrs: ParsedAttributes
  policy: ReleasePolicyRecord | undefined
  exportable: boolean
}

function parseNewVersionFields(
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

/** Time a key creation takes (the keyCreationSeconds setting), so that concurrent creations overlap. */
async function creationDelay(r: AreaRequest): Promise<void> {
  const ms = Math.max(0, r.ctx.settings.keyCreationSeconds ?? 0) * 1000
  if (ms > 0) await new Promise(resolve => setTimeout(resolve, ms))
}

/**
 * Adds a version to key `name` and answers with its bundle. Runs after every await of the request, and
 * reads the key record here, not before: two creations of one name that overlap must both add a version
 * (as on Azure), never replace each other's record.
 */
function addVersion(
  r: AreaRequest,
  name: string,
  version: Omit<KeyVersionRecord, 'version' | 'attributes'> & {
    attributes: Omit<KeyAttributesRecord, 'created' | 'updated'>
  },
  mustExist = false
): void {
  const store = mhsmStore(r.ctx)
  const data = store.hsm(r.hsm)
  const lower = name.toLowerCase()
  if (data.deletedKeys[lower]) return deletedConflict(r, data.deletedKeys[lower].key.name)
  const existing = data.keys[lower]
  if (!existing && mustExist) return keyNotFound(r, name)
  const latest = existing?.versions[existing.versions.length - 1]
  if (latest && latest.attributes.exportable !== version.attributes.exportable) return exportableChange(r)
  const now = nowSeconds()
  const full: KeyVersionRecord = {
    ...version,
    version: newVersion(),
    attributes: { ...version.attributes, created: now, updated: now }
  }
  const key = existing ?? { name, versions: [] }
  key.versions.push(full)
  data.keys[lower] = key
  store.save()
  reply(r, 200, bundleJson(r, key, full))
}

function newVersionRecord(
  kty: KeyVersionRecord['kty'],
  sizeOrCurve: { keySize?: number; crv?: string },
  fields: NewVersionFields,
  material: Buffer,
  publicJwk: Record<string, string>
): Parameters<typeof addVersion>[2] {
  const { ops, tags, attrs, policy, exportable } = fields
  return {
    kty,
    ...(sizeOrCurve.keySize !== undefined ? { keySize: sizeOrCurve.keySize } : {}),
    ...(sizeOrCurve.crv !== undefined ? { crv: sizeOrCurve.crv } : {}),
    keyOps: ops ?? DEFAULT_OPS[kty],
    publicJwk,
    material: material.toString('base64'),
    attributes: {
      enabled: attrs.enabled ?? true,
      exportable,
      ...(typeof attrs.nbf === 'number' ? { nbf: attrs.nbf } : {}),
      ...(typeof attrs.exp === 'number' ? { exp: attrs.exp } : {})
    },
    tags: tags ?? {},
    ...(policy ? { releasePolicy: policy } : {})
  }
}

const KTY_IN: Record<string, KeyVersionRecord['kty']> = {
  'RSA-HSM': 'RSA-HSM',
  RSA: 'RSA-HSM',
  'EC-HSM': 'EC-HSM',
  EC: 'EC-HSM',
  'oct-HSM': 'oct-HSM',
  oct: 'oct-HSM'
}

const RSA_SIZES = [2048, 3072, 4096]
const OCT_SIZES = [128, 192, 256]

async function createKey(r: AreaRequest, name: string): Promise<void> {
  if (!authorize(r, ACTIONS.keysCreate, '/keys')) return
  if (!KEY_NAME.test(name)) return badParameter(r, `The request URI contains an invalid name: ${name}`)
  const body = jsonBody(r)
  if (!body) return
  const ktyIn = body.kty
  const kty = Object.hasOwn(KTY_IN, String(ktyIn)) ? KTY_IN[String(ktyIn)] : undefined
  if (!kty)
    return badParameter(
      r,
      `Invalid key type '${String(ktyIn)}'. Managed HSM supports RSA-HSM, EC-HSM and oct-HSM.`
    )
  let keySize: number | undefined
  let crv: string | undefined
  if (body.key_size !== undefined && body.key_size !== null) {
    if (typeof body.key_size !== 'number') return badParameter(r, 'key_size must be a number.')
    keySize = body.key_size
  }
  if (kty === 'RSA-HSM') {
    keySize ??= 2048
    if (!RSA_SIZES.includes(keySize))
      return badParameter(r, `Invalid key size ${keySize} for RSA-HSM. Supported sizes: 2048, 3072, 4096.`)
  } else if (kty === 'oct-HSM') {
    keySize ??= 256
    if (!OCT_SIZES.includes(keySize))
      return badParameter(r, `Invalid key size ${keySize} for oct-HSM. Supported sizes: 128, 192, 256.`)
  } else {
    keySize = undefined
    crv = typeof body.crv === 'string' ? body.crv : 'P-256'
    if (!Object.hasOwn(CURVES, crv))
      return badParameter(r, `Invalid curve '${crv}'. Supported curves: ${Object.keys(CURVES).join(', ')}.`)
  }
  const publicExponent = typeof body.public_exponent === 'number' ? body.public_exponent : undefined
  const fields = parseNewVersionFields(r, body, body.key_ops)
  if (!fields) return

  await creationDelay(r)
  const { material, publicJwk } = await generateMaterial(kty, keySize, crv, publicExponent)
  addVersion(r, name, newVersionRecord(kty, { keySize, crv }, fields, material, publicJwk))
}

const JWK_B64 = /^[A-Za-z0-9_-]+={0,2}$/

/**
 * Import (`PUT /keys/{name}`): a JWK with its private members (`key`), plus the attributes, tags and
 * release policy a create takes, under the same rules. `kty` RSA/EC/oct (with or without -HSM) is stored
 * as the -HSM type, as the recorded live answer shows. BYOK (`key_hsm`, a key wrapped for the HSM) is not
 * emulated.
 */
async function importKey(r: AreaRequest, name: string): Promise<void> {
  if (!authorize(r, ACTIONS.keysImport, '/keys')) return
  if (!KEY_NAME.test(name)) return badParameter(r, `The request URI contains an invalid name: ${name}`)
  const body = jsonBody(r)
  if (!body) return
  const jwk = body.key
  if (!isRecord(jwk)) return badParameter(r, "The 'key' property (a JSON Web Key) is required.")
  if (jwk.key_hsm !== undefined)
    return fail(
      r,
      501,
      'NotImplemented',
      'Importing a key_hsm (BYOK) blob is not emulated; import a plain JWK.'
    )
  if (body.Hsm !== undefined && typeof body.Hsm !== 'boolean')
    return badParameter(r, 'Hsm must be a boolean.')
  const kty = Object.hasOwn(KTY_IN, String(jwk.kty)) ? KTY_IN[String(jwk.kty)] : undefined
  if (!kty)
    return badParameter(
      r,
      `Invalid key type '${String(jwk.kty)}'. Managed HSM supports RSA-HSM, EC-HSM and oct-HSM.`
    )
  const member = (k: string): string | undefined =>
    typeof jwk[k] === 'string' && JWK_B64.test(jwk[k] as string)
      ? (jwk[k] as string).replace(/=+$/, '')
      : undefined
  const required = {
    'RSA-HSM': ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
    'EC-HSM': ['crv', 'x', 'y', 'd'],
    'oct-HSM': ['k']
  }[kty]
  const missing = required.filter(k => (k === 'crv' ? typeof jwk.crv !== 'string' : !member(k)))
  if (missing.length)
    return badParameter(
      r,
      `The JSON Web Key for ${kty} needs the members ${required.join(', ')} (base64url); missing or invalid: ${missing.join(', ')}.`
    )
  const fields = parseNewVersionFields(r, body, jwk.key_ops)
  if (!fields) return

  let material: Buffer
  let publicJwk: Record<string, string>
  let sizeOrCurve: { keySize?: number; crv?: string }
  if (kty === 'oct-HSM') {
    material = Buffer.from(member('k') as string, 'base64url')
    const bits = material.length * 8
    if (!OCT_SIZES.includes(bits))
      return badParameter(r, `Invalid key size ${bits} for oct-HSM. Supported sizes: 128, 192, 256.`)
    publicJwk = {}
    sizeOrCurve = { keySize: bits }
  } else {
    const crv = kty === 'EC-HSM' ? String(jwk.crv) : undefined
    if (crv !== undefined && !Object.hasOwn(CURVES, crv))
      return badParameter(r, `Invalid curve '${crv}'. Supported curves: ${Object.keys(CURVES).join(', ')}.`)
    let priv: KeyObject
    try {
      const members = Object.fromEntries(required.filter(k => k !== 'crv').map(k => [k, member(k) as string]))
      priv = createPrivateKey({
        key:
          kty === 'RSA-HSM'
            ? { kty: 'RSA', ...members }
            : { kty: 'EC', crv: crv === 'P-256K' ? 'secp256k1' : crv, ...members },
        format: 'jwk'
      })
    } catch {
      return badParameter(r, `The JSON Web Key is not a valid ${kty} private key.`)
    }
    const pub = createPublicKey(priv).export({ format: 'jwk' })
    if (kty === 'RSA-HSM') {
      const bits = priv.asymmetricKeyDetails?.modulusLength ?? 0
      if (!RSA_SIZES.includes(bits))
        return badParameter(r, `Invalid key size ${bits} for RSA-HSM. Supported sizes: 2048, 3072, 4096.`)
      // The public members the service answers with are those of the private key, whatever was sent.
      publicJwk = { n: String(pub.n), e: String(pub.e) }
      sizeOrCurve = { keySize: bits }
    } else {
      if (String(pub.x) !== member('x') || String(pub.y) !== member('y'))
        return badParameter(r, 'The JSON Web Key is not a valid EC-HSM private key: x and y do not match d.')
      publicJwk = { crv: crv as string, x: String(pub.x), y: String(pub.y) }
      sizeOrCurve = { crv }
    }
    material = priv.export({ format: 'der', type: 'pkcs8' })
  }

  await creationDelay(r)
  addVersion(r, name, newVersionRecord(kty, sizeOrCurve, fields, material, publicJwk))
}

function updateKey(r: AreaRequest, data: HsmData, name: string, version?: string): void {
  if (!authorize(r, ACTIONS.keysWrite, `/keys/${name}`)) return
  const found = findVersion(r, data, name, version)
  if (!found) return
  const { key, v } = found
  const body = jsonBody(r)
  if (!body) return
  const attrs = parseAttributes(r, body.attributes)
  if (!attrs) return
  const ops = parseKeyOps(r, body.key_ops)
  if (ops === null) return
  const tags = parseTags(r, body.tags)
  if (tags === null) return
  if (attrs.exportable !== undefined && attrs.exportable !== v.attributes.exportable)
    return exportableChange(r)
  let policy: ReleasePolicyRecord | undefined
  if (body.release_policy !== undefined && body.release_policy !== null) {
    if (!v.attributes.exportable)
      return badParameter(r, 'AKV.SKR.1005: Non-exportable keys must not have release policy.')
    if (v.releasePolicy?.immutable)
      return badParameter(r, 'AKV.SKR.1020: Immutable Key Release Policy cannot be modified.')
    const parsed = parseReleasePolicy(r, body.release_policy, v.releasePolicy)
    if (parsed === null) return
    policy = parsed
  }
  const a = v.attributes
  if (attrs.enabled !== undefined) a.enabled = attrs.enabled
  if (attrs.nbf !== undefined) {
    if (attrs.nbf === null) delete a.nbf
    else a.nbf = attrs.nbf
  }
  if (attrs.exp !== undefined) {
    if (attrs.exp === null) delete a.exp
    else a.exp = attrs.exp
  }
  if (ops) v.keyOps = ops
  if (tags) v.tags = tags
  if (policy) v.releasePolicy = policy
  a.updated = nowSeconds()
  mhsmStore(r.ctx).save()
  reply(r, 200, bundleJson(r, key, v))
}

async function rotateKey(r: AreaRequest, data: HsmData, name: string): Promise<void> {
  if (!authorize(r, ACTIONS.keysRotate, `/keys/${name}`)) return
  const found = findVersion(r, data, name)
  if (!found) return
  const { v } = found
  await creationDelay(r)
  const { material, publicJwk } = await generateMaterial(v.kty, v.keySize, v.crv, undefined)
  addVersion(
    r,
    found.key.name,
    {
      ...v,
      publicJwk,
      material: material.toString('base64'),
      attributes: { enabled: true, exportable: v.attributes.exportable },
      tags: { ...v.tags }
    },
    true
  )
}

function sweepDeleted(r: AreaRequest, data: HsmData): void {
  let changed = false
  for (const [k, rec] of Object.entries(data.deletedKeys)) {
    if (rec.scheduledPurgeDate * 1000 <= Date.now()) {
      delete data.deletedKeys[k]
      changed = true
    }
  }
  if (changed) mhsmStore(r.ctx).save()
}

function deleteKey(r: AreaRequest, data: HsmData, name: string): void {
  if (!authorize(r, ACTIONS.keysDelete, `/keys/${name}`)) return
  const lower = name.toLowerCase()
  const key = data.keys[lower]
  if (!key) return keyNotFound(r, name)
  const now = Date.now()
  const rec = {
    key,
    deletedDate: Math.floor(now / 1000),
    scheduledPurgeDate: Math.floor((now + r.hsm.properties.softDeleteRetentionInDays * DAY_MS) / 1000)
  }
  delete data.keys[lower]
  data.deletedKeys[lower] = rec
  mhsmStore(r.ctx).save()
  reply(r, 200, deletedBundleJson(r, rec))
}

function deletedKeys(r: AreaRequest, data: HsmData, segs: string[]): void {
  const method = r.ex.method
  const [, name, action] = segs
  if (name === undefined) {
    if (method !== 'GET') return fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
    if (!authorize(r, ACTIONS.deletedRead, '/keys')) return
    return page(
      r,
      Object.values(data.deletedKeys).map(rec => ({
        ...itemJson(r, rec.key, rec.key.versions[rec.key.versions.length - 1], false),
        recoveryId: `${hsmOrigin(r)}/deletedkeys/${rec.key.name}`,
        deletedDate: rec.deletedDate,
        scheduledPurgeDate: rec.scheduledPurgeDate
      }))
    )
  }
  const lower = name.toLowerCase()
  const rec = data.deletedKeys[lower]
  const missing = (): void => fail(r, 404, 'KeyNotFound', `Deleted Key not found: ${name}`)
  if (action === 'recover' && method === 'POST') {
    if (!authorize(r, ACTIONS.deletedRecover, `/keys/${name}`)) return
    if (!rec) return missing()
    delete data.deletedKeys[lower]
    data.keys[lower] = rec.key
    mhsmStore(r.ctx).save()
    return reply(r, 200, bundleJson(r, rec.key, rec.key.versions[rec.key.versions.length - 1]))
  }
  if (action !== undefined)
    return fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' was not found.`)
  if (method === 'GET') {
    if (!authorize(r, ACTIONS.deletedRead, `/keys/${name}`)) return
    return rec ? reply(r, 200, deletedBundleJson(r, rec)) : missing()
  }
  if (method === 'DELETE') {
    if (!authorize(r, ACTIONS.deletedPurge, `/keys/${name}`)) return
    if (!rec) return missing()
    if (r.hsm.properties.enablePurgeProtection) {
      return fail(
        r,
        403,
        'Forbidden',
        `Operation "purge" is not allowed because purge protection is enabled for this managed HSM. The key will be purged automatically after the retention period has passed.`
      )
    }
    delete data.deletedKeys[lower]
    mhsmStore(r.ctx).save()
    return reply(r, 204)
  }
  fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
}

// ---------------------------------------------------------------------------------------------
// Backup / restore, bound to the security domain

const BACKUP_SCHEMA = 'mhsm-emulator-key-backup/1'

function backupKeys(master: Buffer, salt: Buffer): { enc: Buffer; fingerprint: string } {
  const enc = Buffer.from(hkdfSync('sha256', master, salt, 'managed-hsm key backup', 32))
  const fingerprint = createHmac('sha256', master)
    .update('security-domain fingerprint')
    .digest('base64url')
    .slice(0, 22)
  return { enc, fingerprint }
}

function backupKey(r: AreaRequest, data: HsmData, name: string): void {
  if (!authorize(r, ACTIONS.keysBackup, `/keys/${name}`)) return
  const key = data.keys[name.toLowerCase()]
  if (!key) return keyNotFound(r, name)
  const store = mhsmStore(r.ctx)
  const sd = heldSecurityDomain(store, data)
  store.save()
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const { enc, fingerprint } = backupKeys(Buffer.from(sd.master, 'base64'), salt)
  const cipher = createCipheriv('aes-256-gcm', enc, iv)
  const ct = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()])
  const blob = {
    schema: BACKUP_SCHEMA,
    sd: fingerprint,
    salt: salt.toString('base64url'),
    iv: iv.toString('base64url'),
    ct: ct.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url')
  }
  reply(r, 200, { value: Buffer.from(JSON.stringify(blob), 'utf8').toString('base64url') })
}

function restoreKey(r: AreaRequest, data: HsmData): void {
  if (!authorize(r, ACTIONS.keysRestore, '/keys')) return
  const body = jsonBody(r)
  if (!body) return
  const invalid = (): void =>
    badParameter(
      r,
      'Backup blob contains invalid data. The blob is corrupted or was not produced by a key backup.'
    )
  if (typeof body.value !== 'string' || !body.value)
    return badParameter(r, "The 'value' property (the backup blob) is required.")
  let blob: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body.value, 'base64url').toString('utf8'))
    if (!isRecord(parsed) || parsed.schema !== BACKUP_SCHEMA) return invalid()
    blob = parsed
  } catch {
    return invalid()
  }
  const store = mhsmStore(r.ctx)
  const sd = heldSecurityDomain(store, data)
  store.save()
  const { enc, fingerprint } = backupKeys(
    Buffer.from(sd.master, 'base64'),
    Buffer.from(String(blob.salt), 'base64url')
  )
  if (blob.sd !== fingerprint) {
    // Chosen text: the service's message for a backup from another security domain is not documented.
    return badParameter(
      r,
      `The backup blob was created in a managed HSM with a different security domain and cannot be restored into '${r.hsm.name}'. Restore it into an HSM that holds the same security domain. (Activity ID: ${activityId()})`
    )
  }
  let key: KeyRecord
  try {
    const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(String(blob.iv), 'base64url'))
    decipher.setAuthTag(Buffer.from(String(blob.tag), 'base64url'))
    const plain = Buffer.concat([
      decipher.update(Buffer.from(String(blob.ct), 'base64url')),
      decipher.final()
    ])
    key = JSON.parse(plain.toString('utf8')) as KeyRecord
  } catch {
    return invalid()
  }
  const lower = key.name.toLowerCase()
  if (data.keys[lower] || data.deletedKeys[lower]) {
    return fail(
      r,
      409,
      'Conflict',
      `There was a conflict restoring the key '${keyId(r, key.name)}'. This can happen if either: a second key with the same name was created after the first key was deleted; thus trying to restore a key whose name is already in use. To fix this, rename the second key to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the key. To avoid this error, perform operations against the key in a sequential manner.`
    )
  }
  data.keys[lower] = key
  store.save()
  reply(r, 200, bundleJson(r, key, key.versions[key.versions.length - 1]))
}

// ---------------------------------------------------------------------------------------------

export const keysArea: DataPlaneArea = {
  name: 'keys',
  matches: path => /^\/(keys|deletedkeys)(\/|$)/i.test(collapse(path)),
  allowedBeforeActivation: false,
  async handle(r) {
    const data = mhsmStore(r.ctx).hsm(r.hsm)
    sweepDeleted(r, data)
    const path = collapse(r.ex.url.pathname)
    const trailing = path.length > 1 && path.endsWith('/')
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent)
    const method = r.ex.method
    if (segs[0].toLowerCase() === 'deletedkeys') return deletedKeys(r, data, segs)
    const [, name, third, fourth] = segs
    const notAllowed = (): void =>
      fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed on '${path}'.`)

    if (name === undefined) {
      if (method !== 'GET') return notAllowed()
      if (!authorize(r, ACTIONS.keysRead, '/keys')) return
      return page(
        r,
        Object.values(data.keys).map(k => itemJson(r, k, k.versions[k.versions.length - 1], false))
      )
    }
    if (segs.length === 2 && name.toLowerCase() === 'restore' && method === 'POST') return restoreKey(r, data)
    if (segs.length === 2) {
      // /keys/{name} and /keys/{name}/ (the SDKs' versionless form)
      if (method === 'GET') {
        if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
        const found = findVersion(r, data, name)
        return found ? reply(r, 200, bundleJson(r, found.key, found.v)) : undefined
      }
      if (method === 'PATCH') return updateKey(r, data, name)
      if (method === 'PUT' && !trailing) return importKey(r, name)
      if (method === 'DELETE' && !trailing) return deleteKey(r, data, name)
      return notAllowed()
    }
    const op = third.toLowerCase()
    if (segs.length === 3) {
      if (op === 'create') return method === 'POST' ? createKey(r, name) : notAllowed()
      if (op === 'backup') return method === 'POST' ? backupKey(r, data, name) : notAllowed()
      if (op === 'rotate') return method === 'POST' ? rotateKey(r, data, name) : notAllowed()
      if (op === 'release') return method === 'POST' ? releaseKey(r, data, name) : notAllowed()
      if (op === 'versions') {
        if (method !== 'GET') return notAllowed()
        if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
        const key = data.keys[name.toLowerCase()]
        if (!key) return keyNotFound(r, name)
        return page(
          r,
          key.versions.map(v => itemJson(r, key, v, true))
        )
      }
      if (!VERSION.test(third)) return keyNotFound(r, `${name}/${third}`)
      if (method === 'GET') {
        if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
        const found = findVersion(r, data, name, third)
        return found ? reply(r, 200, bundleJson(r, found.key, found.v)) : undefined
      }
      if (method === 'PATCH') return updateKey(r, data, name, third)
      return notAllowed()
    }
    if (segs.length === 4 && fourth.toLowerCase() === 'release') {
      return method === 'POST' ? releaseKey(r, data, name, third) : notAllowed()
    }
    if (
      segs.length === 4 &&
      ['encrypt', 'decrypt', 'wrapkey', 'unwrapkey', 'sign', 'verify'].includes(fourth.toLowerCase())
    ) {
      return fail(
        r,
        501,
        'NotImplemented',
        `The '${fourth}' operation is not emulated; use the released key or the public key locally.`
      )
    }
    fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' was not found.`)
  }
}
