/**
 * Microsoft.KeyVault/managedHSMs on ARM (protocol notes §1): the route table. PUT/PATCH/DELETE are
 * long-running operations answered 202 + Location (no Azure-AsyncOperation, no Retry-After, like the real
 * service); GET, lists, soft-deleted HSMs, purge and the global name check are answered at once. The
 * resource lives in resource.ts, soft delete in deleted.ts, the LRO in operations.ts, name checks in
 * names.ts, request bodies in properties.ts, the JSON shapes in wire.ts.
 */
import { DEFAULT_IDS } from '../../../core/state.js'
import { rgKey } from '../../arm/resource-groups.js'
import type { HsmRecord } from '../records.js'
import { fail, reply, type ArmRequest } from '../../arm/common.js'
import { deletedHsm, purge, remove, sweepDeleted } from './deleted.js'
import { checkName } from './names.js'
import { operationResult } from './operations.js'
import { createOrUpdate, findInGroup, notFound, patch } from './resource.js'
import { handleConnections } from './private-endpoints.js'
import { deletedJson, hsmJson, page } from './wire.js'
import { listRegions } from './regions.js'

const methodNotAllowed = (r: ArmRequest): void =>
  fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported for this path.`)

/** Routes /subscriptions/{sub}/... below the subscription for Microsoft.KeyVault managed HSMs. */
export function handleManagedHsms(r: ArmRequest): boolean {
  sweepDeleted(r)
  return route(r) !== NOT_HERE
}

const NOT_HERE = Symbol('not a managed HSM path')

function route(r: ArmRequest): void | typeof NOT_HERE {
  const { lower, segs, ex } = r
  const m = ex.method
  const all = (): HsmRecord[] =>
    Object.values(r.ctx.state.data.hsms)
      .filter(h => h.subscriptionId === DEFAULT_IDS.subscriptionId)
      .sort((a, b) => a.name.localeCompare(b.name))
  // /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/managedHSMs[/{name}]
  if (
    lower[2] === 'resourcegroups' &&
    lower[4] === 'providers' &&
    lower[5] === 'microsoft.keyvault' &&
    lower[6] === 'managedhsms'
  ) {
    const rg = segs[3]
    if (lower.length === 7) {
      if (m !== 'GET') return methodNotAllowed(r)
      if (!r.ctx.state.data.resourceGroups[rgKey(DEFAULT_IDS.subscriptionId, rg)]) {
        return fail(r, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`)
      }
      return page(
        r,
        all()
          .filter(h => h.resourceGroup.toLowerCase() === rg.toLowerCase())
          .map(h => hsmJson(h))
      )
    }
    if ((lower.length === 9 || lower.length === 10) && lower[8] === 'privateendpointconnections')
      return handleConnections(r, rg, segs[7])
    if (lower.length === 8) {
      const name = segs[7]
      if (m === 'PUT') return createOrUpdate(r, rg, name)
      if (m === 'PATCH') return patch(r, rg, name)
      if (m === 'DELETE') return remove(r, rg, name)
      if (m === 'GET') {
        const hsm = findInGroup(r, rg, name)
        return hsm ? reply(r, 200, hsmJson(hsm)) : notFound(r, rg, name)
      }
      return methodNotAllowed(r)
    }
    if (lower.length === 9 && lower[8] === 'regions') {
      if (m !== 'GET') return methodNotAllowed(r)
      const hsm = findInGroup(r, rg, segs[7])
      return hsm ? listRegions(r, hsm) : notFound(r, rg, segs[7])
    }
  }
  // /subscriptions/{sub}/providers/Microsoft.KeyVault/...
  if (lower[2] === 'providers' && lower[3] === 'microsoft.keyvault') {
    const rest = lower.slice(4)
    if (rest.length === 1 && rest[0] === 'managedhsms')
      return m === 'GET'
        ? page(
            r,
            all().map(h => hsmJson(h))
          )
        : methodNotAllowed(r)
    if (rest.length === 1 && rest[0] === 'deletedmanagedhsms') {
      if (m !== 'GET') return methodNotAllowed(r)
      const deleted = Object.values(r.ctx.state.data.deletedHsms).filter(
        d => d.hsm.subscriptionId === DEFAULT_IDS.subscriptionId
      )
      return page(r, deleted.map(deletedJson))
    }
    if (rest.length === 1 && rest[0] === 'checkmhsmnameavailability')
      return m === 'POST' ? checkName(r) : methodNotAllowed(r)
    if (rest[0] === 'locations' && rest.length >= 4) {
      const location = segs[5]
      if (rest[2] === 'managedhsmoperationresults' && rest.length === 4) {
        return m === 'GET' ? operationResult(r, segs[7]) : methodNotAllowed(r)
      }
      if (rest[2] === 'deletedmanagedhsms' && rest.length === 4) {
        if (m !== 'GET') return methodNotAllowed(r)
        const rec = deletedHsm(r, location, segs[7])
        return rec ? reply(r, 200, deletedJson(rec)) : undefined
      }
      if (rest[2] === 'deletedmanagedhsms' && rest.length === 5 && rest[4] === 'purge') {
        return m === 'POST' ? purge(r, location, segs[7]) : methodNotAllowed(r)
      }
    }
  }
  return NOT_HERE
}
