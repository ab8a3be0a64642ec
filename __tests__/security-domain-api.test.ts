import { describe, expect, it } from '@jest/globals'
import { normaliseStatus, securityDomainText } from '../src/azure/security-domain-api.js'
import { parseKeyBundle } from '../src/escrow/key-bundle.js'

describe('security-domain download answer', () => {
  const sd = '{"EncData":{"data":[],"kdf":"sp108_kdf"},"SharedKeys":{},"version":2}'
  it('takes the value as JSON text, as the service sends it', () => {
    expect(securityDomainText(sd)).toBe(sd)
  })
  it('accepts base64 JSON, as the spec example shows', () => {
    expect(securityDomainText(Buffer.from(sd).toString('base64'))).toBe(sd)
  })
  it('refuses an answer without a security domain', () => {
    expect(() => securityDomainText(undefined)).toThrow(/no security domain/)
    expect(() => securityDomainText('garbage!!')).toThrow(/neither JSON nor base64/)
  })
})

describe('status', () => {
  it.each([
    ['Success', 'Success'],
    ['Succeeded', 'Success'],
    ['InProgress', 'InProgress'],
    ['Failed', 'Failed'],
    [undefined, 'Unknown']
  ])('%s means %s', (given, expected) => {
    expect(normaliseStatus(given, undefined).status).toBe(expected)
  })
})

describe('key bundles', () => {
  it('splits a PEM bundle into key and certificate', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'
    const cert = '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----'
    expect(parseKeyBundle(`${key}\n${cert}\n`)).toEqual({ privateKeyPem: key, certificatePem: cert })
    expect(parseKeyBundle(cert)).toBeUndefined()
  })
})
