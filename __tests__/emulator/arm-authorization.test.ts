/** The emulator's Azure RBAC: which action and scope ARM checks for a request (pure, no emulator process). */
import { describe, expect, it } from '@jest/globals'
import { requiredPermission } from '../../emulator/services/arm/authorization.js'

const SUB = '/subscriptions/5e1c7a9d-2b4f-4c8e-a6d3-9f0b1e2c3d4a'
const segs = (path: string): string[] => path.split('/').filter(Boolean)
const need = (method: string, path: string) => requiredPermission(method, segs(path))

describe('requiredPermission', () => {
  it('a resource: read, write or delete over the resource itself', () => {
    const hsm = `${SUB}/resourceGroups/rg-skr/providers/Microsoft.KeyVault/managedHSMs/contoso`
    expect(need('GET', hsm)).toEqual({ action: 'Microsoft.KeyVault/managedHSMs/read', scope: hsm })
    expect(need('PATCH', hsm)).toEqual({ action: 'Microsoft.KeyVault/managedHSMs/write', scope: hsm })
    expect(need('DELETE', hsm)).toEqual({ action: 'Microsoft.KeyVault/managedHSMs/delete', scope: hsm })
  })

  it('subscription-level lists and POST actions: checked at the provider path, never at a resource group', () => {
    expect(need('GET', `${SUB}/providers/Microsoft.KeyVault/deletedManagedHSMs`)).toEqual({
      action: 'Microsoft.KeyVault/deletedManagedHsms/read',
      scope: `${SUB}/providers/Microsoft.KeyVault`
    })
    expect(need('POST', `${SUB}/providers/Microsoft.KeyVault/checkMhsmNameAvailability`)).toEqual({
      action: 'Microsoft.KeyVault/checkMhsmNameAvailability/action',
      scope: `${SUB}/providers/Microsoft.KeyVault`
    })
    const deleted = `${SUB}/providers/Microsoft.KeyVault/locations/westeurope/deletedManagedHSMs/contoso`
    expect(need('POST', `${deleted}/purge`)).toEqual({
      action: 'Microsoft.KeyVault/locations/deletedManagedHsms/purge/action',
      scope: deleted
    })
  })

  it('child resources, resource groups and role assignments at a resource', () => {
    const account = `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`
    expect(need('PUT', `${account}/blobServices/default/containers/escrow`)?.action).toBe(
      'Microsoft.Storage/storageAccounts/blobServices/containers/write'
    )
    expect(need('PUT', `${SUB}/resourcegroups/rg`)).toEqual({
      action: 'Microsoft.Resources/subscriptions/resourceGroups/write',
      scope: `${SUB}/resourcegroups/rg`
    })
    const ra = `${account}/providers/Microsoft.Authorization/roleAssignments/0b6f1d0e-1111-4222-8333-944455556666`
    expect(need('PUT', ra)).toEqual({ action: 'Microsoft.Authorization/roleAssignments/write', scope: ra })
    expect(need('GET', `${account}/providers/Microsoft.Authorization/roleAssignments`)).toEqual({
      action: 'Microsoft.Authorization/roleAssignments/read',
      scope: `${account}/providers/Microsoft.Authorization`
    })
  })

  it('subscriptions themselves are not checked', () => {
    expect(need('GET', SUB)).toBeUndefined()
    expect(need('GET', '/tenants')).toBeUndefined()
  })
})
