/**
 * The v2.0 token endpoint: client credentials with a federated (GitHub OIDC) client assertion, checked
 * against the app's federated identity credentials (the AADSTS700211/700212/700213/7002138 family), and
 * the access token it issues.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { EmulatorContext, Exchange } from '../../core/context.js'
import { dotnetTime, isRecord, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import type { AppRegistration } from './apps.js'
import { decodeJwt, findKey, nowSeconds, signJwt, verifySignature } from '../../core/tokens.js'
import { GITHUB_ISSUER } from '../github-oidc/index.js'
import { entraError, entraHeaders } from './errors.js'

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const FIC_DOCS = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation'

/** Resources (application ID URIs) this tenant can issue tokens for. */
const KNOWN_RESOURCES = [
  'https://management.azure.com',
  'https://management.core.windows.net',
  'https://managedhsm.azure.net',
  'https://vault.azure.net',
  'https://storage.azure.com',
  'https://graph.microsoft.com'
]

const ficMismatch = (what: string, value: string, extra = ''): string =>
  `No matching federated identity record found for presented assertion ${what} '${value}'.${extra} ` +
  `Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${FIC_DOCS}`

/** AADSTS900144: a required form parameter is missing (`what` as Entra names it, quotes included). */
const missingParameter = (ex: Exchange, what: string): void =>
  entraError(
    ex,
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: ${what}.`
  )

export function tokenRequest(ex: Exchange, ctx: EmulatorContext): void {
  ex.tokenRequest = true
  const form = new URLSearchParams(ex.body.toString('utf8'))
  const grantType = form.get('grant_type')
  if (!grantType) {
    return missingParameter(ex, "'grant_type'")
  }
  if (grantType !== 'client_credentials') {
    return entraError(
      ex,
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'.`
    )
  }
  const clientId = form.get('client_id')
  if (!clientId) {
    return missingParameter(ex, "'client_id'")
  }
  const scope = form.get('scope')
  if (!scope) {
    return missingParameter(ex, "'scope'")
  }
  const app: AppRegistration | undefined = ctx.state.data.apps[clientId.toLowerCase()]
  if (!app) {
    return entraError(
      ex,
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${DEFAULT_IDS.tenantDisplayName}'. ` +
        'This can happen if the application has not been installed by the administrator of the tenant or consented to ' +
        'by any user in the tenant. You may have sent your authentication request to the wrong tenant.'
    )
  }
  if (app.servicePrincipal === false) {
    return entraError(
      ex,
      400,
      'unauthorized_client',
      7000229,
      `The client application ${app.clientId} is missing service principal in the tenant ${DEFAULT_IDS.tenantId}.`
    )
  }
  const assertion = form.get('client_assertion')
  if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) {
    return entraError(
      ex,
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
    )
  }
  const jwt = decodeJwt(assertion)
  if (!jwt) return entraError(ex, 400, 'invalid_request', 50027, 'JWT token is invalid or malformed.')
  const { iss, sub } = jwt.payload
  const auds = (Array.isArray(jwt.payload.aud) ? jwt.payload.aud : [jwt.payload.aud]).map(String)
  const fics = app.federatedCredentials
  if (fics.length === 0) {
    return entraError(
      ex,
      401,
      'invalid_client',
      70025,
      `The client '${app.clientId}'(${app.displayName}) has no configured federated identity credentials.`
    )
  }
  // Matching is exact and case-sensitive (Entra breaking change, August 2024).
  const byIssuer = fics.filter(f => f.issuer === iss)
  if (byIssuer.length === 0)
    return entraError(ex, 401, 'invalid_client', 700211, ficMismatch('issuer', String(iss)))
  const bySubject = byIssuer.filter(f => f.subject === sub)
  if (bySubject.length === 0) {
    if (byIssuer.some(f => f.subject.toLowerCase() === String(sub).toLowerCase())) {
      const extra =
        ' The subject matches with case-insensitive comparison, but not with case-sensitive comparison.'
      return entraError(ex, 401, 'invalid_client', 7002138, ficMismatch('subject', String(sub), extra))
    }
    return entraError(ex, 401, 'invalid_client', 700213, ficMismatch('subject', String(sub)))
  }
  if (!bySubject.some(f => f.audiences.some(a => auds.includes(a)))) {
    return entraError(ex, 401, 'invalid_client', 700212, ficMismatch('audience', auds.join(',')))
  }
  // Only the GitHub issuer's keys are known; anything else cannot have matched a credential above
  // unless a test registered a foreign issuer, which then fails on its unknown key.
  const issuerKeys = iss === GITHUB_ISSUER ? [ctx.keys.github] : []
  const key = findKey(jwt, issuerKeys)
  if (!key) {
    const thumb =
      typeof jwt.header.x5t === 'string' ? Buffer.from(jwt.header.x5t, 'base64url').toString('hex') : ''
    return entraError(
      ex,
      401,
      'invalid_client',
      7000272,
      `The certificate with identifier ${thumb.toUpperCase() || String(jwt.header.kid)} used to sign the federated ` +
        `credential could not be found in the metadata of identity provider ${String(iss)}. Please validate that your ` +
        "Identity Provider's metadata exposes the key used to sign the incoming token."
    )
  }
  if (!verifySignature(jwt, key)) {
    return entraError(
      ex,
      401,
      'invalid_client',
      50013,
      'Assertion failed signature validation. [Reason - The provided signature value did not match the expected ' +
        `signature value., Thumbprint of key used by client: '${Buffer.from(key.x5t, 'base64url').toString('hex').toUpperCase()}']`
    )
  }
  const now = nowSeconds()
  const exp = typeof jwt.payload.exp === 'number' ? jwt.payload.exp : 0
  const nbf = typeof jwt.payload.nbf === 'number' ? jwt.payload.nbf : 0
  if (now >= exp || now < nbf) {
    return entraError(
      ex,
      401,
      'invalid_client',
      700024,
      `Client assertion is not within its valid time range. Current time: ${dotnetTime(Date.now())}, assertion valid ` +
        `from ${dotnetTime(nbf * 1000)}, expiry time of assertion ${dotnetTime(exp * 1000)}. Review the documentation ` +
        'at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .'
    )
  }
  const resourceScopes = scope
    .split(/\s+/)
    .filter(s => s && !['openid', 'profile', 'offline_access', 'email'].includes(s))
  const first = resourceScopes[0] ?? ''
  if (resourceScopes.length !== 1 || !first.endsWith('/.default')) {
    return entraError(
      ex,
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with ` +
        '/.default suffixed to the resource identifier (application ID URI).'
    )
  }
  const resource = first.slice(0, -'/.default'.length)
  const bare = resource.replace(/\/+$/, '')
  // Storage also takes an account's own endpoint as the resource (aud https://{account}.blob.core.windows.net).
  if (!KNOWN_RESOURCES.includes(bare) && !/^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net$/.test(bare)) {
    return entraError(
      ex,
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${DEFAULT_IDS.tenantDisplayName}. ` +
        'This can happen if the application has not been installed by the administrator of the tenant or consented to ' +
        'by any user in the tenant. You might have sent your authentication request to the wrong tenant.'
    )
  }
  issueAccessToken(ex, ctx, app, resource, wantsCae(form.get('claims')))
}

