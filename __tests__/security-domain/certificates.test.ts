import { beforeAll, describe, expect, it } from '@jest/globals'
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import {
  buildDownloadJwk,
  buildDownloadRequest,
  certificateDer,
  parseCertificate,
  parseX5cCertificate,
  rsaPublicNumbers,
  validateWrappingCertificates,
  type CertificateIssueCode
} from '../../src/security-domain/certificates.js'
import {
  generateWrappingKey,
  generateWrappingKeys,
  type WrappingKey
} from '../../src/security-domain/wrapping-keys.js'
import { fixture } from './helpers.js'

interface RecordedJwk {
  x5c: string[]
  x5t: string
  'x5t#S256': string
  n: string
  e: string
  kty: string
  alg: string
  key_ops: string[]
}
const recording = JSON.parse(fixture('azure-cli-recording-2025.json')) as {
  request: { certificates: RecordedJwk[]; required: number }
}
const ecCertPem = fixture('ec-p256-cert.pem')

let good: WrappingKey[] // 11 × RSA-2048, valid
let short: WrappingKey // RSA-1024
let expired: WrappingKey // RSA-2048, expired a year ago
let generationMs = 0

beforeAll(async () => {
  const t0 = Date.now()
  good = await generateWrappingKeys({ count: 11, bits: 2048 })
  generationMs = Date.now() - t0
  short = await generateWrappingKey(1, { bits: 1024, commonName: () => 'short key' })
  expired = await generateWrappingKey(1, {
    bits: 2048,
    notBefore: new Date(Date.now() - 2 * 365 * 86_400_000),
    validityDays: 365,
    commonName: () => 'old key'
  })
})

