/**
 * Generates security-domain wrapping keys: RSA key pairs from Node's native (threaded) generator,
 * each with a self-signed certificate. node-forge builds the certificate structure (Node cannot),
 * but Node signs it: forge's pure-JS RSA takes ~0.3 s per 4096-bit signature on the main thread,
 * Node's takes milliseconds, and PKCS#1 v1.5 signatures are deterministic, so the result is the same.
 * node-forge is loaded only here, when keys are generated: its start-up (about 25 ms of registering every
 * cipher it has) is otherwise paid by every run, most of which never generate a key.
 */
import { generateKeyPair, randomBytes, sign } from 'node:crypto'
import { promisify } from 'node:util'
import type Forge from 'node-forge'
import { x5tS256Of, certificateDer } from './certificates.js'

const generateKeyPairAsync = promisify(generateKeyPair)
/** getTBSCertificate is public in node-forge but missing from its type declarations. */
type ForgePki = typeof Forge.pki & { getTBSCertificate(cert: Forge.pki.Certificate): Forge.asn1.Asn1 }
const loadForge = (): Promise<typeof Forge> => import('node-forge').then(m => m.default)

export interface WrappingKeyOptions {
  count: number
  /** RSA modulus length; the service wants ≥ 2048. Default 4096. */
  bits?: number
  /** Certificate lifetime in days from notBefore. Default 365. */
  validityDays?: number
  /** Default: now (to the second). */
  notBefore?: Date
  /** Subject CN of key i (1-based). Default "SKR wrapping key i". */
  commonName?: (i: number) => string
  /**
   * Where key i's pair comes from, as PKCS#8 and SPKI PEM. Default: Node's generator. The in-process tests pass
   * published test keys (__tests__/support/pooled-keys.ts): an RSA-4096 pair takes seconds of CPU to generate.
   */
  keyPair?: (bits: number, index: number) => Promise<{ privateKey: string; publicKey: string }>
}

export interface WrappingKey {
  /** 1-based, as in the default common name. */
  index: number
  commonName: string
  /** PKCS#8 PEM. */
  privateKeyPem: string
  certificatePem: string
  /** b64url SHA-256 of the certificate DER (the SD's x5t_256 for this key). */
  x5tS256: string
}

/** A positive, minimally encoded 128-bit serial (RFC 5280 §4.1.2.2: ≤ 20 octets, positive). */
function randomSerialHex(): string {
  const bytes = randomBytes(16)
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x01
  return bytes.toString('hex')
}

function selfSignedCertificate(
  forge: typeof Forge,
  privateKeyPem: string,
  publicKeyPem: string,
  commonName: string,
  notBefore: Date,
  notAfter: Date
): string {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem)
  cert.serialNumber = randomSerialHex()
  cert.validity.notBefore = notBefore
  cert.validity.notAfter = notAfter
  const name = [{ name: 'commonName', value: commonName }]
  cert.setSubject(name)
  cert.setIssuer(name)
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      critical: true,
      digitalSignature: true,
      keyEncipherment: true,
      dataEncipherment: true
    },
    { name: 'subjectKeyIdentifier' }
  ])
  // What forge's cert.sign(key, sha256) does, with the RSA operation done natively.
  const oid = forge.pki.oids.sha256WithRSAEncryption as string
  cert.signatureOid = oid
  cert.siginfo.algorithmOid = oid
  const tbs = forge.asn1.toDer((forge.pki as ForgePki).getTBSCertificate(cert)).getBytes()
  cert.signature = sign('sha256', Buffer.from(tbs, 'binary'), privateKeyPem).toString('binary')
  return forge.pki.certificateToPem(cert)
}

const nodeKeyPair = (bits: number) =>
  generateKeyPairAsync('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  })

/** Generates one wrapping key with certificate. */
export async function generateWrappingKey(
  index: number,
  options: Omit<WrappingKeyOptions, 'count'> = {}
): Promise<WrappingKey> {
  const bits = options.bits ?? 4096
  const validityDays = options.validityDays ?? 365
  if (!Number.isInteger(bits) || bits < 1024) throw new RangeError('wrapping keys need at least 1024 bits')
  if (!(validityDays > 0)) throw new RangeError('validityDays must be positive')
  const notBefore = new Date(Math.floor((options.notBefore ?? new Date()).getTime() / 1000) * 1000)
  const notAfter = new Date(notBefore.getTime() + validityDays * 86_400_000)
  const commonName = (options.commonName ?? (i => `SKR wrapping key ${i}`))(index)
  const { privateKey, publicKey } = await (options.keyPair ?? nodeKeyPair)(bits, index)
  const certificatePem = selfSignedCertificate(
    await loadForge(),
    privateKey,
    publicKey,
    commonName,
    notBefore,
    notAfter
  )
  return {
    index,
    commonName,
    privateKeyPem: privateKey,
    certificatePem,
    x5tS256: x5tS256Of(certificateDer(certificatePem))
  }
}

/** Generates `count` wrapping keys; the key pairs are generated in parallel on libuv's thread pool. */
export async function generateWrappingKeys(options: WrappingKeyOptions): Promise<WrappingKey[]> {
  const { count, ...rest } = options
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer')
  return Promise.all(Array.from({ length: count }, (_, i) => generateWrappingKey(i + 1, rest)))
}
