/**
 * Wrapping certificates: parsing, thumbprints, the JWK the download request carries for each, and
 * the checks the service and the Azure CLI apply before they will wrap shares to a certificate.
 */
import { createHash, X509Certificate, type KeyObject } from 'node:crypto'
import { b64Decode, b64Encode, b64urlEncode } from './base64url.js'

export class CertificateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CertificateError'
  }
}

export interface ParsedCertificate {
  der: Buffer
  /** One-line subject, e.g. "CN=SKR wrapping key 1" or "C=US, O=Contoso, CN=hsm". */
  subject: string
  notBefore: Date
  notAfter: Date
  publicKey: KeyObject
  /** Node's asymmetricKeyType: 'rsa', 'ec', 'rsa-pss', 'ed25519', ... */
  keyType: string
  /** Modulus length for RSA keys. */
  bits?: number
  /** b64url SHA-1 of the DER. */
  x5t: string
  /** b64url SHA-256 of the DER: what SharedKeys.enc_shares[].x5t_256 holds. */
  x5tS256: string
}

/** The per-certificate JWK of POST /securitydomain/download, in the shape the Azure CLI sends. */
export interface SecurityDomainJwk {
  kty: 'RSA'
  key_ops: string[]
  alg: 'RSA-OAEP-256'
  n: string
  e: string
  /** Standard (not url-safe) base64 DER, leaf first. */
  x5c: string[]
  x5t: string
  'x5t#S256': string
}

