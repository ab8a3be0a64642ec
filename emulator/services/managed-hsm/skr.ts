/**
 * Secure Key Release wire format: how a released key travels inside the HSM's signed answer, and
 * the helper a test (or the confidential VM it plays) uses to get the key back out.
 *
 * Release answer: `{"value":"<JWS>"}`; JWS header `{alg:"RS256", kid, x5t, "x5t#S256", typ:"JWT",
 * x5c:[leaf, intermediate, root]}`; payload `{request:{...}, response:{key:{key:{kid, kty, key_ops,
 * n, e | crv, x, y, key_hsm}, attributes, tags, release_policy}}}`.
 *
 * `key_hsm` = b64url of `{"schema_version":"1.0","header":{"kid":"TpmEphemeralEncryptionKey",
 * "alg":"dir","enc":"CKM_RSA_AES_KEY_WRAP"},"ciphertext":"<b64url>"}` where ciphertext is PKCS#11
 * CKM_RSA_AES_KEY_WRAP: RSA-OAEP (to the target's public key) of a fresh AES-256 key, followed by
 * AES key wrap with padding (RFC 5649, `id-aes256-wrap-pad`) of the key material under that AES key.
 * OAEP uses SHA-1 (MGF1-SHA-1), PKCS#11's default for this mechanism; `RSA_AES_KEY_WRAP_256`/`_384`
 * use SHA-256/SHA-384. Material: PKCS#8 DER for RSA and EC keys, the raw bytes for oct keys.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createVerify,
  randomBytes,
  privateDecrypt,
  publicEncrypt,
  X509Certificate,
  type JsonWebKey,
  type KeyObject
} from 'node:crypto'

export type ReleaseEnc = 'CKM_RSA_AES_KEY_WRAP' | 'RSA_AES_KEY_WRAP_256' | 'RSA_AES_KEY_WRAP_384'

export const RELEASE_ENCS: readonly ReleaseEnc[] = [
  'CKM_RSA_AES_KEY_WRAP',
  'RSA_AES_KEY_WRAP_256',
  'RSA_AES_KEY_WRAP_384'
]

const OAEP_HASH: Record<ReleaseEnc, string> = {
  CKM_RSA_AES_KEY_WRAP: 'sha1',
  RSA_AES_KEY_WRAP_256: 'sha256',
  RSA_AES_KEY_WRAP_384: 'sha384'
}

/** RFC 5649 alternative initial value (the 32-bit prefix; Node appends the length). */
const KWP_IV = Buffer.from('A65959A6', 'hex')

/** CKM_RSA_AES_KEY_WRAP: OAEP(ephemeral AES-256 key) ‖ AES-KWP(material). */
export function rsaAesKeyWrap(
  material: Buffer,
  wrappingKey: KeyObject,
  enc: ReleaseEnc = 'CKM_RSA_AES_KEY_WRAP'
): Buffer {
  const aesKey = randomBytes(32)
  const head = publicEncrypt(
    { key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[enc] },
    aesKey
  )
  const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, KWP_IV)
  return Buffer.concat([head, cipher.update(material), cipher.final()])
}

export function rsaAesKeyUnwrap(
  ciphertext: Buffer,
  privateKey: KeyObject,
  enc: ReleaseEnc = 'CKM_RSA_AES_KEY_WRAP'
): Buffer {
  const modulusBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8)
  if (!modulusBytes || ciphertext.length <= modulusBytes)
    throw new Error('ciphertext is too short for this RSA key')
  const aesKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[enc] },
    ciphertext.subarray(0, modulusBytes)
  )
  const decipher = createDecipheriv('id-aes256-wrap-pad', aesKey, KWP_IV)
  return Buffer.concat([decipher.update(ciphertext.subarray(modulusBytes)), decipher.final()])
}

/** The `key_hsm` member: key material wrapped to the attested VM's ephemeral RSA key. */
export function buildKeyHsm(
  material: Buffer,
  target: JsonWebKey,
  enc: ReleaseEnc = 'CKM_RSA_AES_KEY_WRAP'
): string {
  const wrappingKey = createPublicKey({ key: { kty: 'RSA', n: target.n, e: target.e }, format: 'jwk' })
  const blob = {
    schema_version: '1.0',
    header: {
      kid: typeof target.kid === 'string' ? target.kid : 'TpmEphemeralEncryptionKey',
      alg: 'dir',
      enc
    },
    ciphertext: rsaAesKeyWrap(material, wrappingKey, enc).toString('base64url')
  }
  return Buffer.from(JSON.stringify(blob)).toString('base64url')
}

export interface UnwrappedRelease {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** The released key's JWK as in the payload (kid, kty, key_ops, public members, key_hsm). */
  jwk: Record<string, unknown>
  /** The unwrapped material: PKCS#8 DER (RSA/EC) or raw bytes (oct). */
  material: Buffer
  /** For RSA and EC keys: the private key. */
  privateKey?: KeyObject
  /** The JWS signature verifies with the first x5c certificate. */
  signatureValid: boolean
}

/**
 * Opens a release answer's JWS (the `value`, or the whole `{"value": ...}` JSON): checks its
 * signature against x5c[0] and unwraps `key_hsm` with the VM's runtime private key.
 */
export function unwrapReleasedKey(jws: string, runtimePrivateKey: KeyObject | string): UnwrappedRelease {
  let compact = jws.trim()
  if (compact.startsWith('{')) compact = String((JSON.parse(compact) as { value?: unknown }).value ?? '')
  const parts = compact.split('.')
  if (parts.length !== 3) throw new Error('the release value is not a compact JWS')
  const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>
  const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>
  let signatureValid = false
  const x5c = header.x5c
  if (Array.isArray(x5c) && typeof x5c[0] === 'string') {
    const cert = new X509Certificate(Buffer.from(x5c[0], 'base64'))
    signatureValid = createVerify('RSA-SHA256')
      .update(`${parts[0]}.${parts[1]}`)
      .verify(cert.publicKey, Buffer.from(parts[2], 'base64url'))
  }
  const response = payload.response as { key?: { key?: Record<string, unknown> } } | undefined
  const jwk = response?.key?.key
  if (!jwk || typeof jwk.key_hsm !== 'string')
    throw new Error('the release payload has no response.key.key.key_hsm')
  const blob = JSON.parse(Buffer.from(jwk.key_hsm, 'base64url').toString('utf8')) as {
    header?: { enc?: string }
    ciphertext?: string
  }
  if (typeof blob.ciphertext !== 'string') throw new Error('key_hsm has no ciphertext')
  const enc = (blob.header?.enc ?? 'CKM_RSA_AES_KEY_WRAP') as ReleaseEnc
  if (!RELEASE_ENCS.includes(enc)) throw new Error(`unsupported key_hsm enc ${enc}`)
  const key = typeof runtimePrivateKey === 'string' ? createPrivateKey(runtimePrivateKey) : runtimePrivateKey
  const material = rsaAesKeyUnwrap(Buffer.from(blob.ciphertext, 'base64url'), key, enc)
  const kty = String(jwk.kty ?? '')
  const privateKey = kty.startsWith('oct')
    ? undefined
    : createPrivateKey({ key: material, format: 'der', type: 'pkcs8' })
  return { header, payload, jwk, material, privateKey, signatureValid }
}
