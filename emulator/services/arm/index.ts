/**
 * Azure Resource Manager at management.azure.com: authentication, api-version, subscriptions,
 * tenants, Azure RBAC (authorization.ts) and resource groups here; everything else below a subscription
 * is a resource provider (ArmProvider) that services/index.ts hands to armModule, e.g.
 * Microsoft.KeyVault/managedHSMs in ../managed-hsm/arm/, the Tags API in tags.ts, diagnostic settings in
 * diagnostic-settings.ts, the escrow stores in ../escrow-stores/, disks in ../compute/.
 */
import type { OutgoingHttpHeaders } from 'node:http'
import {
  booleanSetting,
  type EmulatorContext,
  type Exchange,
  type Service,
  type ServiceModule
} from '../../core/context.js'
import { azureError, exactHost, isRecord, parseJsonBody, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { checkBearer } from '../../core/tokens.js'
import { authorizeArm, handleAuthorization } from './authorization.js'
import {
  ARM_HOST,
  armHeaders,
  fail,
  normalizeLocation,
  reply,
  type ArmProvider,
  type ArmRequest
} from './common.js'
import { rgKey, seedResourceGroups, type ResourceGroup } from './resource-groups.js'

declare module '../../core/context.js' {
  interface Settings {
    /**
     * Azure RBAC on ARM and on the escrow stores (authorization.ts): off by default (every signed-in caller
     * may do everything on ARM; the stores' access lists decide); on, only role assignments count on ARM,
     * and they also grant store data.
     */
    enforceRbac?: boolean
  }
}

const ARM_AUDIENCES = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com'
]

/** .NET's invariant "M/d/yyyy h:mm:ss tt", as ARM prints times in token errors. */
function armTime(ms: number): string {
  const d = new Date(ms)
  const h = d.getUTCHours() % 12 || 12
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`
}

function unauthorized(
  ex: Exchange,
  headers: OutgoingHttpHeaders,
  code: string,
  message: string,
  description: string
): void {
  sendJson(ex.res, 401, azureError(code, message), {
    ...headers,
    'www-authenticate': `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="${description}"`
  })
}

/** Verifies the bearer token as ARM does; answers 401 and returns undefined when it is not valid. */
function authenticate(
  ex: Exchange,
  ctx: EmulatorContext,
  headers: OutgoingHttpHeaders
): ArmRequest['caller'] | undefined {
  const check = checkBearer(
    ex.req.headers.authorization,
    ctx.keys.entra,
    DEFAULT_IDS.tenantId,
    ARM_AUDIENCES,
    ctx.settings.accessTokenSkewSeconds
  )
  if (check.ok) {
    return { oid: String(check.claims.oid ?? ''), appid: String(check.claims.appid ?? '') }
  }
  switch (check.reason) {
    case 'missing':
      unauthorized(
        ex,
        headers,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
        "The authentication failed because of missing 'Authorization' header."
      )
      break
    case 'expired': {
      const exp = typeof check.claims?.exp === 'number' ? check.claims.exp * 1000 : 0
      const msg = `The access token expiry UTC time '${armTime(exp)}' is earlier than current UTC time '${armTime(Date.now())}'.`
      unauthorized(ex, headers, 'ExpiredAuthenticationToken', msg, 'The access token has expired.')
      break
    }
    case 'audience':
      unauthorized(
        ex,
        headers,
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${String(check.claims?.aud)}'. It should ` +
          `exactly match with one of the allowed audiences ${ARM_AUDIENCES.map(a => `'${a}'`).join(',')}.`,
        'The access token has been obtained for wrong audience or resource.'
      )
      break
    case 'issuer': {
      const tid = DEFAULT_IDS.tenantId
      unauthorized(
        ex,
        headers,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${String(check.claims?.iss)}'. It must match the tenant ` +
          `'https://sts.windows.net/${tid}/' associated with this subscription. Please use the authority (URL) ` +
          `'https://login.windows.net/${tid}' to get the token.`,
        'The access token is from the wrong issuer.'
      )
      break
    }
    default:
      unauthorized(
        ex,
        headers,
        'InvalidAuthenticationToken',
        'The access token is invalid.',
        'The access token is invalid.'
      )
  }
  return undefined
}

