/**
 * Key backup and restore, bound to the security domain: the key record is encrypted (AES-256-GCM) under
 * a key derived (HKDF-SHA-256) from the HSM's security-domain master, so a backup restores only into an
 * HSM that holds the same security domain, as on the real service.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { isRecord } from '../../../core/http.js'
import { activityId, badParameter, fail, jsonBody, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import { authorize } from '../rbac/authorize.js'
import { ACTIONS } from '../rbac/roles.js'
import { heldSecurityDomain, mhsmStore, type HsmData, type KeyRecord } from '../store.js'
import { bundleJson, keyId, keyNotFound } from './wire.js'

const BACKUP_SCHEMA = 'mhsm-emulator-key-backup/1'

function backupKeys(master: Buffer, salt: Buffer): { enc: Buffer; fingerprint: string } {
  const enc = Buffer.from(hkdfSync('sha256', master, salt, 'managed-hsm key backup', 32))
  const fingerprint = createHmac('sha256', master)
    .update('security-domain fingerprint')
    .digest('base64url')
    .slice(0, 22)
  return { enc, fingerprint }
}

export function backupKey(r: AreaRequest, data: HsmData, name: string): void {
  if (!authorize(r, ACTIONS.keysBackup, `/keys/${name}`)) return
  const key = data.keys[name.toLowerCase()]
  if (!key) return keyNotFound(r, name)
  const store = mhsmStore(r.ctx)
  const sd = heldSecurityDomain(store, data)
  store.save()
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const { enc, fingerprint } = backupKeys(Buffer.from(sd.master, 'base64'), salt)
  const cipher = createCipheriv('aes-256-gcm', enc, iv)
  const ct = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()])
  const blob = {
    schema: BACKUP_SCHEMA,
    sd: fingerprint,
    salt: salt.toString('base64url'),
    iv: iv.toString('base64url'),
    ct: ct.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url')
  }
  reply(r, 200, { value: Buffer.from(JSON.stringify(blob), 'utf8').toString('base64url') })
}

export function restoreKey(r: AreaRequest, data: HsmData): void {
  if (!authorize(r, ACTIONS.keysRestore, '/keys')) return
  const body = jsonBody(r)
  if (!body) return
  const invalid = (): void =>
    badParameter(
      r,
      'Backup blob contains invalid data. The blob is corrupted or was not produced by a key backup.'
    )
  if (typeof body.value !== 'string' || !body.value)
    return badParameter(r, "The 'value' property (the backup blob) is required.")
  let blob: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body.value, 'base64url').toString('utf8'))
    if (!isRecord(parsed) || parsed.schema !== BACKUP_SCHEMA) return invalid()
    blob = parsed
  } catch {
    return invalid()
  }
  const store = mhsmStore(r.ctx)
  const sd = heldSecurityDomain(store, data)
  store.save()
  const { enc, fingerprint } = backupKeys(
    Buffer.from(sd.master, 'base64'),
    Buffer.from(String(blob.salt), 'base64url')
  )
  if (blob.sd !== fingerprint) {
    // Chosen text: the service's message for a backup from another security domain is not documented.
    return badParameter(
      r,
      `The backup blob was created in a managed HSM with a different security domain and cannot be restored into '${r.hsm.name}'. Restore it into an HSM that holds the same security domain. (Activity ID: ${activityId()})`
    )
  }
  let key: KeyRecord
  try {
    const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(String(blob.iv), 'base64url'))
    decipher.setAuthTag(Buffer.from(String(blob.tag), 'base64url'))
    const plain = Buffer.concat([
      decipher.update(Buffer.from(String(blob.ct), 'base64url')),
      decipher.final()
    ])
    key = JSON.parse(plain.toString('utf8')) as KeyRecord
  } catch {
    return invalid()
  }
  const lower = key.name.toLowerCase()
  if (data.keys[lower] || data.deletedKeys[lower]) {
    return fail(
      r,
      409,
      'Conflict',
      `There was a conflict restoring the key '${keyId(r, key.name)}'. This can happen if either: a second key with the same name was created after the first key was deleted; thus trying to restore a key whose name is already in use. To fix this, rename the second key to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the key. To avoid this error, perform operations against the key in a sequential manner.`
    )
  }
  data.keys[lower] = key
  store.save()
  reply(r, 200, bundleJson(r, key, key.versions[key.versions.length - 1]))
}
