/**
 * The record of the key's role assignments (principal, role, scope) that apply escrows beside the key backup
 * in key-backup-store: the security domain and the key backup restore the key, but no role assignment, so
 * recover compares the new HSM with this record and names what is missing. A record is a small JSON object,
 * written only when the assignments differ from every record of this key state (its name carries its
 * SHA-256), so a converged rerun writes nothing.
 */
import * as log from '../../shared/log.js'
import { keysClient, type RunContext } from '../../run/context.js'
import { readKeyAssignments, type RecordedAssignment } from '../../run/key-roles.js'
import { keyVersion, listRoleRecordTargets, roleRecordTarget } from '../../escrow/key-backup-objects.js'
import { checkEscrow, escrowTo, type EscrowMetadata } from '../../escrow/escrow.js'
import { openStore } from '../../escrow/stores/index.js'
import { sha256Hex } from '../../shared/hash.js'
import { runUrl } from '../../shared/run-url.js'
import { untilAuthorized } from '../../run/authorized.js'
import { errorMessage } from '../../shared/errors.js'

export const ROLE_RECORD_CONTENT_TYPE = 'application/json'

export interface RoleRecord {
  key: string
  kid: string
  recorded: string
  assignments: RecordedAssignment[]
  /** Where it was read from (recover). */
  url?: string
}

/** apply: escrows the key's current role assignments beside its backup, unless that record exists. */
export async function recordKeyRoles(ctx: RunContext): Promise<void> {
  const base = ctx.config.keyBackup
  if (!base) return
  const name = ctx.config.key.name
  const keys = await keysClient(ctx)
  const key = await untilAuthorized(ctx, 'read the key', () => keys.get(name))
  if (!key?.id) return
  const assignments = await readKeyAssignments(ctx)
  const content = Buffer.from(JSON.stringify({ key: name, kid: key.id, assignments }, null, 2))
  const sha256 = sha256Hex(content)
  const target = roleRecordTarget(base, keyVersion(key.id), key.properties.updatedOn, sha256)
  const store = openStore(target, ctx.signIn.credential)
  if ((await checkEscrow(store)).state === 'ok') {
    log.info(`key: the ${assignments.length} role assignment(s) of '${name}' are recorded at ${target.url}`)
    return
  }
  const metadata: EscrowMetadata = {
    kind: 'key-roles',
    hsm: ctx.config.hsmName,
    sha256,
    key: name,
    kid: key.id,
    created: new Date().toISOString(),
    ...(runUrl() ? { run: runUrl() as string } : {})
  }
  await escrowTo(store, content, metadata, ROLE_RECORD_CONTENT_TYPE)
  log.info(
    `key: recorded the ${assignments.length} role assignment(s) that reach '${name}' (principal, role, scope) at ${target.url}, for mode: recover`
  )
}

/**
 * recover: the newest intact record of each key's role assignments under key-backup-store; a damaged or
 * unreadable one is reported and an older one stands in.
 */
export async function readRoleRecords(
  ctx: RunContext
): Promise<{ records: Map<string, RoleRecord>; problems: string[] }> {
  const records = new Map<string, RoleRecord>()
  const problems: string[] = []
  const base = ctx.config.keyBackup
  if (!base) return { records, problems }
  const newest = new Map<string, string>()
  for (const target of await listRoleRecordTargets(base, ctx.signIn.credential)) {
    const check = await checkEscrow(openStore(target, ctx.signIn.credential))
    if (check.state !== 'ok' || !check.content) {
      if (check.state !== 'missing')
        problems.push(`${target.url}: ${check.state}${check.detail ? ` (${check.detail})` : ''}`)
      continue
    }
    let parsed: RoleRecord
    try {
      parsed = parseRecord(check.content)
    } catch (e) {
      problems.push(`${target.url}: not a role assignment record (${errorMessage(e)})`)
      continue
    }
    const created = check.metadata?.created ?? ''
    const k = parsed.key.toLowerCase()
    if ((newest.get(k) ?? '') > created) continue
    newest.set(k, created)
    records.set(k, { ...parsed, recorded: created, url: target.url })
  }
  return { records, problems }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}$/
const SCOPE = /^\/(keys(\/[0-9A-Za-z-]{1,127})?)?$/

/** The record's JSON, checked field by field (it is read from a store: evidence, never trusted as is). */
function parseRecord(content: Buffer): RoleRecord {
  const v = JSON.parse(content.toString('utf8')) as unknown
  const o = v as { key?: unknown; kid?: unknown; assignments?: unknown }
  if (typeof o?.key !== 'string' || !Array.isArray(o.assignments)) throw new Error('no key or assignments')
  const assignments = o.assignments.map((a: unknown) => {
    const e = a as Record<string, unknown>
    if (typeof e?.principalId !== 'string' || typeof e.role !== 'string' || typeof e.scope !== 'string')
      throw new Error('an assignment without principalId, role or scope')
    // Its words reach a suggested command: only what a real assignment can hold is accepted.
    if (!GUID.test(e.principalId)) throw new Error('a principalId that is not a GUID')
    if (!ROLE_NAME.test(e.role)) throw new Error('a role name with unexpected characters')
    if (!SCOPE.test(e.scope)) throw new Error("a scope other than '/', '/keys' or '/keys/NAME'")
    return { principalId: e.principalId, role: e.role, scope: e.scope }
  })
  return { key: o.key, kid: typeof o.kid === 'string' ? o.kid : '', recorded: '', assignments }
}
