/**
 * Microsoft Entra ID at login.microsoftonline.com: instance discovery, OpenID metadata, JWKS and
 * the v2.0 token endpoint for client credentials with a federated (GitHub OIDC) client assertion.
 * Error codes and texts are Entra's, including the AADSTS700211/700212/700213/7002138 family.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { EmulatorContext, Exchange, Service } from '../context.js'
import { dotnetTime, headerValue, isRecord, JSON_TYPE, sendJson } from '../http.js'
import { DEFAULT_IDS, type AppRegistration } from '../state.js'
import { decodeJwt, findKey, nowSeconds, publicJwk, signJwt, verifySignature } from '../tokens.js'
import { GITHUB_ISSUER } from './github-oidc.js'

export const LOGIN_HOST = 'login.microsoftonline.com'
const AUTHORITY = `https://${LOGIN_HOST}`
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

function entraHeaders(ex: Exchange, traceId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    p3p: 'CP="DSP CUR OTPi IND OTRi ONL FIN"',
    'x-ms-request-id': traceId,
    'x-ms-ests-server': '2.1.20118.4 - WEULR1 ProdSlices'
  }
  const clientRequestId =
    headerValue(ex.req, 'client-request-id') ?? ex.url.searchParams.get('client-request-id')
  if (clientRequestId) headers['client-request-id'] = clientRequestId
  return headers
}

/** Entra's OAuth error body: `AADSTS<code>: <text> Trace ID: … Correlation ID: … Timestamp: …`. */
function entraError(
  ex: Exchange,
  status: number,
  error: string,
  code: number,
  text: string,
  extraHeaders: Record<string, string> = {}
): void {
  const traceId = randomUUID()
  const correlationId =
    headerValue(ex.req, 'client-request-id') ?? ex.url.searchParams.get('client-request-id') ?? randomUUID()
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
  sendJson(
    ex.res,
    status,
    {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${AUTHORITY}/error?code=${code}`
    },
    { ...entraHeaders(ex, traceId), ...extraHeaders }
  )
}

/** What Entra answers when it is throttling or failing (e.g. AADSTS90033 with 503 temporarily_unavailable). */
const OUTAGE_ERRORS: Record<number, [string, number, string]> = {
  429: ['temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'],
  500: ['server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.'],
  503: ['temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.']
}

function knownTenant(segment: string): boolean {
  const t = segment.toLowerCase()
  return t === DEFAULT_IDS.tenantId || t === DEFAULT_IDS.tenantDomain
}

function instanceDiscovery(ex: Exchange): void {
  const authorize =
    ex.url.searchParams.get('authorization_endpoint') ?? `${AUTHORITY}/common/oauth2/v2.0/authorize`
  const tenant = /^https:\/\/[^/]+\/([^/]+)\//.exec(authorize)?.[1] ?? 'common'
  sendJson(ex.res, 200, {
    tenant_discovery_endpoint: `${AUTHORITY}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [
      {
        preferred_network: 'login.microsoftonline.com',
        preferred_cache: 'login.windows.net',
        aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net']
      },
      {
        preferred_network: 'login.partner.microsoftonline.cn',
        preferred_cache: 'login.partner.microsoftonline.cn',
        aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn']
      },
      {
        preferred_network: 'login.microsoftonline.de',
        preferred_cache: 'login.microsoftonline.de',
        aliases: ['login.microsoftonline.de']
      },
      {
        preferred_network: 'login.microsoftonline.us',
        preferred_cache: 'login.microsoftonline.us',
        aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net']
      },
      {
        preferred_network: 'login-us.microsoftonline.com',
        preferred_cache: 'login-us.microsoftonline.com',
        aliases: ['login-us.microsoftonline.com']
      }
    ]
  })
}

function openidConfiguration(ex: Exchange, tenantSegment: string): void {
  const generic = ['common', 'organizations', 'consumers'].includes(tenantSegment.toLowerCase())
  if (!generic && !knownTenant(tenantSegment)) {
    return entraError(ex, 400, 'invalid_tenant', 90002, tenantNotFound(tenantSegment))
  }
  const t = generic ? tenantSegment.toLowerCase() : DEFAULT_IDS.tenantId
  const issuerTenant = generic ? '{tenantid}' : DEFAULT_IDS.tenantId
  sendJson(ex.res, 200, {
    token_endpoint: `${AUTHORITY}/${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${AUTHORITY}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${AUTHORITY}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${AUTHORITY}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${AUTHORITY}/${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${AUTHORITY}/${t}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email'
    ],
    kerberos_endpoint: `${AUTHORITY}/${t}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net'
  })
}

function keys(ex: Exchange, ctx: EmulatorContext): void {
  const jwk = publicJwk(ctx.keys.entra, {
    cloud_instance_name: 'microsoftonline.com',
    issuer: `${AUTHORITY}/${DEFAULT_IDS.tenantId}/v2.0`
  })
  sendJson(ex.res, 200, { keys: [jwk] }, { 'cache-control': 'max-age=86400, private' })
}

const tenantNotFound = (t: string): string =>
  `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. ` +
  'Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.'

const ficMismatch = (what: string, value: string, extra = ''): string =>
  `No matching federated identity record found for presented assertion ${what} '${value}'.${extra} ` +
  `Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${FIC_DOCS}`

function tokenRequest(ex: Exchange, ctx: EmulatorContext): void {
  ex.tokenRequest = true
  const form = new URLSearchParams(ex.body.toString('utf8'))
  const grantType = form.get('grant_type')
  if (!grantType) {
    return entraError(
      ex,
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'grant_type'."
    )
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
    return entraError(
      ex,
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'."
    )
  }
  const scope = form.get('scope')
  if (!scope) {
    return entraError(
      ex,
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'scope'."
    )
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

export const entraService: Service = {
  name: 'entra',
  // An injected fault answers like Entra: OAuth error, AADSTS code, trace and correlation ids, x-ms-request-id.
  faultResponse(ex, status, code, message, headers) {
    const [error, aadsts, text] = OUTAGE_ERRORS[status] ?? OUTAGE_ERRORS[status < 500 ? 429 : 503]
    entraError(ex, status, code ?? error, aadsts, message ?? text, headers)
  },
  handle(ex, ctx) {
    const segs = ex.url.pathname.split('/').filter(Boolean)
    const lower = segs.map(s => s.toLowerCase())
    const path = lower.slice(1).join('/')
    if (ex.method === 'GET' && lower.join('/') === 'common/discovery/instance') return instanceDiscovery(ex)
    if (
      ex.method === 'GET' &&
      (path === 'v2.0/.well-known/openid-configuration' || path === '.well-known/openid-configuration')
    )
      return openidConfiguration(ex, segs[0])
    if (ex.method === 'GET' && (path === 'discovery/v2.0/keys' || path === 'discovery/keys')) {
      if (lower[0] !== 'common' && !knownTenant(segs[0])) {
        return entraError(ex, 400, 'invalid_tenant', 90002, tenantNotFound(segs[0]))
      }
      return keys(ex, ctx)
    }
    if (path === 'oauth2/v2.0/token') {
      if (ex.method !== 'POST') {
        return entraError(
          ex,
          400,
          'invalid_request',
          900561,
          'The endpoint only accepts POST requests. Received a GET request.'
        )
      }
      if (!knownTenant(segs[0])) {
        ex.tokenRequest = true
        return entraError(ex, 400, 'invalid_request', 90002, tenantNotFound(segs[0]))
      }
      return tokenRequest(ex, ctx)
    }
    sendJson(ex.res, 404, { error: 'not_found' }, { 'content-type': JSON_TYPE })
  }
}
