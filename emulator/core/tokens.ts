/** RS256 JWTs: signing keys (persisted), signing, decoding, signature checks and JWKS entries. */
import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { certDer, loadOrCreateKeyPair, selfSignedCertPem, sha1Thumbprint } from './ca.js'
import { isRecord } from './http.js'
import { writeFileAtomic } from './state.js'

export interface SigningKey {
  kid: string
  x5t: string
  certDer: Buffer
  privateKey: KeyObject
  publicKey: KeyObject
}

export type KidStyle = 'thumbprint' | 'uuid'

/**
 * Loads `<stateDir>/keys/<name>.pem` (+ its self-signed cert), creating both on first start, so
 * tokens issued before a restart still verify after it. Entra's `kid` is the base64url SHA-1
 * thumbprint; GitHub's looks like a UUID.
 */
export async function loadOrCreateSigningKey(
  stateDir: string,
  name: string,
  commonName: string,
  kidStyle: KidStyle
): Promise<SigningKey> {
  const dir = join(stateDir, 'keys')
  mkdirSync(dir, { recursive: true })
  const pair = await loadOrCreateKeyPair(join(dir, `${name}.pem`))
  const certPath = join(dir, `${name}.crt.pem`)
  if (!existsSync(certPath)) writeFileAtomic(certPath, selfSignedCertPem(pair, commonName))
  const der = certDer(readFileSync(certPath, 'utf8'))
  const thumb = sha1Thumbprint(der)
  const x5t = thumb.toString('base64url')
  const hex = thumb.toString('hex')
  const kid =
    kidStyle === 'thumbprint'
      ? x5t
      : `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
  const privateKey = createPrivateKey(pair.privateKeyPem)
  return { kid, x5t, certDer: der, privateKey, publicKey: createPublicKey(privateKey) }
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url')

export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: key.x5t, kid: key.kid }
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKey)
  return `${input}.${b64url(signature)}`
}

export interface DecodedJwt {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  signingInput: string
  signature: Buffer
}

/** Splits and parses a compact JWS; `undefined` when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some(p => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'))
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    if (!isRecord(header) || !isRecord(payload)) return undefined
    return {
      header,
      payload,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], 'base64url')
    }
  } catch {
    return undefined
  }
}

export function findKey(jwt: DecodedJwt, keys: SigningKey[]): SigningKey | undefined {
  return keys.find(
    k => k.kid === jwt.header.kid || (jwt.header.kid === undefined && k.x5t === jwt.header.x5t)
  )
}

export function verifySignature(jwt: DecodedJwt, key: SigningKey): boolean {
  if (jwt.header.alg !== 'RS256') return false
  return createVerify('RSA-SHA256').update(jwt.signingInput).verify(key.publicKey, jwt.signature)
}

/** The public half of a signing key as a JWKS entry. */
export function publicJwk(key: SigningKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' })
  return {
    kty: 'RSA',
    use: 'sig',
    kid: key.kid,
    x5t: key.x5t,
    n: jwk.n,
    e: jwk.e,
    x5c: [key.certDer.toString('base64')],
    ...extra
  }
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

export type TokenCheck =
  | { ok: true; claims: Record<string, unknown> }
  | {
      ok: false
      reason: 'missing' | 'malformed' | 'signature' | 'expired' | 'audience' | 'issuer'
      claims?: Record<string, unknown>
    }

/**
 * Verifies an Entra access token from an `Authorization` header: signature against the emulated
 * Entra key, then issuer (tenant), audience and lifetime, in that order.
 */
export function checkBearer(
  authorization: string | undefined,
  entraKey: SigningKey,
  tenantId: string,
  audiences: string[],
  /** The clock skew allowed past `exp` and before `nbf` (Azure's services allow about five minutes). */
  skewSeconds = 300
): TokenCheck {
  if (!authorization || !/^bearer\s+/i.test(authorization)) return { ok: false, reason: 'missing' }
  const jwt = decodeJwt(authorization.replace(/^bearer\s+/i, '').trim())
  if (!jwt) return { ok: false, reason: 'malformed' }
  const claims = jwt.payload
  if (!verifySignature(jwt, entraKey)) return { ok: false, reason: 'signature', claims }
  if (claims.iss !== `https://sts.windows.net/${tenantId}/` || claims.tid !== tenantId)
    return { ok: false, reason: 'issuer', claims }
  if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud))
    return { ok: false, reason: 'audience', claims }
  const exp = typeof claims.exp === 'number' ? claims.exp : 0
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : 0
  const now = nowSeconds()
  if (exp + skewSeconds <= now || nbf - skewSeconds > now) return { ok: false, reason: 'expired', claims }
  return { ok: true, claims }
}
