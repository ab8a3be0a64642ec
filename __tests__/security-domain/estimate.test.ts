import { describe, expect, it } from '@jest/globals'
import {
  buildDownloadJwk,
  estimateSecurityDomainBytes,
  parseCertificate
} from '../../src/security-domain/index.js'
import { pooledWrappingKeys } from '../support/pooled-keys.js'
import { generateSecurityDomain } from '../support/generate-security-domain.js'

describe('estimateSecurityDomainBytes', () => {
  it.each([
    [2048, 3],
    [2048, 10],
    [3072, 3],
    [4096, 3]
  ])(
    'is at least the real-shaped size, and close to it, for %i-bit keys × %i',
    async (bits, count) => {
      const keys = await pooledWrappingKeys(count, bits)
      const certificates = keys.map(k => buildDownloadJwk(parseCertificate(k.certificatePem)))
      const actual = Buffer.byteLength(generateSecurityDomain({ certificates, required: 2 }).text)
      const estimate = estimateSecurityDomainBytes(keys.map(() => bits))
      expect(estimate).toBeGreaterThanOrEqual(actual)
      expect(estimate).toBeLessThanOrEqual(actual * 1.1)
    },
    60_000
  )

  it('says 10 RSA-4096 keys do not fit a 25 KB Key Vault secret while 3 RSA-3072 keys do', () => {
    expect(estimateSecurityDomainBytes(Array(10).fill(4096))).toBeGreaterThan(25 * 1024)
    expect(estimateSecurityDomainBytes(Array(3).fill(3072))).toBeLessThan(25 * 1024)
  })
})
