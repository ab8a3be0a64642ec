/** The des step's inputs: when the step runs, its defaults, and every refusal naming its input. */
import { describe, expect, it } from '@jest/globals'
import { APPLY_INPUTS, inputParser } from './support/parse-inputs.js'
import { expectsOrchestrator } from '../src/config/index.js'

const GUID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'

const { parse, problems } = inputParser(APPLY_INPUTS)

describe('des inputs', () => {
  it("leaves des out of 'all' without a disk-encryption-set, and adds it after key with one", () => {
    expect(parse().steps).toEqual(['provision', 'activate', 'rbac', 'key'])
    expect(parse().des).toBeUndefined()
    const c = parse({ 'disk-encryption-set': 'des-cvm' })
    expect(c.steps).toEqual(['provision', 'activate', 'rbac', 'key', 'des'])
    expect(c.des).toEqual({
      name: 'des-cvm',
      resourceGroup: 'rg-skr',
      encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
      keyVersion: 'pinned',
      orchestratorObjectId: undefined
    })
    expect(parse({ steps: 'provision, key' }).steps).toEqual(['provision', 'key'])
  })

  it('takes its own resource group, another encryption type and latest where Azure rotates', () => {
    const c = parse({
      'disk-encryption-set': 'des-disks',
      'disk-encryption-set-resource-group': 'rg-disks',
      'des-encryption-type': 'EncryptionAtRestWithCustomerKey',
      'des-key-version': 'latest',
      'release-policy-preset': 'sev-snp-cvm'
    })
    expect(c.des).toMatchObject({ resourceGroup: 'rg-disks', keyVersion: 'latest' })
  })

  it('refuses what cannot work, naming each input', () => {
    expect(problems({ steps: 'des' })).toEqual([
      "Input 'disk-encryption-set': is required when steps lists 'des'"
    ])
    const all = problems({
      'disk-encryption-set': 'bad name!',
      'disk-encryption-set-resource-group': 'rg.',
      'des-key-version': 'latest',
      'cvm-orchestrator-object-id': 'not-a-guid',
      'key-type': 'EC-HSM',
      'release-policy-preset': 'sev-snp-cvm'
    })
    expect(all.map(m => /^Input '([^']+)'/.exec(m)?.[1])).toEqual([
      'disk-encryption-set',
      'disk-encryption-set-resource-group',
      'des-key-version',
      'cvm-orchestrator-object-id',
      'key-type',
      'release-policy-preset'
    ])
    expect(all.join('\n')).toMatch(/no automatic key rotation for confidential-VM disks/)
    expect(
      problems({
        'disk-encryption-set': 'des-disks',
        'des-encryption-type': 'EncryptionAtRestWithCustomerKey',
        'cvm-orchestrator-object-id': '3c9d5f1e-7a2b-4e6c-9d8f-0b1a2c3d4e5f'
      })
    ).toEqual([
      expect.stringMatching(
        /^Input 'cvm-orchestrator-object-id': applies to ConfidentialVmEncryptedWithCustomerKey only/
      )
    ])
  })

  it('refuses an inline release policy the Confidential VM Orchestrator could not satisfy', () => {
    const guest = JSON.stringify({
      version: '1.0.0',
      anyOf: [
        {
          authority: 'https://sharedweu.weu.attest.azure.net',
          allOf: [{ claim: 'x-ms-isolation-tee.x-ms-compliance-status', equals: 'azure-compliant-cvm' }]
        }
      ]
    })
    expect(
      problems({ 'disk-encryption-set': 'd', 'release-policy-preset': '', 'release-policy': guest })
    ).toEqual([
      expect.stringMatching(
        /^Input 'release-policy': does not release to a compliant confidential-VM platform token/
      )
    ])
    const platform = guest.replace('x-ms-isolation-tee.x-ms-compliance-status', 'x-ms-compliance-status')
    expect(
      parse({ 'disk-encryption-set': 'd', 'release-policy-preset': '', 'release-policy': platform }).des?.name
    ).toBe('d')
  })

  it('expects the Orchestrator look-up (its Graph token at the start) only where a run will make it', () => {
    const expects = (o: Record<string, string>) => expectsOrchestrator(parse(o))
    // The des step with a set for confidential VMs, unless its object id is given.
    expect(expects({ 'disk-encryption-set': 'd' })).toBe(true)
    expect(expects({ 'disk-encryption-set': 'd', 'cvm-orchestrator-object-id': GUID })).toBe(false)
    expect(
      expects({
        'disk-encryption-set': 'd',
        'des-encryption-type': 'EncryptionAtRestWithCustomerKey',
        'release-policy-preset': 'sev-snp-cvm'
      })
    ).toBe(false)
    // The posture judges who holds the key: a policy the Orchestrator can satisfy is one such a set may use.
    expect(expects({ mode: 'verify' })).toBe(true)
    expect(expects({ mode: 'verify', 'release-policy-preset': 'sev-snp-cvm' })).toBe(false)
    expect(expects({ steps: 'provision' })).toBe(false)
    // The single-purpose modes run no posture.
    expect(expects({ mode: 'verify-security-domain' })).toBe(false)
  })
})
