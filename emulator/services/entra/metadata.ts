/**
 * Entra's discovery documents: instance discovery, the OpenID configuration of a tenant, and the
 * JWKS of its token-signing key.
 */
import type { EmulatorContext, Exchange } from '../../core/context.js'
import { sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { publicJwk } from '../../core/tokens.js'
import { AUTHORITY, entraError, knownTenant, tenantNotFound } from './errors.js'

export function instanceDiscovery(ex: Exchange): void {
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

export function openidConfiguration(ex: Exchange, tenantSegment: string): void {
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

export function keys(ex: Exchange, ctx: EmulatorContext): void {
  const jwk = publicJwk(ctx.keys.entra, {
    cloud_instance_name: 'microsoftonline.com',
    issuer: `${AUTHORITY}/${DEFAULT_IDS.tenantId}/v2.0`
  })
  sendJson(ex.res, 200, { keys: [jwk] }, { 'cache-control': 'max-age=86400, private' })
}
