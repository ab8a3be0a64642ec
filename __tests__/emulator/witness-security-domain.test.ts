/**
 * The emulator is a witness for the action only if it shares no code with it: its security-domain
 * generator and restore-blob opener (emulator/services/managed-hsm/witness) are written apart from
 * src/security-domain. This suite proves the two agree: every security domain the emulator makes
 * recovers with the action's code under every quorum subset (2..10 keys, quorum 2..n, keys the
 * action generates and custodian certificates of 2048/3072/4096 bits), restore blobs the action
 * builds open in the emulator, and blobs the emulator seals open with the action's opener.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createPrivateKey, randomBytes } from 'node:crypto'
import {
  buildRestoreBlob,
  openRestoreBlob,
  decryptSecurityDomain,
  recoverableSubsets,
  RestoreBlobError,
  type WrappingKeyInput
} from '../../src/security-domain/index.js'
import { issueCertificate } from '../../emulator/services/managed-hsm/certs.js'
import { pooledKeyPair, pooledWrappingKeys } from '../support/pooled-keys.js'
import {
  newSecurityDomain,
  SD_TAGS
} from '../../emulator/services/managed-hsm/witness/security-domain/generate.js'
import {
  openRestore,
  RestoreRefused,
  sameBlobs,
  sealRestoreBlob
} from '../../emulator/services/managed-hsm/witness/security-domain/restore-blob.js'

interface Custodian extends WrappingKeyInput {
  privateKeyPem: string
  der: Buffer
  bits: number
}

const SMALL_BLOBS = { hsm_backup: 96, base_enclave_backup: 48, partition_enclave_backup: 33 }
const toPem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`
const x5cOf = (k: Custodian) => ({ x5c: [k.der.toString('base64')] })

/** A key and self-signed certificate made without the action's code, as a custodian would bring. */
async function custodian(bits: number, i: number): Promise<Custodian> {
  const { privateKey, publicKey } = await pooledKeyPair(bits)
  const pair = { privateKeyPem: privateKey, publicKeyPem: publicKey }
  const der = issueCertificate({
    subject: `custodian-${i}`,
    issuer: `custodian-${i}`,
    publicKeyPem: pair.publicKeyPem,
    signerPrivateKeyPem: pair.privateKeyPem,
    ca: false,
    days: 30,
    keyUsage: { digitalSignature: true, keyEncipherment: true }
  })
  return { privateKeyPem: pair.privateKeyPem, certificatePem: toPem(der), der, bits }
}

const modes: Record<string, Custodian[]> = {}

