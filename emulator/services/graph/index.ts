/**
 * Microsoft Graph at graph.microsoft.com, for what the des step asks: `GET /v1.0/servicePrincipals` with
 * `$filter=appId eq '{id}'` (and `$select`), and `GET /v1.0/servicePrincipals/{id}`; and what the Azure CLI asks
 * to resolve an assignee, `$filter=servicePrincipalNames/any(c:c eq '{name}')` (recorded: Azure/azure-cli
 * src/azure-cli/azure/cli/command_modules/vm/tests/latest/recordings/test_disk_encryption_set_update.yaml, 2022:
 * 200 with `value: []` for a disk encryption set's object id, and that set's identity read through
 * getByIds with `servicePrincipalNames: [appId, "https://identity.azure.net/…"]`). The tenant holds the
 * app registrations' service principals, the Confidential VM Orchestrator's (seeded; removable through the
 * control API to play a tenant where nobody created it) and every disk encryption set's identity.
 * Not emulated: Graph's permission check (Application.Read.All); every valid token may read.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { ControlRequest, EmulatorContext, Exchange, Service, ServiceModule } from '../../core/context.js'
import { answer, exactHost, isRecord, parseJsonBody, send, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import type { AppRegistration } from '../entra/apps.js'
import { checkBearer } from '../../core/tokens.js'
import { desIdentities } from '../compute/disk-encryption-sets.js'

/** A service principal Microsoft Graph lists (services/graph). */
export interface ServicePrincipalRecord {
  id: string
  appId: string
  displayName: string
  servicePrincipalType: 'Application' | 'ManagedIdentity'
  /** The names Graph matches in `servicePrincipalNames/any(…)`: the appId, and more for some principals. */
  servicePrincipalNames?: string[]
}

declare module '../../core/state.js' {
  interface StateData {
    /** Microsoft Graph's service principals besides the app registrations' own; seeded on first use. */
    servicePrincipals?: Record<string, ServicePrincipalRecord>
  }
}

export const GRAPH_HOST = 'graph.microsoft.com'
export const CVM_ORCHESTRATOR_APP_ID = 'bf7b6499-ff71-4aa2-97a4-f372087be7f0'
/** The Orchestrator's object id in the emulated tenant (object ids differ per tenant in Azure). */
export const CVM_ORCHESTRATOR_OBJECT_ID = '3c9d5f1e-7a2b-4e6c-9d8f-0b1a2c3d4e5f'
const AUDIENCES = [`https://${GRAPH_HOST}`, `https://${GRAPH_HOST}/`, '00000003-0000-0000-c000-000000000000']

/** The seeded principals (created on first use, so older state files get them too). */
export function servicePrincipals(ctx: EmulatorContext): Record<string, ServicePrincipalRecord> {
  ctx.state.data.servicePrincipals ??= {
    [CVM_ORCHESTRATOR_OBJECT_ID]: {
      id: CVM_ORCHESTRATOR_OBJECT_ID,
      appId: CVM_ORCHESTRATOR_APP_ID,
      displayName: 'Confidential VM Orchestrator',
      servicePrincipalType: 'Application'
    }
  }
  return ctx.state.data.servicePrincipals
}

function all(ctx: EmulatorContext): ServicePrincipalRecord[] {
  const principals: ServicePrincipalRecord[] = [
    ...Object.values(servicePrincipals(ctx)),
    ...Object.values(ctx.state.data.apps)
      .filter(a => a.servicePrincipal !== false)
      .map(a => ({
        id: a.principalId,
        appId: a.clientId,
        displayName: a.displayName,
        servicePrincipalType: 'Application' as const
      })),
    ...desIdentities(ctx.state.data.diskEncryptionSets).map(d => {
      const appId = d.principalId.replace(/^.{8}/, 'a1b2c3d4')
      // A managed identity's second name is an identity.azure.net URL with an opaque base64 value (recorded).
      const opaque = createHash('sha256').update(d.principalId).digest('base64')
      return {
        id: d.principalId,
        appId,
        displayName: d.name,
        servicePrincipalType: 'ManagedIdentity' as const,
        servicePrincipalNames: [appId, `https://identity.azure.net/${opaque}`]
      }
    })
  ]
  return principals.map(sp => ({ ...sp, servicePrincipalNames: sp.servicePrincipalNames ?? [sp.appId] }))
}

/**
 * The two filters served: `appId eq '…'` and `servicePrincipalNames/any(c:c eq '…')` (OData quotes a `'` inside
 * the literal as `''`); undefined for any other filter. Values compare case-insensitively (unverified).
 */
