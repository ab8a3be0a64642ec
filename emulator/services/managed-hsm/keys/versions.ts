/**
 * Key writes that add or change a version: create, import, rotate and update. Key material is real
 * (Node crypto) and stays in the data-plane store; only public members are returned.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { rsaKeyPair } from '../../../core/key-pool.js'
import { isRecord } from '../../../core/http.js'
import { badParameter, fail, jsonBody, nowSeconds, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import { authorize } from '../rbac/authorize.js'
import { ACTIONS } from '../rbac/roles.js'
import {
  mhsmStore,
  type HsmData,
  type KeyAttributesRecord,
  type KeyVersionRecord,
  type ReleasePolicyRecord
} from '../store.js'
import {
  CURVES,
  DEFAULT_OPS,
  deletedConflict,
  exportableChange,
  KEY_NAME,
  KTY_IN,
  OCT_SIZES,
  parseAttributes,
  parseKeyOps,
  parseNewVersionFields,
  parseReleasePolicy,
  parseTags,
  RSA_SIZES,
  type NewVersionFields
} from './fields.js'
import { bundleJson, findVersion, keyNotFound } from './wire.js'

const generateKeyPairAsync = promisify(generateKeyPair)

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
      ? await rsaKeyPair(keySize ?? 2048, publicExponent ?? 65537)
      : await generateKeyPairAsync('ec', { namedCurve: CURVES[crv ?? 'P-256'] })
  const priv: KeyObject = pair.privateKey
  const jwk = pair.publicKey.export({ format: 'jwk' })
  const publicJwk: Record<string, string> =
    kty === 'RSA-HSM'
      ? { n: String(jwk.n), e: String(jwk.e) }
      : { crv: crv ?? 'P-256', x: String(jwk.x), y: String(jwk.y) }
  return { material: priv.export({ format: 'der', type: 'pkcs8' }), publicJwk }
}

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

/** Create and import alike: the caller may, the key name is valid, the body a JSON object (else answered). */
function newKeyBody(r: AreaRequest, action: string, name: string): Record<string, unknown> | undefined {
  if (!authorize(r, action, '/keys')) return undefined
  if (!KEY_NAME.test(name)) {
    badParameter(r, `The request URI contains an invalid name: ${name}`)
    return undefined
  }
  return jsonBody(r)
}

export async function createKey(r: AreaRequest, name: string): Promise<void> {
  const body = newKeyBody(r, ACTIONS.keysCreate, name)
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
export async function importKey(r: AreaRequest, name: string): Promise<void> {
  const body = newKeyBody(r, ACTIONS.keysImport, name)
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
  addVersion(r, name, { ...newVersionRecord(kty, sizeOrCurve, fields, material, publicJwk), imported: true })
}

export function updateKey(r: AreaRequest, data: HsmData, name: string, version?: string): void {
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

export async function rotateKey(r: AreaRequest, data: HsmData, name: string): Promise<void> {
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
