/**
 * The escrow-identity judgement on its own (src/posture/escrow-identity.ts judgeSecurityDomain): the cases the
 * end-to-end suite does not make (a quorum that differs, a certificate holding two shares, keys that could not
 * be read, a file that is no security domain). Security domains are built as the service builds them.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { judgeSecurityDomain, type Custody } from '../src/posture/escrow-identity.js'
import { buildDownloadJwk, generateWrappingKeys, type WrappingKey } from '../src/security-domain/index.js'
import { COMPACT_PAYLOAD_SIZES, generateSecurityDomain } from './support/generate-security-domain.js'

let keys: WrappingKey[]
let other: WrappingKey
const thumbprint = (k: WrappingKey) => buildDownloadJwk(k.certificatePem)['x5t#S256']
const sdFor = (certs: WrappingKey[], required: number) =>
  generateSecurityDomain({
    certificates: certs.map(k => buildDownloadJwk(k.certificatePem)),
    required,
    payloadSizes: COMPACT_PAYLOAD_SIZES
  }).text
const custody = (ks: WrappingKey[], unread = 0): Custody => ({
  thumbprints: new Set(ks.map(thumbprint)),
  whose: 'the configured keys',
  unread
})

beforeAll(async () => {
  const made = await generateWrappingKeys({ count: 4, bits: 2048 })
  keys = made.slice(0, 3)
  other = made[3]
}, 60_000)

describe('judgeSecurityDomain', () => {
  it('accepts a security domain wrapped to the custody with its quorum', () => {
    expect(judgeSecurityDomain(sdFor(keys, 2), custody(keys), 2)).toEqual({ problems: [] })
  })

  it('names a quorum that differs from the configured one', () => {
    expect(judgeSecurityDomain(sdFor(keys, 3), custody(keys), 2).problems).toEqual([
      'it needs 3 shares to recover, but quorum is 2'
    ])
  })

  it('names shares wrapped to certificates outside the custody, and a certificate holding two shares', () => {
    const foreign = judgeSecurityDomain(sdFor([keys[0], keys[1], other], 2), custody(keys), 2)
    expect(foreign.problems).toEqual([
      '1 of its 3 shares are wrapped to certificates other than the configured keys'
    ])
    const doubled = JSON.parse(sdFor(keys, 2))
    doubled.SharedKeys.enc_shares[2].x5t_256 = doubled.SharedKeys.enc_shares[0].x5t_256
    expect(judgeSecurityDomain(JSON.stringify(doubled), custody(keys), 2).problems).toEqual([
      '1 certificate(s) hold more than one of its shares, which no download does'
    ])
  })

  it('is unsure, not critical, when the unmatched shares could belong to keys that were not read', () => {
    const sd = sdFor(keys, 2)
    expect(judgeSecurityDomain(sd, custody(keys.slice(0, 2), 1), 2)).toEqual({
      problems: [],
      unsure:
        '1 of its 3 shares match none of the wrapping keys read, and 1 escrowed wrapping key(s) could not be read'
    })
    // More unmatched shares than unread keys: some are another HSM's for certain.
    expect(
      judgeSecurityDomain(sdFor([other, keys[1], keys[2]], 2), custody([keys[0]], 2), 2).problems
    ).toEqual(['3 of its 3 shares are wrapped to certificates other than the configured keys'])
  })

  it('judges only the quorum when the custody is not known (generated keys outside verify)', () => {
    expect(judgeSecurityDomain(sdFor([other, keys[0], keys[1]], 2), undefined, 2)).toEqual({ problems: [] })
  })

  it('calls a file that is no security domain foreign, naming the member and never quoting it', () => {
    const judged = judgeSecurityDomain('{"version":2,"EncData":{},"SharedKeys":{}}', custody(keys), 2)
    expect(judged.problems).toEqual([
      'it is not a security domain file (security domain: EncData.kdf must be "sp108_kdf", found nothing)'
    ])
    expect(judgeSecurityDomain('secret-looking text', custody(keys), 2).problems[0]).not.toContain('secret')
  })
})
