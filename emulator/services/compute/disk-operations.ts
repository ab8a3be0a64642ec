/**
 * Disk RP long-running operations as recorded live (Azure/azure-cli,
 * src/azure-cli/azure/cli/command_modules/vm/tests/latest/recordings/test_disk_encryption_set.yaml, 2022,
 * api-version 2020-12-01, and test_disk_encryption_set_update.yaml, 2022, api-version 2022-03-02): a PUT
 * (create or replace) or DELETE of a disk encryption set answers 202 with both
 * `Azure-AsyncOperation: …/subscriptions/{sub}/providers/Microsoft.Compute/locations/{loc}/DiskOperations/{id}?p={guid}&api-version=…`
 * and `Location:` the same URL with `&monitor=true` before `api-version`. Polling the Azure-AsyncOperation URL
 * answers 200 `{startTime, endTime, status: "Succeeded", properties: {output: <the set>}, name: {id}}` for a
 * write and the same without `properties` for a delete. Microsoft's API examples show a Location on the set
 * itself instead; the recordings win.
 *
 * The `monitor=true` URL of a finished delete answers 200 with no body (Azure/azure-powershell, Compute.Test
 * SessionRecords …DiskRPTests/TestDiskEncryptionSet.json, 2020, api-version 2019-07-01).
 *
 * Not recorded (emulator/README.md, unverified): the running answer (200 `{startTime, status: "InProgress",
 * name}` here, the ARM async-operation contract's shape), the `monitor=true` URL while running (202 +
 * Location) and after a write (200 with the set), a PATCH's answer (202 like a PUT here; the 2020 recording's
 * PATCH answered 200 at once, when its PUT still answered 201), and the 404 for an unknown operation.
 */
import { randomUUID } from 'node:crypto'
import { DEFAULT_IDS } from '../../core/state.js'
import { ARM, fail, reply, type ArmRequest } from '../arm/common.js'

/** A running or finished disk operation (kept in state.json so a restart keeps answering its polls). */
export interface DiskOperationRecord {
  id: string
  kind: 'write' | 'delete'
  location: string
  /** The set's key in diskEncryptionSets, to read its state into the operation's output. */
  setKey: string
  started: number
  until: number
}

declare module '../../core/state.js' {
  interface StateData {
    /** Disk RP operations by id. Absent in state files of older versions. */
    diskOperations?: Record<string, DiskOperationRecord>
  }
}

/** A random but stable-per-emulator `p` value, as the recordings carry one for every operation. */
const P = randomUUID()
/** Finished operations are forgotten after a day (Azure's retention of operation results is not recorded). */
const KEEP_MS = 24 * 3600_000

function operationUrl(r: ArmRequest, op: DiskOperationRecord, monitor: boolean): string {
  return (
    `${ARM}/subscriptions/${DEFAULT_IDS.subscriptionId}/providers/Microsoft.Compute/locations/${op.location}` +
    `/DiskOperations/${op.id}?p=${P}${monitor ? '&monitor=true' : ''}&api-version=${encodeURIComponent(r.apiVersion)}`
  )
}

/** Starts an operation and returns the two headers of its 202. */
export function startDiskOperation(
  r: ArmRequest,
  kind: DiskOperationRecord['kind'],
  location: string,
  setKey: string,
  ms: number
): Record<string, string> {
  const all = (r.ctx.state.data.diskOperations ??= {})
  const now = Date.now()
  for (const [id, o] of Object.entries(all)) if (now - o.until > KEEP_MS) delete all[id]
  const op: DiskOperationRecord = { id: randomUUID(), kind, location, setKey, started: now, until: now + ms }
  all[op.id] = op
  return {
    'azure-asyncoperation': operationUrl(r, op, false),
    location: operationUrl(r, op, true)
  }
}

/**
 * GET /subscriptions/{sub}/providers/Microsoft.Compute/locations/{loc}/DiskOperations/{id}; returns false
 * when the path is not one. `output` gives the set's ARM JSON for a finished write.
 */
export function handleDiskOperation(
  r: ArmRequest,
  output: (setKey: string) => Record<string, unknown> | undefined
): boolean {
  const { lower, segs, ex } = r
  if (!(
    lower.length === 8 &&
    lower[2] === 'providers' &&
    lower[3] === 'microsoft.compute' &&
    lower[4] === 'locations' &&
    lower[6] === 'diskoperations'
  ))
    return false
  if (ex.method !== 'GET') {
    fail(r, 405, 'MethodNotAllowed', `The HTTP method '${ex.method}' is not supported.`)
    return true
  }
  const op = r.ctx.state.data.diskOperations?.[segs[7].toLowerCase()]
  if (!op || op.location !== lower[5]) {
    fail(r, 404, 'NotFound', `The operation '${segs[7]}' was not found.`)
    return true
  }
  const monitor = ex.url.searchParams.get('monitor') === 'true'
  const running = Date.now() < op.until
  const startTime = new Date(op.started).toISOString()
  if (monitor) {
    if (running) reply(r, 202, undefined, { location: operationUrl(r, op, true) })
    else if (op.kind === 'delete') reply(r, 200)
    else reply(r, 200, output(op.setKey) ?? {})
    return true
  }
  if (running) {
    reply(r, 200, { startTime, status: 'InProgress', name: op.id })
    return true
  }
  const endTime = new Date(op.until).toISOString()
  const set = op.kind === 'write' ? output(op.setKey) : undefined
  reply(r, 200, {
    startTime,
    endTime,
    status: 'Succeeded',
    ...(set ? { properties: { output: set } } : {}),
    name: op.id
  })
  return true
}
