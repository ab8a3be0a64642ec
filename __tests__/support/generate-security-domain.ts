/**
 * Test support: builds a security domain the way the service does for
 * POST /securitydomain/download: a random 32-byte master secret; one `dir` JWE per backup blob
 * under a key derived from the master and the blob's tag; the master Shamir-split with threshold
 * `required`; share i wrapped (RSA-OAEP-256 + A256CBC-HS512) to certificate i.
 */
import { randomBytes } from 'node:crypto'
import { parseX5cCertificate, type ParsedCertificate } from '../../src/security-domain/certificates.js'
import {
  SD_VERSION,
  MAX_REQUIRED,
  MIN_REQUIRED,
  type SecurityDomainFile
} from '../../src/security-domain/format.js'
import { encryptCompactJwe } from '../../src/security-domain/jwe.js'
import { SD_KDF_NAME, deriveItemKey } from '../../src/security-domain/kdf.js'
import { MAX_SHARE_X, SHAMIR_ALGORITHM, splitSecret } from '../../src/security-domain/shamir.js'

export const MASTER_KEY_BYTES = 32

/** The EncData tags of current security domains, in the order the service writes them. */
export const AZURE_SD_TAGS = ['hsm_backup', 'base_enclave_backup', 'partition_enclave_backup'] as const

/**
 * Plaintext sizes (bytes) close to a real download (Azure CLI recording of April 2025, 3 RSA-2048
 * wrapping keys: a 19.7 KB SD). The blobs are opaque HSM state; only their size matters here, and
 * it matters because SDs are stored where size limits apply (a Key Vault secret holds 25 KB).
 */
export const OBSERVED_PAYLOAD_SIZES: Readonly<Record<string, number>> = {
  hsm_backup: 7264,
  base_enclave_backup: 1392,
  partition_enclave_backup: 3936
}

/** Smaller blobs (≈ 12.7 KB SD with 10 RSA-4096 keys), for tests that want small files. */
export const COMPACT_PAYLOAD_SIZES: Readonly<Record<string, number>> = {
  hsm_backup: 544,
  base_enclave_backup: 304,
  partition_enclave_backup: 288
}

export interface SdPlaintext {
  tag: string
  plaintext: Buffer
}

/** What the download request carries per certificate; only `x5c[0]` is used. */
export interface CertificateJwkLike {
  readonly x5c?: unknown
}

export interface GenerateOptions {
  /** The download request's `certificates`, in request order. */
  certificates: readonly CertificateJwkLike[]
  required: number
  /** Explicit blobs (tag order preserved). Default: random blobs of `payloadSizes`. */
  payloads?: ReadonlyArray<{ tag: string; plaintext: Uint8Array }>
  /** Sizes per tag for random blobs. Default OBSERVED_PAYLOAD_SIZES. */
  payloadSizes?: Readonly<Record<string, number>>
  /** Master secret (32 bytes). Default: random. Only for tests. */
  master?: Uint8Array
}

export interface GeneratedSecurityDomain {
  sd: SecurityDomainFile
  /** The SD as the service returns it inside {"value": ...}. */
  text: string
  master: Buffer
  plaintexts: SdPlaintext[]
}

export class SecurityDomainGenerationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SecurityDomainGenerationError'
  }
}

/** A GUID-shaped random id, like the service's share `kid`s (which are not RFC 4122 v4). */
export function randomGuidLike(): string {
  const h = randomBytes(16).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function certificateOf(jwk: CertificateJwkLike, index: number): ParsedCertificate {
  const label = `certificates[${index}]`
  if (!Array.isArray(jwk.x5c) || typeof jwk.x5c[0] !== 'string') {
    throw new SecurityDomainGenerationError(`${label}.x5c must be an array holding the certificate`)
  }
  let cert: ParsedCertificate
  try {
    cert = parseX5cCertificate(jwk.x5c[0])
  } catch {
    throw new SecurityDomainGenerationError(`${label}.x5c[0] is not a base64 DER X.509 certificate`)
  }
  if (cert.keyType !== 'rsa') throw new SecurityDomainGenerationError(`${label} does not hold an RSA key`)
  return cert
}

export function generateSecurityDomain(options: GenerateOptions): GeneratedSecurityDomain {
  const { certificates, required } = options
  if (!Array.isArray(certificates) || certificates.length === 0) {
    throw new SecurityDomainGenerationError('certificates must be a non-empty array')
  }
  if (certificates.length > MAX_SHARE_X) {
    throw new SecurityDomainGenerationError(`at most ${MAX_SHARE_X} certificates fit the share format`)
  }
  if (!Number.isInteger(required) || required < MIN_REQUIRED || required > MAX_REQUIRED) {
    throw new SecurityDomainGenerationError(
      `required must be an integer from ${MIN_REQUIRED} to ${MAX_REQUIRED}`
    )
  }
  if (required > certificates.length) {
    throw new SecurityDomainGenerationError(
      `required (${required}) exceeds the number of certificates (${certificates.length})`
    )
  }
  const certs = certificates.map(certificateOf)

  const master = Buffer.from(options.master ?? randomBytes(MASTER_KEY_BYTES))
  if (master.length !== MASTER_KEY_BYTES)
    throw new SecurityDomainGenerationError('the master secret must be 32 bytes')

  const sizes = options.payloadSizes ?? OBSERVED_PAYLOAD_SIZES
  const plaintexts: SdPlaintext[] = options.payloads
    ? options.payloads.map(p => ({ tag: p.tag, plaintext: Buffer.from(p.plaintext) }))
    : Object.entries(sizes).map(([tag, size]) => ({ tag, plaintext: randomBytes(size) }))
  if (plaintexts.length === 0 || new Set(plaintexts.map(p => p.tag)).size !== plaintexts.length) {
    throw new SecurityDomainGenerationError('payload tags must be present and distinct')
  }

  const data = plaintexts.map(({ tag, plaintext }) => ({
    compact_jwe: encryptCompactJwe(plaintext, { alg: 'dir', key: deriveItemKey(master, tag), kid: tag }),
    tag
  }))
  const shares = splitSecret(master, certs.length, required)
  const encShares = certs.map((cert, i) => ({
    enc_key: encryptCompactJwe(shares[i] as Buffer, {
      alg: 'RSA-OAEP-256',
      key: cert.publicKey,
      kid: randomGuidLike()
    }),
    x5t_256: cert.x5tS256
  }))
  const sd: SecurityDomainFile = {
    EncData: { data, kdf: SD_KDF_NAME },
    SharedKeys: { enc_shares: encShares, key_algorithm: SHAMIR_ALGORITHM, required },
    version: SD_VERSION
  }
  return { sd, text: JSON.stringify(sd), master, plaintexts }
}
