/**
 * The control API's peeks (emulator/core/control.ts and the services' ServiceModule.peek, harness.ts peek)
 * answer what a second Azure client signed in with the SDK answers (scripts/azure-client.ts): the suites read results through them instead of starting
 * a client process each time, so they must not differ.
 */
import { describe, expect, it } from '@jest/globals'
import { azureClient, baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { peek, useScenario } from './harness.js'

const s = useScenario({})

const hsm = 'peek-1'
const sdBlob = () => `${s.info.storageAccountUrl}/${s.info.storageContainer}/${hsm}/sd.json`

describe('peeks through the control API', () => {
  it('show the HSM, a secret and a blob as the SDK client does', async () => {
    const run = await s.run({
      ...baseInputs(s.info, hsm),
      steps: 'provision,activate',
      'security-domain-store': `${sdBlob()}\n${s.info.keyVaultUrl}/secrets/${hsm}-sd`,
      'wrapping-key-store': `${s.keysVault}/secrets/${hsm}-wrap`,
      'wrapping-key-size': '2048'
    })
    expect(errorsOf(run)).toEqual([])
    const [armPeek, armClient] = await Promise.all([
      peek(s.info, 'hsm-show', s.info.resourceGroup, hsm),
      azureClient(s.info, 'hsm-show', s.info.resourceGroup, hsm)
    ])
    expect(JSON.parse(armPeek)).toEqual(JSON.parse(armClient))
    const [sdPeek, sdClient, secretPeek, secretClient] = await Promise.all([
      peek(s.info, 'blob-get', sdBlob()),
      azureClient(s.info, 'blob-get', sdBlob()),
      peek(s.info, 'secret-get', s.keysVault, `${hsm}-wrap-1`),
      azureClient(s.info, 'secret-get', s.keysVault, `${hsm}-wrap-1`)
    ])
    expect(sdPeek).toContain('EncData')
    expect(sdPeek).toBe(sdClient)
    expect(secretPeek).toContain('PRIVATE KEY')
    expect(secretPeek).toBe(secretClient)
  })

  it('reject what does not exist, as the client does', async () => {
    await expect(peek(s.info, 'hsm-show', s.info.resourceGroup, 'peek-none')).rejects.toThrow(/ 404 /)
    await expect(peek(s.info, 'hsm-show', 'rg-other', hsm)).rejects.toThrow(/ 404 /)
    await expect(peek(s.info, 'secret-get', s.info.keyVaultUrl, 'peek-none')).rejects.toThrow(/ 404 /)
    await expect(peek(s.info, 'blob-get', `${sdBlob()}.none`)).rejects.toThrow(/ 404 /)
    await expect(azureClient(s.info, 'hsm-show', s.info.resourceGroup, 'peek-none')).rejects.toThrow()
  })
})
