/**
 * The key attestation verifier (src/attestation/): the real response Azure gave in May 2025 (recorded by the
 * Azure CLI, fixtures/azure-cli-key-attestation-2025.json with its provenance) verifies to the pinned Marvell
 * root, and every way of breaking it fails naming the check. Chains in the same layout under other roots come
 * from the emulator's generator (emulator/services/managed-hsm/attestation.ts).
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  AttestationError,
  marvellRoots,
  trustAnchors,
  TEST_ANCHORS,
  verifyKeyAttestation,
  type TrustAnchor,
  type VerifyRequest
} from '../../src/attestation/index.js'
import { certificateFields } from '../../src/attestation/der.js'
import { X509Certificate } from 'node:crypto'
import {
  attestationCertificate,
  attestationMember,
  TEST_ROOT_NAME,
  issueAttestationChain,
  type AttestationAuthority,
  type BlobKey
} from '../../emulator/services/managed-hsm/attestation.js'

const recorded = JSON.parse(
  readFileSync(
    join(process.cwd(), '__tests__', 'attestation', 'fixtures', 'azure-cli-key-attestation-2025.json'),
    'utf8'
  )
) as { body: string }
const body = JSON.parse(recorded.body) as {
  attributes: { attestation: Record<string, string> }
  key: { n: string; e: string; kid: string }
}
const VERSION = '7071fabc480c0ca186f786a9b78c9456'
/** A day the recorded chain is valid (the device certificate runs to 2031-11-10). */
const RECORDED_DAY = new Date('2026-12-07T12:00:00Z')

function real(over: Partial<VerifyRequest> = {}): VerifyRequest {
  return {
    attestation: { ...body.attributes.attestation },
    key: { n: body.key.n, e: body.key.e },
    expect: { version: VERSION },
    anchors: marvellRoots(),
    now: RECORDED_DAY,
    ...over
  }
}

function failure(req: VerifyRequest): AttestationError {
  try {
    verifyKeyAttestation(req)
  } catch (e) {
    if (e instanceof AttestationError) return e
    throw e
  }
  throw new Error('the attestation verified')
}

/** The blob with one bit of byte `i` flipped (negative: from the end). */
function flipped(b64url: string, i: number): string {
  const b = Buffer.from(b64url, 'base64url')
  const at = i < 0 ? b.length + i : i
  b[at] = (b[at] as number) ^ 0x01
  return b.toString('base64url')
}

const pem = (certs: string): string => Buffer.from(certs, 'base64url').toString('latin1')
const blocks = (text: string): string[] =>
  text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g) ?? []

