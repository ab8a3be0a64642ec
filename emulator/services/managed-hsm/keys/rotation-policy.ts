/**
 * A key's rotation policy: `GET` and `PUT /keys/{name}/rotationpolicy` (azure-rest-api-specs
 * specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/keys.json, GetKeyRotationPolicy and
 * UpdateKeyRotationPolicy, and their examples GetKeyRotationPolicy-example.json and
 * UpdateKeyRotationPolicy-example.json: 200 `{id, lifetimeActions: [{trigger: {timeAfterCreate |
 * timeBeforeExpiry}, action: {type: Rotate | Notify}}], attributes: {expiryTime, created, updated}}`). Those
 * examples are a vault's (`*.vault.azure.net`): no Managed HSM recording of this API was found, so the HSM
 * answers as Key Vault's examples do (emulator/README.md lists what is unconfirmed). A policy is stored, never
 * acted on: no version is ever created by it here.
 */
import { badParameter, hsmOrigin, jsonBody, nowSeconds, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import { authorize } from '../rbac/authorize.js'
import { ACTIONS } from '../rbac/roles.js'
import type { HsmData, RotationPolicyRecord } from '../store.js'
import { mhsmStore } from '../store.js'
import { findVersion } from './wire.js'

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/

function policyJson(
  r: AreaRequest,
  name: string,
  p: RotationPolicyRecord | undefined
): Record<string, unknown> {
  // Without a stored policy: Key Vault's default (a Notify 30 days before expiry; unverified for Managed HSM).
  const lifetimeActions = p?.lifetimeActions ?? [
    { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }
  ]
  return {
    id: `${hsmOrigin(r)}/keys/${name}/rotationpolicy`,
    lifetimeActions,
    attributes: p
      ? { ...(p.expiryTime ? { expiryTime: p.expiryTime } : {}), created: p.created, updated: p.updated }
      : {}
  }
}

/** Reads a PUT body's policy; answers 400 and returns undefined when it is not one. */
function parsePolicy(
  r: AreaRequest,
  body: Record<string, unknown>
): Omit<RotationPolicyRecord, 'created' | 'updated'> | undefined {
  const actions = body.lifetimeActions ?? []
  if (!Array.isArray(actions)) {
    badParameter(r, 'lifetimeActions must be an array.')
    return undefined
  }
  const lifetimeActions: RotationPolicyRecord['lifetimeActions'] = []
  for (const a of actions as unknown[]) {
    const trigger = (a as { trigger?: Record<string, unknown> })?.trigger ?? {}
    const type = (a as { action?: { type?: unknown } })?.action?.type
    const after = trigger.timeAfterCreate
    const before = trigger.timeBeforeExpiry
    const ok = (v: unknown): boolean => v === undefined || (typeof v === 'string' && DURATION.test(v))
    if (
      typeof type !== 'string' ||
      !/^(rotate|notify)$/i.test(type) ||
      !ok(after) ||
      !ok(before) ||
      (after === undefined) === (before === undefined)
    ) {
      badParameter(
        r,
        'Each lifetime action needs a type (Rotate or Notify) and exactly one ISO 8601 duration trigger (timeAfterCreate or timeBeforeExpiry).'
      )
      return undefined
    }
    const canonical = type.toLowerCase() === 'rotate' ? 'Rotate' : 'Notify'
    lifetimeActions.push({
      trigger:
        after !== undefined ? { timeAfterCreate: after as string } : { timeBeforeExpiry: before as string },
      action: { type: canonical }
    })
  }
  const attributes = (body.attributes ?? {}) as Record<string, unknown>
  const expiryTime = attributes.expiryTime
  if (expiryTime !== undefined && (typeof expiryTime !== 'string' || !DURATION.test(expiryTime))) {
    badParameter(r, 'attributes.expiryTime must be an ISO 8601 duration.')
    return undefined
  }
  return { lifetimeActions, ...(expiryTime ? { expiryTime: expiryTime as string } : {}) }
}

/** GET or PUT /keys/{name}/rotationpolicy (reads need keys/read, writes keys/write: unverified for an HSM). */
export function rotationPolicy(r: AreaRequest, data: HsmData, name: string): void {
  const write = r.ex.method === 'PUT'
  if (!authorize(r, write ? ACTIONS.keysWrite : ACTIONS.keysRead, `/keys/${name}`)) return
  const found = findVersion(r, data, name)
  if (!found) return
  if (!write) return reply(r, 200, policyJson(r, found.key.name, found.key.rotationPolicy))
  const body = jsonBody(r)
  if (!body) return
  const parsed = parsePolicy(r, body)
  if (!parsed) return
  const now = nowSeconds()
  found.key.rotationPolicy = { ...parsed, created: found.key.rotationPolicy?.created ?? now, updated: now }
  mhsmStore(r.ctx).save()
  reply(r, 200, policyJson(r, found.key.name, found.key.rotationPolicy))
}
