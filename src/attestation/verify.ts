/**
 * Verifies a Managed HSM key attestation (the `attributes.attestation` of GET /keys/{name}/{version}/attestation)
 * against a key's public numbers: the certificate path to a pinned root, each blob's signature by the partition
 * key, then what the blobs attest: the modulus and exponent equal the key's, the key object's class, and that
 * the HSM generated the key itself (CKA_LOCAL). Pure: no I/O; the anchors and the clock are given.
 *
 * It proves where the key was generated and shows its attributes (an exportable SKR key is extractable by
 * design: reported, not judged). It does not prove who may release the key, or under which policy.
 */
import { b64urlDecode } from '../security-domain/base64url.js'
import {
  ATTR,
  CLASS,
  BlobFormatError,
  blobSignatureForm,
  flag,
  parseBlob,
  stripZeros,
  text,
  unsigned
} from './blob.js'
import { parseBundle, verifyChain, type Chain, type ChainLink } from './chain.js'
import { AttestationError } from './errors.js'
import type { TrustAnchor } from './roots.js'

/** The formats this verifier knows; any other is reported as not verified. */
export const SUPPORTED_FORMATS = ['MRVL-1'] as const

export interface AttestationFields {
  certificatePemFile?: unknown
  privateKeyAttestation?: unknown
  publicKeyAttestation?: unknown
  version?: unknown
}

export interface VerifyRequest {
  /** `attributes.attestation` of the response, as received (hostile until checked). */
  attestation: unknown
  /** The public numbers of the key version in use, base64url (JWK `n`, `e`). */
  key: { n: string; e: string }
  /** The key path the blob's CKA_ID must name: `/keys/{name}/{version}`; version alone when the name is not known. */
  expect: { name?: string; version: string }
  anchors: TrustAnchor[]
  now: Date
}

export interface AttestedAttributes {
  /** CKA_LOCAL of the private key object: generated inside the HSM. */
  local: boolean
  extractable?: boolean
  neverExtractable?: boolean
  sensitive?: boolean
  alwaysSensitive?: boolean
  modulusBits?: number
  /** CKA_ID: the key path the HSM recorded, e.g. /keys/kek/0123… */
  id?: string
}

export type AttestationResult =
  | {
      status: 'verified'
      format: string
      root: { name: string; pinned: boolean; fingerprint256: string }
      chain: ChainLink[]
      microsoft?: Chain['microsoft']
      signature: string
      attributes: AttestedAttributes
    }
  | { status: 'not-verified'; format?: string; reason: string }

const SAFE_FORMAT = /^[A-Za-z0-9._-]{1,32}$/

/** The attestation's format, for the report: the version text when it is short and plain, else undefined. */
function formatOf(version: unknown): string | undefined {
  return typeof version === 'string' && SAFE_FORMAT.test(version) ? version : undefined
}

function decodeField(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || value.length === 0)
    throw new AttestationError('format', `${what} is missing or not a string`)
  try {
    return b64urlDecode(value, what)
  } catch {
    throw new AttestationError('format', `${what} is not base64url`)
  }
}

/** Checks one blob: signature, object class, modulus, exponent, key path. Returns its attributes. */
function checkBlob(
  blob: Buffer,
  which: 'private' | 'public',
  chain: Chain,
  req: VerifyRequest
): { attributes: Map<number, Buffer>; form: string } {
  const bits = chain.partition.publicKey.asymmetricKeyDetails?.modulusLength ?? 2048
  let parsed
  try {
    parsed = parseBlob(blob, Math.ceil(bits / 8))
  } catch (e) {
    if (e instanceof BlobFormatError)
      throw new AttestationError('blob format', `the ${which} key blob: ${e.message}`)
    throw e
  }
  const form = blobSignatureForm(parsed, chain.partition.publicKey)
  if (!form)
    throw new AttestationError(
      'blob signature',
      `the ${which} key blob's signature does not verify with the partition key`
    )
  const a = parsed.attributes
  const cls = a.get(ATTR.class)
  const wanted = which === 'private' ? CLASS.privateKey : CLASS.publicKey
  if (cls?.length !== 1 || cls[0] !== wanted)
    throw new AttestationError('object class', `the ${which} key blob does not attest a ${which} key object`)
  const n = unsigned(a, ATTR.modulus)
  if (!n || !n.equals(stripZeros(decodeField(req.key.n, 'the key modulus'))))
    throw new AttestationError('modulus', `the ${which} key blob attests another modulus than the key's`)
  const e = unsigned(a, ATTR.publicExponent)
  if (!e || !e.equals(stripZeros(decodeField(req.key.e, 'the key exponent'))))
    throw new AttestationError(
      'exponent',
      `the ${which} key blob attests another public exponent than the key's`
    )
  const id = text(a, ATTR.id) ?? ''
  const path = id.split('/')
  if (path.length !== 4 || path[1] !== 'keys' || path[3] !== req.expect.version)
    throw new AttestationError(
      'key version',
      `the ${which} key blob names another key version than the one in use`
    )
  if (req.expect.name !== undefined && path[2] !== req.expect.name)
    throw new AttestationError('key name', `the ${which} key blob names another key than the one in use`)
  return { attributes: a, form }
}

/** Verifies an attestation; throws AttestationError naming the failed check. */
export function verifyKeyAttestation(req: VerifyRequest): AttestationResult {
  const fields = (req.attestation ?? undefined) as AttestationFields | undefined
  if (!fields || typeof fields !== 'object')
    return { status: 'not-verified', reason: 'the response carries no attestation' }
  const format = formatOf(fields.version)
  if (!format || !(SUPPORTED_FORMATS as readonly string[]).includes(format))
    return {
      status: 'not-verified',
      format,
      reason: `attestation format ${format ?? '(unreadable)'} is not one this action knows (${SUPPORTED_FORMATS.join(', ')})`
    }
  const pem = decodeField(fields.certificatePemFile, 'certificatePemFile').toString('latin1')
  const chain = verifyChain(parseBundle(pem), req.anchors, req.now)
  const priv = checkBlob(
    decodeField(fields.privateKeyAttestation, 'privateKeyAttestation'),
    'private',
    chain,
    req
  )
  if (fields.publicKeyAttestation !== undefined && fields.publicKeyAttestation !== null)
    checkBlob(decodeField(fields.publicKeyAttestation, 'publicKeyAttestation'), 'public', chain, req)
  const a = priv.attributes
  const local = flag(a, ATTR.local)
  if (local !== true)
    throw new AttestationError(
      'generated in the HSM',
      'the private key blob does not say the HSM generated the key (CKA_LOCAL)'
    )
  const bits = a.get(ATTR.modulusBits)
  return {
    status: 'verified',
    format,
    root: {
      name: chain.anchor.name,
      pinned: chain.anchor.pinned,
      fingerprint256: chain.anchor.certificate.fingerprint256
    },
    chain: chain.links,
    microsoft: chain.microsoft,
    signature: priv.form,
    attributes: {
      local,
      extractable: flag(a, ATTR.extractable),
      neverExtractable: flag(a, ATTR.neverExtractable),
      sensitive: flag(a, ATTR.sensitive),
      alwaysSensitive: flag(a, ATTR.alwaysSensitive),
      modulusBits: bits?.length === 4 ? bits.readUInt32BE(0) : undefined,
      id: text(a, ATTR.id)
    }
  }
}
