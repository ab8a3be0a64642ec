/**
 * Long-running operations: the 202 + Location answer (shaped like the real managedHsmOperationResults
 * URL) and the operation-result poll.
 */
import { randomBytes } from 'node:crypto'
import { DEFAULT_IDS } from '../../../core/state.js'
import { addOperation, type HsmRecord, type Operation, type OperationKind } from '../records.js'
import { ARM, fail, reply, type ArmRequest } from '../../arm/common.js'
import { hsmJson } from './wire.js'

/** 202 + Location pointing at managedHsmOperationResults, shaped like the real URL (t/c/s/h included). */
export function accepted(r: ArmRequest, kind: OperationKind, hsm: HsmRecord, completesAt: number): void {
  const op = addOperation(r.ctx.state, {
    kind,
    subscriptionId: hsm.subscriptionId,
    location: hsm.location,
    hsmName: hsm.name,
    completesAt
  })
  reply(r, 202, undefined, { location: operationUrl(r, op) })
}

function operationUrl(r: ArmRequest, op: Operation): string {
  const ticks = BigInt(Date.now()) * 10000n + 621355968000000000n
  const rnd = (n: number): string => randomBytes(n).toString('base64url')
  return (
    `${ARM}/subscriptions/${op.subscriptionId}/providers/Microsoft.KeyVault/locations/${op.location}` +
    `/managedHsmOperationResults/${op.id}?api-version=${encodeURIComponent(r.apiVersion)}` +
    `&t=${ticks}&c=${rnd(96)}&s=${rnd(64)}&h=${rnd(32)}`
  )
}

export function operationResult(r: ArmRequest, opId: string): void {
  const op = r.ctx.state.data.operations[opId]
  if (!op || op.subscriptionId !== DEFAULT_IDS.subscriptionId) {
    return fail(r, 404, 'OperationNotFound', `The operation '${opId}' could not be found.`)
  }
  if (Date.now() < op.completesAt) return reply(r, 202, undefined, { location: operationUrl(r, op) })
  if (op.kind === 'delete' || op.kind === 'purge') return reply(r, 200)
  const hsm = r.ctx.state.data.hsms[op.hsmName.toLowerCase()]
  if (!hsm) return fail(r, 404, 'ResourceNotFound', `The managed HSM '${op.hsmName}' no longer exists.`)
  const failure = hsm.provisioning.failure
  if (op.kind === 'create' && failure) return fail(r, failure.status, failure.code, failure.message)
  reply(r, 200, hsmJson(hsm))
}
