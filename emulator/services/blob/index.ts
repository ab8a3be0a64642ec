/**
 * Blob storage at https://{account}.blob.core.windows.net, served by Azurite. The emulator does
 * what Azurite's `--oauth basic` mode leaves out (it checks only the issuer prefix, audience and
 * lifetime of a bearer token, never its signature, and grants every caller everything): it verifies
 * the token against the emulated Entra's key and tenant, applies the account's RBAC lists, and
 * answers token-less requests with Storage's bearer challenge. Everything else is Azurite's: the
 * request is streamed to it with its Host header intact (Azurite reads the account from a
 * production-style host name) and its status, headers and body are streamed back.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { EmulatorContext, Exchange, Service, ServiceModule } from '../../core/context.js'
import { answer, dotnetTime, headerValue, send, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { checkBearer } from '../../core/tokens.js'
import { mayAccess, type Access } from '../escrow-stores/access-list.js'
import { dataGranted } from '../arm/authorization.js'
import { accountResourceId } from '../escrow-stores/index.js'
import { defaultPrincipalId } from '../entra/apps.js'
import { startAzurite } from './azurite.js'
import {
  BLOB_HOST,
  BlobBackend,
  DEMO_ACCOUNT,
  DEMO_CONTAINER,
  handleStorageControl,
  STORAGE_RESOURCE,
  StorageStore,
  type StorageAccount
} from './store.js'

declare module '../../core/context.js' {
  interface ServiceStores {
    /** Storage accounts and the Azurite child that serves their blobs (store.ts). */
    storage: BlobBackend
  }
  interface EmulatorInfo {
    /** The pre-created storage account's blob endpoint, e.g. https://skrescrow.blob.core.windows.net. */
    storageAccountUrl: string
    /** The pre-created blob container in that account. */
    storageContainer: string
  }
}

export { BLOB_HOST }

