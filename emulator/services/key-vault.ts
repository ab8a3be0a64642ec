/**
 * Key Vault secrets at https://{vault}.vault.azure.net (an RBAC vault with soft delete, 90 days,
 * purge allowed). Enough of the data plane for `@azure/keyvault-secrets` SecretClient: set, get
 * (latest or a version), update properties, list secrets / versions / deleted secrets (paged),
 * delete (soft), get / purge / recover deleted secrets. Error codes and texts are Key Vault's where
 * public material shows them (see the emulator README for what is confirmed).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import type { EmulatorContext, Exchange, Service } from '../context.js'
import { headerValue, isRecord, parseJsonBody, send, sendJson } from '../http.js'
import { DEFAULT_IDS } from '../state.js'
import { checkBearer } from '../tokens.js'
import { mayAccess } from './access-list.js'
import {
  RETENTION_DAYS,
  vaultUrl,
  type DeletedSecretRecord,
  type SecretAttributes,
  type SecretRecord,
  type SecretVersion,
  type VaultRecord
} from './key-vault-store.js'

export { KV_HOST } from './key-vault-store.js'

export const VAULT_RESOURCE = 'https://vault.azure.net'
/** Key Vault's challenge (protocol notes §6.1): login.windows.net, unlike Managed HSM's. */
export const VAULT_CHALLENGE = `Bearer authorization="https://login.windows.net/${DEFAULT_IDS.tenantId}", resource="${VAULT_RESOURCE}"`

/** Confirmed: "Secret is beyond the maximum permitted length of 25600 characters." */
export const MAX_SECRET_LENGTH = 25600
const MAX_TAGS = 15
const MAX_TAG_NAME = 512
const MAX_TAG_VALUE = 256
const MAX_CONTENT_TYPE = 255
const MAX_RESULTS = 25
const RECOVERY_LEVEL = 'Recoverable+Purgeable'
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/
const VERSION = /^[0-9a-f]{32}$/i
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

interface Caller {
  oid: string
  appid: string
}

interface KvRequest {
  ex: Exchange
  ctx: EmulatorContext
  vault: VaultRecord
  caller: Caller
  apiVersion: string
  headers: OutgoingHttpHeaders
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** Response headers of the vault data plane (azure-sdk-for-js recordings of vault.azure.net). */
function kvHeaders(ex: Exchange, region: string): OutgoingHttpHeaders {
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

function reply(r: KvRequest, status: number, body?: unknown): void {
  if (body === undefined) return send(r.ex.res, status, undefined, r.headers)
  sendJson(r.ex.res, status, body, r.headers)
}

function fail(r: KvRequest, status: number, code: string, message: string, inner?: string): void {
  reply(r, status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } })
}

const badParameter = (r: KvRequest, message: string, inner?: string): void =>
  fail(r, 400, 'BadParameter', message, inner)

/** Returns the caller, or answers 401 with the vault challenge and returns undefined. */
function authenticate(ex: Exchange, ctx: EmulatorContext, headers: OutgoingHttpHeaders): Caller | undefined {
  const check = checkBearer(ex.req.headers.authorization, ctx.keys.entra, DEFAULT_IDS.tenantId, [
    VAULT_RESOURCE,
    `${VAULT_RESOURCE}/`
  ])
  if (check.ok) {
    const oid = String(check.claims.oid ?? '')
    ex.callerOid = oid
    return { oid, appid: String(check.claims.appid ?? '') }
  }
  const messages: Record<typeof check.reason, string> = {
    missing: 'AKV10000: Request is missing a Bearer or PoP token.',
    malformed: 'AKV10000: Request is missing a Bearer or PoP token.',
    signature: 'AKV10021: Token signature validation failed.',
    issuer: `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${DEFAULT_IDS.tenantId}/, found: ${String(check.claims?.iss)}.`,
    audience: `AKV10022: Invalid audience. Expected ${VAULT_RESOURCE}, found: ${String(check.claims?.aud)}.`,
    expired: 'AKV10032: Token expired.'
  }
  sendJson(
    ex.res,
    401,
    { error: { code: 'Unauthorized', message: messages[check.reason] } },
    { ...headers, 'www-authenticate': VAULT_CHALLENGE }
  )
  return undefined
}

