/**
 * The restore blob a client uploads to POST /securitydomain/upload (protocol notes §3.6): the
 * security domain's blobs re-encrypted under a fresh master, that master wrapped to the HSM's
 * transfer key. The emulator opens it with the transfer private key; `sealRestoreBlob` builds one
 * (for tests that play the client without the action's code).
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto'
import { isRecord } from '../../../../core/http.js'
import { JweFailure, KDF_NAME, MASTER_BYTES, itemKey, jweDecrypt, jweEncrypt } from './crypto.js'
import { encData, type Blob } from './generate.js'

/** Why a blob cannot be restored; the message is safe to show (no key or blob bytes). */
export class RestoreRefused extends Error {}

interface ParsedBlob {
  items: Array<{ tag: string; jwe: string }>
  wrappedKey: string
  x5tS256: string
}

function parse(input: unknown): ParsedBlob {
  let root = input
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input)
    } catch {
      throw new RestoreRefused('the restore blob is not JSON')
    }
  }
  if (!isRecord(root)) throw new RestoreRefused('the restore blob is not a JSON object')
  const enc = root.EncData
  if (!isRecord(enc) || !Array.isArray(enc.data) || enc.data.length === 0)
    throw new RestoreRefused('EncData.data must be a non-empty array')
  if (enc.kdf !== KDF_NAME) throw new RestoreRefused(`EncData.kdf must be "${KDF_NAME}"`)
  const tags = new Set<string>()
  const items = enc.data.map((d, i) => {
    if (!isRecord(d) || typeof d.tag !== 'string' || !d.tag || typeof d.compact_jwe !== 'string')
      throw new RestoreRefused(`EncData.data[${i}] must hold a "tag" and a "compact_jwe"`)
    if (tags.has(d.tag)) throw new RestoreRefused(`EncData.data[${i}] repeats the tag "${d.tag}"`)
    tags.add(d.tag)
    return { tag: d.tag, jwe: d.compact_jwe }
  })
  const wk = root.WrappedKey
  if (!isRecord(wk) || typeof wk.enc_key !== 'string' || typeof wk.x5t_256 !== 'string')
    throw new RestoreRefused('WrappedKey must hold an "enc_key" and an "x5t_256"')
  return { items, wrappedKey: wk.enc_key, x5tS256: wk.x5t_256 }
}

/**
 * Opens a restore blob (JSON text or object) wrapped to the transfer key whose certificate is
 * `transferCertDer`: every item must authenticate under the unwrapped master. Throws
 * RestoreRefused with the reason.
 */
export function openRestore(input: unknown, transferKey: KeyObject, transferCertDer: Uint8Array): Blob[] {
  const blob = parse(input)
  const thumbprint = createHash('sha256').update(transferCertDer).digest('base64url')
  if (blob.x5tS256 !== thumbprint)
    throw new RestoreRefused('the blob is wrapped to another transfer key (x5t_256 differs)')
  let master: Buffer
  try {
    master = jweDecrypt(blob.wrappedKey, transferKey, ['RSA-OAEP-256', 'RSA-OAEP'])
  } catch (e) {
    throw new RestoreRefused(
      `WrappedKey cannot be opened: ${e instanceof JweFailure ? e.message : 'unreadable'}`
    )
  }
  if (master.length !== MASTER_BYTES)
    throw new RestoreRefused(`the wrapped master is ${master.length} bytes, not ${MASTER_BYTES}`)
  return blob.items.map((item, i) => {
    try {
      return { tag: item.tag, plaintext: jweDecrypt(item.jwe, itemKey(master, item.tag), ['dir']) }
    } catch (e) {
      const why = e instanceof JweFailure ? e.message : 'unreadable'
      throw new RestoreRefused(`EncData.data[${i}] ("${item.tag}") does not open: ${why}`)
    }
  })
}

/** Builds a restore blob (JSON text) for `blobs`, wrapped to the transfer key and its certificate. */
export function sealRestoreBlob(
  blobs: readonly Blob[],
  transferKey: KeyObject,
  transferCertDer: Uint8Array
): string {
  const master = randomBytes(MASTER_BYTES)
  return JSON.stringify({
    EncData: encData(master, blobs),
    WrappedKey: {
      enc_key: jweEncrypt(master, { alg: 'RSA-OAEP-256', key: transferKey, kid: 'not used' }),
      x5t_256: createHash('sha256').update(transferCertDer).digest('base64url')
    }
  })
}

/** True when both lists hold the same tags with byte-equal blobs (order does not matter). */
export function sameBlobs(a: readonly Blob[], b: readonly Blob[]): boolean {
  if (a.length !== b.length) return false
  const byTag = new Map(a.map(x => [x.tag, x.plaintext]))
  return b.every(x => byTag.get(x.tag)?.equals(x.plaintext) === true)
}