beforeAll(async () => {
  // The action's wrapping keys and certificates, on test key pairs (support/pooled-keys.ts).
  const generated = await pooledWrappingKeys(10, 2048)
  modes['keys the action generates (RSA-2048)'] = generated.map(k => {
    const der = Buffer.from(k.certificatePem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
    return { privateKeyPem: k.privateKeyPem, certificatePem: k.certificatePem, der, bits: 2048 }
  })
  const sizes = [2048, 3072, 4096, 2048, 3072, 4096, 2048, 3072, 4096, 2048]
  modes['custodian certificates (RSA-2048/3072/4096)'] = await Promise.all(
    sizes.map((b, i) => custodian(b, i))
  )
}, 600_000)

describe.each(['keys the action generates (RSA-2048)', 'custodian certificates (RSA-2048/3072/4096)'])(
  'emulator security domains recover with the action (%s)',
  mode => {
    it('every quorum subset of 2..10 keys recovers the master and every blob; too few keys do not', () => {
      const keys = modes[mode]
      let subsetsTried = 0
      for (let n = 2; n <= 10; n++) {
        for (let required = 2; required <= n; required++) {
          const sd = newSecurityDomain({
            certificates: keys.slice(0, n).map(x5cOf),
            required,
            blobSizes: SMALL_BLOBS
          })
          const report = recoverableSubsets(sd.text, keys.slice(0, n))
          expect({ n, required, keyProblems: report.keyProblems }).toEqual({ n, required, keyProblems: [] })
          expect(report.subsets.every(s => s.ok)).toBe(true)
          expect(report.allRecover).toBe(true)
          subsetsTried += report.subsets.length
          // one quorum in full: the same master and blobs, not just "it authenticates"
          const last = keys.slice(n - required, n)
          const recovered = decryptSecurityDomain(sd.text, last)
          expect(recovered.master.equals(sd.master)).toBe(true)
          expect(sameBlobs(recovered.items, sd.blobs)).toBe(true)
          // fewer keys than the quorum never recover
          const short = decryptSecurityDomain.bind(null, sd.text, keys.slice(0, required - 1))
          expect(short).toThrow(/are required/)
        }
      }
      // sum over n = 2..10 of (2^n − 1 − n) subsets of size ≥ 2
      expect(subsetsTried).toBe(1981)
    }, 600_000)

    it('a download-sized security domain (real blob sizes, 3 certificates, quorum 2) recovers', () => {
      const keys = modes[mode].slice(0, 3)
      const sd = newSecurityDomain({ certificates: keys.map(x5cOf), required: 2 })
      expect(sd.blobs.map(b => b.tag)).toEqual([...SD_TAGS])
      const parsed = JSON.parse(sd.text) as { SharedKeys: { enc_shares: Array<{ x5t_256: string }> } }
      expect(parsed.SharedKeys.enc_shares).toHaveLength(3)
      const r = decryptSecurityDomain(sd.text, keys.slice(1))
      expect(sameBlobs(r.items, sd.blobs)).toBe(true)
    })
  }
)

describe('restore blobs cross between the action and the emulator', () => {
  let transfer: Custodian
  let other: Custodian
  let transferKeyJson: string

  beforeAll(async () => {
    transfer = await custodian(2048, 100)
    other = await custodian(2048, 101)
    transferKeyJson = JSON.stringify({ kty: 'RSA', kid: 'not used', x5c: [transfer.der.toString('base64')] })
  })

  it('a blob the action builds from an emulator security domain opens in the emulator, blob for blob', () => {
    const keys = modes['custodian certificates (RSA-2048/3072/4096)'].slice(0, 4)
    const sd = newSecurityDomain({ certificates: keys.map(x5cOf), required: 3 })
    const recovered = decryptSecurityDomain(sd.text, keys.slice(1))
    const built = buildRestoreBlob(recovered.items, transferKeyJson)
    const opened = openRestore(built.text, createPrivateKey(transfer.privateKeyPem), transfer.der)
    expect(sameBlobs(opened, sd.blobs)).toBe(true)
    // the object form a client might send works as well
    expect(
      sameBlobs(openRestore(built.blob, createPrivateKey(transfer.privateKeyPem), transfer.der), sd.blobs)
    ).toBe(true)
  })

  it('a blob the emulator seals opens with the action, blob for blob', () => {
    const blobs = SD_TAGS.map(tag => ({ tag, plaintext: randomBytes(200) }))
    const text = sealRestoreBlob(blobs, createPrivateKey(transfer.privateKeyPem), transfer.der)
    const opened = openRestoreBlob(text, transfer.privateKeyPem, { transferCertificate: transfer.der })
    expect(sameBlobs(opened.items, blobs)).toBe(true)
  })

  it('both refuse a blob wrapped to another transfer key, and a tampered item', () => {
    const blobs = SD_TAGS.map(tag => ({ tag, plaintext: randomBytes(64) }))
    const built = buildRestoreBlob(blobs, transferKeyJson)
    const foreign = JSON.parse(built.text) as { WrappedKey: { x5t_256: string } }
    const otherKey = createPrivateKey(other.privateKeyPem)
    expect(() => openRestore(built.text, otherKey, other.der)).toThrow(/another transfer key/)
    expect(() =>
      openRestoreBlob(built.text, other.privateKeyPem, { transferCertificate: other.der })
    ).toThrow(RestoreBlobError)
    // the right thumbprint but the wrong private key: the unwrap fails on both sides
    foreign.WrappedKey.x5t_256 = JSON.parse(sealRestoreBlob(blobs, otherKey, other.der)).WrappedKey.x5t_256
    expect(() => openRestore(JSON.stringify(foreign), otherKey, other.der)).toThrow(
      /WrappedKey cannot be opened/
    )
    expect(() => openRestoreBlob(JSON.stringify(foreign), otherKey)).toThrow(RestoreBlobError)

    const tampered = JSON.parse(built.text) as { EncData: { data: Array<{ compact_jwe: string }> } }
    const parts = tampered.EncData.data[1].compact_jwe.split('.')
    const ct = Buffer.from(parts[3], 'base64url')
    ct[0] ^= 1
    parts[3] = ct.toString('base64url')
    tampered.EncData.data[1].compact_jwe = parts.join('.')
    const key = createPrivateKey(transfer.privateKeyPem)
    expect(() => openRestore(JSON.stringify(tampered), key, transfer.der)).toThrow(RestoreRefused)
    expect(() => openRestore(JSON.stringify(tampered), key, transfer.der)).toThrow(/EncData.data\[1\]/)
    expect(() => openRestoreBlob(JSON.stringify(tampered), key)).toThrow(RestoreBlobError)
  })
})
