/**
 * Key attestation, GET /keys/{name}[/{version}]/attestation (api-version 7.6; 7.6-preview.2 in the recording).
 * Source: the real response recorded in Azure/azure-cli,
 * src/azure-cli/azure/cli/command_modules/keyvault/tests/latest/recordings/test_keyvault_hsm_key_attestation.yaml
 * (May 2025): the key bundle plus `attributes.attestation {certificatePemFile, privateKeyAttestation,
 * publicKeyAttestation, version: "MRVL-1"}`, base64url but `version`. The layout is copied from that response:
 * the PEM bundle holds an X.509 v1 device certificate (no extensions) under the vendor root, the partition
 * certificate it issued, a self-signed per-HSM certificate and its certificate of the same partition key; each
 * blob is a 16-byte reserved header, object length, handle, attribute count and area length (u32 big-endian),
 * PKCS#11 attributes (u32 type, u32 length, value), zero padding, then the partition key's RSA signature
 * (PKCS#1 v1.5 padding around the bare SHA-256 of every byte before it). Unconfirmed: emulator/README.md.
 *
 * The vendor root here is the emulator's own test root (`<stateDir>/keys/attestation-root-cert.pem`), never
 * Marvell's: dist/index.js does not trust it; a test preload adds it (scripts/attestation-preload.ts).
 */
import { createHash, privateEncrypt, constants, randomBytes, sign } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'
import { loadOrCreateKeyPair, type KeyPairPem } from '../../core/ca.js'
import { writeFileAtomic } from '../../core/state.js'

const forgePki = forge.pki as typeof forge.pki & {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1
}

type Attrs = forge.pki.CertificateField[]

export interface AttestationCertSpec {
  subject: Attrs
  issuer: Attrs
  publicKeyPem: string
  signerPrivateKeyPem: string
  /** 1: an X.509 v1 certificate without extensions (as the real device certificate); 3 with extensions. */
  version: 1 | 3
  ca?: boolean
  notBefore: Date
  notAfter: Date
}

/** One certificate, signed RSA-SHA256 natively (node-forge only lays out the structure); returns its PEM. */
export function attestationCertificate(spec: AttestationCertSpec): string {
  const cert = forge.pki.createCertificate()
  cert.version = spec.version - 1
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicKeyPem)
  const serial = randomBytes(8)
  serial[0] = (serial[0] & 0x7f) | 0x01
  cert.serialNumber = serial.toString('hex')
  cert.validity.notBefore = spec.notBefore
  cert.validity.notAfter = spec.notAfter
  cert.setSubject(spec.subject)
  cert.setIssuer(spec.issuer)
  if (spec.version === 3)
    cert.setExtensions([
      { name: 'basicConstraints', cA: !!spec.ca, critical: true },
      { name: 'keyUsage', critical: true, keyCertSign: !!spec.ca, digitalSignature: true }
    ])
  const oid = forge.pki.oids.sha256WithRSAEncryption as string
  cert.signatureOid = oid
  cert.siginfo.algorithmOid = oid
  const tbs = forge.asn1.toDer(forgePki.getTBSCertificate(cert)).getBytes()
  cert.signature = sign('sha256', Buffer.from(tbs, 'binary'), spec.signerPrivateKeyPem).toString('binary')
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n')
}

const name = (cn: string, o = 'Emulator'): Attrs => [
  { shortName: 'C', value: 'US' },
  { shortName: 'O', value: o },
  { name: 'commonName', value: cn }
]

export const TEST_ROOT_NAME = name('emulator attestation test root (not Marvell)')

export interface AttestationAuthority {
  rootPem: string
  /** device, partition, Microsoft-style self-signed, its partition certificate: the response's bundle. */
  bundlePem: string
  partition: KeyPairPem
}

const YEAR = 365 * 24 * 3600 * 1000

/**
 * A chain in the recorded layout: root -> v1 device -> partition, plus a self-signed per-HSM certificate of
 * the same partition key. `root` is given (another test root) or made; `expired` makes the partition
 * certificate's validity end yesterday.
 */
export function issueAttestationChain(
  root: KeyPairPem & { rootPem?: string },
  device: KeyPairPem,
  partition: KeyPairPem,
  perHsm: KeyPairPem,
  opts: { hsm?: string; expired?: boolean; rootName?: Attrs } = {}
): AttestationAuthority {
  const now = Date.now()
  const rootName = opts.rootName ?? TEST_ROOT_NAME
  const rootPem =
    root.rootPem ??
    attestationCertificate({
      subject: rootName,
      issuer: rootName,
      publicKeyPem: root.publicKeyPem,
      signerPrivateKeyPem: root.privateKeyPem,
      version: 3,
      ca: true,
      notBefore: new Date(now - YEAR),
      notAfter: new Date(now + 10 * YEAR)
    })
  const deviceName = name('HSM:EMULATOR-DEVICE, for non-FIPS mode', 'Cavium')
  const partitionName = name('HSM:EMULATOR:PARTN:1, for non-FIPS mode', 'Cavium')
  const hsmName = name(opts.hsm ?? 'emulator-hsm', 'Microsoft Corporation')
  const later = new Date(now + 10 * YEAR)
  const certs = [
    attestationCertificate({
      subject: deviceName,
      issuer: rootName,
      publicKeyPem: device.publicKeyPem,
      signerPrivateKeyPem: root.privateKeyPem,
      version: 1,
      notBefore: new Date(now - YEAR),
      notAfter: later
    }),
    attestationCertificate({
      subject: partitionName,
      issuer: deviceName,
      publicKeyPem: partition.publicKeyPem,
      signerPrivateKeyPem: device.privateKeyPem,
      version: 3,
      notBefore: new Date(now - (opts.expired ? 2 * YEAR : YEAR)),
      notAfter: opts.expired ? new Date(now - 24 * 3600 * 1000) : later
    }),
    attestationCertificate({
      subject: hsmName,
      issuer: hsmName,
      publicKeyPem: perHsm.publicKeyPem,
      signerPrivateKeyPem: perHsm.privateKeyPem,
      version: 3,
      ca: true,
      notBefore: new Date(now - YEAR),
      notAfter: later
    }),
    attestationCertificate({
      subject: partitionName,
      issuer: hsmName,
      publicKeyPem: partition.publicKeyPem,
      signerPrivateKeyPem: perHsm.privateKeyPem,
      version: 3,
      notBefore: new Date(now - YEAR),
      notAfter: later
    })
  ]
  return { rootPem, bundlePem: certs.join(''), partition }
}