describe('the recorded Azure response (Azure CLI recording, May 2025)', () => {
  it('verifies to the pinned Marvell LiquidSecurity root, format MRVL-1, with its own key bundle', () => {
    const r = verifyKeyAttestation(real())
    expect(r.status).toBe('verified')
    if (r.status !== 'verified') return
    expect(r.format).toBe('MRVL-1')
    expect(r.root).toEqual({
      name: 'Marvell LiquidSecurity root (CN=localca.liquidsecurity.cavium.com)',
      pinned: true,
      fingerprint256:
        '23:01:43:DF:00:E0:B4:52:74:3E:06:8A:5B:3F:C0:8D:F8:F0:6C:EF:C4:85:4E:A6:27:AE:B7:EB:D7:0E:E2:F4'
    })
    expect(r.chain.map(l => l.role)).toEqual(['root', 'device', 'partition'])
    expect(r.chain[1]?.fingerprint256).toBe(
      'E8:05:FF:7E:5F:B3:C2:FD:1F:1B:8F:92:57:8E:0C:A7:D5:CA:90:AC:FD:8B:AF:4E:B7:F0:CA:8D:A5:7B:45:13'
    )
    expect(r.microsoft?.sameKey).toBe(true)
    expect(r.signature).toBe('PKCS#1 v1.5, bare SHA-256')
    // The key was generated in the HSM and created non-exportable: never extractable.
    expect(r.attributes).toMatchObject({
      local: true,
      extractable: false,
      neverExtractable: true,
      modulusBits: 2048
    })
    // The recording sanitised names in URLs, not inside the evidence: the blob holds the real key name.
    expect(r.attributes.id).toBe(`/keys/key1-hnhgsllilfcl3pdtpld/${VERSION}`)
    expect(body.key.kid.endsWith(`/${VERSION}`)).toBe(true)
  })

  it('the device certificate is X.509 v1 without extensions, the partition certificate v3 without basic constraints', () => {
    const certs = blocks(pem(body.attributes.attestation.certificatePemFile as string)).map(
      b => new X509Certificate(b)
    )
    expect(certs).toHaveLength(4)
    const device = certificateFields(Buffer.from((certs[0] as X509Certificate).raw))
    expect([device.version, device.extensions.size, device.ca]).toEqual([1, 0, undefined])
    const partition = certificateFields(Buffer.from((certs[1] as X509Certificate).raw))
    expect([partition.version, partition.ca]).toEqual([3, undefined])
  })

  it('a flipped byte in the private key blob fails the blob signature check', () => {
    const a = { ...body.attributes.attestation }
    a.privateKeyAttestation = flipped(a.privateKeyAttestation as string, 500)
    expect(failure(real({ attestation: a })).check).toBe('blob signature')
  })

  it('a flipped byte in the public key blob fails the blob signature check', () => {
    const a = { ...body.attributes.attestation }
    a.publicKeyAttestation = flipped(a.publicKeyAttestation as string, 40)
    expect(failure(real({ attestation: a })).message).toContain('public key blob')
  })

  it('a flipped byte in the signature itself fails the blob signature check', () => {
    const a = { ...body.attributes.attestation }
    a.privateKeyAttestation = flipped(a.privateKeyAttestation as string, -1)
    expect(failure(real({ attestation: a })).check).toBe('blob signature')
  })

  it('a flipped byte in the partition certificate fails a certificate check', () => {
    const certs = blocks(pem(body.attributes.attestation.certificatePemFile as string))
    const der = Buffer.from((certs[1] as string).replace(/-----[^-]+-----|\s/g, ''), 'base64')
    der[der.length - 5] = (der[der.length - 5] as number) ^ 0x01 // in the signature value
    const changed = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`
    const a = { ...body.attributes.attestation }
    a.certificatePemFile = Buffer.from([certs[0], changed, certs[2], certs[3]].join('')).toString('base64url')
    expect(failure(real({ attestation: a })).check).toBe('certificate signature')
  })

  it("another key's modulus fails the modulus check", () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })
    expect(failure(real({ key: { n: other.n as string, e: body.key.e } })).check).toBe('modulus')
  })

  it('another exponent fails the exponent check', () => {
    expect(failure(real({ key: { n: body.key.n, e: 'Aw' } })).check).toBe('exponent')
  })

  it('another key version fails the key version check; a name is checked when given', () => {
    expect(failure(real({ expect: { version: '0'.repeat(32) } })).check).toBe('key version')
    expect(failure(real({ expect: { version: VERSION, name: 'key1-000003' } })).check).toBe('key name')
    expect(
      verifyKeyAttestation(real({ expect: { version: VERSION, name: 'key1-hnhgsllilfcl3pdtpld' } })).status
    ).toBe('verified')
  })

  it('after the device certificate expired (2031-11-10) the validity check fails', () => {
    const e = failure(real({ now: new Date('2032-01-01T00:00:00Z') }))
    expect(e.check).toBe('certificate validity')
    expect(e.message).toContain('device certificate')
  })

  it('without the Marvell roots (another anchor only) the root check fails', () => {
    const auth = issueAttestationChain(rsa(), rsa(), rsa(), rsa())
    const anchor: TrustAnchor = {
      name: 'another root',
      certificate: new X509Certificate(auth.rootPem),
      pinned: false
    }
    expect(failure(real({ anchors: [anchor] })).check).toBe('root')
  })

  it('an unknown format version is "not verified", never verified', () => {
    const r = verifyKeyAttestation(
      real({ attestation: { ...body.attributes.attestation, version: 'MRVL-2' } })
    )
    expect(r).toEqual({
      status: 'not-verified',
      format: 'MRVL-2',
      reason: 'attestation format MRVL-2 is not one this action knows (MRVL-1)'
    })
    const odd = verifyKeyAttestation(
      real({ attestation: { ...body.attributes.attestation, version: '<b>x</b>' } })
    )
    expect(odd).toMatchObject({ status: 'not-verified', format: undefined })
    expect(verifyKeyAttestation(real({ attestation: undefined }))).toEqual({
      status: 'not-verified',
      reason: 'the response carries no attestation'
    })
  })

  it('a bundle without certificates, or a blob that is not base64url, fails naming the check', () => {
    const a = {
      ...body.attributes.attestation,
      certificatePemFile: Buffer.from('nothing').toString('base64url')
    }
    expect(failure(real({ attestation: a })).check).toBe('certificate bundle')
    const b = { ...body.attributes.attestation, privateKeyAttestation: 'not base64url!' }
    expect(failure(real({ attestation: b })).check).toBe('format')
    const c = {
      ...body.attributes.attestation,
      privateKeyAttestation: Buffer.alloc(200).toString('base64url')
    }
    expect(failure(real({ attestation: c })).check).toBe('blob format')
  })
})

// Chains in the recorded layout, made by the emulator's generator.
const pair = (k: {
  privateKey: import('node:crypto').KeyObject
  publicKey: import('node:crypto').KeyObject
}) => ({
  privateKeyPem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  publicKeyPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString()
})
const rsa = () => pair(generateKeyPairSync('rsa', { modulusLength: 2048 }))
let keys: ReturnType<typeof rsa>[]
function chain(
  root = keys[0] as ReturnType<typeof rsa>,
  opts: { expired?: boolean } = {}
): AttestationAuthority {
  return issueAttestationChain(root, keys[1] as never, keys[2] as never, keys[3] as never, opts)
}

describe('chains in the same layout under a test root (the emulator generator)', () => {
  let kek: { n: string; e: string }
  let blobKey: BlobKey
  let auth: AttestationAuthority
  let anchor: TrustAnchor
  beforeAll(() => {
    keys = [rsa(), rsa(), rsa(), rsa()]
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })
    kek = { n: jwk.n as string, e: jwk.e as string }
    blobKey = {
      n: Buffer.from(kek.n, 'base64url'),
      e: Buffer.from(kek.e, 'base64url'),
      name: 'kek',
      version: 'ab'.repeat(16),
      exportable: true,
      local: true
    }
    auth = chain()
    anchor = { name: 'test root', certificate: new X509Certificate(auth.rootPem), pinned: false }
  })
  const req = (attestation: unknown, anchors = [anchor]): VerifyRequest => ({
    attestation,
    key: kek,
    expect: { name: 'kek', version: 'ab'.repeat(16) },
    anchors,
    now: new Date()
  })

  it('verifies, an SKR key reported extractable (by design), the root named as not pinned', () => {
    const r = verifyKeyAttestation(req(attestationMember(auth, blobKey)))
    expect(r).toMatchObject({ status: 'verified', root: { name: 'test root', pinned: false } })
    if (r.status === 'verified') expect(r.attributes).toMatchObject({ local: true, extractable: true })
  })

  it('the pinned roots alone do not trust it: the root check fails', () => {
    expect(failure(req(attestationMember(auth, blobKey), marvellRoots())).check).toBe('root')
  })

  it('an imported key (CKA_LOCAL false) fails the generated-in-the-HSM check', () => {
    expect(failure(req(attestationMember(auth, { ...blobKey, local: false }))).check).toBe(
      'generated in the HSM'
    )
  })

  it('an expired partition certificate fails the validity check', () => {
    const e = failure(req(attestationMember(chain(keys[0], { expired: true }), blobKey)))
    expect([e.check, e.message.includes('partition certificate')]).toEqual(['certificate validity', true])
  })

  it('a device certificate whose basic constraints say it is no CA fails the basic constraints check', () => {
    const [root, device, partition] = keys as [
      ReturnType<typeof rsa>,
      ReturnType<typeof rsa>,
      ReturnType<typeof rsa>
    ]
    const day = 24 * 3600 * 1000
    const when = { notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + day) }
    const cn = (value: string) => [{ name: 'commonName', value }]
    const certs = [
      attestationCertificate({
        subject: cn('device'),
        issuer: TEST_ROOT_NAME,
        publicKeyPem: device.publicKeyPem,
        signerPrivateKeyPem: root.privateKeyPem,
        version: 3,
        ca: false,
        ...when
      }),
      attestationCertificate({
        subject: cn('partition'),
        issuer: cn('device'),
        publicKeyPem: partition.publicKeyPem,
        signerPrivateKeyPem: device.privateKeyPem,
        version: 3,
        ...when
      })
    ]
    const member = attestationMember({ ...auth, bundlePem: certs.join('') }, blobKey)
    expect(failure(req(member)).check).toBe('basic constraints')
  })

  it('a chain to another root fails the root check', () => {
    const other = issueAttestationChain(rsa(), keys[1] as never, keys[2] as never, keys[3] as never, {
      rootName: [{ name: 'commonName', value: 'another root' }]
    })
    expect(failure(req(attestationMember(other, blobKey))).check).toBe('root')
  })

  it('a chain to a root of the same name but another key fails the certificate signature check', () => {
    const other = issueAttestationChain(rsa(), keys[1] as never, keys[2] as never, keys[3] as never)
    expect(failure(req(attestationMember(other, blobKey))).check).toBe('certificate signature')
  })
})

describe('the trust anchors of a run', () => {
  it('are the pinned Marvell roots unless code inside the process (a test preload) adds one', () => {
    expect(trustAnchors().map(a => [a.pinned, a.certificate.fingerprint256])).toEqual(
      marvellRoots().map(a => [true, a.certificate.fingerprint256])
    )
    const g = globalThis as Record<symbol, unknown>
    const root = issueAttestationChain(rsa(), rsa(), rsa(), rsa()).rootPem
    g[TEST_ANCHORS] = [root]
    try {
      const added = trustAnchors()
      expect(added).toHaveLength(3)
      expect(added[2]).toMatchObject({ pinned: false, name: 'test root added by a preload (not Marvell)' })
    } finally {
      delete g[TEST_ANCHORS]
    }
  })
})
