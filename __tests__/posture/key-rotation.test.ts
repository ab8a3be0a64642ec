/**
 * The key's rotation policy as verify judges it (issue 29 §3): a Rotate lifetime action is a warning with what to
 * do, Notify alone is fine, a refused read is "not checked", an absent key says nothing, and only plain ISO 8601
 * durations from Azure's answer reach the finding's words.
 */
import { describe, expect, it } from '@jest/globals'
import type { KeyRotationPolicy, ManagedHsmKeys } from '../../src/azure/keys.js'
import type { RunContext } from '../../src/run/context.js'
import { rotationPolicyItem } from '../../src/posture/key-rotation.js'
import { AzureOperationError } from '../../src/shared/errors.js'

const ctx = {
  config: { key: { name: 'KeyEncryptionKey' }, hsmName: 'hsm-one' },
  reads: { once: <T>(_key: string, read: () => Promise<T>) => read() }
} as unknown as RunContext
const keys = (answer: () => Promise<KeyRotationPolicy | undefined>) =>
  ({ rotationPolicy: answer }) as unknown as ManagedHsmKeys
const policy = (lifetimeActions: KeyRotationPolicy['lifetimeActions']): KeyRotationPolicy => ({
  lifetimeActions
})

describe('rotation policy posture', () => {
  it('warns on a Rotate lifetime action, naming its trigger and what to do', async () => {
    const item = await rotationPolicyItem(
      ctx,
      keys(async () =>
        policy([
          { action: 'Rotate', timeAfterCreate: 'P90D' },
          { action: 'Notify', timeBeforeExpiry: 'P30D' }
        ])
      )
    )
    expect(item).toMatchObject({ id: 'keyRotationPolicy', severity: 'warning' })
    expect(item?.state).toBe('rotates the key automatically (P90D after each version is created)')
    expect(item?.details).toEqual(['lifetime action Rotate, P90D after each version is created'])
    expect(item?.todo).toContain(
      'az keyvault key rotation-policy update --hsm-name hsm-one --name KeyEncryptionKey'
    )
  })

  it('is ok with Notify only, or no lifetime action', async () => {
    for (const p of [policy([{ action: 'Notify', timeBeforeExpiry: 'P30D' }]), policy([]), {}])
      expect(
        await rotationPolicyItem(
          ctx,
          keys(async () => p)
        )
      ).toMatchObject({
        severity: 'ok',
        state: 'no automatic rotation'
      })
  })

  it('matches Rotate whatever its case, and never echoes a trigger that is not a plain duration', async () => {
    const hostile = 'P1D](https://evil.example)<img src=x>'
    const item = await rotationPolicyItem(
      ctx,
      keys(async () => policy([{ action: 'rotate' as never, timeBeforeExpiry: hostile }]))
    )
    expect(item?.severity).toBe('warning')
    expect(JSON.stringify(item)).not.toContain('evil')
    expect(item?.details).toEqual(['lifetime action Rotate, on a trigger that is not a plain duration'])
  })

  it('says "not checked" when the read is refused, nothing when the key is absent, and throws other failures', async () => {
    const refused = new AzureOperationError(
      { service: 'Managed HSM', operation: 'read the rotation policy', status: 403 },
      'Forbidden'
    )
    const item = await rotationPolicyItem(
      ctx,
      keys(async () => {
        throw refused
      })
    )
    expect(item).toMatchObject({ severity: 'warning', state: expect.stringMatching(/^not checked/) })
    expect(
      await rotationPolicyItem(
        ctx,
        keys(async () => undefined)
      )
    ).toBeUndefined()
    const broken = new AzureOperationError({ service: 'Managed HSM', operation: 'x', status: 500 }, 'boom')
    await expect(
      rotationPolicyItem(
        ctx,
        keys(async () => {
          throw broken
        })
      )
    ).rejects.toBe(broken)
  })
})
