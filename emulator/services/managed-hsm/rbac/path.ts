/**
 * An RBAC request path: the scope ('/', '/keys', '/keys/{name}'), definitions or assignments, and a name.
 */
import { collapse, normaliseScope } from '../common.js'

export const VALID_SCOPE = /^\/(keys(\/[0-9a-zA-Z-]{1,127})?)?$/

export interface RbacPath {
  scope: string
  kind: 'roledefinitions' | 'roleassignments'
  name?: string
}

export function parsePath(pathname: string): RbacPath | undefined {
  const path = collapse(pathname)
  const m =
    /^(.*?)\/providers\/microsoft\.authorization\/(roledefinitions|roleassignments)(?:\/([^/]+))?\/?$/i.exec(
      path
    )
  if (!m) return undefined
  return {
    scope: normaliseScope(m[1] || '/'),
    kind: m[2].toLowerCase() as RbacPath['kind'],
    name: m[3] ? decodeURIComponent(m[3]) : undefined
  }
}
