/**
 * Secrets are registered with the runner as they are read: a wrapping-key bundle's private key line by
 * line, a security domain's encrypted parts, a key backup; each value once.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { maskEscrowContent } from '../src/escrow/masks.js'

describe('maskEscrowContent', () => {
  let out: string
  beforeEach(() => {
    out = ''
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      out += String(chunk)
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })
  const masks = () =>
    out
      .split('\n')
      .filter(l => l.startsWith('::add-mask::'))
      .map(l => l.slice(12))

  it('masks every line of the private key in a bundle, once however often it is read', () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' }
    })
    const bundle = Buffer.from(`${privateKey}-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n`)
    maskEscrowContent(bundle, { kind: 'wrapping-key' })
    const body = privateKey.split('\n').filter(l => l && !l.startsWith('-----'))
    expect(masks()).toEqual(body.filter(l => l.length >= 16))
    maskEscrowContent(bundle, { kind: 'wrapping-key' })
    expect(masks().length).toBe(body.filter(l => l.length >= 16).length)
  })

  it("masks a security domain's compact JWE segments and a key backup", () => {
    const jwe = 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.c2VjcmV0LWtleS1tYXRlcmlhbA.aXZpdml2aXZpdml2aXZp'
    maskEscrowContent(Buffer.from(JSON.stringify({ EncData: { data: [{ compact_jwe: jwe }] } })))
    expect(masks()).toEqual(jwe.split('.'))
    const backup = Buffer.from('backup blob of an HSM key, opaque')
    maskEscrowContent(backup, { kind: 'key-backup' })
    expect(masks()).toContain(backup.toString('base64url'))
  })
})