function subscriptionJson(): Record<string, unknown> {
  return {
    id: `/subscriptions/${DEFAULT_IDS.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: DEFAULT_IDS.subscriptionId,
    tenantId: DEFAULT_IDS.tenantId,
    displayName: DEFAULT_IDS.subscriptionName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off'
    }
  }
}

function tenantJson(): Record<string, unknown> {
  return {
    id: `/tenants/${DEFAULT_IDS.tenantId}`,
    tenantId: DEFAULT_IDS.tenantId,
    countryCode: 'NL',
    displayName: DEFAULT_IDS.tenantDisplayName,
    domains: [DEFAULT_IDS.tenantDomain],
    tenantCategory: 'Home',
    defaultDomain: DEFAULT_IDS.tenantDomain,
    tenantType: 'AAD'
  }
}

export function resourceGroupJson(rg: ResourceGroup): Record<string, unknown> {
  return {
    id: `/subscriptions/${rg.subscriptionId}/resourceGroups/${rg.name}`,
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    ...(Object.keys(rg.tags).length ? { tags: rg.tags } : {}),
    properties: { provisioningState: 'Succeeded' }
  }
}

function resourceGroups(r: ArmRequest, rgName: string | undefined): void {
  const { ex, ctx } = r
  const sub = DEFAULT_IDS.subscriptionId
  if (rgName === undefined) {
    if (ex.method !== 'GET')
      return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
    const value = Object.values(ctx.state.data.resourceGroups)
      .filter(rg => rg.subscriptionId === sub)
      .map(resourceGroupJson)
    return reply(r, 200, { value })
  }
  const key = rgKey(sub, rgName)
  const existing = ctx.state.data.resourceGroups[key]
  switch (ex.method) {
    case 'HEAD':
      return reply(r, existing ? 204 : 404)
    case 'GET':
      if (!existing)
        return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`)
      return reply(r, 200, resourceGroupJson(existing))
    case 'PUT': {
      const body = parseJsonBody(ex.body)
      if (body instanceof Error || !isRecord(body)) {
        return fail(
          r,
          400,
          'InvalidRequestContent',
          'The request content was invalid and could not be deserialized.'
        )
      }
      if (typeof body.location !== 'string' || !body.location) {
        return fail(r, 400, 'LocationRequired', 'The location property is required for this definition.')
      }
      const location = normalizeLocation(body.location)
      if (existing && existing.location !== location) {
        return fail(
          r,
          400,
          'InvalidResourceGroupLocation',
          `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`
        )
      }
      const tags = isRecord(body.tags) ? (body.tags as Record<string, string>) : {}
      const rg: ResourceGroup = { subscriptionId: sub, name: existing?.name ?? rgName, location, tags }
      ctx.state.data.resourceGroups[key] = rg
      ctx.state.save()
      return reply(r, existing ? 200 : 201, resourceGroupJson(rg))
    }
    default:
      return fail(
        r,
        405,
        'MethodNotAllowed',
        `The HTTP method '${ex.method}' is not supported by the emulator.`
      )
  }
}

/** The ARM router; `providers` answer below the subscription, in order. */
function armService(providers: ArmProvider[]): Service {
  return {
    name: 'arm',
    async handle(ex, ctx) {
      const write = ex.method !== 'GET' && ex.method !== 'HEAD'
      const headers = armHeaders(ex.req, write)
      const caller = authenticate(ex, ctx, headers)
      if (!caller) return
      ex.callerOid = caller.oid
      headers['x-ms-operation-identifier'] =
        `tenantId=${DEFAULT_IDS.tenantId},objectId=${caller.oid}/westeurope/${String(headers['x-ms-request-id'])}`
      const segs = ex.url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
      const lower = segs.map(s => s.toLowerCase())
      const r: ArmRequest = { ex, ctx, segs, lower, apiVersion: '', headers, caller }
      const apiVersion = [...ex.url.searchParams].find(([k]) => k.toLowerCase() === 'api-version')?.[1]
      if (!apiVersion) {
        return fail(
          r,
          400,
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.'
        )
      }
      r.apiVersion = apiVersion
      if (lower.length === 1 && lower[0] === 'tenants' && ex.method === 'GET')
        return reply(r, 200, { value: [tenantJson()] })
      if (lower[0] !== 'subscriptions')
        return fail(r, 404, 'NotFound', `The path '${ex.url.pathname}' is not served here.`)
      if (lower.length === 1) {
        return reply(r, 200, { value: [subscriptionJson()], count: { type: 'Total', value: 1 } })
      }
      if (lower[1] !== DEFAULT_IDS.subscriptionId) {
        return fail(r, 404, 'SubscriptionNotFound', `The subscription '${segs[1]}' could not be found.`)
      }
      if (lower.length === 2) return reply(r, 200, subscriptionJson())
      if (!authorizeArm(r)) return
      if (handleAuthorization(r)) return
      if (lower[2] === 'resourcegroups' && lower.length <= 4) return resourceGroups(r, segs[3])
      for (const provider of providers) if (await provider(r)) return
      fail(
        r,
        400,
        'InvalidResourceType',
        `The resource type could not be found in the namespace for api version '${r.apiVersion}'.`
      )
    }
  }
}

/** ARM with its resource providers (services/index.ts lists them). */
export function armModule(providers: ArmProvider[]): ServiceModule {
  return {
    name: 'arm',
    routes: [{ match: exactHost(ARM_HOST), service: armService(providers) }],
    seed: seedResourceGroups,
    settings: { enforceRbac: booleanSetting },
    publicState: ctx => ({
      resourceGroups: Object.values(ctx.state.data.resourceGroups),
      diagnosticSettings: Object.values(ctx.state.data.diagnosticSettings ?? {})
    })
  }
}
