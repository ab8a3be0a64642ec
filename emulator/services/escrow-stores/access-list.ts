/**
 * The RBAC-style access lists of the emulator's stores (Key Vault vaults, storage accounts): principal
 * object ids that may write (and read), and ids that may only read. One place decides who may do what,
 * and reads the lists from the control API's `{"writers"?, "readers"?}` body.
 */
import type { EmulatorContext } from '../../core/context.js'
import { isRecord } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'

export interface AccessLists {
  /** Principal object ids (lower-case) that may read and write (Secrets Officer, Blob Data Contributor). */
  writers: string[]
  /** Principal object ids (lower-case) that may only read (Secrets User, Blob Data Reader). */
  readers: string[]
}

export type Access = 'read' | 'write'

/** Writers may do everything; readers may read. `oid` is compared case-insensitively. */
export function mayAccess(lists: AccessLists, oid: string, access: Access): boolean {
  const id = oid.toLowerCase()
  return lists.writers.includes(id) || (access === 'read' && lists.readers.includes(id))
}

/** Replaces the lists of an existing vault or account (its contents are kept). */
export function replaceAccess(target: AccessLists, lists: AccessLists): void {
  target.writers = lists.writers
  target.readers = lists.readers
}

function principalList(value: unknown, field: string): string[] | string | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string'))
    return `${field} must be an array of principal object ids`
  return value.map(v => v.toLowerCase())
}

/**
 * The access lists of a control-API PUT body `{"writers"?, "readers"?}`: by default the default app's
 * principal writes and nobody else reads. A string is the error to answer 400 with.
 */
export function readAccessLists(ctx: EmulatorContext, body: unknown): AccessLists | string {
  const fields = body === undefined ? {} : body
  if (!isRecord(fields)) return 'body must be a JSON object'
  const writers = principalList(fields.writers, 'writers')
  const readers = principalList(fields.readers, 'readers')
  for (const v of [writers, readers]) if (typeof v === 'string') return v
  const defaultPrincipal = ctx.state.data.apps[DEFAULT_IDS.clientId]?.principalId ?? DEFAULT_IDS.principalId
  return {
    writers: (writers as string[] | undefined) ?? [defaultPrincipal],
    readers: (readers as string[] | undefined) ?? []
  }
}
