/**
 * The content of a full backup folder: the HSM's snapshot encrypted (AES-256-GCM) under a key derived
 * (HKDF-SHA-256) from its security-domain master, with a fingerprint of that security domain beside it.
 * Azure's backup files are opaque and usable only by an HSM holding the same security domain (Microsoft
 * Learn, "Full backup and restore": a restore needs the same security domain); this format is the
 * emulator's own, and a client must treat it as opaque too.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { isRecord } from '../../../core/http.js'
import type { HsmSnapshot } from '../store.js'

const SCHEMA = 'mhsm-emulator-full-backup/1'
/** The one file the emulator writes into a backup folder (real folders hold many opaque files). */
export const BACKUP_FILE = 'backup.blob'

function keysFor(master: Buffer, salt: Buffer): { enc: Buffer; fingerprint: string } {
  const enc = Buffer.from(hkdfSync('sha256', master, salt, 'managed-hsm full backup', 32))
  const fingerprint = createHmac('sha256', master).update('full backup security domain').digest('base64url')
  return { enc, fingerprint }
}

export function sealSnapshot(master: Buffer, hsmName: string, snapshot: HsmSnapshot): Buffer {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const { enc, fingerprint } = keysFor(master, salt)
  const cipher = createCipheriv('aes-256-gcm', enc, iv)
  const ct = Buffer.concat([cipher.update(JSON.stringify(snapshot), 'utf8'), cipher.final()])
  return Buffer.from(
    JSON.stringify({
      schema: SCHEMA,
      hsm: hsmName,
      sd: fingerprint,
      salt: salt.toString('base64url'),
      iv: iv.toString('base64url'),
      ct: ct.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url')
    }),
    'utf8'
  )
}

export type Opened =
  { ok: true; snapshot: HsmSnapshot } | { ok: false; reason: 'corrupt' | 'other-security-domain' }

export function openSnapshot(master: Buffer, content: Buffer): Opened {
  let blob: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(content.toString('utf8'))
    if (!isRecord(parsed) || parsed.schema !== SCHEMA) return { ok: false, reason: 'corrupt' }
    blob = parsed
  } catch {
    return { ok: false, reason: 'corrupt' }
  }
  const { enc, fingerprint } = keysFor(master, Buffer.from(String(blob.salt), 'base64url'))
  if (blob.sd !== fingerprint) return { ok: false, reason: 'other-security-domain' }
  try {
    const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(String(blob.iv), 'base64url'))
    decipher.setAuthTag(Buffer.from(String(blob.tag), 'base64url'))
    const plain = Buffer.concat([
      decipher.update(Buffer.from(String(blob.ct), 'base64url')),
      decipher.final()
    ])
    return { ok: true, snapshot: JSON.parse(plain.toString('utf8')) as HsmSnapshot }
  } catch {
    return { ok: false, reason: 'corrupt' }
  }
}