/** RBAC: writers may do everything, readers get values and metadata. Answers 403 otherwise. */
function authorize(r: KvRequest, action: Action, secretName?: string): boolean {
  if (mayAccess(r.vault, r.caller.oid, READER_ACTIONS.includes(action) ? 'read' : 'write')) return true
  const v = r.vault
  const resource =
    `/subscriptions/${v.subscriptionId}/resourcegroups/${v.resourceGroup}/providers/microsoft.keyvault/vaults/${v.name}` +
    (secretName ? `/secrets/${secretName}` : '')
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

// ---- JSON shapes -------------------------------------------------------------------------

function attributesJson(a: SecretAttributes): Record<string, unknown> {
  return {
    enabled: a.enabled,
    ...(a.nbf !== undefined ? { nbf: a.nbf } : {}),
    ...(a.exp !== undefined ? { exp: a.exp } : {}),
    created: a.created,
    updated: a.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays: RETENTION_DAYS
  }
}

const secretId = (r: KvRequest, s: SecretRecord, v?: SecretVersion): string =>
  `${vaultUrl(r.vault)}/secrets/${s.name}${v ? `/${v.version}` : ''}`

const latest = (s: SecretRecord): SecretVersion => s.versions[s.versions.length - 1]

/** SecretBundle; `withValue` false for update/recover answers. */
function bundle(r: KvRequest, s: SecretRecord, v: SecretVersion, withValue = true): Record<string, unknown> {
  return {
    ...(withValue ? { value: v.value } : {}),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    id: secretId(r, s, v),
    attributes: attributesJson(v.attributes),
    ...(v.tags ? { tags: v.tags } : {})
  }
}

/** SecretItem (lists): no value; `id` without a version for /secrets, with one for /versions. */
function item(r: KvRequest, s: SecretRecord, v: SecretVersion, versioned: boolean): Record<string, unknown> {
  return {
    id: secretId(r, s, versioned ? v : undefined),
    attributes: attributesJson(v.attributes),
    ...(v.tags ? { tags: v.tags } : {}),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {})
  }
}

