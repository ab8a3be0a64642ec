/**
 * What a Managed HSM local role lets its holder do to a key, from its permissions: `dataActions` minus
 * `notDataActions`, each action mapped to a capability. Fail closed: an action this table does not know, or
 * a wildcard in `dataActions` (whether Managed HSM accepts wildcards is unverified), counts as every
 * capability; `notDataActions` take away only what they certainly name.
 */
import type { Capability } from './types.js'

const P = 'microsoft.keyvault/managedhsm/'

/** The data actions of Managed HSM's local RBAC (the built-in roles' and the documented ones), by capability. */
const KNOWN: Record<string, Capability> = {
  'keys/release/action': 'release',
  // Export hands out key material under the key's release policy, as release does.
  'keys/export/action': 'release',
  'keys/write/action': 'change',
  'keys/create': 'change',
  'keys/create/action': 'change',
  'keys/import/action': 'change',
  'keys/rotate/action': 'change',
  'keys/delete': 'change',
  'keys/restore/action': 'change',
  'keys/deletedkeys/delete': 'change',
  'keys/deletedkeys/recover/action': 'change',
  'keys/rotationpolicies/write': 'change',
  // A full restore replaces every key of the HSM.
  'restore/start/action': 'change',
  'keys/encrypt/action': 'use',
  'keys/decrypt/action': 'use',
  'keys/wrap/action': 'use',
  'keys/unwrap/action': 'use',
  'keys/sign/action': 'use',
  'keys/verify/action': 'use',
  'keys/derive/action': 'use',
  'rng/action': 'use',
  'keys/read/action': 'read',
  'keys/deletedkeys/read/action': 'read',
  'keys/rotationpolicies/read': 'read',
  'roleassignments/read/action': 'read',
  'roledefinitions/read/action': 'read',
  'backup/status/action': 'read',
  'restore/status/action': 'read',
  'settings/read/action': 'read',
  'securitydomain/download/read': 'read',
  'securitydomain/upload/read': 'read',
  'securitydomain/transferkey/read': 'read',
  'keys/backup/action': 'backup',
  'backup/start/action': 'backup',
  'roleassignments/write/action': 'manage-roles',
  'roleassignments/delete/action': 'manage-roles',
  'roledefinitions/write/action': 'manage-roles',
  'roledefinitions/delete/action': 'manage-roles',
  'securitydomain/download/action': 'security-domain',
  // Uploading a security domain replaces the HSM's root of trust.
  'securitydomain/upload/action': 'security-domain',
  'settings/write/action': 'settings'
}

export const ALL_CAPABILITIES: Capability[] = [
  'release',
  'change',
  'manage-roles',
  'security-domain',
  'use',
  'settings',
  'backup',
  'read'
]

/** The capabilities that let a holder take or change the key, or give itself that right. */
export const CRITICAL_CAPABILITIES: ReadonlySet<Capability> = new Set([
  'release',
  'change',
  'manage-roles',
  'security-domain'
])

/** Each capability in words, as the findings and the summary's holder table say it. */
export const CAPABILITY_WORDS: Record<Capability, string> = {
  release: 'release the key',
  change: 'change or delete the key',
  'manage-roles': 'grant any role (itself included)',
  'security-domain': 'download or replace the security domain',
  use: 'use the key (decrypt, unwrap, sign)',
  settings: "change the HSM's settings",
  backup: 'back up keys',
  read: 'read keys and roles'
}

export interface Permission {
  dataActions?: string[]
  notDataActions?: string[]
}

/** The capabilities a role's permissions grant, in ALL_CAPABILITIES order. */
export function capabilities(permissions: Permission[] | undefined): Capability[] {
  const granted = new Set<Capability>()
  for (const p of permissions ?? []) {
    const not = (p.notDataActions ?? []).map(a => a.toLowerCase())
    for (const raw of p.dataActions ?? []) {
      const action = raw.toLowerCase()
      if (action.includes('*')) {
        // Taken away only when a notDataAction names at least everything it could match.
        if (!not.some(n => covers(n, action))) for (const c of ALL_CAPABILITIES) granted.add(c)
        continue
      }
      if (not.some(n => matches(n, action))) continue
      const known = action.startsWith(P) ? KNOWN[action.slice(P.length)] : undefined
      if (known) granted.add(known)
      else for (const c of ALL_CAPABILITIES) granted.add(c)
    }
  }
  return ALL_CAPABILITIES.filter(c => granted.has(c))
}

/** A pattern (a trailing `*` matches any suffix) matches one action. */
function matches(pattern: string, action: string): boolean {
  return pattern.endsWith('*') ? action.startsWith(pattern.slice(0, -1)) : pattern === action
}

/** Pattern `outer` matches every action `inner` (itself possibly a pattern) could match. */
function covers(outer: string, inner: string): boolean {
  if (!outer.endsWith('*')) return outer === inner
  const prefix = outer.slice(0, -1)
  return inner.startsWith(prefix)
}
