/**
 * Microsoft Azure Attestation (MAA) shared providers at `shared{abbr}.{abbr}.attest.azure.net`:
 * OpenID metadata and the signing keys (`/certs`) as MAA publishes them, the ARM default-provider
 * lookup, and the emulator's token minting (POST /_emulator/attestation/tokens), which plays a
 * confidential VM's guest attestation. Each provider signs with its own RSA key (persisted under
 * `<stateDir>/keys/attestation-{abbr}.pem`), so a token only verifies against its own issuer.
 */
import {
  createHash,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomUUID,
  type KeyObject
} from 'node:crypto'
import type { ControlRequest, EmulatorContext, Service, ServiceModule } from '../../core/context.js'
import { azureError, isRecord, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { decodeJwt, loadOrCreateSigningKey, nowSeconds, type SigningKey } from '../../core/tokens.js'
import { fail, reply, type ArmProvider } from '../arm/common.js'

/** Region → abbreviation of its shared provider. weu/neu/eus/wus are confirmed; the rest follow the pattern. */
export const REGION_ABBREVIATIONS: Record<string, string> = {
  westeurope: 'weu',
  northeurope: 'neu',
  eastus: 'eus',
  westus: 'wus',
  eastus2: 'eus2',
  westus2: 'wus2',
  westus3: 'wus3',
  centralus: 'cus',
  northcentralus: 'ncus',
  southcentralus: 'scus',
  westcentralus: 'wcus',
  uksouth: 'uks',
  ukwest: 'ukw',
  canadacentral: 'cac',
  canadaeast: 'cae',
  japaneast: 'jpe',
  japanwest: 'jpw',
  eastasia: 'eas',
  southeastasia: 'sasia',
  centralindia: 'cin',
  southindia: 'sin',
  australiaeast: 'eau',
  australiasoutheast: 'sau',
  switzerlandnorth: 'chn',
  germanywestcentral: 'dewc',
  francecentral: 'frc',
  swedencentral: 'sec',
  norwayeast: 'noe',
  koreacentral: 'krc',
  brazilsouth: 'brs',
  uaenorth: 'uaen'
}

export const MAA_HOST = /^shared([a-z0-9]+)\.([a-z0-9]+)\.attest\.azure\.net$/i
export const MAA_TOKEN_LIFETIME_SECONDS = 8 * 3600

/** Any region has a provider: unknown regions use their own name as the abbreviation. */
export function abbreviationOf(location: string): string {
  const loc = location.replace(/\s+/g, '').toLowerCase()
  return REGION_ABBREVIATIONS[loc] ?? loc
}

export const authorityFor = (abbr: string): string => `https://shared${abbr}.${abbr}.attest.azure.net`

export function isMaaHost(host: string): boolean {
  const m = MAA_HOST.exec(host)
  return !!m && m[1].toLowerCase() === m[2].toLowerCase()
}

/** The abbreviation of an issuer URL (`https://sharedweu.weu.attest.azure.net[/]`), if it is an MAA provider. */
export function issuerAbbreviation(issuer: string): string | undefined {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.port || (url.pathname !== '/' && url.pathname !== '')) return undefined
  if (!isMaaHost(url.hostname)) return undefined
  return MAA_HOST.exec(url.hostname)?.[1].toLowerCase()
}

const keys = new Map<string, Promise<SigningKey>>()

/** The provider's signing key; MAA's `kid` is base64 of a SHA-256 thumbprint. */
export function attestationKey(stateDir: string, abbr: string): Promise<SigningKey> {
  const id = `${stateDir}\n${abbr}`
  let p = keys.get(id)
  if (!p) {
    p = loadOrCreateSigningKey(
      stateDir,
      `attestation-${abbr}`,
      `shared${abbr}.${abbr}.attest.azure.net`,
      'thumbprint'
    ).then(k => ({ ...k, kid: createHash('sha256').update(k.certDer).digest('base64') }))
    keys.set(id, p)
    p.catch(() => keys.delete(id))
  }
  return p
}

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url')

function signMaaJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject
): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`
  return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(key))}`
}