/** What Azure Storage sends as `Server`. */
const SERVER = 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0'
/** Storage's bearer challenge (learn.microsoft.com "Authorize with Microsoft Entra ID", bearer challenge). */
export const STORAGE_CHALLENGE = `Bearer authorization_uri=https://login.microsoftonline.com/${DEFAULT_IDS.tenantId}/oauth2/authorize resource_id=${STORAGE_RESOURCE}`

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade'
])

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Storage's XML error: `<Error><Code/><Message>text\nRequestId:…\nTime:…</Message>…</Error>`. */
export function storageError(
  ex: Exchange,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  headers: OutgoingHttpHeaders = {}
): void {
  const requestId = randomUUID()
  const details = Object.entries(extra)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('')
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Error><Code>${code}</Code><Message>${xmlEscape(message)}\nRequestId:${requestId}\nTime:${dotnetTime(Date.now())}</Message>${details}</Error>`
  const out: OutgoingHttpHeaders = {
    'content-type': 'application/xml',
    server: SERVER,
    'x-ms-request-id': requestId,
    'x-ms-error-code': code,
    date: new Date().toUTCString(),
    ...headers
  }
  const version = headerValue(ex.req, 'x-ms-version')
  if (version) out['x-ms-version'] = version
  const clientRequestId = headerValue(ex.req, 'x-ms-client-request-id')
  if (clientRequestId) out['x-ms-client-request-id'] = clientRequestId
  send(ex.res, status, ex.method === 'HEAD' ? undefined : body, out)
}

/** Authenticates and authorises; answers and returns false when the request may not go on. */
/** The blob data action a request needs (what Storage Blob Data Contributor / Reader grant). */
function blobDataAction(method: string): string {
  const base = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs'
  if (method === 'GET' || method === 'HEAD') return `${base}/read`
  return method === 'DELETE' ? `${base}/delete` : `${base}/write`
}

/** The container's ARM scope (role assignments on the container, account, group or subscription grant). */
function blobScope(account: StorageAccount, pathname: string): string {
  const container = decodeURIComponent(pathname.split('/').filter(Boolean)[0] ?? '')
  return `${accountResourceId(account)}/blobServices/default/containers/${container}`
}

/**
 * Whether a principal may read or write blobs in a container of `account`: the account's access lists
 * or a Storage Blob Data role covering the container (what admit checks for a caller's token). Other
 * services use it when Azure writes to storage on a managed identity's behalf (a Managed HSM backup).
 */
export function principalMay(
  ctx: EmulatorContext,
  account: StorageAccount,
  container: string,
  oid: string,
  access: Access
): boolean {
  const method = access === 'read' ? 'GET' : 'PUT'
  return (
    mayAccess(account, oid.toLowerCase(), access) ||
    dataGranted(ctx, oid.toLowerCase(), blobDataAction(method), blobScope(account, `/${container}`))
  )
}

function admit(ex: Exchange, ctx: EmulatorContext, account: StorageAccount): boolean {
  const authorization = headerValue(ex.req, 'authorization')
  if (!authorization) {
    // A SAS is Azurite's to check (it knows the account keys); anything else needs the challenge.
    if (ex.url.searchParams.has('sig')) return true
    storageError(
      ex,
      401,
      'NoAuthenticationInformation',
      'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
      {},
      { 'www-authenticate': STORAGE_CHALLENGE }
    )
    return false
  }
  // Shared Key: Azurite verifies the signature against the account key.
  if (!/^bearer\s/i.test(authorization)) return true
  const check = checkBearer(
    authorization,
    ctx.keys.entra,
    DEFAULT_IDS.tenantId,
    [
      STORAGE_RESOURCE,
      `${STORAGE_RESOURCE}/`,
      `https://${account.name}.blob.core.windows.net`,
      `https://${account.name}.blob.core.windows.net/`
    ],
    ctx.settings.accessTokenSkewSeconds
  )
  if (!check.ok) {
    const details: Record<string, string> = {
      missing: 'Bearer token is missing.',
      malformed: 'Bearer token is malformed.',
      signature: 'Signature validation failed. Signature is invalid.',
      issuer: 'Issuer validation failed. Issuer did not match.',
      audience: 'Audience validation failed. Audience did not match.',
      expired: 'Lifetime validation failed. The token is expired.'
    }
    storageError(
      ex,
      401,
      'InvalidAuthenticationInfo',
      'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
      { AuthenticationErrorDetail: details[check.reason] },
      { 'www-authenticate': STORAGE_CHALLENGE }
    )
    return false
  }
  const oid = String(check.claims.oid ?? '').toLowerCase()
  ex.callerOid = oid
  const access: Access = ex.method === 'GET' || ex.method === 'HEAD' ? 'read' : 'write'
  if (
    !mayAccess(account, oid, access) &&
    !dataGranted(ctx, oid, blobDataAction(ex.method), blobScope(account, ex.url.pathname))
  ) {
    storageError(
      ex,
      403,
      'AuthorizationPermissionMismatch',
      'This request is not authorized to perform this operation using this permission.'
    )
    return false
  }
  return true
}

function forwardHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v
  }
  return out
}

/** Azurite's response headers minus hop-by-hop ones, in their original case, `Server` as Azure's. */
function backHeaders(raw: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (HOP_BY_HOP.has(name)) continue
    out.push(raw[i], name === 'server' ? SERVER : raw[i + 1])
  }
  return out
}

/** The account's host "resolves" only while the account exists in the emulator's state. */
export function blobResolves(host: string, ctx: EmulatorContext): boolean {
  return ctx.storage.accounts.byHost(host) !== undefined
}

