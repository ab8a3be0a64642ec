/**
 * The ARM control plane of Microsoft.KeyVault/managedHSMs, through @azure/arm-keyvault.
 * Thin on purpose: reads return undefined for "absent", writes only submit the request (waiting is the
 * caller's, so it can log progress and honour the run's deadline), and every failure is an
 * AzureOperationError naming the operation. ARM's answers are evidence, not authority: its token goes to
 * the cloud's resource manager origin only (origin.ts), and an HSM's `hsmUri`, where the run sends its
 * data-plane token and the security domain, is taken only as `https://{name}.{managedHsmSuffix}/`.
 */
import type { DeletedManagedHsm, KeyVaultManagementClient, ManagedHsm } from '@azure/arm-keyvault'
import type { TokenCredential } from '@azure/core-auth'
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline'
import { AzureOperationError, serviceText } from '../shared/errors.js'
import { azureCall, absentOn404 } from './call.js'
import { keepToOrigin } from './origin.js'
import { armKeyVault } from './sdk.js'
import { clientOptions, preconnectFirst, sharedHttpClient } from '../shared/connections.js'

/** The api-version the Azure CLI uses and whose responses were checked against recorded live traffic. */
export const ARM_API_VERSION = '2024-11-01'
const SERVICE = 'Azure Resource Manager'

export type { DeletedManagedHsm, ManagedHsm }

export interface ReadOptions {
  /** Called with the raw response headers, e.g. to honour Retry-After while polling. */
  onHeaders?: (get: (name: string) => string | undefined) => void
}

export class ManagedHsmArm {
  /** Made on first use: the ARM SDK loads lazily (a run that fails before its first ARM call never loads it). */
  private management?: Promise<KeyVaultManagementClient>

  constructor(
    private readonly credential: TokenCredential,
    readonly subscriptionId: string,
    readonly endpoint: string,
    /** The cloud's Managed HSM DNS suffix: an HSM's URI must be `https://{name}.{suffix}/`. */
    readonly managedHsmSuffix: string
  ) {}

  private client(): Promise<KeyVaultManagementClient> {
    this.management ??= armKeyVault().then(({ KeyVaultManagementClient }) => {
      const client = new KeyVaultManagementClient(this.credential, this.subscriptionId, {
        endpoint: this.endpoint,
        apiVersion: ARM_API_VERSION,
        ...clientOptions()
      })
      // The SDK's pollers and pagers follow URLs from ARM's answers: none leaves ARM's origin.
      keepToOrigin(client.pipeline, this.endpoint)
      preconnectFirst(client.pipeline)
      return client
    })
    return this.management
  }