export interface DownloadRequest {
  certificates: SecurityDomainJwk[]
  required: number
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/

export function x5tOf(der: Uint8Array): string {
  return b64urlEncode(createHash('sha1').update(der).digest())
}

export function x5tS256Of(der: Uint8Array): string {
  return b64urlEncode(createHash('sha256').update(der).digest())
}

/**
 * Extracts the DER of a certificate given as PEM text (the first CERTIFICATE block: a leaf comes
 * before its chain) or as DER bytes.
 */
export function certificateDer(input: string | Uint8Array): Buffer {
  if (typeof input !== 'string') return Buffer.from(input)
  const match = PEM_CERT.exec(input)
  if (!match) throw new CertificateError('no PEM CERTIFICATE block found')
  return Buffer.from((match[1] as string).replace(/\s+/g, ''), 'base64')
}

/** Parses a PEM or DER certificate with Node's native X.509 support. */
export function parseCertificate(input: string | Uint8Array): ParsedCertificate {
  let cert: X509Certificate
  let der: Buffer
  try {
    der = certificateDer(input)
    cert = new X509Certificate(der)
  } catch {
    throw new CertificateError('not a valid X.509 certificate (PEM or DER expected)')
  }
  const publicKey = cert.publicKey
  const keyType = publicKey.asymmetricKeyType ?? 'unknown'
  const parsed: ParsedCertificate = {
    der: cert.raw,
    // Node gives no subject at all (undefined) for a certificate whose subject is empty.
    subject: (cert.subject ?? '').split('\n').filter(Boolean).join(', '),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    publicKey,
    keyType,
    x5t: x5tOf(cert.raw),
    x5tS256: x5tS256Of(cert.raw)
  }
  if (keyType === 'rsa') parsed.bits = publicKey.asymmetricKeyDetails?.modulusLength
  return parsed
}

/** Parses one `x5c` entry (standard base64 DER). */
export function parseX5cCertificate(x5cEntry: string): ParsedCertificate {
  let der: Buffer
  try {
    der = b64Decode(x5cEntry, 'x5c entry')
  } catch {
    throw new CertificateError('x5c entry is not valid standard base64')
  }
  return parseCertificate(der)
}

/** RSA modulus and exponent as unpadded b64url (JWK `n`, `e`). */
export function rsaPublicNumbers(publicKey: KeyObject): { n: string; e: string } {
  if (publicKey.asymmetricKeyType !== 'rsa') throw new CertificateError('not an RSA public key')
  const jwk = publicKey.export({ format: 'jwk' })
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new CertificateError('RSA key has no n/e')
  return { n: jwk.n, e: jwk.e }
}

export function buildDownloadJwk(certificate: ParsedCertificate | string | Uint8Array): SecurityDomainJwk {
  const cert = isParsed(certificate) ? certificate : parseCertificate(certificate)
  if (cert.keyType !== 'rsa') throw new CertificateError(`${describe(cert)} does not hold an RSA key`)
  const { n, e } = rsaPublicNumbers(cert.publicKey)
  return {
    kty: 'RSA',
    key_ops: ['verify', 'encrypt', 'wrapKey'],
    alg: 'RSA-OAEP-256',
    n,
    e,
    x5c: [b64Encode(cert.der)],
    x5t: cert.x5t,
    'x5t#S256': cert.x5tS256
  }
}

export function buildDownloadRequest(
  certificates: ReadonlyArray<ParsedCertificate | string | Uint8Array>,
  required: number
): DownloadRequest {
  return { certificates: certificates.map(c => buildDownloadJwk(c)), required }
}

function isParsed(v: unknown): v is ParsedCertificate {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && 'x5tS256' in v
}

function describe(cert: ParsedCertificate): string {
  const subject = cert.subject.length > 100 ? `${cert.subject.slice(0, 97)}...` : cert.subject
  return subject ? `(${subject})` : '(no subject)'
}

export type CertificateIssueCode =
  | 'COUNT'
  | 'REQUIRED'
  | 'UNPARSABLE'
  | 'NOT_RSA'
  | 'KEY_TOO_SHORT'
  | 'EXPIRED'
  | 'DUPLICATE_CERTIFICATE'
  | 'DUPLICATE_KEY'

export interface CertificateIssue {
  code: CertificateIssueCode
  /** 0-based position in the input list; absent for list-level issues. */
  index?: number
  message: string
}

export interface CertificateValidation {
  ok: boolean
  issues: CertificateIssue[]
  /** Human-readable reasons (the issues' messages). */
  reasons: string[]
  /** Parsed certificates in input order; undefined where parsing failed. */
  certificates: Array<ParsedCertificate | undefined>
}

export interface CertificateValidationOptions {
  now?: Date
  minBits?: number
  minCount?: number
  maxCount?: number
  /** When given, the quorum is checked too (2..10 and no more than the certificate count). */
  required?: number
  /** Where each certificate came from (a file path), in input order; `certificate #N` where not given. */
  labels?: ReadonlyArray<string | undefined>
}

/**
 * Checks a set of wrapping certificates against the download rules: 3..10 certificates, RSA
 * only, at least 2048 bits, not expired, and no certificate or public key used twice (two shares
 * under one private key would let one holder count twice toward the quorum).
 */
export function validateWrappingCertificates(
  inputs: ReadonlyArray<string | Uint8Array>,
  options: CertificateValidationOptions = {}
): CertificateValidation {
  const now = options.now ?? new Date()
  const minBits = options.minBits ?? 2048
  const minCount = options.minCount ?? 3
  const maxCount = options.maxCount ?? 10
  const issues: CertificateIssue[] = []
  if (inputs.length < minCount || inputs.length > maxCount) {
    issues.push({
      code: 'COUNT',
      message: `${minCount} to ${maxCount} wrapping certificates are required, got ${inputs.length}`
    })
  }
  if (options.required !== undefined) {
    const r = options.required
    if (!Number.isInteger(r) || r < 2 || r > 10) {
      issues.push({ code: 'REQUIRED', message: `the quorum must be an integer from 2 to 10, got ${r}` })
    } else if (r > inputs.length) {
      issues.push({
        code: 'REQUIRED',
        message: `the quorum (${r}) exceeds the number of wrapping certificates (${inputs.length})`
      })
    }
  }
  const seenCert = new Map<string, number>()
  const seenKey = new Map<string, number>()
  const labelOf = (index: number): string => options.labels?.[index] ?? `certificate #${index + 1}`
  const certificates = inputs.map((input, index) => {
    const label = labelOf(index)
    let cert: ParsedCertificate
    try {
      cert = parseCertificate(input)
    } catch {
      issues.push({
        code: 'UNPARSABLE',
        index,
        message: `${label}: not a valid X.509 certificate (PEM or DER)`
      })
      return undefined
    }
    const name = `${label} ${describe(cert)}`
    if (cert.keyType !== 'rsa') {
      issues.push({
        code: 'NOT_RSA',
        index,
        message: `${name}: its key type is ${cert.keyType.toUpperCase()}; only RSA keys can wrap shares`
      })
    } else if ((cert.bits ?? 0) < minBits) {
      issues.push({
        code: 'KEY_TOO_SHORT',
        index,
        message: `${name}: RSA key is ${cert.bits} bits; at least ${minBits} are required`
      })
    }
    if (cert.notAfter.getTime() < now.getTime()) {
      issues.push({ code: 'EXPIRED', index, message: `${name}: expired on ${cert.notAfter.toISOString()}` })
    }
    const firstCert = seenCert.get(cert.x5tS256)
    if (firstCert !== undefined) {
      issues.push({
        code: 'DUPLICATE_CERTIFICATE',
        index,
        message: `${name}: is the same certificate as ${labelOf(firstCert)}`
      })
    } else {
      seenCert.set(cert.x5tS256, index)
      const keyId = createHash('sha256')
        .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex')
      const firstKey = seenKey.get(keyId)
      if (firstKey !== undefined) {
        issues.push({
          code: 'DUPLICATE_KEY',
          index,
          message: `${name}: has the same public key as ${labelOf(firstKey)}`
        })
      } else {
        seenKey.set(keyId, index)
      }
    }
    return cert
  })
  return { ok: issues.length === 0, issues, reasons: issues.map(i => i.message), certificates }
}
