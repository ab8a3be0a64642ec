/**
 * The emulator's own certificate authority. Clients trust it through NODE_EXTRA_CA_CERTS, so the
 * proxy can present a certificate for Azure's real host names. Keys and signatures come from Node's
 * crypto; node-forge only assembles the X.509 structures (its pure-JS RSA took about 70 ms per
 * certificate, half a CPU-second per emulator start with a certificate for each host).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign
} from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSecureContext, type SecureContext } from 'node:tls'
import { promisify } from 'node:util'
import forge from 'node-forge'
import { writeFileAtomic } from './state.js'

const generateKeyPairAsync = promisify(generateKeyPair)

export interface KeyPairPem {
  privateKeyPem: string
  publicKeyPem: string
}

async function generateRsa(bits = 2048): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' }
  })
  return { privateKeyPem: privateKey, publicKeyPem: publicKey }
}

/** Loads a PEM private key from `path`, creating (and persisting) it on first use. */
export async function loadOrCreateKeyPair(path: string): Promise<KeyPairPem> {
  if (existsSync(path)) {
    const privateKeyPem = readFileSync(path, 'utf8')
    const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({
      type: 'spki',
      format: 'pem'
    })
    return { privateKeyPem, publicKeyPem: publicKeyPem.toString() }
  }
  const pair = await generateRsa()
  writeFileAtomic(path, pair.privateKeyPem, 0o600)
  return pair
}

function serialNumber(): string {
  // Positive, 16 bytes: a leading 0x01 keeps the DER integer from reading as negative.
  return '01' + randomBytes(15).toString('hex')
}

type Attrs = forge.pki.CertificateField[]

/** getTBSCertificate is public in node-forge but missing from its type declarations. */
const forgePki = forge.pki as typeof forge.pki & {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1
}

/**
 * What forge's `cert.sign(key, sha256)` does, with the RSA operation done by Node: PKCS#1 v1.5
 * signatures are deterministic, so the certificate is the same.
 */
export function signCertificate(cert: forge.pki.Certificate, signerKeyPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string
  cert.signatureOid = oid
  cert.siginfo.algorithmOid = oid
  const tbs = forge.asn1.toDer(forgePki.getTBSCertificate(cert)).getBytes()
  cert.signature = sign('sha256', Buffer.from(tbs, 'binary'), signerKeyPem).toString('binary')
}

interface CertOptions {
  subject: Attrs
  issuer: Attrs
  publicKeyPem: string
  signerKeyPem: string
  days: number
  extensions: unknown[]
}

function buildCert(o: CertOptions): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(o.publicKeyPem)
  cert.serialNumber = serialNumber()
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000)
  cert.validity.notAfter = new Date(Date.now() + o.days * 24 * 3600 * 1000)
  cert.setSubject(o.subject)
  cert.setIssuer(o.issuer)
  cert.setExtensions(o.extensions as never[])
  signCertificate(cert, o.signerKeyPem)
  return cert
}

export function certDer(certPem: string): Buffer {
  const cert = forge.pki.certificateFromPem(certPem)
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
}

/** A self-signed certificate for a token-signing key, so JWKS can carry x5c/x5t like the real ones. */
export function selfSignedCertPem(pair: KeyPairPem, commonName: string): string {
  const subject = [{ name: 'commonName', value: commonName }]
  const cert = buildCert({
    subject,
    issuer: subject,
    publicKeyPem: pair.publicKeyPem,
    signerKeyPem: pair.privateKeyPem,
    days: 3650,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true }
    ]
  })
  return forge.pki.certificateToPem(cert)
}

export function sha1Thumbprint(der: Buffer): Buffer {
  return createHash('sha1').update(der).digest()
}

export class CertificateAuthority {
  private readonly contexts = new Map<string, SecureContext>()

  private constructor(
    readonly certPath: string,
    readonly certPem: string,
    private readonly caKey: KeyPairPem,
    private readonly leafKey: KeyPairPem
  ) {}

  /** Opens the CA persisted under `<stateDir>/ca`, creating it on first start. */
  static async open(stateDir: string): Promise<CertificateAuthority> {
    const dir = join(stateDir, 'ca')
    mkdirSync(dir, { recursive: true })
    const certPath = join(dir, 'ca-cert.pem')
    // One leaf key serves every host name: only the certificates differ.
    const [caKey, leafKey] = await Promise.all([
      loadOrCreateKeyPair(join(dir, 'ca-key.pem')),
      loadOrCreateKeyPair(join(dir, 'leaf-key.pem'))
    ])
    let certPem: string
    if (existsSync(certPath)) {
      certPem = readFileSync(certPath, 'utf8')
    } else {
      const subject = [
        { name: 'commonName', value: 'Azure Emulator Local Root CA' },
        { name: 'organizationName', value: 'managed-hsm-skr-action emulator' }
      ]
      const cert = buildCert({
        subject,
        issuer: subject,
        publicKeyPem: caKey.publicKeyPem,
        signerKeyPem: caKey.privateKeyPem,
        days: 3650,
        extensions: [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
          { name: 'subjectKeyIdentifier' }
        ]
      })
      certPem = forge.pki.certificateToPem(cert)
      writeFileAtomic(certPath, certPem)
    }
    return new CertificateAuthority(certPath, certPem, caKey, leafKey)
  }

  /** A one-year server certificate for the shared leaf key, issued by this CA, for one subject alt name. */
  private leafCertPem(
    commonName: string,
    altName: { type: 2; value: string } | { type: 7; ip: string }
  ): string {
    const ca = forge.pki.certificateFromPem(this.certPem)
    const leaf = buildCert({
      subject: [{ name: 'commonName', value: commonName }],
      issuer: ca.subject.attributes,
      publicKeyPem: this.leafKey.publicKeyPem,
      signerKeyPem: this.caKey.privateKeyPem,
      days: 365,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [altName] },
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() }
      ]
    })
    return forge.pki.certificateToPem(leaf)
  }

  /** TLS context presenting a leaf certificate for `host`, issued and cached on first use. */
  secureContext(host: string): SecureContext {
    const name = host.toLowerCase()
    let ctx = this.contexts.get(name)
    if (!ctx) {
      ctx = createSecureContext({
        key: this.leafKey.privateKeyPem,
        cert: this.leafCertPem(name, { type: 2, value: name })
      })
      this.contexts.set(name, ctx)
    }
    return ctx
  }

  /** A server certificate (with the shared leaf key) for a loopback IP, e.g. for the Azurite child. */
  ipServerCertificate(ip: string): { keyPem: string; certPem: string } {
    return { keyPem: this.leafKey.privateKeyPem, certPem: this.leafCertPem(ip, { type: 7, ip }) }
  }
}
