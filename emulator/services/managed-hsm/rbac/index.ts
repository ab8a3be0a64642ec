/**
 * Managed HSM local RBAC (protocol notes §4): the area that routes role definitions (definitions.ts)
 * and role assignments (assignments.ts). The built-in role table is in roles.ts, the check every
 * data-plane operation goes through in authorize.ts.
 */
import { badParameter, collapse, fail } from '../common.js'
import type { DataPlaneArea } from '../area.js'
import { mhsmStore } from '../store.js'
import { servedData } from '../replication.js'
import { handleAssignments } from './assignments.js'
import { handleDefinitions } from './definitions.js'
import { parsePath, VALID_SCOPE } from './path.js'

export const rbacArea: DataPlaneArea = {
  name: 'rbac',
  matches: path => /\/providers\/microsoft\.authorization\//i.test(collapse(path) + '/'),
  allowedBeforeActivation: false,
  handle(r) {
    const p = parsePath(r.ex.url.pathname)
    if (!p) return fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' was not found.`)
    if (!VALID_SCOPE.test(p.scope))
      return badParameter(
        r,
        `The scope '${p.scope}' is not valid. Valid scopes are '/', '/keys' and '/keys/{keyName}'.`
      )
    // A read served by a lagging extended region sees no assignment younger than the lag (replication.ts).
    const data = servedData(r, mhsmStore(r.ctx).hsm(r.hsm))
    if (p.kind === 'roledefinitions') return handleDefinitions(r, p, data)
    return handleAssignments(r, p, data)
  }
}
