/** Whether a key can back a Disk Encryption Set: every reason it cannot, in words, before anything changes. */
import { describe, expect, it } from '@jest/globals'
import type { KeyVaultKey } from '../../src/azure/keys.js'
import { CVM_ENCRYPTION_TYPE } from '../../src/config/index.js'
import { presetPolicy, toServiceJson } from '../../src/policy/index.js'
import { desKeyProblems } from '../../src/steps/des/key-check.js'

const AUTH = 'https://sharedweu.weu.attest.azure.net'
const HSM = 'https://contoso.managedhsm.azure.net'
const AT_REST = 'EncryptionAtRestWithCustomerKey'

interface Opts {
  kty?: string | null
  bits?: number | null
  ops?: string[] | null
  enabled?: boolean
  expiresOn?: Date
  exportable?: boolean
  encodedPolicy?: string | null
}

function key(o: Opts = {}): KeyVaultKey {
  const bits = o.bits === undefined ? 3072 : o.bits
  const encoded =
    o.encodedPolicy === undefined ? toServiceJson(presetPolicy('cvm-platform', AUTH)) : o.encodedPolicy
  return {
    id: `${HSM}/keys/k/${'a'.repeat(32)}`,
    name: 'k',
    keyType: (o.kty === undefined ? 'RSA-HSM' : (o.kty ?? undefined)) as never,
    keyOperations: (o.ops === undefined ? ['wrapKey', 'unwrapKey'] : (o.ops ?? undefined)) as never,
    key: bits === null ? undefined : { n: new Uint8Array(bits / 8) },
    properties: {
      name: 'k',
      vaultUrl: HSM,
      enabled: o.enabled ?? true,
      expiresOn: o.expiresOn,
      exportable: o.exportable ?? true,
      releasePolicy:
        encoded === null ? undefined : { encodedPolicy: new Uint8Array(Buffer.from(encoded, 'utf8')) }
    }
  } as KeyVaultKey
}

describe('desKeyProblems', () => {
  it('accepts an enabled RSA key of a disk size with wrapKey and unwrapKey for encryption at rest', () => {
    expect(
      desKeyProblems(key({ kty: 'RSA', bits: 2048, exportable: false, encodedPolicy: null }), AT_REST)
    ).toEqual([])
  })

  it('accepts an exportable key whose policy releases to a compliant CVM platform token for a confidential-VM set', () => {
    expect(desKeyProblems(key({ bits: 4096 }), CVM_ENCRYPTION_TYPE)).toEqual([])
  })

  it('refuses a key that is not RSA, naming its type, or saying it is of unknown type', () => {
    expect(desKeyProblems(key({ kty: 'EC-HSM' }), AT_REST)).toEqual([
      'it is EC-HSM, and disks need an RSA key'
    ])
    expect(desKeyProblems(key({ kty: null }), AT_REST)).toEqual([
      'it is of unknown type, and disks need an RSA key'
    ])
  })

  it('refuses an RSA key of a size disks do not accept; an unknown size is not held against it', () => {
    expect(desKeyProblems(key({ bits: 1024 }), AT_REST)).toEqual([
      'it has 1024 bits, and disks accept RSA keys of 2048, 3072, 4096 bits'
    ])
    expect(desKeyProblems(key({ bits: null }), AT_REST)).toEqual([])
  })

  it('names the missing wrap operations, one or both', () => {
    expect(desKeyProblems(key({ ops: ['wrapKey', 'sign'] }), AT_REST)).toEqual([
      'its operations lack unwrapKey'
    ])
    expect(desKeyProblems(key({ ops: null }), AT_REST)).toEqual(['its operations lack wrapKey and unwrapKey'])
  })

  it('refuses a disabled key and an expired one, saying when it expired; a future expiry is fine', () => {
    const past = new Date('2020-01-02T03:04:05.000Z')
    expect(desKeyProblems(key({ enabled: false, expiresOn: past }), AT_REST)).toEqual([
      'it is disabled',
      'it expired on 2020-01-02T03:04:05.000Z'
    ])
    expect(desKeyProblems(key({ expiresOn: new Date(Date.now() + 86_400_000) }), AT_REST)).toEqual([])
  })

  it('lists every problem at once rather than stopping at the first', () => {
    expect(desKeyProblems(key({ kty: 'oct-HSM', ops: [], enabled: false }), AT_REST)).toHaveLength(3)
  })

  it('refuses a non-exportable key for a confidential-VM set only', () => {
    expect(desKeyProblems(key({ exportable: false }), CVM_ENCRYPTION_TYPE)).toEqual([
      `it is not exportable, and ${CVM_ENCRYPTION_TYPE} needs an exportable key`
    ])
  })

  it('refuses a confidential-VM key without a release policy: the orchestrator could never receive it', () => {
    expect(desKeyProblems(key({ encodedPolicy: null }), CVM_ENCRYPTION_TYPE)).toEqual([
      'it has no release policy, so the Confidential VM Orchestrator could never receive it'
    ])
  })

  it('refuses a guest-attestation policy (sev-snp-cvm) for a confidential-VM set', () => {
    const problems = desKeyProblems(
      key({ encodedPolicy: toServiceJson(presetPolicy('sev-snp-cvm', AUTH)) }),
      CVM_ENCRYPTION_TYPE
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/does not release to a compliant confidential-VM platform token/)
    expect(problems[0]).toMatch(/sev-snp-cvm is not enough/)
  })

  it('refuses a release policy that cannot be read, as not releasing to the platform token', () => {
    const problems = desKeyProblems(key({ encodedPolicy: '{not json' }), CVM_ENCRYPTION_TYPE)
    expect(problems).toEqual([expect.stringMatching(/^its release policy does not release to a compliant/)])
  })
})
