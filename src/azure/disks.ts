/**
 * Microsoft.Compute/disks on ARM, read only: the subscription's managed disks (Disks_List in the REST spec,
 * azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/DiskRP/stable/2025-01-02/
 * disk.json), to find the disks a Disk Encryption Set encrypts before teardown removes the key under them.
 * A confidential VM's OS disk names its set in properties.securityProfile.secureVMDiskEncryptionSetId, any
 * other disk in properties.encryption.diskEncryptionSetId.
 */
import type { TokenCredential } from '@azure/core-auth'
import { JsonApi } from './rest.js'

export const DISKS_API_VERSION = '2025-01-02'

export interface ManagedDisk {
  id?: string
  name?: string
  managedBy?: string
  properties?: {
    encryption?: { type?: string; diskEncryptionSetId?: string }
    securityProfile?: { securityType?: string; secureVMDiskEncryptionSetId?: string }
  }
}

/** The Disk Encryption Set ids a disk names (either property), lower-cased for comparison. */
export function diskEncryptionSetIds(disk: ManagedDisk): string[] {
  const p = disk.properties
  return [p?.encryption?.diskEncryptionSetId, p?.securityProfile?.secureVMDiskEncryptionSetId]
    .filter((id): id is string => typeof id === 'string' && id.length > 0)
    .map(id => id.toLowerCase())
}

export class Disks {
  private readonly api: JsonApi

  constructor(
    credential: TokenCredential,
    readonly subscriptionId: string,
    endpoint: string
  ) {
    this.api = new JsonApi(credential, endpoint, 'Azure Resource Manager')
  }

  /** Every managed disk of the subscription, following nextLink on the resource manager's own origin only. */
  async listInSubscription(): Promise<ManagedDisk[]> {
    const disks: ManagedDisk[] = []
    let path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Compute/disks`
    let query: Record<string, string> = { 'api-version': DISKS_API_VERSION }
    for (let page = 0; page < 100; page++) {
      const r = await this.api.send<{ value?: ManagedDisk[]; nextLink?: string }>(
        'list the managed disks of the subscription',
        'GET',
        path,
        {
          query,
          hint: (_c, status) =>
            status === 403
              ? "the signed-in identity needs 'Microsoft.Compute/disks/read' on the subscription (docs/setup.md's custom role) to find the disks a disk encryption set encrypts"
              : undefined
        }
      )
      disks.push(...(r.body?.value ?? []))
      const next = r.body?.nextLink
      if (!next) break
      const url = new URL(next)
      if (url.origin !== new URL(this.api.endpoint).origin)
        throw new Error(`the disk list's nextLink leaves ${this.api.endpoint}: ${url.origin}`)
      path = url.pathname
      query = Object.fromEntries(url.searchParams)
    }
    return disks
  }
}