/** The test root's PEM file in a state folder. */
export const attestationRootFile = (stateDir: string): string =>
  join(stateDir, 'keys', 'attestation-root-cert.pem')

const authorities = new Map<string, Promise<AttestationAuthority>>()

/** The emulator's attestation chain, persisted under `<stateDir>/keys/` (the template makes it once). */
export function attestationAuthority(stateDir: string): Promise<AttestationAuthority> {
  let p = authorities.get(stateDir)
  if (!p) {
    p = loadAuthority(stateDir)
    authorities.set(stateDir, p)
  }
  return p
}

async function loadAuthority(stateDir: string): Promise<AttestationAuthority> {
  const dir = join(stateDir, 'keys')
  mkdirSync(dir, { recursive: true })
  const [root, device, partition, perHsm] = await Promise.all(
    ['attestation-root', 'attestation-device', 'attestation-partition', 'attestation-per-hsm'].map(n =>
      loadOrCreateKeyPair(join(dir, `${n}.pem`))
    )
  )
  const rootPath = attestationRootFile(stateDir)
  const bundlePath = join(dir, 'attestation-bundle.pem')
  if (!existsSync(rootPath) || !existsSync(bundlePath)) {
    const made = issueAttestationChain(root, device, partition, perHsm)
    writeFileAtomic(bundlePath, made.bundlePem)
    writeFileAtomic(rootPath, made.rootPem)
  }
  return { rootPem: readFileSync(rootPath, 'utf8'), bundlePem: readFileSync(bundlePath, 'utf8'), partition }
}

export interface BlobKey {
  /** Big-endian modulus and exponent. */
  n: Buffer
  e: Buffer
  name: string
  version: string
  exportable: boolean
  /** CKA_LOCAL: true for a key the HSM generated, false for an imported one. */
  local: boolean
}

const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(v)
  return b
}
const attr = (type: number, value: Buffer): Buffer => Buffer.concat([u32(type), u32(value.length), value])
const bool = (v: boolean): Buffer => Buffer.from([v ? 1 : 0])
const padded = (text: string, size: number): Buffer => {
  const b = Buffer.alloc(size)
  b.write(text.slice(0, size), 'latin1')
  return b
}

/** One blob (private: class 3; public: class 2) signed by the partition key, in the recorded layout. */
export function attestationBlob(key: BlobKey, which: 'private' | 'public', partitionKeyPem: string): Buffer {
  const priv = which === 'private'
  const attrs = [
    attr(0x0000, Buffer.from([priv ? 3 : 2])),
    attr(0x0100, Buffer.from([0])),
    attr(0x0001, bool(true)),
    attr(0x0002, bool(true)),
    attr(0x0163, bool(key.local)),
    attr(0x0103, bool(priv)),
    attr(0x0162, bool(priv ? key.exportable : true)),
    attr(0x0003, padded('customer_key', 128)),
    attr(0x0102, padded(`/keys/${key.name}/${key.version}`, 128)),
    attr(0x0120, key.n),
    attr(0x0121, u32(key.n.length * 8)),
    attr(0x0122, key.e),
    attr(0x0164, bool(priv ? !key.exportable : false)),
    attr(0x0165, bool(priv))
  ]
  const area = Buffer.concat([...attrs, Buffer.alloc(16)])
  const header = Buffer.concat([
    Buffer.alloc(16),
    u32(area.length + 12),
    u32(14),
    u32(attrs.length),
    u32(area.length)
  ])
  const signed = Buffer.concat([header, area, Buffer.alloc(264)])
  const digest = createHash('sha256').update(signed).digest()
  const signature = privateEncrypt({ key: partitionKeyPem, padding: constants.RSA_PKCS1_PADDING }, digest)
  return Buffer.concat([signed, signature])
}

/** The `attributes.attestation` member of the response, for an RSA key. */
export function attestationMember(
  authority: AttestationAuthority,
  key: BlobKey
): {
  certificatePemFile: string
  privateKeyAttestation: string
  publicKeyAttestation: string
  version: string
} {
  return {
    certificatePemFile: Buffer.from(authority.bundlePem).toString('base64url'),
    privateKeyAttestation: attestationBlob(key, 'private', authority.partition.privateKeyPem).toString(
      'base64url'
    ),
    publicKeyAttestation: attestationBlob(key, 'public', authority.partition.privateKeyPem).toString(
      'base64url'
    ),
    version: 'MRVL-1'
  }
}