function deletedJson(r: KvRequest, d: DeletedSecretRecord, asItem: boolean): Record<string, unknown> {
  const v = latest(d.secret)
  return {
    recoveryId: `${vaultUrl(r.vault)}/deletedsecrets/${d.secret.name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    ...(asItem ? item(r, d.secret, v, false) : bundle(r, d.secret, v, false))
  }
}

// ---- paging ------------------------------------------------------------------------------

/** `maxresults` (1..25, default 25) and the opaque `$skiptoken` (base64url JSON, like Key Vault's). */
function page<T>(r: KvRequest, all: T[], path: string): { value: T[]; nextLink: string | null } | undefined {
  const raw = r.ex.url.searchParams.get('maxresults')
  const max = raw === null ? MAX_RESULTS : Number(raw)
  if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    badParameter(r, `The value of the maxresults parameter must be between 1 and ${MAX_RESULTS}.`)
    return undefined
  }
  let start = 0
  const token = r.ex.url.searchParams.get('$skiptoken')
  if (token) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
      start = isRecord(parsed) ? Number(parsed.NextMarker) : NaN
    } catch {
      start = NaN
    }
    if (!Number.isInteger(start) || start < 0) {
      badParameter(r, 'The $skiptoken parameter is invalid.')
      return undefined
    }
  }
  const value = all.slice(start, start + max)
  const next = start + max
  if (next >= all.length) return { value, nextLink: null }
  const skip = Buffer.from(JSON.stringify({ NextMarker: String(next), TargetLocation: 0 })).toString(
    'base64url'
  )
  const params = new URLSearchParams({ 'api-version': r.apiVersion })
  const nextLink = `${vaultUrl(r.vault)}:443${path}?${params.toString()}&$skiptoken=${skip}&maxresults=${max}`
  return { value, nextLink }
}

// ---- validation --------------------------------------------------------------------------

const PROPERTY_INVALID = 'Property has invalid value\r\n'

function parseBody(r: KvRequest): Record<string, unknown> | undefined {
  const body = parseJsonBody(r.ex.body)
  if (body instanceof Error || !isRecord(body)) {
    badParameter(r, 'The request body is not a valid JSON object.')
    return undefined
  }
  return body
}

function checkTags(tags: unknown): Record<string, string> | undefined | false {
  if (tags === undefined || tags === null) return undefined
  if (!isRecord(tags)) return false
  const entries = Object.entries(tags)
  if (entries.length > MAX_TAGS) return false
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || k.length > MAX_TAG_NAME || v.length > MAX_TAG_VALUE) return false
  }
  return tags as Record<string, string>
}

function checkAttributes(value: unknown): Partial<SecretAttributes> | false {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) return false
  const out: Partial<SecretAttributes> = {}
  if (value.enabled !== undefined) {
    if (typeof value.enabled !== 'boolean') return false
    out.enabled = value.enabled
  }
  for (const k of ['nbf', 'exp'] as const) {
    if (value[k] !== undefined && value[k] !== null) {
      if (typeof value[k] !== 'number') return false
      out[k] = value[k]
    }
  }
  return out
}

const secretNotFound = (r: KvRequest, id: string): void =>
  fail(
    r,
    404,
    'SecretNotFound',
    `A secret with (name/id) ${id} was not found in this key vault. If you recently deleted this secret you may be able ` +
      'to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182'
  )

const deletedNotFound = (r: KvRequest, name: string): void =>
  fail(r, 404, 'SecretNotFound', `Deleted Secret not found: ${name}`)

// ---- operations --------------------------------------------------------------------------

function setSecret(r: KvRequest, name: string): void {
  if (!authorize(r, 'setSecret', name)) return
  const key = name.toLowerCase()
  if (r.vault.deletedSecrets[key]) {
    return fail(
      r,
      409,
      'Conflict',
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, ` +
        'the secret can only be recovered or purged.',
      'ObjectIsDeletedButRecoverable'
    )
  }
  const body = parseBody(r)
  if (!body) return
  if (typeof body.value !== 'string') return badParameter(r, PROPERTY_INVALID)
  if (body.value.length > MAX_SECRET_LENGTH) {
    return badParameter(
      r,
      `Secret is beyond the maximum permitted length of ${MAX_SECRET_LENGTH} characters.`,
      'SecretTooLarge'
    )
  }
  const tags = checkTags(body.tags)
  const attrs = checkAttributes(body.attributes)
  const contentType = body.contentType ?? undefined
  if (
    tags === false ||
    attrs === false ||
    (contentType !== undefined && (typeof contentType !== 'string' || contentType.length > MAX_CONTENT_TYPE))
  )
    return badParameter(r, PROPERTY_INVALID)
  const now = nowSeconds()
  const version: SecretVersion = {
    version: randomBytes(16).toString('hex'),
    value: body.value,
    ...(contentType !== undefined ? { contentType: contentType as string } : {}),
    ...(tags ? { tags } : {}),
    attributes: { enabled: attrs.enabled ?? true, nbf: attrs.nbf, exp: attrs.exp, created: now, updated: now }
  }
  const secret = (r.vault.secrets[key] ??= { name, versions: [] })
  secret.versions.push(version)
  r.ctx.vaults.save()
  reply(r, 200, bundle(r, secret, version))
}

function findVersion(r: KvRequest, name: string, version: string): [SecretRecord, SecretVersion] | undefined {
  const secret = r.vault.secrets[name.toLowerCase()]
  if (!secret) return undefined
  if (!version) return [secret, latest(secret)]
  const v = secret.versions.find(x => x.version === version.toLowerCase())
  return v ? [secret, v] : undefined
}

