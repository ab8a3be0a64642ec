/**
 * X.509 helpers for the Managed HSM data plane: the security-domain transfer key's self-signed
 * certificate and the three-certificate chain that signs released keys. Node generates and signs
 * (fast); node-forge only assembles the certificate structure.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'
import { rsaKeyPair } from '../../core/key-pool.js'
import { loadOrCreateKeyPair, signCertificate, type KeyPairPem } from '../../core/ca.js'
import { writeFileAtomic } from '../../core/state.js'

/** A fresh RSA key pair as PEM (from the emulator's key pool while it lasts: core/key-pool.ts). */
export async function newRsaKeyPair(bits = 2048): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await rsaKeyPair(bits)
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString()
  }
}

export interface CertSpec {
  subject: string
  issuer: string
  publicKeyPem: string
  signerPrivateKeyPem: string
  ca: boolean
  days: number
  keyUsage: Record<string, boolean>
}

/** Builds and signs (RSA-SHA256, natively) one certificate; returns its DER. */
export function issueCertificate(spec: CertSpec): Buffer {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicKeyPem)
  const serial = randomBytes(16)
  serial[0] = (serial[0] & 0x7f) | 0x01
  cert.serialNumber = serial.toString('hex')
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000)
  cert.validity.notAfter = new Date(Date.now() + spec.days * 24 * 3600 * 1000)
  cert.setSubject([{ name: 'commonName', value: spec.subject }])
  cert.setIssuer([{ name: 'commonName', value: spec.issuer }])
  cert.setExtensions([
    { name: 'basicConstraints', cA: spec.ca, critical: spec.ca },
    { name: 'keyUsage', critical: true, ...spec.keyUsage },
    { name: 'subjectKeyIdentifier' }
  ])
  signCertificate(cert, spec.signerPrivateKeyPem)
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
}

export interface SigningChain {
  privateKeyPem: string
  /** DER certificates, leaf first (leaf, intermediate, root). */
  chain: Buffer[]
}

const chains = new Map<string, Promise<SigningChain>>()

/**
 * The chain that signs release responses (persisted under `<stateDir>/keys/`). Azure's chain is
 * issued by Microsoft's HSM-platform CAs; this one is the emulator's own.
 */
export function releaseSigningChain(stateDir: string): Promise<SigningChain> {
  let p = chains.get(stateDir)
  if (!p) {
    p = loadChain(stateDir)
    chains.set(stateDir, p)
  }
  return p
}

async function loadChain(stateDir: string): Promise<SigningChain> {
  const dir = join(stateDir, 'keys')
  mkdirSync(dir, { recursive: true })
  const [root, intermediate, leaf] = await Promise.all(
    ['mhsm-release-root', 'mhsm-release-intermediate', 'mhsm-release-leaf'].map(n =>
      loadOrCreateKeyPair(join(dir, `${n}.pem`))
    )
  )
  const chainPath = join(dir, 'mhsm-release-chain.json')
  if (!existsSync(chainPath)) {
    const rootName = 'Managed HSM Emulator Root CA'
    const interName = 'Managed HSM Emulator Issuing CA'
    const caUsage = { keyCertSign: true, cRLSign: true, digitalSignature: true }
    const certs = [
      issueCertificate({
        subject: 'managedhsm.azure.net key release',
        issuer: interName,
        publicKeyPem: leaf.publicKeyPem,
        signerPrivateKeyPem: intermediate.privateKeyPem,
        ca: false,
        days: 730,
        keyUsage: { digitalSignature: true }
      }),
      issueCertificate({
        subject: interName,
        issuer: rootName,
        publicKeyPem: intermediate.publicKeyPem,
        signerPrivateKeyPem: root.privateKeyPem,
        ca: true,
        days: 1825,
        keyUsage: caUsage
      }),
      issueCertificate({
        subject: rootName,
        issuer: rootName,
        publicKeyPem: root.publicKeyPem,
        signerPrivateKeyPem: root.privateKeyPem,
        ca: true,
        days: 3650,
        keyUsage: caUsage
      })
    ]
    writeFileAtomic(chainPath, JSON.stringify(certs.map(c => c.toString('base64'))))
  }
  const chain = (JSON.parse(readFileSync(chainPath, 'utf8')) as string[]).map(c => Buffer.from(c, 'base64'))
  return { privateKeyPem: leaf.privateKeyPem, chain }
}

export const sha1Hex = (der: Buffer): string => createHash('sha1').update(der).digest('hex').toUpperCase()
export const x5t = (der: Buffer): string => createHash('sha1').update(der).digest('base64url')
export const x5tS256 = (der: Buffer): string => createHash('sha256').update(der).digest('base64url')
