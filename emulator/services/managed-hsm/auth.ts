/**
 * Managed HSM data-plane authentication. A request without a token gets the challenge that
 * `keyVaultAuthenticationPolicy` parses (protocol notes §2.5, §6.1); an invalid token gets the
 * same challenge plus a Key Vault style error body (the exact texts are unverified for MHSM).
 */
import type { Exchange } from '../../core/context.js'
import { JSON_TYPE, send, sendJson } from '../../core/http.js'
import { mhsmHeaders } from './headers.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { checkBearer, type SigningKey } from '../../core/tokens.js'

export const MHSM_RESOURCE = 'https://managedhsm.azure.net'
/** The challenge of an HSM in `tenantId` (its `properties.tenantId`: tokens from any other tenant are refused). */
export const challengeFor = (tenantId: string): string =>
  `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${MHSM_RESOURCE}"`

export interface Caller {
  oid: string
  appid: string
  claims: Record<string, unknown>
}

/**
 * Returns the verified caller, or answers 401 and returns undefined. `tenantId`: the HSM's; a token of
 * another tenant gets the challenge naming the HSM's, which is how a client learns it.
 */
export function authenticate(
  ex: Exchange,
  entraKey: SigningKey,
  region: string,
  tenantId: string = DEFAULT_IDS.tenantId,
  skewSeconds?: number
): Caller | undefined {
  const check = checkBearer(
    ex.req.headers.authorization,
    entraKey,
    tenantId,
    [MHSM_RESOURCE, `${MHSM_RESOURCE}/`],
    skewSeconds
  )
  if (check.ok) {
    const oid = String(check.claims.oid ?? '')
    ex.callerOid = oid
    return { oid, appid: String(check.claims.appid ?? ''), claims: check.claims }
  }
  const headers = { ...mhsmHeaders(ex.req, region), 'www-authenticate': challengeFor(tenantId) }
  if (check.reason === 'missing') {
    // Real recordings: empty body for POST, the two bytes "OK" for GET, both typed as JSON.
    send(ex.res, 401, ex.method === 'GET' ? 'OK' : undefined, { ...headers, 'content-type': JSON_TYPE })
    return undefined
  }
  const messages: Record<string, string> = {
    malformed: 'AKV10000: Request is missing a Bearer or PoP token.',
    signature: 'AKV10021: Token signature validation failed.',
    issuer: `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${tenantId}/, found: ${String(check.claims?.iss)}.`,
    audience: `AKV10022: Invalid audience. Expected ${MHSM_RESOURCE}, found: ${String(check.claims?.aud)}.`,
    expired: 'AKV10032: Token expired.'
  }
  sendJson(ex.res, 401, { error: { code: 'Unauthorized', message: messages[check.reason] } }, headers)
  return undefined
}