/** `claims={"access_token":{"xms_cc":{"values":["cp1"]}}}` marks a CAE-capable client. */
function wantsCae(claims: string | null): boolean {
  if (!claims) return false
  try {
    const parsed: unknown = JSON.parse(claims)
    const at = isRecord(parsed) ? parsed.access_token : undefined
    const cc = isRecord(at) ? at.xms_cc : undefined
    return isRecord(cc) && Array.isArray(cc.values) && cc.values.includes('cp1')
  } catch {
    return false
  }
}

function issueAccessToken(
  ex: Exchange,
  ctx: EmulatorContext,
  app: AppRegistration,
  aud: string,
  cae: boolean
): void {
  const tid = DEFAULT_IDS.tenantId
  const iat = nowSeconds()
  const lifetime = ctx.settings.accessTokenLifetimeSeconds
  const claims: Record<string, unknown> = {
    aud,
    iss: `https://sts.windows.net/${tid}/`,
    iat,
    nbf: Math.min(iat, iat + lifetime - 60),
    exp: iat + lifetime,
    aio: randomBytes(48).toString('base64'),
    appid: app.clientId,
    appidacr: '2',
    azp: app.clientId,
    idp: `https://sts.windows.net/${tid}/`,
    idtyp: 'app',
    oid: app.principalId,
    rh: `1.${randomBytes(40).toString('base64url')}.`,
    sub: app.principalId,
    tid,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
    xms_idrel: '7 12',
    xms_tcdt: 1600000000
  }
  if (cae) claims.xms_cc = ['cp1']
  ex.callerOid = app.principalId
  const traceId = randomUUID()
  sendJson(
    ex.res,
    200,
    {
      token_type: 'Bearer',
      expires_in: Math.max(0, lifetime),
      ext_expires_in: Math.max(0, lifetime),
      access_token: signJwt(claims, ctx.keys.entra)
    },
    entraHeaders(ex, traceId)
  )
}