export interface MintOptions {
  claims: Record<string, unknown>
  issuer?: string
  lifetimeSeconds?: number
  /** Sign with a key the provider does not publish (a forged token). */
  untrusted?: boolean
}

/** Mints an MAA-style token: RS256, `jku`/`kid` header, the claims plus iss/iat/nbf/exp (now-based). */
export async function mintAttestationToken(
  ctx: EmulatorContext,
  o: MintOptions
): Promise<{ token: string; issuer: string }> {
  const issuer = (o.issuer ?? authorityFor(abbreviationOf(DEFAULT_IDS.location))).replace(/\/+$/, '')
  const abbr = issuerAbbreviation(issuer)
  if (!abbr)
    throw new Error(
      `issuer '${issuer}' is not an attestation provider (https://shared{abbr}.{abbr}.attest.azure.net)`
    )
  const key = await attestationKey(ctx.stateDir, abbr)
  const now = nowSeconds()
  const lifetime = o.lifetimeSeconds ?? MAA_TOKEN_LIFETIME_SECONDS
  const claims = {
    ...o.claims,
    iss: issuer,
    iat: lifetime < 0 ? now + lifetime - 60 : now,
    nbf: lifetime < 0 ? now + lifetime - 60 : now,
    exp: now + lifetime,
    jti:
      typeof o.claims.jti === 'string'
        ? o.claims.jti
        : createHash('sha256').update(randomUUID()).digest('hex')
  }
  const header = { alg: 'RS256', jku: `${issuer}/certs`, kid: key.kid, typ: 'JWT' }
  const signer = o.untrusted ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : key.privateKey
  return { token: signMaaJwt(header, claims, signer), issuer }
}

export type AttestationCheck =
  { ok: true; claims: Record<string, unknown>; issuer: string } | { ok: false; reason: string }

/** What a relying party (the HSM) checks: shape, issuer is an MAA provider, its key, signature, lifetime. */
export async function verifyAttestationToken(
  ctx: EmulatorContext,
  token: unknown
): Promise<AttestationCheck> {
  if (typeof token !== 'string' || !token) return { ok: false, reason: 'no attestation token' }
  const jwt = decodeJwt(token)
  if (!jwt) return { ok: false, reason: 'the attestation token is not a JWT' }
  if (jwt.header.alg !== 'RS256') return { ok: false, reason: `unsupported alg ${String(jwt.header.alg)}` }
  const iss = jwt.payload.iss
  const abbr = typeof iss === 'string' ? issuerAbbreviation(iss) : undefined
  if (!abbr || typeof iss !== 'string')
    return { ok: false, reason: `issuer ${String(iss)} is not an attestation provider` }
  const issuer = iss.replace(/\/+$/, '')
  if (jwt.header.jku !== undefined && String(jwt.header.jku).replace(/\/+$/, '') !== `${issuer}/certs`)
    return { ok: false, reason: 'jku does not belong to the issuer' }
  const key = await attestationKey(ctx.stateDir, abbr)
  if (jwt.header.kid !== key.kid) return { ok: false, reason: 'unknown signing key (kid)' }
  if (!createVerify('RSA-SHA256').update(jwt.signingInput).verify(key.publicKey, jwt.signature))
    return { ok: false, reason: 'signature verification failed' }
  const now = nowSeconds()
  const exp = jwt.payload.exp
  const nbf = jwt.payload.nbf
  if (typeof exp !== 'number' || exp + 60 <= now)
    return { ok: false, reason: 'the attestation token has expired' }
  if (typeof nbf === 'number' && nbf - 60 > now)
    return { ok: false, reason: 'the attestation token is not yet valid' }
  return { ok: true, claims: jwt.payload, issuer }
}

/** GET /subscriptions/{sub}/providers/Microsoft.Attestation/Locations/{location}/defaultProvider. */
function defaultProviderJson(location: string): Record<string, unknown> {
  const loc = location.replace(/\s+/g, '').toLowerCase()
  const abbr = abbreviationOf(loc)
  return {
    id: `/providers/Microsoft.Attestation/attestationProviders/shared${abbr}`,
    name: `shared${abbr}`,
    type: 'Microsoft.Attestation/attestationProviders',
    location: loc,
    properties: { trustModel: 'AAD', status: 'Ready', attestUri: authorityFor(abbr) }
  }
}

