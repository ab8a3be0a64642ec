/**
 * Full backup and restore of a Managed HSM (azure-rest-api-specs,
 * specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/backuprestore.json; from 7.6 also
 * preFullBackup and preFullRestore): `POST /backup`, `PUT /restore`, `PUT /keys/{name}/restore`
 * (selective key restore), `POST /prebackup`, `PUT /prerestore`, and `GET /{backup|restore}/{jobId}/pending`.
 * Each start answers 202 with `azure-asyncoperation: https://{hsm}/{backup|restore}/{jobId}/pending` (no
 * api-version in it, as recorded) and `retry-after`. A backup writes a real folder into the emulated Blob
 * container, sealed under the HSM's security domain (folder.ts), so a restore into an HSM holding another
 * security domain fails as on Azure. One job at a time; during a full restore every other data-plane call is
 * refused (index.ts asks refusedDuringRestore). The `backupSeconds` setting is how long a job runs and
 * `failNextBackupJob` ends the next backup or restore job in Failed (the Failed variant).
 */
import { heldSecurityDomain, mhsmStore, type BackupJobRecord, type HsmData } from '../store.js'
import { activityId, collapse, fail, jsonBody, reply } from '../common.js'
import type { AreaRequest, DataPlaneArea } from '../area.js'
import { authorize } from '../rbac/authorize.js'
import { ACTIONS } from '../rbac/roles.js'
import { BACKUP_FILE, openSnapshot, sealSnapshot } from './folder.js'
import { folderName, isRunning, jobJson, newJobId, retryAfter, runningJob } from './jobs.js'
import { storageRefusal, storageTarget, type JobError, type StorageTarget } from './storage.js'
import { settingsOf } from '../settings.js'

declare module '../../../core/context.js' {
  interface Settings {
    /** How long a full backup or restore job stays InProgress. */
    backupSeconds: number
    /** Ends the next full backup or restore job in Failed (true, or the error to report). */
    failNextBackupJob: false | true | { code?: string; message?: string }
  }
}

const PATHS =
  /^\/(backup|prebackup|restore|prerestore)(\/[0-9a-f]+\/pending)?\/?$|^\/keys\/[^/]+\/restore\/?$/i

/** preFullBackup and preFullRestore exist from api-version 7.6 (backuprestore.json of 7.6 and later). */
const hasPreChecks = (apiVersion: string): boolean => !/^7\.[0-5](-|$)/.test(apiVersion)

function takeFailure(r: AreaRequest): JobError | undefined {
  const s = r.ctx.settings.failNextBackupJob
  if (!s) return undefined
  r.ctx.settings.failNextBackupJob = false
  const spec = s === true ? {} : s
  return {
    code: spec.code ?? 'InternalError',
    message: spec.message ?? 'The operation failed because of an internal error. Retry the operation.'
  }
}

function accepted(r: AreaRequest, job: BackupJobRecord, which: 'backup' | 'restore', first: boolean): void {
  // The first answer of a job that did start is InProgress with nulls, as recorded, even when it ends at once.
  const body = first ? jobJson(job, job.startedAt - 1) : jobJson(job)
  reply(r, 202, body, {
    'azure-asyncoperation': `https://${r.ex.host}/${which}/${job.id}/pending`,
    'retry-after': retryAfter(job)
  })
}

function newJob(r: AreaRequest, kind: BackupJobRecord['kind'], error?: JobError): BackupJobRecord {
  return {
    id: newJobId(),
    kind,
    startedAt: Date.now(),
    // A job refused by its checks ends at once (a recorded 202 already said Failed).
    durationMs: error ? 0 : Math.max(0, r.ctx.settings.backupSeconds ?? 0) * 1000,
    outcome: error ? 'Failed' : 'Succeeded',
    ...(error ? { error } : {})
  }
}

function conflict(r: AreaRequest, running: BackupJobRecord): void {
  fail(
    r,
    409,
    'Conflict',
    `A ${running.kind === 'backup' || running.kind === 'prebackup' ? 'backup' : 'restore'} job (${running.id}) is already in progress on this managed HSM; only one backup or restore runs at a time. (Activity ID: ${activityId()})`
  )
}

