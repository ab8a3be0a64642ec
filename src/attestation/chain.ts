/**
 * The certificate path of a key attestation: pinned root -> HSM device certificate -> partition certificate,
 * each link checked explicitly (issuer names the issuer certificate's subject, signature, validity), since a
 * generic path validator rejects the genuine chain: the device certificate is X.509 v1, without extensions.
 * A v1 (or extension-less) issuer is accepted only directly under a pinned root; basic constraints and key
 * usage are checked where present. The per-HSM certificate Microsoft issues (self-signed, certifying the same
 * partition key again) is reported, never used as an anchor.
 */
import { X509Certificate } from 'node:crypto'
import { certificateFields } from './der.js'
import { AttestationError } from './errors.js'
import type { TrustAnchor } from './roots.js'

export interface ChainLink {
  role: 'root' | 'device' | 'partition'
  subject: string
  /** SHA-256 fingerprint, colon-separated hex as Node prints it. */
  fingerprint256: string
  notAfter: string
}

export interface Chain {
  anchor: TrustAnchor
  device: X509Certificate
  partition: X509Certificate
  links: ChainLink[]
  /** The Microsoft-issued certificate of the same partition key, when the bundle holds one. */
  microsoft?: { subject: string; fingerprint256: string; sameKey: boolean }
}

const PEM = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g
const MAX_CERTIFICATES = 16

/** The certificates of a PEM bundle (only CERTIFICATE blocks; anything else in it is ignored). */
export function parseBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM) ?? []
  if (blocks.length === 0) throw new AttestationError('certificate bundle', 'it holds no certificate')
  if (blocks.length > MAX_CERTIFICATES)
    throw new AttestationError('certificate bundle', `it holds ${blocks.length} certificates`)
  return blocks.map((b, i) => {
    try {
      return new X509Certificate(b)
    } catch {
      throw new AttestationError('certificate bundle', `certificate ${i + 1} does not parse`)
    }
  })
}

function oneLine(name: string): string {
  return name.split('\n').join(', ')
}

function link(role: ChainLink['role'], c: X509Certificate): ChainLink {
  return {
    role,
    subject: oneLine(c.subject),
    fingerprint256: c.fingerprint256,
    notAfter: new Date(c.validTo).toISOString()
  }
}

function checkValid(c: X509Certificate, what: string, now: Date): void {
  const from = new Date(c.validFrom)
  const to = new Date(c.validTo)
  if (!(from.getTime() <= now.getTime() && now.getTime() <= to.getTime()))
    throw new AttestationError(
      'certificate validity',
      `the ${what} certificate (${oneLine(c.subject)}) is valid from ${from.toISOString()} to ${to.toISOString()}, not at ${now.toISOString()}`
    )
}

const issuedBy = (c: X509Certificate, issuer: X509Certificate): boolean =>
  c.issuer === issuer.subject && c.subject !== c.issuer

/** Checks that `issuer` may issue certificates: a CA where it says so; v1 only when `directUnderRoot`. */
function checkIssuerCapable(issuer: X509Certificate, what: string, directUnderRoot: boolean): void {
  const f = certificateFields(Buffer.from(issuer.raw))
  if (f.ca === false)
    throw new AttestationError(
      'basic constraints',
      `the ${what} certificate's basic constraints say it is no CA`
    )
  if (f.keyCertSign === false)
    throw new AttestationError(
      'key usage',
      `the ${what} certificate's key usage does not allow signing certificates`
    )
  if (f.ca === undefined && !directUnderRoot)
    throw new AttestationError(
      'basic constraints',
      `the ${what} certificate has no basic constraints and is not directly under a pinned root`
    )
}

/** The one certificate of `bundle` that `issuer` issued and signed, or the reason there is none. */
function issuedCertificate(
  bundle: X509Certificate[],
  issuer: X509Certificate,
  what: string
): X509Certificate {
  const named = bundle.filter(c => issuedBy(c, issuer))
  if (named.length === 0)
    throw new AttestationError(
      'chain',
      `no ${what} certificate in the bundle names ${oneLine(issuer.subject)} as its issuer`
    )
  const signed = named.filter(c => c.verify(issuer.publicKey))
  if (signed.length === 0)
    throw new AttestationError(
      'certificate signature',
      `the ${what} certificate's signature does not verify with its issuer's key`
    )
  if (signed.length > 1)
    throw new AttestationError('chain', `the bundle holds ${signed.length} ${what} certificates`)
  return signed[0] as X509Certificate
}

/** Builds and checks the path from an anchor to the partition certificate. */
export function verifyChain(bundle: X509Certificate[], anchors: TrustAnchor[], now: Date): Chain {
  const candidates = anchors.filter(a => bundle.some(c => issuedBy(c, a.certificate)))
  if (candidates.length === 0)
    throw new AttestationError(
      'root',
      `no certificate in the bundle is issued by a trusted root (${anchors.map(a => a.name).join('; ')})`
    )
  let first: unknown
  for (const anchor of candidates) {
    try {
      return pathFrom(bundle, anchor, now)
    } catch (e) {
      first ??= e
    }
  }
  throw first
}

function pathFrom(bundle: X509Certificate[], anchor: TrustAnchor, now: Date): Chain {
  checkValid(anchor.certificate, 'root', now)
  const device = issuedCertificate(bundle, anchor.certificate, 'device')
  checkValid(device, 'device', now)
  checkIssuerCapable(device, 'device', true)
  const partition = issuedCertificate(bundle, device, 'partition')
  checkValid(partition, 'partition', now)
  const chain: Chain = {
    anchor,
    device,
    partition,
    links: [link('root', anchor.certificate), link('device', device), link('partition', partition)]
  }
  const selfSigned = bundle.find(c => c.subject === c.issuer && c.verify(c.publicKey))
  const msLeaf =
    selfSigned &&
    bundle.find(c => c !== selfSigned && issuedBy(c, selfSigned) && c.verify(selfSigned.publicKey))
  if (selfSigned && msLeaf) {
    const der = (c: X509Certificate): Buffer => c.publicKey.export({ type: 'spki', format: 'der' })
    chain.microsoft = {
      subject: oneLine(selfSigned.subject),
      fingerprint256: selfSigned.fingerprint256,
      sameKey: der(msLeaf).equals(der(partition))
    }
  }
  return chain
}
