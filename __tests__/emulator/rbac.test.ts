/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Managed HSM local RBAC on the emulator: built-in role definitions, role assignments (create,
 * list, duplicate, delete, key scopes), the initial administrator, authorisation of key operations
 * and the propagation delay of new assignments.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import {
  activateByHook,
  addPrincipal,
  assignmentBody,
  createHsm,
  dataPlane,
  keyOps,
  roleId,
  ROLES,
  type Principal
} from './mhsm-helpers.js'

let emu: RunningEmulator
let bob: Principal
const HSM = 'rbac-hsm'
const RA = '/providers/Microsoft.Authorization/roleAssignments'
const RD = '/providers/Microsoft.Authorization/roleDefinitions'
const V = 'api-version=7.4'

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  bob = await addPrincipal(
    emu,
    '5d6e7f80-9a1b-4c2d-8e3f-405162738495',
    '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b'
  )
  await createHsm(emu, HSM)
  await activateByHook(emu, HSM)
})
afterAll(async () => {
  await emu?.stop()
})

describe('role definitions', () => {
  it('lists the ten built-in roles with their real names, GUIDs and data actions', async () => {
    const [list, filtered, one, missing] = await dataPlane(emu, HSM, [
      { path: `${RD}?${V}` },
      { path: `${RD}?${V}&$filter=${encodeURIComponent("roleName eq 'Managed HSM Crypto User'")}` },
      { path: `${RD}/${ROLES.releaseUser}?${V}` },
      { path: `${RD}/00000000-0000-0000-0000-000000000000?${V}` }
    ])
    expect(list.status).toBe(200)
    const defs = list.body.value as Array<{
      id: string
      name: string
      type: string
      properties: Record<string, any>
    }>
    expect(defs.map(d => d.properties.roleName).sort()).toEqual(
      [
        'Managed HSM Administrator',
        'Managed HSM ARM User',
        'Managed HSM Backup User',
        'Managed HSM Crypto Auditor',
        'Managed HSM Crypto Officer',
        'Managed HSM Crypto Service Encryption User',
        'Managed HSM Crypto Service Release User',
        'Managed HSM Crypto User',
        'Managed HSM Policy Administrator',
        'Managed HSM Restore User'
      ].sort()
    )
    for (const d of defs) {
      expect(d.id).toBe(roleId(d.name))
      expect(d.type).toBe('Microsoft.Authorization/roleDefinitions')
      expect(d.properties.type).toBe('AKVBuiltInRole')
      expect(d.properties.assignableScopes).toEqual(['/'])
    }
    const admin = defs.find(d => d.name === ROLES.administrator)
    const adminActions = admin?.properties.permissions[0].dataActions as string[]
    expect(adminActions).toContain('Microsoft.KeyVault/managedHsm/securitydomain/download/action')
    expect(adminActions.some(a => a.includes('/keys/'))).toBe(false)
    expect(filtered.body.value).toHaveLength(1)
    expect(filtered.body.value[0].name).toBe(ROLES.cryptoUser)
    expect(filtered.body.value[0].properties.permissions[0].dataActions).toEqual(
      expect.arrayContaining([
        'Microsoft.KeyVault/managedHsm/keys/create',
        'Microsoft.KeyVault/managedHsm/keys/release/action',
        'Microsoft.KeyVault/managedHsm/keys/backup/action'
      ])
    )
    expect(one.body.properties).toMatchObject({
      roleName: 'Managed HSM Crypto Service Release User',
      permissions: [{ dataActions: ['Microsoft.KeyVault/managedHsm/keys/release/action'] }]
    })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('RoleDefinitionNotFound')
  })
})