/** The start of a job: authorised, its body read, no other job running, its storage target. */
function begin(
  r: AreaRequest,
  data: HsmData,
  action: string,
  scope: string,
  params: (body: Record<string, unknown>) => unknown
): { body: Record<string, unknown>; target: StorageTarget } | undefined {
  if (!authorize(r, action, scope)) return undefined
  const body = jsonBody(r)
  if (!body) return undefined
  const running = runningJob(data)
  if (running) return void conflict(r, running)
  const target = storageTarget(r, params(body))
  if ('code' in target) return void fail(r, 400, target.code, target.message)
  return { body, target }
}

async function startBackup(r: AreaRequest, data: HsmData, pre: boolean): Promise<void> {
  const started = begin(r, data, ACTIONS.backupStart, '/', b => b)
  if (!started) return
  const { target } = started
  const refusal = storageRefusal(r, target, 'write')
  const job = newJob(r, pre ? 'prebackup' : 'backup', refusal ?? takeFailure(r))
  // Held before any await: a second start meanwhile meets this one.
  data.jobs ??= {}
  data.jobs[job.id] = job
  if (!pre && !refusal) {
    // A failed job also leaves its folder behind (the note; the contents are not a usable backup).
    const folder = folderName(r.hsm.name, job.startedAt)
    const store = mhsmStore(r.ctx)
    const master = Buffer.from(heldSecurityDomain(store, data).master, 'base64')
    const content = sealSnapshot(master, r.hsm.name, {
      keys: data.keys,
      deletedKeys: data.deletedKeys,
      roleAssignments: data.roleAssignments,
      customRoles: data.customRoles,
      settings: settingsOf(data)
    })
    // The job runs while its folder is written, and its emulated duration (backupSeconds) starts once it is:
    // an emulator's first blob use also starts Azurite (about a second), which must not eat into it.
    const planned = job.durationMs
    job.durationMs = Number.MAX_SAFE_INTEGER
    const s = await r.ctx.storage.ready
    const status = s.ok
      ? await r.ctx.storage
          .writeBlob(
            s.azurite,
            `/${target.account.name}/${target.container}/${folder}/${BACKUP_FILE}`,
            content
          )
          .catch(() => 503)
      : 503
    job.durationMs = Date.now() - job.startedAt + planned
    if (status !== 201) {
      job.outcome = 'Failed'
      job.error = {
        code: 'StorageError',
        message: `Writing the backup to '${target.containerUri}' failed (${status}).`
      }
    }
    job.folderUri = `${target.containerUri}/${folder}`
  }
  mhsmStore(r.ctx).save()
  accepted(r, job, 'backup', !refusal)
}

const FOLDER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/

async function startRestore(
  r: AreaRequest,
  data: HsmData,
  kind: 'restore' | 'prerestore' | 'selective',
  keyName?: string
): Promise<void> {
  const started = begin(
    r,
    data,
    keyName ? ACTIONS.keysRestore : ACTIONS.restoreStart,
    keyName ? `/keys/${keyName}` : '/',
    b => b.sasTokenParameters
  )
  if (!started) return
  const { body, target } = started
  const folder = kind === 'selective' ? body.folder : body.folderToRestore
  if (typeof folder !== 'string' || !FOLDER.test(folder))
    return fail(
      r,
      400,
      'BadParameter',
      `The '${kind === 'selective' ? 'folder' : 'folderToRestore'}' property must name the backup folder (mhsm-…).`
    )
  const job = newJob(r, kind)
  data.jobs ??= {}
  data.jobs[job.id] = job
  let error = storageRefusal(r, target, 'read')
  const backedUp = Object.values(data.jobs ?? {}).some(
    j => j.kind === 'backup' && j.outcome === 'Succeeded' && !isRunning(j)
  )
  if (!error && kind === 'restore' && !backedUp) {
    error = {
      code: 'BackupRequired',
      message: `Take a full backup of managed HSM '${r.hsm.name}' before restoring into it (a restore replaces its contents).`
    }
  }
  let restores: BackupJobRecord['restores']
  if (!error) {
    const s = await r.ctx.storage.ready
    const none = { status: 503, body: Buffer.alloc(0) }
    const read = s.ok
      ? await r.ctx.storage
          .readBlob(s.azurite, `/${target.account.name}/${target.container}/${folder}/${BACKUP_FILE}`)
          .catch(() => none)
      : none
    const master = Buffer.from(heldSecurityDomain(mhsmStore(r.ctx), data).master, 'base64')
    const opened = read.status === 200 ? openSnapshot(master, read.body) : undefined
    if (!opened) {
      error = { code: 'FolderNotFound', message: `No backup folder '${folder}' in '${target.containerUri}'.` }
    } else if (!opened.ok) {
      error =
        opened.reason === 'other-security-domain'
          ? {
              code: 'SecurityDomainMismatch',
              message: `The backup in '${folder}' was taken from a managed HSM with a different security domain; it can be restored only into an HSM that holds the same security domain.`
            }
          : {
              code: 'InvalidBackup',
              message: `The backup folder '${folder}' is corrupted or is not a full backup.`
            }
    } else if (keyName && !opened.snapshot.keys[keyName.toLowerCase()]) {
      error = { code: 'KeyNotFound', message: `The backup folder '${folder}' holds no key '${keyName}'.` }
    } else if (kind !== 'prerestore') {
      restores = opened.snapshot
    }
  }
  if (!error && keyName && (data.keys[keyName.toLowerCase()] || data.deletedKeys[keyName.toLowerCase()])) {
    if (data.jobs) delete data.jobs[job.id]
    return fail(
      r,
      409,
      'Conflict',
      `The key '${keyName}' exists or is deleted but not purged; purge it before a selective restore.`
    )
  }
  const failure = error ?? takeFailure(r)
  if (failure) {
    job.outcome = 'Failed'
    job.error = failure
    // A job refused by its checks ends at once (a recorded 202 already said Failed).
    if (error) job.durationMs = 0
  } else if (restores) {
    job.restores = restores
    if (keyName) job.keyName = keyName
  }
  mhsmStore(r.ctx).save()
  accepted(r, job, 'restore', !error)
}

