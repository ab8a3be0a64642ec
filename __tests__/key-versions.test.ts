/**
 * One judgement of a key version against the inputs (src/run/key-versions.ts), shared by apply's plan and
 * verify's posture, and which versions a Disk Encryption Set keeps enabled (src/steps/key/versions.ts).
 */
import { describe, expect, it } from '@jest/globals'
import type { KeyVaultKey } from '../src/azure/keys.js'
import type { KeyConfig } from '../src/config/index.js'
import { presetPolicy, toServiceJson } from '../src/policy/index.js'
import type { RunContext } from '../src/run/context.js'
import { judgeKeyVersion, versionOf } from '../src/run/key-versions.js'
import { pinnedVersions } from '../src/steps/key/versions.js'

const AUTH = 'https://sharedweu.weu.attest.azure.net'
const HSM = 'https://contoso.managedhsm.azure.net'
const desired = presetPolicy('sev-snp-cvm', AUTH)
const config: KeyConfig = {
  name: 'KeyEncryptionKey',
  type: 'RSA-HSM',
  size: 3072,
  operations: ['wrapKey', 'unwrapKey'],
  immutable: false,
  policy: { kind: 'preset', preset: 'sev-snp-cvm', authority: AUTH },
  policyWarnings: [],
  permissiveAccepted: [],
  policyTests: [],
  disableOlderVersions: false,
  skipAttestation: false
}

function version(
  policy: unknown,
  o: { immutable?: boolean; exportable?: boolean; bits?: number; kty?: string; v?: string } = {}
): KeyVaultKey {
  const v = o.v ?? 'a'.repeat(32)
  return {
    id: `${HSM}/keys/KeyEncryptionKey/${v}`,
    name: 'KeyEncryptionKey',
    keyType: (o.kty ?? 'RSA-HSM') as never,
    key: { n: new Uint8Array((o.bits ?? 3072) / 8) },
    properties: {
      name: 'KeyEncryptionKey',
      vaultUrl: HSM,
      version: v,
      enabled: true,
      exportable: o.exportable ?? true,
      releasePolicy:
        policy === undefined
          ? undefined
          : {
              encodedPolicy: new Uint8Array(Buffer.from(toServiceJson(policy), 'utf8')),
              immutable: o.immutable ?? false
            }
    }
  } as KeyVaultKey
}

const judge = (key: KeyVaultKey, k: Partial<KeyConfig> = {}) =>
  judgeKeyVersion(key, desired, { ...config, ...k }, 'AzureCloud')

describe('judgeKeyVersion', () => {
  it("same: the inputs' policy, type and size", () => {
    expect(judge(version(desired))).toEqual({
      verdict: 'same',
      policyDiffers: false,
      immutable: false,
      reasons: [],
      fixed: []
    })
  })

  it('weaker: releases to a VM the inputs refuse, and names it; mutable, so apply can repair it', () => {
    const loose = {
      version: '1.0.0',
      anyOf: [{ authority: AUTH, allOf: [{ claim: 'x-ms-attestation-type', equals: 'azurevm' }] }]
    }
    const j = judge(version(loose))
    expect(j).toMatchObject({ verdict: 'weaker', policyDiffers: true, immutable: false })
    expect(j.reasons.join('\n')).toMatch(/\[no-tee\]/)
    expect(j.reasons.join('\n')).toMatch(/x-ms-attestation-type = azurevm/)
    // Also weaker when only beyond the inputs (TDX admitted), though the rules accept it.
    expect(judge(version(presetPolicy('confidential-vm', AUTH), { immutable: true }))).toMatchObject({
      verdict: 'weaker',
      immutable: true
    })
  })

  it('different: stricter, or another type or size, or mutable where the inputs ask immutable', () => {
    const stricter = {
      version: '1.0.0',
      anyOf: [
        {
          authority: AUTH,
          allOf: [...(desired.anyOf[0].allOf ?? []), { claim: 'x-ms-azurevm-is-windows', equals: false }]
        }
      ]
    }
    expect(judge(version(stricter))).toMatchObject({ verdict: 'different', policyDiffers: true })
    expect(judge(version(desired, { bits: 2048 }))).toMatchObject({
      verdict: 'different',
      policyDiffers: false,
      fixed: ['its size is 2048 bits, not 3072']
    })
    expect(judge(version(undefined, { exportable: false }))).toMatchObject({
      verdict: 'different',
      fixed: ['it is not exportable, and exportability cannot change after creation']
    })
    expect(judge(version(desired), { immutable: true })).toMatchObject({
      verdict: 'different',
      policyDiffers: true
    })
  })

  it('weaker, never harmless, when the policy Azure holds cannot be read', () => {
    const key = version(desired)
    key.properties.releasePolicy!.encodedPolicy = new Uint8Array(Buffer.from('{not json', 'utf8'))
    expect(judge(key)).toMatchObject({
      verdict: 'weaker',
      reasons: [expect.stringMatching(/cannot be read/)]
    })
  })

  it('the permissive findings the inputs accepted are not held against a version with the same policy', () => {
    const accepted = {
      version: '1.0.0',
      anyOf: [
        {
          authority: AUTH,
          allOf: [{ claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' }]
        }
      ]
    }
    const j = judgeKeyVersion(
      version(accepted),
      accepted as never,
      { ...config, permissiveAccepted: ['x'] },
      'AzureCloud'
    )
    expect(j.verdict).toBe('same')
  })
})

describe('pinnedVersions', () => {
  const ctx = { config: { key: { name: 'KeyEncryptionKey' } } } as unknown as RunContext
  const current = version(desired, { v: 'c'.repeat(32) })
  const set = (name: string, active: string, previous: string[] = []) => ({
    name,
    properties: { activeKey: { keyUrl: active }, previousKeys: previous.map(keyUrl => ({ keyUrl })) }
  })

  it('keeps the version a set points at, and those a rotation still uses, on this HSM and key only', () => {
    const a = 'a'.repeat(32)
    const b = 'B'.repeat(32)
    const pinned = pinnedVersions(
      ctx,
      [
        set('des-1', `${HSM}/keys/KeyEncryptionKey/${a}`),
        set('des-2', `https://CONTOSO.managedhsm.azure.net:443/keys/keyencryptionkey/${b}/`, [
          `${HSM}/keys/KeyEncryptionKey/${a}`
        ]),
        set('elsewhere', `https://other.managedhsm.azure.net/keys/KeyEncryptionKey/${'d'.repeat(32)}`),
        set('other-key', `${HSM}/keys/OtherKey/${'e'.repeat(32)}`),
        set('versionless', `${HSM}/keys/KeyEncryptionKey`),
        set('garbage', 'not a url')
      ],
      current
    )
    expect(Object.fromEntries(pinned)).toEqual({
      [a]: ["'des-1'", "'des-2'"],
      [b.toLowerCase()]: ["'des-2'"]
    })
  })

  it('reads the version of a key id in lower case', () => {
    expect(versionOf(version(desired, { v: 'F'.repeat(32) }))).toBe('f'.repeat(32))
  })
})
