/**
 * The Tags API at a resource's scope (`{id}/providers/Microsoft.Resources/tags/default`, azure-rest-api-specs
 * Microsoft.Resources resources.json Tags_UpdateAtScope): `Merge` adds or changes the tags it names and keeps the
 * others, `Delete` removes the names it gives. A PATCH of the resource itself would replace the whole map.
 */
import type { TokenCredential } from '@azure/core-auth'
import { JsonApi } from './rest.js'

const API_VERSION = '2021-04-01'

export class TagsApi {
  private readonly api: JsonApi

  constructor(credential: TokenCredential, endpoint: string) {
    this.api = new JsonApi(credential, endpoint, 'Azure Resource Manager')
  }

  /** Adds or changes `tags` on the resource, leaving its other tags as they are. */
  async merge(resourceId: string, tags: Record<string, string>): Promise<void> {
    await this.update(resourceId, 'Merge', tags)
  }

  /** Removes the tags named (whatever their values). */
  async remove(resourceId: string, names: string[]): Promise<void> {
    if (names.length === 0) return
    await this.update(resourceId, 'Delete', Object.fromEntries(names.map(n => [n, ''])))
  }

  private async update(resourceId: string, operation: string, tags: Record<string, string>): Promise<void> {
    await this.api.send(
      `${operation.toLowerCase()} tags of ${resourceId.split('/').pop()}`,
      'PATCH',
      `${resourceId}/providers/Microsoft.Resources/tags/default`,
      {
        query: { 'api-version': API_VERSION },
        body: { operation, properties: { tags } },
        ok: [200, 202]
      }
    )
  }
}