export const blobService: Service = {
  name: 'blob',
  streaming: true,
  faultResponse(ex, status, code, message, headers) {
    const defaults: Record<number, [string, string]> = {
      429: ['ServerBusy', 'The server is currently unable to receive requests. Please retry your request.'],
      500: ['InternalError', 'Server encountered an internal error. Please try again after some time.'],
      503: ['ServerBusy', 'The server is currently unable to receive requests. Please retry your request.']
    }
    storageError(
      ex,
      status,
      code ?? defaults[status]?.[0] ?? 'InternalError',
      message ?? defaults[status]?.[1] ?? 'Injected fault.',
      {},
      headers
    )
  },
  async handle(ex, ctx) {
    // Wait for Azurite first, then read the account and its access lists: a check made before the await
    // could admit a caller whose access was removed meanwhile.
    const s = await ctx.storage.ready
    const account = ctx.storage.accounts.byHost(ex.host)
    if (!account) {
      ex.res.destroy()
      return
    }
    if (!admit(ex, ctx, account)) return
    if (!s.ok) {
      return storageError(
        ex,
        503,
        'ServerBusy',
        'The server is currently unable to receive requests. Please retry your request.'
      )
    }
    await new Promise<void>(resolve => {
      const upstream = httpsRequest(
        {
          host: '127.0.0.1',
          port: s.azurite.port,
          method: ex.method,
          // The raw path and query, exactly as the client sent them.
          path: ex.req.url ?? '/',
          headers: forwardHeaders(ex.req.headers),
          agent: s.azurite.agent
        },
        response => {
          ex.res.writeHead(
            response.statusCode ?? 502,
            response.statusMessage,
            backHeaders(response.rawHeaders)
          )
          response.pipe(ex.res)
          response.on('error', () => ex.res.destroy())
        }
      )
      upstream.on('error', e => {
        if (!ex.res.writableEnded) process.stderr.write(`emulator: Azurite request failed: ${e.message}\n`)
        if (!ex.res.headersSent) {
          storageError(
            ex,
            503,
            'ServerBusy',
            'The server is currently unable to receive requests. Please retry your request.'
          )
        } else {
          ex.res.destroy()
        }
      })
      ex.res.once('close', () => {
        if (!upstream.destroyed && !ex.res.writableFinished) upstream.destroy()
        resolve()
      })
      ex.req.pipe(upstream)
    })
  }
}

export const blobModule: ServiceModule = {
  name: 'blob',
  routes: [{ match: host => BLOB_HOST.test(host), service: blobService, resolves: blobResolves }],
  open(ctx, ca) {
    const accounts = StorageStore.open(ctx.stateDir, defaultPrincipalId(ctx.state))
    // Azurite starts on the first use of blob storage (BlobBackend.ready), with the accounts as they are then.
    ctx.storage = new BlobBackend(
      accounts,
      () => ca.then(ca => startAzurite({ stateDir: ctx.stateDir, ca, accounts: accounts.azuriteAccounts() })),
      () => ctx.keys.entra
    )
  },
  info: () => ({
    storageAccountUrl: `https://${DEMO_ACCOUNT}.blob.core.windows.net`,
    storageContainer: DEMO_CONTAINER
  }),
  control: r => handleStorageControl(r.ctx, r.method, r.path, r.body, r.res),
  /** GET /_emulator/peek/blobs/{account}/{container}/{blob}: the blob's content (Azurite's status if not 200). */
  async peek(ctx, parts, res) {
    if (parts[0] !== 'blobs' || parts.length < 4) return false
    const s = await ctx.storage.ready
    if (!s.ok) return answer(res, 503, { error: `Azurite is not running: ${s.error.message}` })
    const blobPath = '/' + parts.slice(1).map(encodeURIComponent).join('/')
    const { status, body } = await ctx.storage.readBlob(s.azurite, blobPath)
    if (status === 200) send(res, 200, body, { 'content-type': 'application/octet-stream' })
    else sendJson(res, status, { error: `Azurite answered ${status} for ${blobPath}` })
    return true
  },
  // Azurite flushes its store and exits.
  close: ctx => ctx.storage.close()
}