function filterOf(filter: string): ((sp: ServicePrincipalRecord) => boolean) | undefined {
  const literal = (v: string): string => v.replace(/''/g, "'").toLowerCase()
  const byApp = /^appId\s+eq\s+'((?:[^']|'')*)'$/i.exec(filter)
  if (byApp) return sp => sp.appId.toLowerCase() === literal(byApp[1])
  const byName = /^servicePrincipalNames\/any\(\s*(\w+)\s*:\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*\)$/i.exec(
    filter
  )
  if (!byName || byName[1] !== byName[2]) return undefined
  return sp => (sp.servicePrincipalNames ?? []).some(n => n.toLowerCase() === literal(byName[3]))
}

function graphError(ex: Exchange, status: number, code: string, message: string): void {
  const requestId = randomUUID()
  sendJson(
    ex.res,
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString(),
          'request-id': requestId,
          'client-request-id': requestId
        }
      }
    },
    { 'request-id': requestId, 'x-ms-request-id': requestId, 'cache-control': 'no-cache' }
  )
}

function shape(sp: ServicePrincipalRecord, select: string | null): Record<string, unknown> {
  const full: Record<string, unknown> = { ...sp, accountEnabled: true }
  if (!select) return full
  const fields = select.split(',').map(f => f.trim())
  return Object.fromEntries(Object.entries(full).filter(([k]) => fields.includes(k)))
}

function appJson(a: AppRegistration): Record<string, unknown> {
  return {
    '@odata.context': `https://${GRAPH_HOST}/v1.0/$metadata#applications/$entity`,
    id: a.objectId ?? a.clientId,
    appId: a.clientId,
    displayName: a.displayName,
    signInAudience: 'AzureADMyOrg'
  }
}

/**
 * What a setup script creates (`az ad app create`, `az ad sp create`, `az ad app federated-credential
 * create`): `POST /v1.0/applications` `{displayName}`, `POST /v1.0/servicePrincipals` `{appId}`,
 * `POST /v1.0/applications/{id}/federatedIdentityCredentials` (or `applications(appId='…')/…`)
 * `{name, issuer, subject, audiences}`. Graph's own permission check is not emulated.
 */
function graphWrite(ex: Exchange, ctx: EmulatorContext, path: string): void {
  const body = parseJsonBody(ex.body)
  if (body instanceof Error || !isRecord(body))
    return graphError(ex, 400, 'Request_BadRequest', 'Invalid JSON in the request body.')
  const apps = ctx.state.data.apps
  if (path === '/v1.0/applications') {
    if (typeof body.displayName !== 'string' || !body.displayName)
      return graphError(ex, 400, 'Request_BadRequest', "Property 'displayName' is required.")
    const app: AppRegistration = {
      clientId: randomUUID(),
      objectId: randomUUID(),
      displayName: body.displayName,
      principalId: randomUUID(),
      federatedCredentials: [],
      servicePrincipal: false
    }
    apps[app.clientId] = app
    ctx.state.save()
    return sendJson(ex.res, 201, appJson(app))
  }
  if (path === '/v1.0/servicePrincipals') {
    const app = typeof body.appId === 'string' ? apps[body.appId.toLowerCase()] : undefined
    if (!app)
      return graphError(
        ex,
        400,
        'Request_BadRequest',
        `The appId '${String(body.appId)}' of the service principal does not reference a valid application object.`
      )
    if (app.servicePrincipal !== false)
      return graphError(
        ex,
        409,
        'Request_MultipleObjectsWithSameKeyValue',
        'The service principal cannot be created, updated, or restored because the service principal name is already in use.'
      )
    app.servicePrincipal = true
    ctx.state.save()
    return sendJson(ex.res, 201, {
      '@odata.context': `https://${GRAPH_HOST}/v1.0/$metadata#servicePrincipals/$entity`,
      ...shape(
        {
          id: app.principalId,
          appId: app.clientId,
          displayName: app.displayName,
          servicePrincipalType: 'Application'
        },
        null
      )
    })
  }
  const fic =
    /^\/v1\.0\/applications\/([0-9a-f-]{36})\/federatedIdentityCredentials$/i.exec(path) ??
    /^\/v1\.0\/applications\(appId='([0-9a-f-]{36})'\)\/federatedIdentityCredentials$/i.exec(path)
  if (fic) {
    const id = fic[1].toLowerCase()
    const app = Object.values(apps).find(a =>
      path.includes('(appId=') ? a.clientId === id : (a.objectId ?? a.clientId) === id
    )
    if (!app)
      return graphError(
        ex,
        404,
        'Request_ResourceNotFound',
        `Resource '${fic[1]}' does not exist or one of its queried reference-property objects are not present.`
      )
    const audiences = Array.isArray(body.audiences) ? body.audiences.filter(a => typeof a === 'string') : []
    if (
      typeof body.name !== 'string' ||
      typeof body.issuer !== 'string' ||
      typeof body.subject !== 'string' ||
      audiences.length !== 1
    )
      return graphError(
        ex,
        400,
        'Request_BadRequest',
        'name, issuer, subject and exactly one audience are required.'
      )
    if (app.federatedCredentials.some(c => c.name === body.name))
      return graphError(
        ex,
        409,
        'Request_MultipleObjectsWithSameKeyValue',
        `FederatedIdentityCredential with name ${body.name} already exists.`
      )
    const credential = {
      name: body.name,
      issuer: body.issuer,
      subject: body.subject,
      audiences: audiences as string[]
    }
    app.federatedCredentials.push(credential)
    ctx.state.save()
    return sendJson(ex.res, 201, { id: randomUUID(), ...credential, description: body.description ?? null })
  }
  graphError(ex, 400, 'Request_BadRequest', `Resource not found for the segment '${path}'.`)
}

