/**
 * Microsoft.Compute/diskEncryptionSets on ARM. @azure/arm-compute is not installed here, so the calls go
 * over core-rest-pipeline with the paths, bodies and api-version of the REST spec
 * (azure-rest-api-specs, specification/compute/resource-manager/Microsoft.Compute/DiskRP/stable/2025-01-02/
 * diskEncryptionSet.json). PUT and PATCH are long-running (200 or 202); the caller waits by reading the
 * resource until its provisioningState is final, as the provision step does for the HSM.
 */
import type { TokenCredential } from '@azure/core-auth'
import { absentOn404 } from './call.js'
import { JsonApi } from './rest.js'

export const DES_API_VERSION = '2025-01-02'
const SERVICE = 'Azure Resource Manager'

export interface DiskEncryptionSet {
  id?: string
  name?: string
  type?: string
  location?: string
  tags?: Record<string, string>
  identity?: { type?: string; principalId?: string; tenantId?: string }
  properties?: {
    encryptionType?: string
    activeKey?: { keyUrl?: string; sourceVault?: { id?: string } }
    previousKeys?: Array<{ keyUrl?: string }>
    rotationToLatestKeyVersionEnabled?: boolean
    provisioningState?: string
    lastKeyRotationTimestamp?: string
    autoKeyRotationError?: { code?: string; message?: string }
  }
}

const WRITE_HINT = (code: string | undefined, status: number | undefined): string | undefined => {
  if (code === 'KeyVaultAccessForbidden')
    return "the set's identity needs 'Managed HSM Crypto Service Encryption User' on /keys/KEY-NAME of the HSM; the des step grants it, then retries"
  if (code === 'ResourceGroupNotFound')
    return 'create the resource group first, or fix disk-encryption-set-resource-group'
  if (status === 403)
    return "the signed-in identity needs 'Contributor' (or 'Disk Encryption Set Contributor'-level rights) on the resource group of the disk encryption set"
  return undefined
}

export class DiskEncryptionSets {
  private readonly api: JsonApi

  constructor(
    credential: TokenCredential,
    readonly subscriptionId: string,
    endpoint: string
  ) {
    this.api = new JsonApi(credential, endpoint, SERVICE)
  }

  resourceId(resourceGroup: string, name: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/${name}`
  }

  async get(resourceGroup: string, name: string): Promise<DiskEncryptionSet | undefined> {
    return absentOn404(async () => {
      const r = await this.api.send<DiskEncryptionSet>(
        `read disk encryption set '${name}'`,
        'GET',
        this.resourceId(resourceGroup, name),
        { query: { 'api-version': DES_API_VERSION } }
      )
      return r.body
    })
  }

  /**
   * Every set of the subscription (DiskEncryptionSets_List), following nextLink on the resource manager's own
   * origin only.
   */
  async listInSubscription(): Promise<DiskEncryptionSet[]> {
    const sets: DiskEncryptionSet[] = []
    let path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Compute/diskEncryptionSets`
    let query: Record<string, string> = { 'api-version': DES_API_VERSION }
    for (let page = 0; page < 100; page++) {
      const r = await this.api.send<{ value?: DiskEncryptionSet[]; nextLink?: string }>(
        'list the disk encryption sets of the subscription',
        'GET',
        path,
        {
          query,
          hint: (_c, status) =>
            status === 403
              ? "the signed-in identity needs 'Reader' on the subscription to find the disk encryption sets that use the key"
              : undefined
        }
      )
      sets.push(...(r.body?.value ?? []))
      const next = r.body?.nextLink
      if (!next) break
      const url = new URL(next)
      if (url.origin !== new URL(this.api.endpoint).origin)
        throw new Error(`the disk encryption set list's nextLink leaves ${this.api.endpoint}: ${url.origin}`)
      path = url.pathname
      query = Object.fromEntries(url.searchParams)
    }
    return sets
  }

  /** Sends the PUT (create, or replace); the caller waits by reading the resource. */
  async submitPut(resourceGroup: string, name: string, body: DiskEncryptionSet): Promise<void> {
    await this.api.send(`create disk encryption set '${name}'`, 'PUT', this.resourceId(resourceGroup, name), {
      body,
      ok: [200, 201, 202],
      query: { 'api-version': DES_API_VERSION },
      hint: WRITE_HINT
    })
  }

  /** Sends the PATCH with only what should change; the caller waits by reading the resource. */
  async submitPatch(resourceGroup: string, name: string, patch: DiskEncryptionSet): Promise<void> {
    await this.api.send(
      `update disk encryption set '${name}'`,
      'PATCH',
      this.resourceId(resourceGroup, name),
      {
        body: patch,
        ok: [200, 202],
        query: { 'api-version': DES_API_VERSION },
        hint: WRITE_HINT
      }
    )
  }

  /** Sends the DELETE (204: already gone); the caller waits until a read answers 404. */
  async submitDelete(resourceGroup: string, name: string): Promise<void> {
    await this.api.send(
      `delete disk encryption set '${name}'`,
      'DELETE',
      this.resourceId(resourceGroup, name),
      {
        ok: [200, 202, 204],
        query: { 'api-version': DES_API_VERSION },
        hint: (code, status) =>
          status === 409 || code === 'DiskEncryptionSetInUse'
            ? 'disks, snapshots or VMs still use this disk encryption set; delete or re-key them first'
            : undefined
      }
    )
  }
}
