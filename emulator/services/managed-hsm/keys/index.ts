/**
 * Keys on the Managed HSM data plane (protocol notes §5): the route table of /keys and /deletedkeys and
 * the reads (get, list, versions). The writes live beside it: versions.ts (create, import, rotate,
 * update), deleted.ts (delete, deleted keys, recover, purge), backup.ts (backup, restore bound to the
 * security domain), ../release.ts (release); fields.ts reads request fields, wire.ts shapes answers.
 */
import { collapse, fail, reply } from '../common.js'
import type { DataPlaneArea } from '../area.js'
import { authorize } from '../rbac/authorize.js'
import { ACTIONS } from '../rbac/roles.js'
import { attestKey } from '../attest.js'
import { releaseKey } from '../release.js'
import { mhsmStore } from '../store.js'
import { servedData } from '../replication.js'
import { backupKey, restoreKey } from './backup.js'
import { deletedKeys, deleteKey, sweepDeleted } from './deleted.js'
import { createKey, importKey, rotateKey, updateKey } from './versions.js'
import { rotationPolicy } from './rotation-policy.js'
import { bundleJson, findVersion, itemJson, keyNotFound, page } from './wire.js'

const VERSION = /^[0-9a-f]{32}$/i

export const keysArea: DataPlaneArea = {
  name: 'keys',
  matches: path => /^\/(keys|deletedkeys)(\/|$)/i.test(collapse(path)),
  allowedBeforeActivation: false,
  async handle(r) {
    const live = mhsmStore(r.ctx).hsm(r.hsm)
    sweepDeleted(r, live)
    // A read served by a lagging extended region sees no version younger than the lag (replication.ts).
    const data = servedData(r, live)
    const path = collapse(r.ex.url.pathname)
    const trailing = path.length > 1 && path.endsWith('/')
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent)
    const method = r.ex.method
    if (segs[0].toLowerCase() === 'deletedkeys') return deletedKeys(r, data, segs)
    const [, name, third, fourth] = segs
    const notAllowed = (): void =>
      fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed on '${path}'.`)

    if (name === undefined) {
      if (method !== 'GET') return notAllowed()
      if (!authorize(r, ACTIONS.keysRead, '/keys')) return
      return page(
        r,
        Object.values(data.keys).map(k => itemJson(r, k, k.versions[k.versions.length - 1], false))
      )
    }
    if (segs.length === 2 && name.toLowerCase() === 'restore' && method === 'POST') return restoreKey(r, data)
    if (segs.length === 2) {
      // /keys/{name} and /keys/{name}/ (the SDKs' versionless form)
      if (method === 'GET') {
        if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
        const found = findVersion(r, data, name)
        return found ? reply(r, 200, bundleJson(r, found.key, found.v)) : undefined
      }
      if (method === 'PATCH') return updateKey(r, data, name)
      if (method === 'PUT' && !trailing) return importKey(r, name)
      if (method === 'DELETE' && !trailing) return deleteKey(r, data, name)
      return notAllowed()
    }
    const op = third.toLowerCase()
    if (segs.length === 3) {
      if (op === 'create') return method === 'POST' ? createKey(r, name) : notAllowed()
      if (op === 'backup') return method === 'POST' ? backupKey(r, data, name) : notAllowed()
      if (op === 'rotate') return method === 'POST' ? rotateKey(r, data, name) : notAllowed()
      if (op === 'release') return method === 'POST' ? releaseKey(r, data, name) : notAllowed()
      if (op === 'rotationpolicy')
        return method === 'GET' || method === 'PUT' ? rotationPolicy(r, data, name) : notAllowed()
      if (op === 'attestation') return method === 'GET' ? attestKey(r, data, name) : notAllowed()
      if (op === 'versions') {
        if (method !== 'GET') return notAllowed()
        if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
        const key = data.keys[name.toLowerCase()]
        if (!key) return keyNotFound(r, name)
        return page(
          r,
          key.versions.map(v => itemJson(r, key, v, true))
        )
      }
      if (!VERSION.test(third)) return keyNotFound(r, `${name}/${third}`)
      if (method === 'GET') {
        if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
        const found = findVersion(r, data, name, third)
        return found ? reply(r, 200, bundleJson(r, found.key, found.v)) : undefined
      }
      if (method === 'PATCH') return updateKey(r, data, name, third)
      return notAllowed()
    }
    if (segs.length === 4 && fourth.toLowerCase() === 'release') {
      return method === 'POST' ? releaseKey(r, data, name, third) : notAllowed()
    }
    if (segs.length === 4 && fourth.toLowerCase() === 'attestation') {
      return method === 'GET' ? attestKey(r, data, name, third) : notAllowed()
    }
    if (
      segs.length === 4 &&
      ['encrypt', 'decrypt', 'wrapkey', 'unwrapkey', 'sign', 'verify'].includes(fourth.toLowerCase())
    ) {
      return fail(
        r,
        501,
        'NotImplemented',
        `The '${fourth}' operation is not emulated; use the released key or the public key locally.`
      )
    }
    fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' was not found.`)
  }
}
