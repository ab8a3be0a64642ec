/**
 * A Managed HSM's private endpoint connections (azure-rest-api-specs
 * specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/managedHsm.json:
 * MHSMPrivateEndpointConnections_Get, _Put, _Delete, _ListByResource; MHSMPrivateEndpointConnectionItem in the
 * HSM's properties). The private endpoint itself belongs to Microsoft.Network, which is not emulated: a test makes
 * a connection appear as creating an endpoint would (`PUT /_emulator/hsms/{name}/private-endpoint-connections/{c}`,
 * Pending unless it says otherwise), and the HSM's owner approves or rejects it through ARM.
 *
 * On the data plane, a caller whose address is private (RFC 1918) comes through the HSM's private endpoint when a
 * connection is Approved: the network rules do not apply to it (network.ts).
 */
import type { ControlRequest } from '../../../core/context.js'
import { answer, isRecord, parseJsonBody } from '../../../core/http.js'
import { fail, reply, type ArmRequest } from '../../arm/common.js'
import type { ConnectionStatus } from '../records.js'
import { findInGroup, notFound } from './resource.js'
import { connectionJson } from './wire.js'

const STATUSES: ConnectionStatus[] = ['Pending', 'Approved', 'Rejected', 'Disconnected']

/** ARM: `…/managedHSMs/{name}/privateEndpointConnections[/{connection}]`; segs[8] is privateEndpointConnections. */
export function handleConnections(r: ArmRequest, rg: string, name: string): void {
  const hsm = findInGroup(r, rg, name)
  if (!hsm) return notFound(r, rg, name)
  const all = (hsm.privateEndpointConnections ??= {})
  const m = r.ex.method
  if (r.lower.length === 9) {
    if (m !== 'GET')
      return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${m}' is not supported for this path.`)
    return reply(r, 200, { value: Object.values(all).map(c => connectionJson(hsm, c)) })
  }
  const key = r.lower[9]
  const c = all[key]
  if (!c)
    return fail(
      r,
      404,
      'PrivateEndpointConnectionNotFound',
      `Private endpoint connection '${r.segs[9]}' not found on managed HSM '${hsm.name}'.`
    )
  if (m === 'GET') return reply(r, 200, connectionJson(hsm, c))
  if (m === 'DELETE') {
    delete all[key]
    r.ctx.state.save()
    return reply(r, 200)
  }
  if (m !== 'PUT')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${m}' is not supported for this path.`)
  const body = parseJsonBody(r.ex.body)
  const props = isRecord(body) && isRecord(body.properties) ? body.properties : undefined
  const state =
    props && isRecord(props.privateLinkServiceConnectionState)
      ? props.privateLinkServiceConnectionState
      : undefined
  const status = STATUSES.find(s => s === state?.status)
  if (!status || status === 'Pending')
    return fail(
      r,
      400,
      'BadRequest',
      'privateLinkServiceConnectionState.status must be Approved, Rejected or Disconnected.'
    )
  c.status = status
  if (typeof state?.description === 'string') c.description = state.description
  r.ctx.state.save()
  reply(r, 200, connectionJson(hsm, c))
}

/** Control: a connection appears (as a new private endpoint makes it) or goes, outside ARM's HSM API. */
export function handleConnectionControl({ ctx, method, path, body, res }: ControlRequest): boolean {
  const m = /^\/_emulator\/hsms\/([^/]+)\/private-endpoint-connections\/([^/]+)$/.exec(path)
  if (!m) return false
  const hsm = ctx.state.data.hsms[decodeURIComponent(m[1]).toLowerCase()]
  if (!hsm) return answer(res, 404, { error: 'no such HSM' })
  const name = decodeURIComponent(m[2])
  const all = (hsm.privateEndpointConnections ??= {})
  if (method === 'DELETE') {
    delete all[name.toLowerCase()]
    ctx.state.save()
    return answer(res, 200, { name })
  }
  if (method !== 'PUT') return answer(res, 405, { error: 'use PUT or DELETE' })
  const b = isRecord(body) ? body : {}
  const status = STATUSES.find(s => s === b.status) ?? 'Pending'
  all[name.toLowerCase()] = {
    name,
    privateEndpointId:
      typeof b.privateEndpointId === 'string'
        ? b.privateEndpointId
        : `/subscriptions/${hsm.subscriptionId}/resourceGroups/${hsm.resourceGroup}/providers/Microsoft.Network/privateEndpoints/${name}`,
    status,
    description: status === 'Pending' ? 'Awaiting approval' : ''
  }
  ctx.state.save()
  return answer(res, 200, connectionJson(hsm, all[name.toLowerCase()]))
}