/** ARM: the shared provider of a location (Microsoft.Attestation/Locations/{location}/defaultProvider). */
export const attestationArm: ArmProvider = r => {
  const { lower, segs, ex } = r
  if (
    lower.length !== 7 ||
    lower[2] !== 'providers' ||
    lower[3] !== 'microsoft.attestation' ||
    lower[4] !== 'locations' ||
    lower[6] !== 'defaultprovider'
  )
    return false
  if (ex.method !== 'GET')
    fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported for this path.`)
  else reply(r, 200, defaultProviderJson(segs[5]))
  return true
}

export const attestationService: Service = {
  name: 'attestation',
  async handle(ex, ctx) {
    const m = MAA_HOST.exec(ex.host)
    const abbr = m?.[1].toLowerCase() ?? ''
    const base = authorityFor(abbr)
    const headers = { 'x-ms-request-id': randomUUID(), 'x-ms-maa-service-version': '1.11.03053.0001' }
    const path = ex.url.pathname.replace(/\/+$/, '')
    if (ex.method === 'GET' && path === '/.well-known/openid-configuration') {
      return sendJson(
        ex.res,
        200,
        {
          jwks_uri: `${base}/certs`,
          issuer: base,
          response_types_supported: ['token', 'none'],
          id_token_signing_alg_values_supported: ['RS256'],
          revocation_endpoint: `${base}/revoke`,
          claims_supported: [
            'cnf',
            'nonce',
            'x-ms-ver',
            'x-ms-attestation-type',
            'x-ms-policy-hash',
            'x-ms-runtime'
          ]
        },
        headers
      )
    }
    if (ex.method === 'GET' && path === '/certs') {
      const key = await attestationKey(ctx.stateDir, abbr)
      return sendJson(
        ex.res,
        200,
        { keys: [{ x5c: [key.certDer.toString('base64')], kid: key.kid, kty: 'RSA' }] },
        headers
      )
    }
    sendJson(
      ex.res,
      404,
      azureError('NotFound', `The path '${ex.url.pathname}' is not served by this provider.`),
      headers
    )
  }
}

/** Control API: POST /_emulator/attestation/tokens {"claims", "issuer"?, "lifetimeSeconds"?, "untrusted"?}. */
async function handleAttestationControl({ ctx, method, path, body, res }: ControlRequest): Promise<boolean> {
  if (path !== '/_emulator/attestation/tokens') return false
  if (method !== 'POST') {
    sendJson(res, 405, { error: 'use POST' })
    return true
  }
  const b = isRecord(body) ? body : {}
  if (b.claims !== undefined && !isRecord(b.claims)) {
    sendJson(res, 400, { error: 'claims must be a JSON object' })
    return true
  }
  if (b.issuer !== undefined && typeof b.issuer !== 'string') {
    sendJson(res, 400, { error: 'issuer must be a string' })
    return true
  }
  if (
    b.lifetimeSeconds !== undefined &&
    (typeof b.lifetimeSeconds !== 'number' || !Number.isFinite(b.lifetimeSeconds))
  ) {
    sendJson(res, 400, { error: 'lifetimeSeconds must be a number' })
    return true
  }
  try {
    const out = await mintAttestationToken(ctx, {
      claims: (b.claims as Record<string, unknown> | undefined) ?? {},
      issuer: b.issuer as string | undefined,
      lifetimeSeconds: b.lifetimeSeconds as number | undefined,
      untrusted: b.untrusted === true
    })
    sendJson(res, 201, out)
  } catch (e) {
    sendJson(res, 400, { error: (e as Error).message })
  }
  return true
}

export const attestationModule: ServiceModule = {
  name: 'attestation',
  // Microsoft Azure Attestation shared providers: shared{abbr}.{abbr}.attest.azure.net
  routes: [{ match: isMaaHost, service: attestationService }],
  control: handleAttestationControl
}
