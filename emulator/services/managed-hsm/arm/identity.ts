/**
 * The managed identities of a Managed HSM resource (`identity` beside `properties`), as the ARM spec
 * defines them for managedHSMs from 2023-07-01 (azure-rest-api-specs,
 * specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/managedHsm.json,
 * `ManagedServiceIdentity`: `type` None | SystemAssigned | UserAssigned | "SystemAssigned,UserAssigned",
 * `userAssignedIdentities` {resourceId: {principalId, clientId}} read-only ids). A full backup or restore with
 * `useManagedIdentity: true` authenticates to Blob storage as the HSM's user-assigned identity (Microsoft
 * Learn, "Full backup and restore", 2026). Only UserAssigned is emulated. The emulator has no
 * Microsoft.ManagedIdentity service: an identity's principal and client ids are derived from its
 * resource id (unconfirmed that ARM refuses an identity that does not exist: README "Unconfirmed").
 */
import { createHash } from 'node:crypto'
import { isRecord } from '../../../core/http.js'
import type { HsmIdentity } from '../records.js'

const UAI_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i

/** A stable GUID for a user-assigned identity (`kind` principal or client). */
export function identityGuid(resourceId: string, kind: 'principal' | 'client'): string {
  const h = createHash('sha256').update(`${kind}:${resourceId.toLowerCase()}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The identity a PUT or PATCH body sets: an HsmIdentity, undefined when absent, or an error message. */
export function parseIdentity(value: unknown): HsmIdentity | undefined | string {
  if (value === undefined) return undefined
  if (!isRecord(value)) return 'The property "identity" must be an object.'
  const type = value.type
  if (type === 'None') return { type: 'None', userAssignedIdentities: {} }
  if (type !== 'UserAssigned')
    return `The identity type '${String(type)}' is not supported for a managed HSM here; use 'UserAssigned' or 'None'.`
  const uais = value.userAssignedIdentities
  if (!isRecord(uais) || Object.keys(uais).length === 0)
    return "The identity type 'UserAssigned' needs at least one entry in 'userAssignedIdentities'."
  const out: HsmIdentity = { type: 'UserAssigned', userAssignedIdentities: {} }
  for (const id of Object.keys(uais)) {
    if (!UAI_ID.test(id))
      return `'${id}' is not a user-assigned identity resource id (/subscriptions/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}).`
    out.userAssignedIdentities[id] = {
      principalId: identityGuid(id, 'principal'),
      clientId: identityGuid(id, 'client')
    }
  }
  return out
}

/** The `identity` member of the resource JSON (absent when the HSM has none). */
export function identityJson(identity: HsmIdentity | undefined): Record<string, unknown> {
  if (!identity || identity.type === 'None') return {}
  return { identity: { type: identity.type, userAssignedIdentities: identity.userAssignedIdentities } }
}