function getSecret(r: KvRequest, name: string, version: string): void {
  if (!authorize(r, 'getSecret', name)) return
  if (version && !VERSION.test(version))
    return badParameter(r, `The request URI contains an invalid version: ${version}`)
  const found = findVersion(r, name, version)
  if (!found) return secretNotFound(r, version ? `${name}/${version}` : name)
  const [secret, v] = found
  if (!v.attributes.enabled) {
    return fail(r, 403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled')
  }
  reply(r, 200, bundle(r, secret, v))
}

function updateSecret(r: KvRequest, name: string, version: string): void {
  if (!authorize(r, 'update', name)) return
  const found = findVersion(r, name, version)
  if (!found) return secretNotFound(r, version ? `${name}/${version}` : name)
  const body = parseBody(r)
  if (!body) return
  const tags = checkTags(body.tags)
  const attrs = checkAttributes(body.attributes)
  if (tags === false || attrs === false) return badParameter(r, PROPERTY_INVALID)
  if (
    body.contentType !== undefined &&
    (typeof body.contentType !== 'string' || body.contentType.length > MAX_CONTENT_TYPE)
  )
    return badParameter(r, PROPERTY_INVALID)
  const [secret, v] = found
  if (typeof body.contentType === 'string') v.contentType = body.contentType
  if (tags) v.tags = tags
  if (attrs.enabled !== undefined) v.attributes.enabled = attrs.enabled
  if (attrs.nbf !== undefined) v.attributes.nbf = attrs.nbf
  if (attrs.exp !== undefined) v.attributes.exp = attrs.exp
  v.attributes.updated = nowSeconds()
  r.ctx.vaults.save()
  reply(r, 200, bundle(r, secret, v, false))
}

function deleteSecret(r: KvRequest, name: string): void {
  if (!authorize(r, 'delete', name)) return
  const key = name.toLowerCase()
  const secret = r.vault.secrets[key]
  if (!secret) return secretNotFound(r, name)
  const now = nowSeconds()
  const deleted: DeletedSecretRecord = {
    secret,
    deletedDate: now,
    scheduledPurgeDate: now + RETENTION_DAYS * 86400
  }
  delete r.vault.secrets[key]
  r.vault.deletedSecrets[key] = deleted
  r.ctx.vaults.save()
  reply(r, 200, deletedJson(r, deleted, false))
}

function listSecrets(r: KvRequest): void {
  if (!authorize(r, 'readMetadata')) return
  const all = Object.values(r.vault.secrets)
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .map(s => item(r, s, latest(s), false))
  const p = page(r, all, '/secrets')
  if (p) reply(r, 200, p)
}

function listVersions(r: KvRequest, name: string): void {
  if (!authorize(r, 'readMetadata', name)) return
  const secret = r.vault.secrets[name.toLowerCase()]
  const all = secret
    ? [...secret.versions]
        .sort((a, b) => a.version.localeCompare(b.version))
        .map(v => item(r, secret, v, true))
    : []
  const p = page(r, all, `/secrets/${secret?.name ?? name}/versions`)
  if (p) reply(r, 200, p)
}

function listDeleted(r: KvRequest): void {
  if (!authorize(r, 'readMetadata')) return
  const all = Object.values(r.vault.deletedSecrets)
    .sort((a, b) => a.secret.name.toLowerCase().localeCompare(b.secret.name.toLowerCase()))
    .map(d => deletedJson(r, d, true))
  const p = page(r, all, '/deletedsecrets')
  if (p) reply(r, 200, p)
}

function getDeleted(r: KvRequest, name: string): void {
  if (!authorize(r, 'readMetadata', name)) return
  const d = r.vault.deletedSecrets[name.toLowerCase()]
  if (!d) return deletedNotFound(r, name)
  reply(r, 200, deletedJson(r, d, false))
}

function purgeDeleted(r: KvRequest, name: string): void {
  if (!authorize(r, 'purge', name)) return
  const key = name.toLowerCase()
  if (!r.vault.deletedSecrets[key]) return deletedNotFound(r, name)
  delete r.vault.deletedSecrets[key]
  r.ctx.vaults.save()
  reply(r, 204)
}

function recoverDeleted(r: KvRequest, name: string): void {
  if (!authorize(r, 'recover', name)) return
  const key = name.toLowerCase()
  const d = r.vault.deletedSecrets[key]
  if (!d) return deletedNotFound(r, name)
  delete r.vault.deletedSecrets[key]
  r.vault.secrets[key] = d.secret
  r.ctx.vaults.save()
  reply(r, 200, bundle(r, d.secret, latest(d.secret), false))
}

function methodNotAllowed(r: KvRequest): void {
  fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported for this path.`)
}

function route(r: KvRequest): void {
  // Keep the empty segment of "/secrets/{name}/" (the SDK's "latest version" form).
  const raw = r.ex.url.pathname.replace(/^\/+/, '').split('/').map(decodeURIComponent)
  const segs = raw.length > 2 && raw[raw.length - 1] === '' ? raw.slice(0, -1) : raw
  const collection = segs[0]?.toLowerCase()
  const method = r.ex.method
  const name = segs[1]
  if (name !== undefined && name !== '' && !SECRET_NAME.test(name))
    return badParameter(r, `The request URI contains an invalid name: ${name}`)

  if (collection === 'secrets') {
    if (segs.length === 1 || (segs.length === 2 && name === '')) {
      return method === 'GET' ? listSecrets(r) : methodNotAllowed(r)
    }
    if (segs.length === 2) {
      if (method === 'PUT') return setSecret(r, name)
      if (method === 'GET') return getSecret(r, name, '')
      if (method === 'DELETE') return deleteSecret(r, name)
      if (method === 'PATCH') return updateSecret(r, name, '')
      return methodNotAllowed(r)
    }
    if (segs.length === 3) {
      const third = segs[2]
      if (third.toLowerCase() === 'versions')
        return method === 'GET' ? listVersions(r, name) : methodNotAllowed(r)
      if (method === 'GET') return getSecret(r, name, third)
      if (method === 'PATCH') return updateSecret(r, name, third)
      return methodNotAllowed(r)
    }
  }
  if (collection === 'deletedsecrets') {
    if (segs.length === 1) return method === 'GET' ? listDeleted(r) : methodNotAllowed(r)
    if (segs.length === 2) {
      if (method === 'GET') return getDeleted(r, name)
      if (method === 'DELETE') return purgeDeleted(r, name)
      return methodNotAllowed(r)
    }
    if (segs.length === 3 && segs[2].toLowerCase() === 'recover')
      return method === 'POST' ? recoverDeleted(r, name) : methodNotAllowed(r)
  }
  fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' is not supported by this emulator.`)
}

/** A vault's host "resolves" only while the vault exists in the emulator's state. */
export function vaultResolves(host: string, ctx: EmulatorContext): boolean {
  return ctx.vaults.byHost(host) !== undefined
}

export const keyVaultService: Service = {
  name: 'key-vault',
  handle(ex, ctx) {
    const vault = ctx.vaults.byHost(ex.host)
    if (!vault) {
      // The vault was removed while a connection was still open: as if the name stopped resolving.
      ex.res.destroy()
      return
    }
    const headers = kvHeaders(ex, vault.location)
    const caller = authenticate(ex, ctx, headers)
    if (!caller) return
    const apiVersion = ex.url.searchParams.get('api-version')
    const r: KvRequest = { ex, ctx, vault, caller, apiVersion: apiVersion ?? '', headers }
    if (!apiVersion) return badParameter(r, 'The api-version query parameter is missing.')
    route(r)
  }
}
