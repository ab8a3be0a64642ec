/**
 * Control API: plain HTTP on the proxy port under /_emulator/ (never reachable through CONNECT).
 * Lets tests and scripts read the request log and state, inject faults and change settings.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext, Settings } from './context.js'
import { validateRules } from './faults.js'
import { isRecord, parseJsonBody, readBody, send, sendJson } from './http.js'
import { handleAttestationControl } from '../services/attestation/index.js'
import { handleManagedHsmControl } from '../services/managed-hsm/control.js'
import { handleForeignHsmControl } from '../services/managed-hsm/arm/foreign.js'
import { servicePrincipals } from '../services/graph/index.js'
import { handleStorageControl } from '../services/blob/store.js'
import { handleKeyVaultControl } from '../services/key-vault/store.js'
import { handlePeekControl } from './peek.js'
import {
  activationStatus,
  newRequestToken,
  provisioningState,
  setActivationStatus,
  type FederatedCredential
} from './state.js'

const started = Date.now()
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const bad = (res: ServerResponse, message: string): void => sendJson(res, 400, { error: message })

function parseCredentials(value: unknown): FederatedCredential[] | string {
  if (!Array.isArray(value)) return 'federatedCredentials must be an array'
  const out: FederatedCredential[] = []
  for (const [i, c] of value.entries()) {
    if (!isRecord(c) || typeof c.issuer !== 'string' || typeof c.subject !== 'string') {
      return `federatedCredentials[${i}] needs issuer and subject strings`
    }
    const audiences = c.audiences ?? ['api://AzureADTokenExchange']
    if (!Array.isArray(audiences) || !audiences.every(a => typeof a === 'string')) {
      return `federatedCredentials[${i}].audiences must be an array of strings`
    }
    out.push({
      name: typeof c.name === 'string' ? c.name : `fic-${i}`,
      issuer: c.issuer,
      subject: c.subject,
      audiences
    })
  }
  return out
}

const SETTING_KEYS: (keyof Settings)[] = [
  'provisioningSeconds',
  'activationSeconds',
  'rbacPropagationSeconds',
  'keyCreationSeconds',
  'oidcTokenLifetimeSeconds',
  'accessTokenLifetimeSeconds'
]

function updateSettings(ctx: EmulatorContext, body: unknown): string | undefined {
  if (!isRecord(body)) return 'settings must be a JSON object'
  for (const [key, value] of Object.entries(body)) {
    if (key === 'failNextCreate') {
      if (
        typeof value === 'boolean' ||
        (isRecord(value) && Object.keys(value).every(k => ['status', 'code', 'message'].includes(k)))
      ) {
        ctx.settings.failNextCreate = value as Settings['failNextCreate']
        continue
      }
      return 'failNextCreate must be a boolean or {status?, code?, message?}'
    }
    if (key === 'enforceRbac') {
      if (typeof value !== 'boolean') return 'enforceRbac must be a boolean'
      ctx.settings.enforceRbac = value
      continue
    }
    if (key === 'failNextActivation') {
      if (typeof value !== 'boolean') return 'failNextActivation must be a boolean'
      ctx.settings.failNextActivation = value
      continue
    }
    if (!SETTING_KEYS.includes(key as keyof Settings)) return `unknown setting '${key}'`
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${key} must be a number`
    ;(ctx.settings as unknown as Record<string, number>)[key] = value
  }
  return undefined
}

/** State for tests: no private keys, no request tokens, nothing secret. */
function publicState(ctx: EmulatorContext): Record<string, unknown> {
  const d = ctx.state.data
  return {
    apps: Object.values(d.apps),
    resourceGroups: Object.values(d.resourceGroups),
    hsms: Object.values(d.hsms).map(h => ({
      ...h,
      provisioningState: provisioningState(h),
      activationStatus: activationStatus(h)
    })),
    deletedHsms: Object.values(d.deletedHsms),
    diskEncryptionSets: Object.values(d.diskEncryptionSets ?? {}),
    diagnosticSettings: Object.values(d.diagnosticSettings ?? {}),
    operations: Object.values(d.operations),
    settings: ctx.settings,
    faults: ctx.faults.list(),
    requestCount: ctx.log.length
  }
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: EmulatorContext
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname.replace(/\/+$/, '')
  const method = req.method ?? 'GET'
  const body = parseJsonBody(await readBody(req))
  if (body instanceof Error) return bad(res, `invalid JSON: ${body.message}`)

  if (path === '/_emulator/health' && method === 'GET') {
    return sendJson(res, 200, { status: 'ok', pid: process.pid, uptimeMs: Date.now() - started })
  }
  if (path === '/_emulator/requests' && method === 'GET') {
    const since = Number(url.searchParams.get('since') ?? '0') || 0
    return sendJson(res, 200, { requests: ctx.log.since(since), next: ctx.log.length })
  }
  if (path === '/_emulator/state' && method === 'GET') return sendJson(res, 200, publicState(ctx))
  // A tenant where nobody created a service principal (e.g. the Confidential VM Orchestrator's): DELETE by appId.
  const sp = /^\/_emulator\/graph\/service-principals\/([0-9a-f-]{36})$/i.exec(path)
  if (sp && method === 'DELETE') {
    const principals = servicePrincipals(ctx)
    const id = Object.keys(principals).find(k => principals[k].appId.toLowerCase() === sp[1].toLowerCase())
    if (!id) return sendJson(res, 404, { error: `no seeded service principal for application ${sp[1]}` })
    delete principals[id]
    ctx.state.save()
    return send(res, 204, undefined)
  }
  if (path === '/_emulator/faults') {
    if (method === 'GET') return sendJson(res, 200, { faults: ctx.faults.list() })
    if (method === 'DELETE') {
      ctx.faults.clear()
      return send(res, 204, undefined)
    }
    if (method === 'PUT') {
      const rules = validateRules(body)
      if (typeof rules === 'string') return bad(res, rules)
      ctx.faults.set(rules)
      return sendJson(res, 200, { faults: ctx.faults.list() })
    }
  }
  if (path === '/_emulator/settings') {
    if (method === 'PUT' || method === 'PATCH') {
      const error = updateSettings(ctx, body)
      if (error) return bad(res, error)
    } else if (method !== 'GET') {
      return send(res, 405, undefined)
    }
    return sendJson(res, 200, ctx.settings)
  }
  if (path === '/_emulator/oidc/request-tokens' && method === 'POST') {
    const claims = isRecord(body) && isRecord(body.claims) ? body.claims : {}
    const token = newRequestToken()
    ctx.state.data.oidcRequestTokens[token] = { claims, createdAt: Date.now() }
    ctx.state.save()
    return sendJson(res, 201, { token })
  }
  if (path === '/_emulator/apps' && method === 'GET')
    return sendJson(res, 200, { apps: Object.values(ctx.state.data.apps) })
  const app = /^\/_emulator\/apps\/([^/]+)$/.exec(path)
  if (app && method === 'PUT') {
    const clientId = decodeURIComponent(app[1]).toLowerCase()
    if (!GUID.test(clientId)) return bad(res, 'clientId must be a GUID')
    if (!isRecord(body)) return bad(res, 'body must be a JSON object')
    const creds = parseCredentials(body.federatedCredentials ?? [])
    if (typeof creds === 'string') return bad(res, creds)
    const existing = ctx.state.data.apps[clientId]
    const principalId =
      typeof body.principalId === 'string' ? body.principalId : (existing?.principalId ?? randomUUID())
    const displayName =
      typeof body.displayName === 'string'
        ? body.displayName
        : (existing?.displayName ?? `app-${clientId.slice(0, 8)}`)
    ctx.state.data.apps[clientId] = { clientId, displayName, principalId, federatedCredentials: creds }
    ctx.state.save()
    return sendJson(res, existing ? 200 : 201, ctx.state.data.apps[clientId])
  }
  // Test hook for later phases' data plane: flip a provisioned HSM's activation status.
  const act = /^\/_emulator\/hsms\/([^/]+)\/activation$/.exec(path)
  if (act && method === 'PUT') {
    const status = isRecord(body) ? body.status : undefined
    if (status !== 'Active' && status !== 'NotActivated' && status !== 'Failed')
      return bad(res, 'status must be Active, NotActivated or Failed')
    if (!setActivationStatus(ctx.state, decodeURIComponent(act[1]), status))
      return sendJson(res, 404, { error: 'no such HSM' })
    return sendJson(res, 200, { name: act[1], activationStatus: status })
  }
  // An HSM whose tenant is not the subscription's (created before its subscription moved to this tenant):
  // ARM reports it, and its data plane takes tokens of that tenant only. ARM itself never changes it.
  const ten = /^\/_emulator\/hsms\/([^/]+)\/tenant$/.exec(path)
  if (ten && method === 'PUT') {
    const tenantId = isRecord(body) ? body.tenantId : undefined
    if (typeof tenantId !== 'string' || !GUID.test(tenantId)) return bad(res, 'tenantId must be a GUID')
    const hsm = ctx.state.data.hsms[decodeURIComponent(ten[1]).toLowerCase()]
    if (!hsm) return sendJson(res, 404, { error: 'no such HSM' })
    hsm.properties.tenantId = tenantId.toLowerCase()
    ctx.state.save()
    return sendJson(res, 200, { name: hsm.name, tenantId: hsm.properties.tenantId })
  }
  // An HSM made longer ago than the test ran: ARM's systemData.createdAt (ARM itself never changes it).
  const created = /^\/_emulator\/hsms\/([^/]+)\/created$/.exec(path)
  if (created && method === 'PUT') {
    const at = isRecord(body) && typeof body.createdAt === 'string' ? Date.parse(body.createdAt) : NaN
    if (Number.isNaN(at)) return bad(res, 'createdAt must be a date-time')
    const hsm = ctx.state.data.hsms[decodeURIComponent(created[1]).toLowerCase()]
    if (!hsm) return sendJson(res, 404, { error: 'no such HSM' })
    hsm.createdAt = at
    ctx.state.save()
    return sendJson(res, 200, { name: hsm.name, createdAt: new Date(at).toISOString() })
  }
  if (await handleAttestationControl(ctx, method, path, body, res)) return
  if (handleManagedHsmControl(ctx, method, path, res)) return
  if (handleForeignHsmControl(ctx, method, path, res)) return
  if (handleKeyVaultControl(ctx, method, path, body, res)) return
  if (await handleStorageControl(ctx, method, path, body, res)) return
  if (await handlePeekControl(ctx, method, path, res)) return
  sendJson(res, 404, { error: `no control endpoint ${method} ${path}` })
}
