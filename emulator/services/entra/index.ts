/**
 * Microsoft Entra ID at login.microsoftonline.com: instance discovery, OpenID metadata, JWKS and
 * the v2.0 token endpoint for client credentials with a federated (GitHub OIDC) client assertion.
 * Error codes and texts are Entra's, including the AADSTS700211/700212/700213/7002138 family.
 *
 * This file is the route table; errors.ts shapes Entra's answers, metadata.ts the discovery documents,
 * token.ts the token endpoint.
 */
import { exactHost, JSON_TYPE, sendJson } from '../../core/http.js'
import { numberSetting, type Service, type ServiceModule } from '../../core/context.js'
import { loadOrCreateSigningKey, type SigningKey } from '../../core/tokens.js'
import { defaultPrincipalId, seedApps } from './apps.js'
import { handleAppsControl } from './control.js'
import { entraError, knownTenant, LOGIN_HOST, OUTAGE_ERRORS, tenantNotFound } from './errors.js'
import { instanceDiscovery, keys, openidConfiguration } from './metadata.js'
import { tokenRequest } from './token.js'

export { LOGIN_HOST } from './errors.js'

declare module '../../core/context.js' {
  interface SigningKeys {
    /** Signs Entra's access tokens; every Azure service verifies them with it. */
    entra: SigningKey
  }
  interface Settings {
    accessTokenLifetimeSeconds: number
    /**
     * The clock skew every service allows past an access token's exp (300: Azure's services allow about five
     * minutes); 0 lets a test make a token unusable exactly when it expires.
     */
    accessTokenSkewSeconds: number
  }
  interface EmulatorInfo {
    /** The default app's service principal (object id). */
    principalId: string
  }
}

const loadKey = (stateDir: string): Promise<SigningKey> =>
  loadOrCreateSigningKey(stateDir, 'entra', 'accounts.accesscontrol.windows.net', 'thumbprint')

export const entraService: Service = {
  name: 'entra',
  tokenRequest: ex => ex.url.pathname.endsWith('/token'),
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

export const entraModule: ServiceModule = {
  name: 'entra',
  routes: [{ match: exactHost(LOGIN_HOST), service: entraService }],
  seed: seedApps,
  settings: { accessTokenLifetimeSeconds: numberSetting, accessTokenSkewSeconds: numberSetting },
  prepare: async stateDir => void (await loadKey(stateDir)),
  async open(ctx) {
    ctx.keys.entra = await loadKey(ctx.stateDir)
  },
  info: ctx => ({ principalId: defaultPrincipalId(ctx.state) }),
  publicState: ctx => ({ apps: Object.values(ctx.state.data.apps) }),
  control: handleAppsControl
}
