/**
 * Size of realistic security domains. They are stored where size limits apply (a Key Vault secret
 * holds at most 25 KB), so the emulator's files should be as large as the service's.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { buildDownloadJwk } from '../../src/security-domain/certificates.js'
import {
  COMPACT_PAYLOAD_SIZES,
  generateSecurityDomain,
  OBSERVED_PAYLOAD_SIZES
} from '../support/generate-security-domain.js'
import { decryptSecurityDomain } from '../../src/security-domain/decrypt.js'
import type { WrappingKey } from '../../src/security-domain/wrapping-keys.js'
import { pooledWrappingKeys } from '../support/pooled-keys.js'
import { fixture } from './helpers.js'

let rsa4096: WrappingKey[]
let rsa2048: WrappingKey[]
let keygenMs = 0

beforeAll(async () => {
  // Test key pairs (support/pooled-keys.ts): the sizes depend on the moduli, not on how fresh they are.
  const t0 = Date.now()
  rsa4096 = await pooledWrappingKeys(10, 4096)
  keygenMs = Date.now() - t0
  rsa2048 = await pooledWrappingKeys(3, 2048)
}, 180_000)

function sizeOf(
  keys: WrappingKey[],
  required: number,
  payloadSizes: Readonly<Record<string, number>>
): number {
  const certificates = keys.map(k => buildDownloadJwk(k.certificatePem))
  return generateSecurityDomain({ certificates, required, payloadSizes }).text.length
}

describe('security domain size', () => {
  it('3 × RSA-2048 with observed blob sizes is within 2% of the real 2025 download', () => {
    const recorded = JSON.parse(fixture('azure-cli-recording-2025.json')) as { responseContentLength: number }
    // The response is {"value":"<SD>"}: 12 characters of wrapper plus one backslash per quote
    // in the SD (34 strings in a 3-share SD → 68 quotes).
    const realSd = recorded.responseContentLength - 12 - 68
    const ours = sizeOf(rsa2048, 2, OBSERVED_PAYLOAD_SIZES)
    console.log(`SD 3 × RSA-2048: ${ours} B (observed blob sizes); real download ≈ ${realSd} B`)
    expect(Math.abs(ours - realSd) / realSd).toBeLessThan(0.02)
  })

  it('10 × RSA-4096: measured with observed and with compact blob sizes', () => {
    const observed = sizeOf(rsa4096, 3, OBSERVED_PAYLOAD_SIZES)
    const compact = sizeOf(rsa4096, 3, COMPACT_PAYLOAD_SIZES)
    console.log(
      `SD 10 × RSA-4096: ${observed} B (${(observed / 1024).toFixed(1)} KiB) with observed blob sizes, ` +
        `${compact} B (${(compact / 1024).toFixed(1)} KiB) with compact ones; 10 RSA-4096 test keys certified in ${keygenMs} ms`
    )
    // Compact blobs reproduce the ≈12.7 KB figure; realistic blobs exceed a 25 KB Key Vault secret.
    expect(compact).toBeGreaterThan(12_200)
    expect(compact).toBeLessThan(13_200)
    expect(observed).toBeGreaterThan(25 * 1024)
  })

  it('10 × RSA-4096, quorum 10: all keys recover (4096-bit path)', () => {
    const certificates = rsa4096.map(k => buildDownloadJwk(k.certificatePem))
    const g = generateSecurityDomain({ certificates, required: 10 })
    const t0 = Date.now()
    const result = decryptSecurityDomain(g.text, rsa4096)
    console.log(`recover 10 × RSA-4096 SD: ${Date.now() - t0} ms`)
    expect(result.master.equals(g.master)).toBe(true)
  })
})
