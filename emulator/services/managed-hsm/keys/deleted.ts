/**
 * Deleted keys: delete (soft delete), the deleted-key list and get, recover, purge, and the sweep that
 * drops deleted keys past their scheduled purge date.
 */
import { fail, hsmOrigin, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import { authorize } from '../rbac/authorize.js'
import { ACTIONS } from '../rbac/roles.js'
import { mhsmStore, type HsmData } from '../store.js'
import { bundleJson, deletedBundleJson, itemJson, keyNotFound, page } from './wire.js'

const DAY_MS = 24 * 3600 * 1000

export function sweepDeleted(r: AreaRequest, data: HsmData): void {
  let changed = false
  for (const [k, rec] of Object.entries(data.deletedKeys)) {
    if (rec.scheduledPurgeDate * 1000 <= Date.now()) {
      delete data.deletedKeys[k]
      changed = true
    }
  }
  if (changed) mhsmStore(r.ctx).save()
}

export function deleteKey(r: AreaRequest, data: HsmData, name: string): void {
  if (!authorize(r, ACTIONS.keysDelete, `/keys/${name}`)) return
  const lower = name.toLowerCase()
  const key = data.keys[lower]
  if (!key) return keyNotFound(r, name)
  const now = Date.now()
  const rec = {
    key,
    deletedDate: Math.floor(now / 1000),
    scheduledPurgeDate: Math.floor((now + r.hsm.properties.softDeleteRetentionInDays * DAY_MS) / 1000)
  }
  delete data.keys[lower]
  data.deletedKeys[lower] = rec
  mhsmStore(r.ctx).save()
  reply(r, 200, deletedBundleJson(r, rec))
}

export function deletedKeys(r: AreaRequest, data: HsmData, segs: string[]): void {
  const method = r.ex.method
  const [, name, action] = segs
  if (name === undefined) {
    if (method !== 'GET') return fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
    if (!authorize(r, ACTIONS.deletedRead, '/keys')) return
    return page(
      r,
      Object.values(data.deletedKeys).map(rec => ({
        ...itemJson(r, rec.key, rec.key.versions[rec.key.versions.length - 1], false),
        recoveryId: `${hsmOrigin(r)}/deletedkeys/${rec.key.name}`,
        deletedDate: rec.deletedDate,
        scheduledPurgeDate: rec.scheduledPurgeDate
      }))
    )
  }
  const lower = name.toLowerCase()
  const rec = data.deletedKeys[lower]
  const missing = (): void => fail(r, 404, 'KeyNotFound', `Deleted Key not found: ${name}`)
  if (action === 'recover' && method === 'POST') {
    if (!authorize(r, ACTIONS.deletedRecover, `/keys/${name}`)) return
    if (!rec) return missing()
    delete data.deletedKeys[lower]
    data.keys[lower] = rec.key
    mhsmStore(r.ctx).save()
    return reply(r, 200, bundleJson(r, rec.key, rec.key.versions[rec.key.versions.length - 1]))
  }
  if (action !== undefined)
    return fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' was not found.`)
  if (method === 'GET') {
    if (!authorize(r, ACTIONS.deletedRead, `/keys/${name}`)) return
    return rec ? reply(r, 200, deletedBundleJson(r, rec)) : missing()
  }
  if (method === 'DELETE') {
    if (!authorize(r, ACTIONS.deletedPurge, `/keys/${name}`)) return
    if (!rec) return missing()
    if (r.hsm.properties.enablePurgeProtection) {
      return fail(
        r,
        403,
        'Forbidden',
        `Operation "purge" is not allowed because purge protection is enabled for this managed HSM. The key will be purged automatically after the retention period has passed.`
      )
    }
    delete data.deletedKeys[lower]
    mhsmStore(r.ctx).save()
    return reply(r, 204)
  }
  fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
}