describe('role assignments', () => {
  it('shows the initial administrator holding Administrator at "/"', async () => {
    const [atRoot] = await dataPlane(emu, HSM, [{ path: `${RA}?${V}&$filter=atScope()` }])
    expect(atRoot.status).toBe(200)
    expect(atRoot.body.value).toEqual([
      {
        id: expect.stringMatching(/^\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/),
        name: expect.any(String),
        properties: {
          principalId: emu.info.principalId,
          roleDefinitionId: roleId(ROLES.administrator),
          scope: '/'
        },
        type: 'Microsoft.Authorization/roleAssignments'
      }
    ])
  })

  it('creates (201), reads, lists, refuses duplicates and deletes (200 with the assignment)', async () => {
    const name = '4a9d1c8e-2b7f-4e3a-9c5d-6f8e1a2b3c4d'
    const other = '8b7a6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d'
    const body = assignmentBody(bob.principalId, ROLES.cryptoUser)
    const [created, again, duplicate, leading, read, listed, atKey, deleted, gone, deletedAgain] =
      await dataPlane(emu, HSM, [
        { method: 'PUT', path: `${RA}/${name}?${V}`, body },
        { method: 'PUT', path: `${RA}/${name}?${V}`, body },
        { method: 'PUT', path: `${RA}/${other}?${V}`, body },
        {
          method: 'PUT',
          path: `${RA}/${other}?${V}`,
          body: {
            properties: { roleDefinitionId: `/${roleId(ROLES.auditor)}`, principalId: bob.principalId }
          }
        },
        { path: `${RA}/${name}?${V}` },
        { path: `${RA}?${V}&$filter=${encodeURIComponent(`principalId eq '${bob.principalId}'`)}` },
        // The JS SDK's "///providers" form and a key scope.
        {
          method: 'PUT',
          path: `/keys/k1///providers/Microsoft.Authorization/roleAssignments/${other}?${V}`,
          body: assignmentBody(bob.principalId, ROLES.auditor)
        },
        { method: 'DELETE', path: `${RA}/${name}?${V}` },
        { path: `${RA}/${name}?${V}` },
        { method: 'DELETE', path: `${RA}/${name}?${V}` }
      ])
    const expected = {
      id: `/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      properties: { principalId: bob.principalId, roleDefinitionId: roleId(ROLES.cryptoUser), scope: '/' },
      type: 'Microsoft.Authorization/roleAssignments'
    }
    expect(created.status).toBe(201)
    expect(created.body).toEqual(expected)
    expect(created.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(again.status).toBe(201)
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.error.code).toBe('MatchingRoleAssignmentExists')
    expect(duplicate.body.error.message).toMatch(
      new RegExp(
        `^Role assignment '${name}' already adds role 'Microsoft\\.KeyVault/providers/Microsoft\\.Authorization/roleDefinitions/${ROLES.cryptoUser}' to principal '${bob.principalId}' in scope '/'\\. \\(Activity ID: [0-9a-f-]{36}\\)$`
      )
    )
    expect(leading.status).toBe(400)
    expect(leading.body.error.message).toMatch(/Invalid role definition ID '\/Microsoft\.KeyVault/)
    expect(read.body).toEqual(expected)
    expect(listed.body.value).toEqual([expected])
    expect(atKey.status).toBe(201)
    // No scope prefix in the id at a key scope either (azure-cli test_keyvault_hsm_role.yaml).
    expect(atKey.body).toMatchObject({
      id: `/providers/Microsoft.Authorization/roleAssignments/${other}`,
      properties: { scope: '/keys/k1' }
    })
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual(expected)
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('RoleAssignmentNotFound')
    expect(deletedAgain.status).toBe(404)
  })

  it('refuses role management to a principal without a role (403 AccessDenied)', async () => {
    const [list, write] = await dataPlane(
      emu,
      HSM,
      [
        { path: `${RA}?${V}` },
        {
          method: 'PUT',
          path: `${RA}/6c5b4a39-2817-4f6e-8d5c-4b3a29180716?${V}`,
          body: assignmentBody(bob.principalId, ROLES.administrator)
        }
      ],
      // carol has no assignment at all
      await addPrincipal(emu, '6e7f8091-a2b3-4c4d-9e5f-60718293a4b5', '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b')
    )
    expect(list.status).toBe(403)
    expect(list.body.error.message).toMatch(
      /Microsoft\.KeyVault\/managedHsm\/roleAssignments\/read\/action on \//
    )
    expect(write.status).toBe(403)
    expect(write.body.error.code).toBe('AccessDenied')
  })
})

describe('authorisation of key operations', () => {
  it('does not let the Administrator create keys, but lets a Crypto User', async () => {
    const [denied] = await keyOps(emu, HSM, [{ op: 'createRsaKey', key: 'admin-key', size: 2048 }])
    expect(denied.ok).toBe(false)
    expect(denied.error?.statusCode).toBe(403)
    expect(denied.error?.message).toMatch(
      /^Not authorized to access Microsoft\.KeyVault\/managedHsm\/keys\/create on \/keys/
    )
    const [grant] = await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys${RA}/0f1e2d3c-4b5a-4697-8887-a9b8c7d6e5f4?${V}`,
        body: assignmentBody(emu.info.principalId, ROLES.cryptoUser)
      }
    ])
    expect(grant.status).toBe(201)
    const [created, read] = await keyOps(emu, HSM, [
      { op: 'createRsaKey', key: 'admin-key', size: 2048 },
      { op: 'getKey', key: 'admin-key' }
    ])
    expect(created.ok).toBe(true)
    expect(read.value.id).toBe(created.value.id)
  })

  it('honours key scopes: a Crypto User on /keys/one cannot read /keys/two', async () => {
    await keyOps(emu, HSM, [
      { op: 'createRsaKey', key: 'one', size: 2048 },
      { op: 'createRsaKey', key: 'two', size: 2048 }
    ])
    const dave = await addPrincipal(
      emu,
      '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      '3b4c5d6e-7f80-4912-a3b4-c5d6e7f8091a'
    )
    const [grant] = await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys/one${RA}/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d?${V}`,
        body: assignmentBody(dave.principalId, ROLES.cryptoUser)
      }
    ])
    expect(grant.status).toBe(201)
    const [one, two] = await keyOps(
      emu,
      HSM,
      [
        { op: 'getKey', key: 'one' },
        { op: 'getKey', key: 'two' }
      ],
      dave
    )
    expect(one.ok).toBe(true)
    expect(two.ok).toBe(false)
    expect(two.error?.statusCode).toBe(403)
    expect(two.error?.message).toMatch(/keys\/read\/action on \/keys\/two/)
  })

  it('applies a new assignment only after the propagation delay (403 meanwhile)', async () => {
    // Long enough that the client process (tsx start-up and sign-in, slow on a loaded machine) is still
    // inside the delay when it makes its first call.
    await emu.setSettings({ rbacPropagationSeconds: 8 })
    try {
      const [grant] = await dataPlane(emu, HSM, [
        {
          method: 'PUT',
          path: `/keys${RA}/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e?${V}`,
          body: assignmentBody(bob.principalId, ROLES.cryptoUser)
        }
      ])
      expect(grant.status).toBe(201)
      const [early, late] = await keyOps(
        emu,
        HSM,
        [
          { op: 'createRsaKey', key: 'bobs-key', size: 2048 },
          { op: 'createRsaKey', key: 'bobs-key', size: 2048, waitMs: 8200 }
        ],
        bob
      )
      expect(early.ok).toBe(false)
      expect(early.error?.statusCode).toBe(403)
      expect(late.ok).toBe(true)
    } finally {
      await emu.setSettings({ rbacPropagationSeconds: 0 })
    }
  })
})