export const graphService: Service = {
  name: 'graph',
  handle(ex, ctx) {
    const check = checkBearer(
      ex.req.headers.authorization,
      ctx.keys.entra,
      DEFAULT_IDS.tenantId,
      AUDIENCES,
      ctx.settings.accessTokenSkewSeconds
    )
    if (!check.ok)
      return graphError(
        ex,
        401,
        'InvalidAuthenticationToken',
        check.reason === 'missing'
          ? 'Access token is empty.'
          : 'Access token validation failure. Invalid audience.'
      )
    ex.callerOid = String(check.claims.oid ?? '')
    const path = ex.url.pathname.replace(/\/+$/, '')
    if (ex.method === 'POST') return graphWrite(ex, ctx, path)
    if (ex.method !== 'GET')
      return graphError(ex, 405, 'Request_BadRequest', 'Only GET and POST are served here.')
    const select = ex.url.searchParams.get('$select')
    const one = /^\/v1\.0\/servicePrincipals\/([0-9a-f-]{36})$/i.exec(path)
    if (one) {
      const sp = all(ctx).find(s => s.id.toLowerCase() === one[1].toLowerCase())
      if (!sp)
        return graphError(
          ex,
          404,
          'Request_ResourceNotFound',
          `Resource '${one[1]}' does not exist or one of its queried reference-property objects are not present.`
        )
      return sendJson(ex.res, 200, {
        '@odata.context': `https://${GRAPH_HOST}/v1.0/$metadata#servicePrincipals/$entity`,
        ...shape(sp, select)
      })
    }
    if (path !== '/v1.0/servicePrincipals')
      return graphError(ex, 400, 'Request_BadRequest', `Resource not found for the segment '${path}'.`)
    const filter = ex.url.searchParams.get('$filter')
    let items = all(ctx)
    if (filter) {
      const keep = filterOf(filter.trim())
      if (!keep) return graphError(ex, 400, 'Request_UnsupportedQuery', `Unsupported query: '${filter}'.`)
      items = items.filter(keep)
    }
    sendJson(ex.res, 200, {
      '@odata.context': `https://${GRAPH_HOST}/v1.0/$metadata#servicePrincipals`,
      value: items.map(s => shape(s, select))
    })
  }
}

/**
 * Control API: DELETE /_emulator/graph/service-principals/{appId} removes a seeded service principal, for a
 * tenant where nobody created it (e.g. the Confidential VM Orchestrator's).
 */
function handleGraphControl({ ctx, method, path, res }: ControlRequest): boolean {
  const sp = /^\/_emulator\/graph\/service-principals\/([0-9a-f-]{36})$/i.exec(path)
  if (!sp || method !== 'DELETE') return false
  const principals = servicePrincipals(ctx)
  const id = Object.keys(principals).find(k => principals[k].appId.toLowerCase() === sp[1].toLowerCase())
  if (!id) return answer(res, 404, { error: `no seeded service principal for application ${sp[1]}` })
  delete principals[id]
  ctx.state.save()
  send(res, 204, undefined)
  return true
}

export const graphModule: ServiceModule = {
  name: 'graph',
  routes: [{ match: exactHost(GRAPH_HOST), service: graphService }],
  control: handleGraphControl
}
