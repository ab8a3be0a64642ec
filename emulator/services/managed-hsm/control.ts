/**
 * Control API for the Managed HSM data plane (no secrets):
 * GET /_emulator/hsms/{name}/data-plane → the HSM's security-domain id and operations, role
 * assignments (with the time each becomes effective), key names/versions (enabled, created) and settings.
 */
import type { ServerResponse } from 'node:http'
import type { EmulatorContext } from '../../core/context.js'
import { sendJson } from '../../core/http.js'
import { activationStatus } from '../../core/state.js'
import { settingsOf } from './settings.js'
import { mhsmStore } from './store.js'

export function handleManagedHsmControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  res: ServerResponse
): boolean {
  const m = /^\/_emulator\/hsms\/([^/]+)\/data-plane$/.exec(path)
  if (!m) return false
  if (method !== 'GET') {
    sendJson(res, 405, { error: 'use GET' })
    return true
  }
  const hsm = ctx.state.data.hsms[decodeURIComponent(m[1]).toLowerCase()]
  if (!hsm) {
    sendJson(res, 404, { error: 'no such HSM' })
    return true
  }
  const data = mhsmStore(ctx).hsm(hsm)
  sendJson(res, 200, {
    name: hsm.name,
    activationStatus: activationStatus(hsm),
    sdId: data.sdId ?? null,
    securityDomainOperations: data.sdOperations,
    transferKeyIssued: !!data.transferKey,
    roleAssignments: Object.values(data.roleAssignments).map(a => ({
      ...a,
      effective: Date.now() >= a.effectiveAt
    })),
    customRoles: Object.values(data.customRoles),
    keys: Object.values(data.keys).map(k => ({
      name: k.name,
      versions: k.versions.map(v => ({
        version: v.version,
        kty: v.kty,
        exportable: v.attributes.exportable,
        enabled: v.attributes.enabled,
        created: v.attributes.created
      }))
    })),
    deletedKeys: Object.values(data.deletedKeys).map(d => d.key.name),
    settings: settingsOf(data)
  })
  return true
}