describe('thumbprints and JWK against the real Azure CLI request (2025 recording)', () => {
  it.each([0, 1, 2])('certificate %i: x5t, x5t#S256, n, e and the JWK shape match what the CLI sent', i => {
    const sent = recording.request.certificates[i] as RecordedJwk
    const jwk = buildDownloadJwk(parseX5cCertificate(sent.x5c[0] as string))
    expect(jwk).toEqual({
      kty: sent.kty,
      key_ops: sent.key_ops,
      alg: sent.alg,
      n: sent.n,
      e: sent.e,
      x5c: sent.x5c,
      x5t: sent.x5t,
      'x5t#S256': sent['x5t#S256']
    })
  })

  it('reads the same certificate from PEM and from DER', () => {
    const der = Buffer.from(recording.request.certificates[0]!.x5c[0]!, 'base64')
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`
    expect(parseCertificate(pem).x5tS256).toBe(parseCertificate(der).x5tS256)
    expect(parseCertificate(pem).subject).toBe('C=AU, ST=Some-State, O=Internet Widgits Pty Ltd')
  })
})

describe('generated wrapping keys', () => {
  it('are generated in parallel: 11 RSA-2048 keys with certificates', () => {
    expect(good).toHaveLength(11)
    expect(new Set(good.map(k => k.x5tS256)).size).toBe(11)
    console.log(`generateWrappingKeys: 11 × RSA-2048 in ${generationMs} ms`)
  })

  it('have self-signed certificates that verify, with the requested CN, serial and validity', () => {
    const key = good[2] as WrappingKey
    const cert = new X509Certificate(key.certificatePem)
    expect(cert.subject).toBe('CN=SKR wrapping key 3')
    expect(cert.issuer).toBe(cert.subject)
    expect(cert.verify(cert.publicKey)).toBe(true)
    expect(cert.checkPrivateKey(createPrivateKey(key.privateKeyPem))).toBe(true)
    expect(cert.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/)
    const days = (new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()) / 86_400_000
    expect(days).toBe(365)
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
  })

  it('report the thumbprint the SD will carry', () => {
    const key = good[0] as WrappingKey
    expect(key.x5tS256).toBe(parseCertificate(key.certificatePem).x5tS256)
    expect(buildDownloadJwk(key.certificatePem)['x5t#S256']).toBe(key.x5tS256)
  })

  it('build the download request the CLI way', () => {
    const request = buildDownloadRequest(
      good.slice(0, 3).map(k => k.certificatePem),
      2
    )
    expect(request.required).toBe(2)
    expect(request.certificates).toHaveLength(3)
    const jwk = request.certificates[0]!
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'key_ops', 'kty', 'n', 'x5c', 'x5t', 'x5t#S256'])
    expect(jwk.x5c[0]).toMatch(/^[A-Za-z0-9+/]+=*$/)
    const fromJwk = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
    expect(fromJwk.export({ type: 'spki', format: 'pem' })).toBe(
      createPublicKey(good[0]!.privateKeyPem).export({ type: 'spki', format: 'pem' })
    )
  })
})

describe('validateWrappingCertificates', () => {
  const codes = (result: ReturnType<typeof validateWrappingCertificates>): CertificateIssueCode[] =>
    result.issues.map(i => i.code)

  it('accepts 3 and 10 valid RSA-2048 certificates', () => {
    expect(
      validateWrappingCertificates(
        good.slice(0, 3).map(k => k.certificatePem),
        { required: 2 }
      )
    ).toMatchObject({
      ok: true,
      reasons: []
    })
    expect(
      validateWrappingCertificates(
        good.slice(0, 10).map(k => k.certificatePem),
        { required: 10 }
      ).ok
    ).toBe(true)
  })

  it('rejects 2 and 11 certificates', () => {
    const two = validateWrappingCertificates(good.slice(0, 2).map(k => k.certificatePem))
    expect(codes(two)).toEqual(['COUNT'])
    expect(two.reasons[0]).toBe('3 to 10 wrapping certificates are required, got 2')
    const eleven = validateWrappingCertificates(good.map(k => k.certificatePem))
    expect(codes(eleven)).toEqual(['COUNT'])
    expect(eleven.reasons[0]).toMatch(/got 11/)
  })

  it('rejects a 1024-bit RSA key, naming the certificate', () => {
    const result = validateWrappingCertificates([good[0]!, good[1]!, short].map(k => k.certificatePem))
    expect(codes(result)).toEqual(['KEY_TOO_SHORT'])
    expect(result.issues[0]).toMatchObject({ index: 2 })
    expect(result.reasons[0]).toBe(
      'certificate #3 (CN=short key): RSA key is 1024 bits; at least 2048 are required'
    )
  })

  it('rejects an EC certificate', () => {
    const result = validateWrappingCertificates([good[0]!.certificatePem, ecCertPem, good[1]!.certificatePem])
    expect(codes(result)).toEqual(['NOT_RSA'])
    expect(result.reasons[0]).toBe(
      'certificate #2 (CN=EC test certificate): its key type is EC; only RSA keys can wrap shares'
    )
  })

  it('rejects an expired certificate, saying when it expired', () => {
    const result = validateWrappingCertificates([expired, good[0]!, good[1]!].map(k => k.certificatePem))
    expect(codes(result)).toEqual(['EXPIRED'])
    expect(result.reasons[0]).toMatch(/^certificate #1 \(CN=old key\): expired on \d{4}-\d\d-\d\dT/)
    // ...and the same certificate passes when checked as of a time inside its validity.
    const then = new Date(Date.now() - 400 * 86_400_000)
    expect(
      validateWrappingCertificates(
        [expired, good[0]!, good[1]!].map(k => k.certificatePem),
        { now: then }
      ).ok
    ).toBe(true)
  })

  it('rejects the same certificate twice, and one key under two certificates', () => {
    const dup = validateWrappingCertificates([good[0]!, good[1]!, good[0]!].map(k => k.certificatePem))
    expect(codes(dup)).toEqual(['DUPLICATE_CERTIFICATE'])
    expect(dup.reasons[0]).toBe(
      'certificate #3 (CN=SKR wrapping key 1): is the same certificate as certificate #1'
    )
    // Re-issue key 1's public key under another certificate: same key, different thumbprint.
    const reissued = recertify(good[0]!)
    const sameKey = validateWrappingCertificates([good[0]!.certificatePem, good[1]!.certificatePem, reissued])
    expect(codes(sameKey)).toEqual(['DUPLICATE_KEY'])
    expect(sameKey.reasons[0]).toMatch(/^certificate #3 .*has the same public key as certificate #1$/)
  })

  it('rejects garbage and bad quorums, reporting every problem at once', () => {
    const result = validateWrappingCertificates(['not a certificate', good[0]!.certificatePem], {
      required: 3
    })
    expect(codes(result).sort()).toEqual(['COUNT', 'REQUIRED', 'UNPARSABLE'])
    expect(result.reasons).toContain('certificate #1: not a valid X.509 certificate (PEM or DER)')
    expect(
      validateWrappingCertificates(
        good.slice(0, 3).map(k => k.certificatePem),
        { required: 1 }
      ).reasons
    ).toEqual(['the quorum must be an integer from 2 to 10, got 1'])
  })

  it('exposes DER for PEM input and rejects text without a certificate', () => {
    expect(certificateDer(good[0]!.certificatePem)).toEqual(parseCertificate(good[0]!.certificatePem).der)
    expect(() => certificateDer('hello')).toThrow(/no PEM CERTIFICATE block/)
  })
})

describe('certificates that cannot wrap shares, named for a person', () => {
  // Public certificates made with openssl for these tests (fixtures/): P-256 with an empty subject, and RSA-2048
  // whose subject is longer than a message should quote.
  it('refuses to build a download JWK from an EC certificate, and RSA numbers from an EC key', () => {
    const ec = parseCertificate(fixture('ec-p256-cert.pem'))
    expect(ec.keyType).toBe('ec')
    expect(ec.bits).toBeUndefined()
    expect(() => buildDownloadJwk(ec)).toThrow(/\(CN=EC test certificate\) does not hold an RSA key/)
    expect(() => rsaPublicNumbers(ec.publicKey)).toThrow(/not an RSA public key/)
  })

  it('says "no subject" for a certificate without one, and shortens a long subject', () => {
    expect(() => buildDownloadJwk(fixture('ec-no-subject-cert.pem'))).toThrow(/^\(no subject\) does not hold/)
    const result = validateWrappingCertificates(
      [fixture('long-subject-cert.pem'), fixture('ec-no-subject-cert.pem'), fixture('ec-p256-cert.pem')],
      { minBits: 3072 }
    )
    const messages = result.issues.map(i => i.message)
    const long = messages.find(m => m.startsWith('certificate #1'))
    expect(long).toMatch(
      /^certificate #1 \(CN=c{60}, O=o{30}\.\.\.\): RSA key is 2048 bits; at least 3072 are required$/
    )
    expect(messages).toContain(
      'certificate #2 (no subject): its key type is EC; only RSA keys can wrap shares'
    )
  })

  it('refuses an x5c entry that is not standard base64', () => {
    expect(() => parseX5cCertificate('not base64 at all!')).toThrow(/x5c entry is not valid standard base64/)
  })
})

/** A second self-signed certificate for an existing key pair (same key, new serial and dates). */
function recertify(key: WrappingKey): string {
  // generateWrappingKey always makes a fresh key, so build this one by hand with forge.
  return reissueWithForge(key.privateKeyPem)
}

function reissueWithForge(privateKeyPem: string): string {
  const priv = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.setRsaPublicKey(priv.n, priv.e)
  cert.serialNumber = '0badc0de'
  cert.validity.notBefore = new Date()
  cert.validity.notAfter = new Date(Date.now() + 86_400_000)
  cert.setSubject([{ name: 'commonName', value: 'reissued' }])
  cert.setIssuer([{ name: 'commonName', value: 'reissued' }])
  cert.sign(priv, forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}
