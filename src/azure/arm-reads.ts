/**
 * Read-only ARM calls for resources the action only inspects: the escrow stores' own resources
 * (Microsoft.KeyVault/vaults, Microsoft.Storage/storageAccounts and their blob service and containers) and
 * the HSM's diagnostic settings (Microsoft.Insights). The SDKs for these providers are not installed here, so
 * the calls go over core-rest-pipeline with the paths and api-versions of the REST specs (azure-rest-api-specs:
 * keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/keyvault.json,
 * storage/resource-manager/Microsoft.Storage/stable/2023-01-01/{storage,blob}.json (2023-05-01 is the same),
 * monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json).
 */
import type { TokenCredential } from '@azure/core-auth'
import { absentOn404 } from './call.js'
import { JsonApi } from './rest.js'

export const API_VERSIONS = {
  vaults: '2024-11-01',
  storage: '2023-05-01',
  diagnosticSettings: '2021-05-01-preview'
} as const

const SERVICE = 'Azure Resource Manager'

export interface ArmResource<P> {
  id?: string
  name?: string
  type?: string
  properties?: P
}

export interface VaultProperties {
  enableSoftDelete?: boolean | null
  softDeleteRetentionInDays?: number
  enablePurgeProtection?: boolean | null
}

export interface StorageAccountProperties {
  allowBlobPublicAccess?: boolean | null
  allowSharedKeyAccess?: boolean | null
}

export interface BlobServiceProperties {
  isVersioningEnabled?: boolean | null
  deleteRetentionPolicy?: { enabled?: boolean; days?: number } | null
}

export interface ContainerProperties {
  hasImmutabilityPolicy?: boolean
  hasLegalHold?: boolean
  immutableStorageWithVersioning?: { enabled?: boolean } | null
}

export interface DiagnosticSettingProperties {
  storageAccountId?: string | null
  workspaceId?: string | null
  eventHubAuthorizationRuleId?: string | null
  marketplacePartnerId?: string | null
  logs?: Array<{ category?: string | null; categoryGroup?: string | null; enabled?: boolean }>
  metrics?: Array<{ category?: string | null; enabled?: boolean }>
}

export class ArmReader {
  private readonly api: JsonApi

  constructor(
    credential: TokenCredential,
    readonly subscriptionId: string,
    endpoint: string
  ) {
    this.api = new JsonApi(credential, endpoint, SERVICE)
  }

  /** The same pipeline for the one ARM write beside these reads (diagnostic-settings.ts). */
  get json(): JsonApi {
    return this.api
  }

  /** One resource by its id; undefined when ARM answers 404. A 403 is thrown (the caller says what is missing). */
  get<P>(what: string, id: string, apiVersion: string): Promise<ArmResource<P> | undefined> {
    return absentOn404(async () => {
      const r = await this.api.send<ArmResource<P>>(`read ${what}`, 'GET', id, {
        query: { 'api-version': apiVersion }
      })
      return r.body
    })
  }

  /** Every resource of one type in the subscription, page by page (`{value, nextLink}`). */
  async listInSubscription<P>(type: string, apiVersion: string): Promise<ArmResource<P>[]> {
    const all: ArmResource<P>[] = []
    let path: string | undefined = `/subscriptions/${this.subscriptionId}/providers/${type}`
    let query: Record<string, string> = { 'api-version': apiVersion }
    for (let page = 0; path && page < 100; page++) {
      const r: { body?: { value?: ArmResource<P>[]; nextLink?: string | null } } = await this.api.send(
        `list the subscription's ${type}`,
        'GET',
        path,
        { query }
      )
      all.push(...(r.body?.value ?? []))
      const next = r.body?.nextLink ? new URL(r.body.nextLink) : undefined
      path = next?.pathname
      query = next ? Object.fromEntries(next.searchParams) : {}
    }
    return all
  }

  /** The diagnostic settings of a resource (one page: the API has no nextLink). */
  async diagnosticSettings(resourceId: string): Promise<ArmResource<DiagnosticSettingProperties>[]> {
    const r = await this.api.send<{ value?: ArmResource<DiagnosticSettingProperties>[] }>(
      'list the diagnostic settings of the Managed HSM',
      'GET',
      `${resourceId}/providers/Microsoft.Insights/diagnosticSettings`,
      { query: { 'api-version': API_VERSIONS.diagnosticSettings } }
    )
    return r.body?.value ?? []
  }
}
