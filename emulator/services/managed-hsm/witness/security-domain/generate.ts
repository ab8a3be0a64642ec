/**
 * What the emulated HSM hands out on POST /securitydomain/download (protocol notes §3.1, §3.7): a
 * version-2 security domain whose EncData items are `dir` JWEs under keys derived from a 32-byte
 * master, and whose SharedKeys hold one Shamir share of that master per certificate, each wrapped
 * to the certificate's RSA key. Also the certificate facts the download request is checked with.
 */
import {
  createHash,
  createPublicKey,
  randomBytes,
  randomUUID,
  X509Certificate,
  type KeyObject
} from 'node:crypto'
import { KDF_NAME, MASTER_BYTES, SHARE_ALGORITHM, itemKey, jweEncrypt, shamirSplit } from './crypto.js'

/** Tags of a current security domain, in the order the service writes them. */
export const SD_TAGS = ['hsm_backup', 'base_enclave_backup', 'partition_enclave_backup'] as const

/**
 * Blob sizes near those of a real download (3 RSA-2048 certificates, about 19.7 KB in all): the
 * contents are opaque HSM state, the size matters where a security domain is stored (a Key Vault
 * secret holds 25 KB).
 */
export const REAL_BLOB_SIZES: Readonly<Record<string, number>> = {
  hsm_backup: 7264,
  base_enclave_backup: 1392,
  partition_enclave_backup: 3936
}

export interface CertificateFacts {
  der: Buffer
  publicKey: KeyObject
  /** 'rsa', 'ec', … as Node names the key type. */
  keyType: string
  /** RSA modulus length; undefined for other key types. */
  bits?: number
  /** base64url SHA-256 of the DER: the `x5t_256` of the share wrapped to it. */
  x5tS256: string
}

/** Reads an `x5c` entry (standard base64 of a DER certificate); throws when it is not one. */
export function certificateFacts(x5cEntry: string): CertificateFacts {
  const compact = x5cEntry.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new TypeError('not standard base64')
  const der = Buffer.from(compact, 'base64')
  const cert = new X509Certificate(der)
  const publicKey = cert.publicKey
  return {
    der,
    publicKey,
    keyType: publicKey.asymmetricKeyType ?? 'unknown',
    ...(publicKey.asymmetricKeyType === 'rsa' ? { bits: publicKey.asymmetricKeyDetails?.modulusLength } : {}),
    x5tS256: createHash('sha256').update(der).digest('base64url')
  }
}

/** `n` and `e` (base64url) of an RSA key, for a JWK. */
export function rsaModulusAndExponent(key: KeyObject): { n: string; e: string } {
  const jwk = createPublicKey(key).export({ format: 'jwk' })
  return { n: String(jwk.n), e: String(jwk.e) }
}

export interface Blob {
  tag: string
  plaintext: Buffer
}

export interface NewSecurityDomainOptions {
  /** The download request's certificates in request order; only `x5c[0]` is read. */
  certificates: ReadonlyArray<{ x5c?: unknown }>
  required: number
  /** Keep an earlier security domain's master (a repeated download); default random. */
  master?: Uint8Array
  /** Keep an earlier security domain's blobs; default random blobs of `blobSizes`. */
  blobs?: readonly Blob[]
  blobSizes?: Readonly<Record<string, number>>
}

export interface NewSecurityDomain {
  /** The file as JSON text: the download answer's `value`. */
  text: string
  master: Buffer
  blobs: Blob[]
}

/** `EncData`: each blob a `dir` JWE under its key derived from `master` (download and restore blob alike). */
export function encData(master: Buffer, blobs: readonly Blob[]): Record<string, unknown> {
  return {
    data: blobs.map(b => ({
      compact_jwe: jweEncrypt(b.plaintext, { alg: 'dir', key: itemKey(master, b.tag), kid: b.tag }),
      tag: b.tag
    })),
    kdf: KDF_NAME
  }
}

export function newSecurityDomain(o: NewSecurityDomainOptions): NewSecurityDomain {
  const count = o.certificates.length
  if (count < 1) throw new RangeError('at least one certificate is needed')
  const master = Buffer.from(o.master ?? randomBytes(MASTER_BYTES))
  if (master.length !== MASTER_BYTES) throw new RangeError(`the master is ${MASTER_BYTES} bytes`)
  const sizes = o.blobSizes ?? REAL_BLOB_SIZES
  const blobs: Blob[] = o.blobs
    ? o.blobs.map(b => ({ tag: b.tag, plaintext: Buffer.from(b.plaintext) }))
    : Object.entries(sizes).map(([tag, size]) => ({ tag, plaintext: randomBytes(size) }))
  const wrappingKeys = o.certificates.map((c, i) => {
    const first = Array.isArray(c.x5c) ? (c.x5c[0] as unknown) : undefined
    if (typeof first !== 'string') throw new TypeError(`certificate ${i} has no x5c[0]`)
    return certificateFacts(first)
  })
  const shares = shamirSplit(master, count, o.required)
  const sd = {
    EncData: encData(master, blobs),
    SharedKeys: {
      enc_shares: wrappingKeys.map((k, i) => ({
        enc_key: jweEncrypt(shares[i], { alg: 'RSA-OAEP-256', key: k.publicKey, kid: randomUUID() }),
        x5t_256: k.x5tS256
      })),
      key_algorithm: SHARE_ALGORITHM,
      required: o.required
    },
    version: 2
  }
  return { text: JSON.stringify(sd), master, blobs }
}