  resourceId(resourceGroup: string, name: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/managedHSMs/${name}`
  }

  async get(resourceGroup: string, name: string, opts: ReadOptions = {}): Promise<ManagedHsm | undefined> {
    const hsm = await absentOn404(async () => {
      return await azureCall(SERVICE, `read Managed HSM '${name}'`, async () =>
        (await this.client()).managedHsms.get(resourceGroup, name, {
          onResponse: r => opts.onHeaders?.(h => r.headers.get(h) ?? undefined)
        })
      )
    })
    const uri = hsm?.properties?.hsmUri
    if (uri !== undefined && !isHsmUri(uri, name, this.managedHsmSuffix))
      throw new AzureOperationError(
        {
          service: SERVICE,
          operation: `read Managed HSM '${name}'`,
          code: 'UnexpectedHsmUri',
          hint:
            'ARM never names another host for an HSM: check what stands between the runner and Azure ' +
            '(HTTPS_PROXY, a TLS-inspecting proxy) and the cloud input; nothing was sent to that URI'
        },
        `ARM named ${serviceText(uri, 300)} as the HSM's URI (properties.hsmUri), not ` +
          `https://${name.toLowerCase()}.${this.managedHsmSuffix}/: the run sends its data-plane token and ` +
          'the security domain only to that host, so it stops here'
      )
    return hsm
  }

  /** Every Managed HSM in the resource group (the clean-up by pattern reads their tags). */
  async listInGroup(resourceGroup: string): Promise<ManagedHsm[]> {
    return azureCall(SERVICE, `list the Managed HSMs of resource group '${resourceGroup}'`, async () => {
      const all: ManagedHsm[] = []
      for await (const h of (await this.client()).managedHsms.listByResourceGroup(resourceGroup)) all.push(h)
      return all
    })
  }

  /** The soft-deleted HSM holding this name in this subscription, if any. */
  async findDeleted(name: string): Promise<DeletedManagedHsm | undefined> {
    return azureCall(SERVICE, 'list deleted Managed HSMs', async () => {
      const found = await this.findInList<DeletedManagedHsm>('deletedManagedHSMs', name)
      // Plain JSON, not the SDK's deserializer: its dates arrive as strings.
      const p = found?.properties
      if (!found || !p) return found
      const date = (d: Date | string | undefined) => (d === undefined ? undefined : new Date(d))
      return {
        ...found,
        properties: {
          ...p,
          deletionDate: date(p.deletionDate),
          scheduledPurgeDate: date(p.scheduledPurgeDate)
        }
      }
    })
  }

  /**
   * The HSM of this name anywhere in the subscription (any resource group), if any: the list is
   * subscription-wide, so this needs read access at subscription scope, like findDeleted.
   */
  async findInSubscription(name: string): Promise<ManagedHsm | undefined> {
    return azureCall(SERVICE, "list the subscription's Managed HSMs", () =>
      this.findInList<ManagedHsm>('managedHSMs', name)
    )
  }

  /**
   * The first entry of a subscription-wide list named `name`, page by page. Pages are read with plain GETs:
   * the SDK's pager drops ARM's error body (a 403 reads "Pagination failed with unexpected statusCode
   * 403"), and the body names the missing permission and its scope.
   */
  private async findInList<T extends { name?: string }>(list: string, name: string): Promise<T | undefined> {
    let url: string | undefined =
      `${this.endpoint}/subscriptions/${this.subscriptionId}/providers/Microsoft.KeyVault/${list}?api-version=${ARM_API_VERSION}`
    while (url) {
      const page = (await this.getJson(url)) as { value?: T[]; nextLink?: string } | undefined
      const found = page?.value?.find(h => h.name?.toLowerCase() === name.toLowerCase())
      if (found) return found
      url = page?.nextLink ?? undefined
    }
    return undefined
  }

  /** GET through the client's pipeline (credential, retries); a non-200 answer throws a RestError with its body. */
  private async getJson(url: string): Promise<unknown> {
    const r = await (
      await this.client()
    ).pipeline.sendRequest(sharedHttpClient(), createPipelineRequest({ url, method: 'GET' }))
    if (r.status !== 200) {
      const err = new RestError(`GET answered ${r.status}`, { statusCode: r.status, response: r })
      err.details = safeJson(r.bodyAsText)
      throw err
    }
    return safeJson(r.bodyAsText)
  }

  async nameAvailability(name: string): Promise<{ available: boolean; reason?: string; message?: string }> {
    const r = await azureCall(SERVICE, `check that the name '${name}' is available`, async () =>
      (await this.client()).managedHsms.checkMhsmNameAvailability({ name })
    )
    return { available: r.nameAvailable !== false, reason: r.reason, message: r.message }
  }

  /** Sends the PUT; the caller waits by reading the resource. */
  async submitCreate(resourceGroup: string, name: string, body: ManagedHsm): Promise<void> {
    await azureCall(
      SERVICE,
      `create Managed HSM '${name}'`,
      async () => (await this.client()).managedHsms.createOrUpdate(resourceGroup, name, body).submitted(),
      createHint
    )
  }

  /** Sends the PATCH with only what should change; the caller waits by reading the resource. */
  async submitUpdate(resourceGroup: string, name: string, patch: ManagedHsm): Promise<void> {
    await azureCall(SERVICE, `update Managed HSM '${name}'`, async () =>
      (await this.client()).managedHsms.update(resourceGroup, name, patch).submitted()
    )
  }

  /** Deletes the HSM (it becomes soft-deleted) and waits for ARM to finish. */
  async delete(resourceGroup: string, name: string): Promise<void> {
    await azureCall(SERVICE, `delete Managed HSM '${name}'`, async () =>
      (await this.client()).managedHsms
        .delete(resourceGroup, name, { updateIntervalInMs: 5000 })
        .pollUntilDone()
    )
  }

  /**
   * The region's default (shared) Microsoft Azure Attestation provider, as `az keyvault key create
   * --default-cvm-policy` looks it up: its attestUri is the release policy's authority.
   */
  async defaultAttestationAuthority(location: string): Promise<string> {
    const path = `/subscriptions/${this.subscriptionId}/providers/Microsoft.Attestation/Locations/${location}/defaultProvider`
    const res = await azureCall(
      SERVICE,
      `look up the default attestation provider of ${location}`,
      async () =>
        (await this.getJson(`${this.endpoint}${path}?api-version=2020-10-01`)) as
          { properties?: { attestUri?: string } } | undefined,
      'set attestation-authority to your attestation provider URL'
    )
    const uri = res?.properties?.attestUri
    if (!uri) throw new Error(`the default attestation provider of ${location} has no attestUri`)
    return uri
  }

  async purgeDeleted(name: string, location: string): Promise<void> {
    await azureCall(
      SERVICE,
      `purge deleted Managed HSM '${name}'`,
      async () =>
        (await this.client()).managedHsms
          .purgeDeleted(name, location, { updateIntervalInMs: 5000 })
          .pollUntilDone(),
      code =>
        code?.includes('PurgeProtection') || code === 'Conflict'
          ? 'purge protection keeps this name until its scheduled purge date; choose another hsm-name or use on-soft-deleted: undelete'
          : undefined
    )
  }
}

function createHint(code: string | undefined, status: number | undefined): string | undefined {
  if (code === 'ResourceGroupNotFound')
    return 'create the resource group first (az group create) or fix resource-group'
  if (status === 409)
    return 'the name is held by another HSM (possibly soft-deleted); see on-soft-deleted, or choose another hsm-name'
  if (code === 'QuotaExceeded' || code === 'InsufficientCapacity' || status === 503)
    return 'Managed HSM capacity or quota is exhausted in this region; try another location or ask Azure support for quota'
  if (status === 403)
    return "the signed-in identity needs 'Contributor' (or 'Managed HSM Contributor') on the resource group"
  return undefined
}

/**
 * `https://{name}.{suffix}` with at most the trailing `/` Azure puts on it: no user name, port, other path,
 * query or fragment, and the host exactly the HSM's (case aside).
 */
export function isHsmUri(uri: string, name: string, suffix: string): boolean {
  const authority = /^https:\/\/([^/?#\\]+)\/?$/i.exec(uri)?.[1]
  return authority?.toLowerCase() === `${name}.${suffix}`.toLowerCase()
}

function safeJson(text: string | undefined | null): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}