function pending(r: AreaRequest, data: HsmData, which: string, id: string): void {
  const job = data.jobs?.[id.toLowerCase()]
  const isBackup = which === 'backup'
  if (!authorize(r, isBackup ? ACTIONS.backupStatus : ACTIONS.restoreStatus, '/')) return
  if (!job || (job.kind === 'backup' || job.kind === 'prebackup') !== isBackup)
    return fail(r, 404, 'NotFound', `No ${which} job '${id}' was found on this managed HSM.`)
  reply(r, 200, jobJson(job))
}

/** During a full restore every data-plane call but the restore's status is refused (status text unconfirmed). */
export function refusedDuringRestore(r: AreaRequest): boolean {
  const data = mhsmStore(r.ctx).hsm(r.hsm)
  const running = runningJob(data)
  if (!running || running.kind !== 'restore') return false
  if (r.ex.method === 'GET' && collapse(r.ex.url.pathname).toLowerCase() === `/restore/${running.id}/pending`)
    return false
  fail(
    r,
    409,
    'Conflict',
    `The managed HSM '${r.hsm.name}' is being restored from a backup; only the restore's status can be read until it ends. (Activity ID: ${activityId()})`
  )
  return true
}

export const backupArea: DataPlaneArea = {
  name: 'backup',
  matches: path => PATHS.test(collapse(path)),
  allowedBeforeActivation: false,
  async handle(r) {
    const data = mhsmStore(r.ctx).hsm(r.hsm)
    const segs = collapse(r.ex.url.pathname).split('/').filter(Boolean).map(decodeURIComponent)
    const op = segs[0].toLowerCase()
    const method = r.ex.method
    const notAllowed = (): void =>
      fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed on '${r.ex.url.pathname}'.`)
    if (op === 'keys') return method === 'PUT' ? startRestore(r, data, 'selective', segs[1]) : notAllowed()
    if (segs.length === 3) return method === 'GET' ? pending(r, data, op, segs[1]) : notAllowed()
    if ((op === 'prebackup' || op === 'prerestore') && !hasPreChecks(r.apiVersion))
      return fail(
        r,
        400,
        'BadParameter',
        `The operation '${op}' is not available in api-version '${r.apiVersion}'; use 7.6 or later.`
      )
    if (op === 'backup' || op === 'prebackup')
      return method === 'POST' ? startBackup(r, data, op === 'prebackup') : notAllowed()
    return method === 'PUT'
      ? startRestore(r, data, op === 'restore' ? 'restore' : 'prerestore')
      : notAllowed()
  }
}
