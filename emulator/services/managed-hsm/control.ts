/**
 * Control API for Managed HSMs (no secrets):
 * GET /_emulator/hsms/{name}/data-plane → the HSM's security-domain id and operations, role
 * assignments (with the time each becomes effective), key names/versions (enabled, created) and settings;
 * PUT /_emulator/hsms/{name}/activation {status}, /tenant {tenantId}, /created {createdAt} → what ARM and
 * the data plane never change themselves; POST /_emulator/hsms/{name}/keys/{key}/tamper → the key's newest
 * version swapped for another key under the same version id (what a restore drill must notice).
 */
import { rsaKeyPairSync } from '../../core/key-pool.js'
import type { ServerResponse } from 'node:http'
import type { ControlRequest, EmulatorContext } from '../../core/context.js'
import { answer, isRecord, sendJson } from '../../core/http.js'
import { GUID } from './common.js'
import { activationStatus, setActivationStatus } from './records.js'
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

const bad = (res: ServerResponse, message: string): true => answer(res, 400, { error: message })

/** The HSM's ARM record as a test sets it up. */
export function handleHsmRecordControl({ ctx, method, path, body, res }: ControlRequest): boolean {
  // Test hook for later phases' data plane: flip a provisioned HSM's activation status.
  const act = /^\/_emulator\/hsms\/([^/]+)\/activation$/.exec(path)
  if (act && method === 'PUT') {
    const status = isRecord(body) ? body.status : undefined
    if (status !== 'Active' && status !== 'NotActivated' && status !== 'Failed')
      return bad(res, 'status must be Active, NotActivated or Failed')
    if (!setActivationStatus(ctx.state, decodeURIComponent(act[1]), status))
      return answer(res, 404, { error: 'no such HSM' })
    return answer(res, 200, { name: act[1], activationStatus: status })
  }
  // An HSM whose tenant is not the subscription's (created before its subscription moved to this tenant):
  // ARM reports it, and its data plane takes tokens of that tenant only. ARM itself never changes it.
  const ten = /^\/_emulator\/hsms\/([^/]+)\/tenant$/.exec(path)
  if (ten && method === 'PUT') {
    const tenantId = isRecord(body) ? body.tenantId : undefined
    if (typeof tenantId !== 'string' || !GUID.test(tenantId)) return bad(res, 'tenantId must be a GUID')
    const hsm = ctx.state.data.hsms[decodeURIComponent(ten[1]).toLowerCase()]
    if (!hsm) return answer(res, 404, { error: 'no such HSM' })
    hsm.properties.tenantId = tenantId.toLowerCase()
    ctx.state.save()
    return answer(res, 200, { name: hsm.name, tenantId: hsm.properties.tenantId })
  }
  // An HSM made longer ago than the test ran: ARM's systemData.createdAt (ARM itself never changes it).
  const created = /^\/_emulator\/hsms\/([^/]+)\/created$/.exec(path)
  if (created && method === 'PUT') {
    const at = isRecord(body) && typeof body.createdAt === 'string' ? Date.parse(body.createdAt) : NaN
    if (Number.isNaN(at)) return bad(res, 'createdAt must be a date-time')
    const hsm = ctx.state.data.hsms[decodeURIComponent(created[1]).toLowerCase()]
    if (!hsm) return answer(res, 404, { error: 'no such HSM' })
    hsm.createdAt = at
    ctx.state.save()
    return answer(res, 200, { name: hsm.name, createdAt: new Date(at).toISOString() })
  }
  // A key tampered with outside any API (what a restore drill must notice): its newest version gets the
  // material and public key of a fresh RSA key of the same size, under the same version id.
  const tamper = /^\/_emulator\/hsms\/([^/]+)\/keys\/([^/]+)\/tamper$/.exec(path)
  if (tamper && method === 'POST') {
    const hsm = ctx.state.data.hsms[decodeURIComponent(tamper[1]).toLowerCase()]
    if (!hsm) return answer(res, 404, { error: 'no such HSM' })
    const store = mhsmStore(ctx)
    const key = store.hsm(hsm).keys[decodeURIComponent(tamper[2]).toLowerCase()]
    const v = key?.versions[key.versions.length - 1]
    if (!v || v.kty !== 'RSA-HSM') return answer(res, 404, { error: 'no such RSA key' })
    const { privateKey, publicKey } = rsaKeyPairSync(v.keySize ?? 2048)
    const jwk = publicKey.export({ format: 'jwk' })
    v.publicJwk = { ...v.publicJwk, n: String(jwk.n), e: String(jwk.e) }
    v.material = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    store.save()
    return answer(res, 200, { name: key.name, version: v.version })
  }
  return false
}
