import { beforeAll, describe, expect, it } from '@jest/globals'
import { buildDownloadJwk } from '../../src/security-domain/certificates.js'
import {
  parseSecurityDomain,
  SecurityDomainFormatError,
  serializeSecurityDomain,
  type SecurityDomainFile
} from '../../src/security-domain/format.js'
import { COMPACT_PAYLOAD_SIZES, generateSecurityDomain } from '../support/generate-security-domain.js'
import { generateWrappingKeys } from '../../src/security-domain/wrapping-keys.js'
import { deepClone } from './helpers.js'

let sd: SecurityDomainFile
let text: string

beforeAll(async () => {
  const keys = await generateWrappingKeys({ count: 3, bits: 2048 })
  const generated = generateSecurityDomain({
    certificates: keys.map(k => buildDownloadJwk(k.certificatePem)),
    required: 2,
    payloadSizes: COMPACT_PAYLOAD_SIZES
  })
  sd = generated.sd
  text = generated.text
})

// Mutations reach deep into untyped JSON on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>

function problem(mutate: (raw: LooseJson) => void): SecurityDomainFormatError {
  const raw = deepClone(sd) as unknown as LooseJson
  mutate(raw)
  try {
    parseSecurityDomain(raw)
  } catch (e) {
    if (e instanceof SecurityDomainFormatError) return e
    throw e
  }
  throw new Error('expected a SecurityDomainFormatError')
}

describe('parseSecurityDomain', () => {
  it('accepts a generated SD as text and as an object, and serializes it back identically', () => {
    expect(parseSecurityDomain(text)).toEqual(sd)
    expect(parseSecurityDomain(sd)).toEqual(sd)
    expect(serializeSecurityDomain(sd)).toBe(text)
    expect(Object.keys(JSON.parse(text))).toEqual(['EncData', 'SharedKeys', 'version'])
  })

  it('tolerates unknown extra members and drops them from its copy', () => {
    const raw = { ...deepClone(sd), extra: 1 }
    expect(parseSecurityDomain(raw)).toEqual(sd)
  })

  it('accepts any tag set (older SDs have kmsp_enclave_backup)', () => {
    const raw = deepClone(sd)
    raw.EncData.data[2]!.tag = 'kmsp_enclave_backup'
    expect(parseSecurityDomain(raw).EncData.data.map(d => d.tag)).toEqual([
      'hsm_backup',
      'base_enclave_backup',
      'kmsp_enclave_backup'
    ])
  })

  it.each<[string, (raw: LooseJson) => void, string, RegExp]>([
    ['version 1', r => (r.version = 1), 'version', /must be 2, found 1/],
    ['missing EncData', r => delete r.EncData, 'EncData', /must be an object, found nothing/],
    ['kdf', r => (r.EncData.kdf = 'hkdf'), 'EncData.kdf', /must be "sp108_kdf", found "hkdf"/],
    ['empty data', r => (r.EncData.data = []), 'EncData.data', /must not be empty/],
    ['repeated tag', r => (r.EncData.data[1].tag = 'hsm_backup'), 'EncData.data[1].tag', /repeats/],
    [
      'item not a JWE',
      r => (r.EncData.data[0].compact_jwe = 'a.b.c'),
      'EncData.data[0].compact_jwe',
      /not a compact JWE/
    ],
    [
      'key_algorithm',
      r => (r.SharedKeys.key_algorithm = 'xor'),
      'SharedKeys.key_algorithm',
      /must be "shamir_share"/
    ],
    [
      'required as string',
      r => (r.SharedKeys.required = '2'),
      'SharedKeys.required',
      /must be an integer, found a string/
    ],
    ['required 1', r => (r.SharedKeys.required = 1), 'SharedKeys.required', /must be 2..10, found 1/],
    ['required 11', r => (r.SharedKeys.required = 11), 'SharedKeys.required', /must be 2..10, found 11/],
    [
      'required > shares',
      r => (r.SharedKeys.required = 4),
      'SharedKeys.enc_shares',
      /has 3 entries, fewer than required \(4\)/
    ],
    [
      'share not an object',
      r => (r.SharedKeys.enc_shares[1] = 'x'),
      'SharedKeys.enc_shares[1]',
      /must be an object/
    ],
    [
      'thumbprint',
      r => (r.SharedKeys.enc_shares[2].x5t_256 = 'abc'),
      'SharedKeys.enc_shares[2].x5t_256',
      /not a b64url SHA-256/
    ],
    [
      'enc_key',
      r => (r.SharedKeys.enc_shares[0].enc_key = 42),
      'SharedKeys.enc_shares[0].enc_key',
      /must be a string, found a number/
    ],
    ['version text', r => (r.version = '2'), 'version', /must be 2, found a string/],
    ['EncData null', r => (r.EncData = null), 'EncData', /must be an object, found null/],
    ['data an object', r => (r.EncData.data = {}), 'EncData.data', /must be an array, found an object/],
    [
      'enc_key empty',
      r => (r.SharedKeys.enc_shares[0].enc_key = ''),
      'SharedKeys.enc_shares[0].enc_key',
      /must not be empty/
    ],
    [
      'enc_key not a JWE',
      r => (r.SharedKeys.enc_shares[1].enc_key = 'a.b'),
      'SharedKeys.enc_shares[1].enc_key',
      /is not a compact JWE/
    ],
    [
      'more shares than the scheme allows',
      r => (r.SharedKeys.enc_shares = Array.from({ length: 127 }, () => r.SharedKeys.enc_shares[0])),
      'SharedKeys.enc_shares',
      /has more than 126 entries/
    ],
    [
      'kdf of another kind',
      r => (r.EncData.kdf = { name: 'sp108_kdf' }),
      'EncData.kdf',
      /must be "sp108_kdf", found an object/
    ]
  ])('%s is reported at its path', (_name, mutate, path, message) => {
    const e = problem(mutate)
    expect(e.path).toBe(path)
    expect(e.message).toMatch(message)
  })

  it('never quotes SD content in an error', () => {
    const secretish = 'eyJ' + 'A'.repeat(60)
    const e1 = problem(r => (r.EncData.kdf = secretish))
    expect(e1.message).not.toContain(secretish)
    const e2 = problem(r => (r.SharedKeys.enc_shares[0].x5t_256 = secretish))
    expect(e2.message).not.toContain(secretish)
    // JSON.parse errors quote the input in Node 20+; the parser must not pass them on.
    const broken = text.slice(0, 500) + '}}'
    try {
      parseSecurityDomain(broken)
      throw new Error('expected failure')
    } catch (e) {
      expect(e).toBeInstanceOf(SecurityDomainFormatError)
      expect((e as Error).message).toMatch(/^security domain: security domain is not valid JSON/)
      expect((e as Error).message).not.toContain(sd.EncData.data[0]!.compact_jwe.slice(0, 20))
    }
  })

  it('rejects non-object roots', () => {
    expect(() => parseSecurityDomain('[]')).toThrow(/must be an object, found an array/)
    expect(() => parseSecurityDomain('null')).toThrow(SecurityDomainFormatError)
  })
})
