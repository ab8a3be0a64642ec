import { editDistance } from '../shared/edit-distance.js'

/**
 * Managed HSM built-in local roles (names and GUIDs as the live service lists them). Used to catch a
 * mistyped role before any request; the rbac step still resolves every role by listing the HSM's own
 * definitions, so a custom role works when given by its GUID.
 */
export const BUILT_IN_ROLES: Record<string, string> = {
  'Managed HSM Administrator': 'a290e904-7015-4bba-90c8-60543313cdb4',
  'Managed HSM Crypto Officer': '515eb02d-2335-4d2d-92f2-b1cbdf9c3778',
  'Managed HSM Crypto User': '21dbd100-6940-42c2-9190-5d6cb909625b',
  'Managed HSM Policy Administrator': '4bd23610-cdcf-4971-bdee-bdc562cc28e4',
  'Managed HSM Crypto Auditor': '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3',
  'Managed HSM Crypto Service Encryption User': '33413926-3206-4cdd-b39a-83574fe37a17',
  'Managed HSM Crypto Service Release User': '21dbd100-6940-42c2-9190-5d6cb909625c',
  'Managed HSM Backup User': '7b127d3c-77bd-4e3e-bbe0-dbb8971fa7f8',
  'Managed HSM Restore User': '6efe6056-5259-49d2-8b3d-d3d73544b20b'
}

/**
 * The built-in roles that can take a key out of the HSM: their data actions (as the live role list shows them)
 * include keys/release/action (Crypto Service Release User, Crypto User) or keys/export/action (Crypto
 * Officer), which posture/capabilities.ts counts as release. Known before the HSM exists, so a broad grant of
 * one is refused before any write; a custom role's permissions are judged when the rbac step reads them.
 */
export const RELEASING_BUILT_IN_ROLES: ReadonlySet<string> = new Set([
  'Managed HSM Crypto Service Release User',
  'Managed HSM Crypto User',
  'Managed HSM Crypto Officer'
])

/** The role the action's own identity needs to create keys and set their release policy. */
export const CRYPTO_USER = 'Managed HSM Crypto User'

/** A built-in role's name from its name or its definition GUID. */
export function builtInRoleOf(role: string): string | undefined {
  const id = role.toLowerCase()
  return builtInRoleName(role) ?? Object.keys(BUILT_IN_ROLES).find(n => BUILT_IN_ROLES[n] === id)
}

export function builtInRoleName(text: string): string | undefined {
  const t = text.trim().toLowerCase()
  return Object.keys(BUILT_IN_ROLES).find(
    n => n.toLowerCase() === t || n.toLowerCase() === `managed hsm ${t}`
  )
}

/** The built-in name closest to a mistyped one, for "did you mean". */
export function closestRoleName(text: string): string {
  const t = text.toLowerCase()
  let best = CRYPTO_USER
  let bestScore = Infinity
  for (const name of Object.keys(BUILT_IN_ROLES)) {
    const score = editDistance(t, name.toLowerCase())
    if (score < bestScore) [best, bestScore] = [name, score]
  }
  return best
}
