/**
 * A Key Vault data-plane request: the vault's response headers, its error body, the bearer check with
 * the vault challenge, and the RBAC check (writers do everything, readers get values and metadata).
 */
import { randomUUID } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import type { EmulatorContext, Exchange } from '../../core/context.js'
import { headerValue, send, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { checkBearer } from '../../core/tokens.js'
import { mayAccess } from '../escrow-stores/access-list.js'
import { dataGranted } from '../arm/authorization.js'
import type { VaultRecord } from './store.js'

export const VAULT_RESOURCE = 'https://vault.azure.net'
/** Key Vault's challenge (protocol notes §6.1): login.windows.net, unlike Managed HSM's. */
export const vaultChallenge = (tenantId: string): string =>
  `Bearer authorization="https://login.windows.net/${tenantId}", resource="${VAULT_RESOURCE}"`
const SERVICE_VERSION = '1.9.2510.1'

type Action = 'getSecret' | 'setSecret' | 'readMetadata' | 'update' | 'delete' | 'purge' | 'recover'

const ACTIONS: Record<Action, string> = {
  getSecret: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  setSecret: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  readMetadata: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
  update: 'Microsoft.KeyVault/vaults/secrets/update/action',
  delete: 'Microsoft.KeyVault/vaults/secrets/delete',
  purge: 'Microsoft.KeyVault/vaults/secrets/purge/action',
  recover: 'Microsoft.KeyVault/vaults/secrets/recover/action'
}
const READER_ACTIONS: Action[] = ['getSecret', 'readMetadata']

export interface Caller {
  oid: string
  appid: string
}

export interface KvRequest {
  ex: Exchange
  ctx: EmulatorContext
  vault: VaultRecord
  caller: Caller
  apiVersion: string
  headers: OutgoingHttpHeaders
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** Response headers of the vault data plane (azure-sdk-for-js recordings of vault.azure.net). */
export function kvHeaders(ex: Exchange, region: string): OutgoingHttpHeaders {
  const remote = ex.req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1'
  const headers: OutgoingHttpHeaders = {
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-ms-keyvault-region': region,
    'x-ms-request-id': randomUUID(),
    'x-ms-keyvault-service-version': SERVICE_VERSION,
    'x-ms-keyvault-network-info': `conn_type=Ipv4;addr=${remote};act_addr_fam=InterNetwork;`,
    'strict-transport-security': 'max-age=31536000;includeSubDomains',
    'x-content-type-options': 'nosniff'
  }
  const clientRequestId = headerValue(ex.req, 'x-ms-client-request-id')
  if (clientRequestId) headers['x-ms-client-request-id'] = clientRequestId
  return headers
}

export function reply(r: KvRequest, status: number, body?: unknown): void {
  if (body === undefined) return send(r.ex.res, status, undefined, r.headers)
  sendJson(r.ex.res, status, body, r.headers)
}

export function fail(r: KvRequest, status: number, code: string, message: string, inner?: string): void {
  reply(r, status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } })
}

export const badParameter = (r: KvRequest, message: string, inner?: string): void =>
  fail(r, 400, 'BadParameter', message, inner)

/**
 * Returns the caller, or answers 401 with the vault challenge and returns undefined. A token of a tenant
 * other than the vault's gets the challenge naming the vault's (as it does with no token).
 */
export function authenticate(
  ex: Exchange,
  ctx: EmulatorContext,
  headers: OutgoingHttpHeaders,
  tenantId: string = DEFAULT_IDS.tenantId
): Caller | undefined {
  const check = checkBearer(
    ex.req.headers.authorization,
    ctx.keys.entra,
    tenantId,
    [VAULT_RESOURCE, `${VAULT_RESOURCE}/`],
    ctx.settings.accessTokenSkewSeconds
  )
  if (check.ok) {
    const oid = String(check.claims.oid ?? '')
    ex.callerOid = oid
    return { oid, appid: String(check.claims.appid ?? '') }
  }
  const messages: Record<typeof check.reason, string> = {
    missing: 'AKV10000: Request is missing a Bearer or PoP token.',
    malformed: 'AKV10000: Request is missing a Bearer or PoP token.',
    signature: 'AKV10021: Token signature validation failed.',
    issuer: `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${tenantId}/, found: ${String(check.claims?.iss)}.`,
    audience: `AKV10022: Invalid audience. Expected ${VAULT_RESOURCE}, found: ${String(check.claims?.aud)}.`,
    expired: 'AKV10032: Token expired.'
  }
  sendJson(
    ex.res,
    401,
    { error: { code: 'Unauthorized', message: messages[check.reason] } },
    { ...headers, 'www-authenticate': vaultChallenge(tenantId) }
  )
  return undefined
}

/** RBAC: writers may do everything, readers get values and metadata. Answers 403 otherwise. */
export function authorize(r: KvRequest, action: Action, secretName?: string): boolean {
  const v = r.vault
  const resource =
    `/subscriptions/${v.subscriptionId}/resourcegroups/${v.resourceGroup}/providers/microsoft.keyvault/vaults/${v.name}` +
    (secretName ? `/secrets/${secretName}` : '')
  if (mayAccess(v, r.caller.oid, READER_ACTIONS.includes(action) ? 'read' : 'write')) return true
  if (dataGranted(r.ctx, r.caller.oid, ACTIONS[action], resource)) return true
  // Real text (GitHub issues quoting Key Vault's 403 for an RBAC vault), lower-cased resource and all.
  const message =
    'Caller is not authorized to perform action on resource.\r\n' +
    'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n' +
    `Caller: appid=${r.caller.appid};oid=${r.caller.oid};iss=https://sts.windows.net/${DEFAULT_IDS.tenantId}/\r\n` +
    `Action: '${ACTIONS[action]}'\r\n` +
    `Resource: '${resource.toLowerCase()}'\r\n` +
    'Assignment: (not found)\r\n' +
    'DenyAssignmentId: null\r\n' +
    "DecisionReason: 'DeniedWithNoValidRBAC' \r\n" +
    `Vault: ${v.name};location=${v.location}\r\n`
  fail(r, 403, 'Forbidden', message, 'ForbiddenByRbac')
  return false
}
