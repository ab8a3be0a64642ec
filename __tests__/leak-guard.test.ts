/**
 * The guard every end-to-end run passes through (scripts/local-runner.ts): it must see each kind of secret
 * in the forms the action handles, and stay quiet on what the action ordinarily prints.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { secretShapesIn } from '../scripts/local-runner.js'
import { buildDownloadJwk } from '../src/security-domain/certificates.js'
import { generateSecurityDomain } from './support/generate-security-domain.js'
import { generateWrappingKeys } from '../src/security-domain/wrapping-keys.js'

describe('secretShapesIn', () => {
  it('finds a security domain, a private key, a bearer token and a JWT', async () => {
    const keys = await generateWrappingKeys({ count: 2, bits: 2048 })
    const sd = generateSecurityDomain({
      certificates: keys.map(k => buildDownloadJwk(k.certificatePem)),
      required: 2
    }).text
    const jwt = [{ alg: 'RS256', typ: 'JWT' }, { aud: 'https://managedhsm.azure.net' }]
      .map(p => Buffer.from(JSON.stringify(p)).toString('base64url'))
      .concat('c2lnbmF0dXJlLWJ5dGVz')
      .join('.')
    expect(secretShapesIn(`log line\n${sd}\n`)).toContain('a security domain')
    expect(secretShapesIn(keys[0].privateKeyPem)).toEqual(['a private key'])
    expect(secretShapesIn(`authorization: Bearer ${'x'.repeat(40)}`)).toEqual(['a bearer token'])
    expect(secretShapesIn(`token ${jwt} end`)).toEqual(['a JWT'])
  })

  it('is quiet on what a run ordinarily shows: certificates, hashes, URLs, the README', async () => {
    const [key] = await generateWrappingKeys({ count: 1, bits: 2048 })
    const ordinary = [
      key.certificatePem,
      'security domain downloaded (19.7 KB, SHA-256 3798b9bfe2526887ddb1411543565565890d664e4be1cb3029484116c129209f)',
      'KEK_KID=https://contoso-skr.managedhsm.azure.net/keys/KeyEncryptionKey/0123456789abcdef0123456789abcdef',
      readFileSync('README.md', 'utf8')
    ].join('\n')
    expect(secretShapesIn(ordinary)).toEqual([])
  })
})
