/**
 * What src/security-domain/restore-blob.ts refuses, each with its RestoreBlobError code and words: transfer
 * keys that are not a usable RSA key, items that cannot be restored, blobs of the wrong shape, and unwrapping
 * that yields an unreadable private key or a master secret of the wrong size.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createPublicKey } from 'node:crypto'
import { buildDownloadJwk } from '../../src/security-domain/certificates.js'
import { encryptCompactJwe } from '../../src/security-domain/jwe.js'
import {
  buildRestoreBlob,
  openRestoreBlob,
  parseRestoreBlob,
  parseTransferKey,
  RestoreBlobError
} from '../../src/security-domain/restore-blob.js'
import { generateWrappingKeys, type WrappingKey } from '../../src/security-domain/wrapping-keys.js'

let transfer: WrappingKey
let jwk: Record<string, unknown>

function failure(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof RestoreBlobError) return `${e.code}: ${e.message}`
    throw e
  }
  return undefined
}

beforeAll(async () => {
  ;[transfer] = (await generateWrappingKeys({ count: 1, bits: 2048 })) as [WrappingKey]
  jwk = buildDownloadJwk(transfer.certificatePem) as unknown as Record<string, unknown>
})

describe('parseTransferKey', () => {
  it('refuses JSON that is not an object, n without e, an x5c that is not a list, and a key with neither', () => {
    expect(failure(() => parseTransferKey('["RSA"]'))).toBe(
      'INVALID_TRANSFER_KEY: transfer key: is not a JSON object'
    )
    expect(failure(() => parseTransferKey({ kty: 'RSA', n: 'AQAB' }))).toBe(
      'INVALID_TRANSFER_KEY: transfer key: n and e must be strings'
    )
    expect(failure(() => parseTransferKey({ kty: 'RSA', x5c: 'MII' }))).toBe(
      'INVALID_TRANSFER_KEY: transfer key: x5c must be an array of base64 certificates'
    )
    expect(failure(() => parseTransferKey({ kty: 'RSA-HSM' }))).toBe(
      'INVALID_TRANSFER_KEY: transfer key: has neither x5c nor n/e'
    )
  })

  it('refuses an x5c entry that is not a certificate', () => {
    expect(failure(() => parseTransferKey({ kty: 'RSA', x5c: ['bm90IGEgY2VydA=='] }))).toBe(
      'INVALID_TRANSFER_KEY: transfer key: x5c[0] is not a base64 DER X.509 certificate'
    )
  })

  it('without x5c, needs an x5t#S256 thumbprint beside n/e, and uses it when present', () => {
    const { n, e } = createPublicKey(transfer.certificatePem).export({ format: 'jwk' })
    expect(failure(() => parseTransferKey({ kty: 'RSA', n, e }))).toBe(
      'INVALID_TRANSFER_KEY: transfer key: without x5c, an x5t#S256 thumbprint is needed'
    )
    const parsed = parseTransferKey({ kty: 'RSA', n, e, 'x5t#S256': transfer.x5tS256 })
    expect(parsed.x5tS256).toBe(transfer.x5tS256)
    expect(parsed.certificate).toBeUndefined()
  })
})

describe('buildRestoreBlob', () => {
  it('refuses two items with the same tag', () => {
    const item = { tag: 'a', plaintext: Buffer.from('x') }
    expect(failure(() => buildRestoreBlob([item, item], jwk))).toBe(
      'INVALID_BLOB: item tags must be distinct'
    )
  })
})

describe('parseRestoreBlob', () => {
  it('refuses a blob that is not a JSON object', () => {
    expect(failure(() => parseRestoreBlob('[]'))).toBe(
      'INVALID_BLOB: restore blob: the restore blob must be a JSON object'
    )
  })

  it('refuses a WrappedKey whose enc_key is not a compact JWE, naming the path', () => {
    const { blob } = buildRestoreBlob([{ tag: 'a', plaintext: Buffer.from('x') }], jwk)
    const bad = { ...blob, WrappedKey: { ...blob.WrappedKey, enc_key: 'a.b.c' } }
    expect(failure(() => parseRestoreBlob(bad))).toMatch(
      /^INVALID_BLOB: .*WrappedKey\.enc_key.*must be a compact JWE/
    )
  })
})

describe('openRestoreBlob', () => {
  it('refuses a transfer private key it cannot read', () => {
    const { text } = buildRestoreBlob([{ tag: 'a', plaintext: Buffer.from('x') }], jwk)
    expect(failure(() => openRestoreBlob(text, 'not a pem'))).toBe(
      'UNWRAP_FAILED: the transfer private key cannot be read'
    )
  })

  it('refuses a wrapped master secret that is not 32 bytes', () => {
    const { blob } = buildRestoreBlob([{ tag: 'a', plaintext: Buffer.from('x') }], jwk)
    const enc_key = encryptCompactJwe(Buffer.alloc(16, 1), {
      alg: 'RSA-OAEP-256',
      key: createPublicKey(transfer.certificatePem)
    })
    const bad = { ...blob, WrappedKey: { ...blob.WrappedKey, enc_key } }
    expect(failure(() => openRestoreBlob(bad, transfer.privateKeyPem))).toBe(
      'UNWRAP_FAILED: the wrapped master secret is 16 bytes, expected 32'
    )
  })
})
