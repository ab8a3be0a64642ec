/**
 * Control API for app registrations: GET /_emulator/apps lists them; PUT /_emulator/apps/{clientId}
 * {displayName?, principalId?, federatedCredentials} creates or replaces one.
 */
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { ControlRequest } from '../../core/context.js'
import { answer, isRecord } from '../../core/http.js'
import type { FederatedCredential } from './apps.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const bad = (res: ServerResponse, message: string): true => answer(res, 400, { error: message })

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

export function handleAppsControl({ ctx, method, path, body, res }: ControlRequest): boolean {
  if (path === '/_emulator/apps' && method === 'GET')
    return answer(res, 200, { apps: Object.values(ctx.state.data.apps) })
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
    return answer(res, existing ? 200 : 201, ctx.state.data.apps[clientId])
  }
  return false
}
