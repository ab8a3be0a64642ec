/**
 * The control API's peeks (emulator/peek.ts, harness.ts peek) answer what a second Azure client signed in
 * with the SDK answers (scripts/azure-client.ts): the suites read results through them instead of starting
 * a client process each time, so they must not differ.
 */
import { describe, expect, it } from '@jest/globals'
import {
  azureClient,
  baseInputs,
  errorsOf,
  runAction,
  type EmulatorInfo
} from '../../scripts/local-runner.js'
import { peek, useEmulator } from './harness.js'

let info: EmulatorInfo
let keysVault: string

useEmulator({}, (e, vault) => {
  info = e.info
  keysVault = vault
})

const hsm = 'peek-1'
const sdBlob = () => `${info.storageAccountUrl}/${info.storageContainer}/${hsm}/sd.json`

describe('peeks through the control API', () => {
  it('show the HSM, a secret and a blob as the SDK client does', async () => {
    const run = await runAction(info, {
      ...baseInputs(info, hsm),
      steps: 'provision,activate',
      'security-domain-store': `${sdBlob()}\n${info.keyVaultUrl}/secrets/${hsm}-sd`,
      'wrapping-key-store': `${keysVault}/secrets/${hsm}-wrap`,
      'wrapping-key-size': '2048'
    })
    expect(errorsOf(run)).toEqual([])
    const [armPeek, armClient] = await Promise.all([
      peek(info, 'hsm-show', info.resourceGroup, hsm),
      azureClient(info, 'hsm-show', info.resourceGroup, hsm)
    ])
    expect(JSON.parse(armPeek)).toEqual(JSON.parse(armClient))
    const [sdPeek, sdClient, secretPeek, secretClient] = await Promise.all([
      peek(info, 'blob-get', sdBlob()),
      azureClient(info, 'blob-get', sdBlob()),
      peek(info, 'secret-get', keysVault, `${hsm}-wrap-1`),
      azureClient(info, 'secret-get', keysVault, `${hsm}-wrap-1`)
    ])
    expect(sdPeek).toContain('EncData')
    expect(sdPeek).toBe(sdClient)
    expect(secretPeek).toContain('PRIVATE KEY')
    expect(secretPeek).toBe(secretClient)
  })

  it('reject what does not exist, as the client does', async () => {
    await expect(peek(info, 'hsm-show', info.resourceGroup, 'peek-none')).rejects.toThrow(/ 404 /)
    await expect(peek(info, 'hsm-show', 'rg-other', hsm)).rejects.toThrow(/ 404 /)
    await expect(peek(info, 'secret-get', info.keyVaultUrl, 'peek-none')).rejects.toThrow(/ 404 /)
    await expect(peek(info, 'blob-get', `${sdBlob()}.none`)).rejects.toThrow(/ 404 /)
    await expect(azureClient(info, 'hsm-show', info.resourceGroup, 'peek-none')).rejects.toThrow()
  })
})
