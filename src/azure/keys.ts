/**
 * Keys on the Managed HSM data plane, through Microsoft's KeyClient, with the run's authentication policy
 * for the HSM host in place of its own (data-plane-auth.ts). Reads return undefined for "absent"; failures are AzureOperationErrors naming the operation.
 */
import type { KeyClient, KeyProperties, KeyRotationPolicy, KeyVaultKey } from '@azure/keyvault-keys'
import type { TokenCredential } from '@azure/core-auth'
import { azureCall, type Hint, absentOn404 } from './call.js'
import { DATA_PLANE_API_VERSION, SERVICE, type ManagedHsmDataPlane } from './managed-hsm-data.js'
import { keyVaultKeys } from './sdk.js'
import { dataPlanePolicy, useAuthPolicy } from '../auth/data-plane-auth.js'
import { clientOptions } from '../shared/connections.js'

export type { KeyProperties, KeyRotationPolicy, KeyVaultKey }

/**
 * Tag on a key version a run disabled because another run created the key at the same time and its version
 * is the older one: the value is that version.
 */
export const SUPERSEDED_BY_TAG = 'superseded-by'
const VERSION = /^[0-9a-f]{32}$/i

/** The version a disabled, superseded key version defers to. */
export function supersededBy(key: {
  properties: { enabled?: boolean; tags?: Record<string, string> }
}): string | undefined {
  const to = key.properties.tags?.[SUPERSEDED_BY_TAG]
  return key.properties.enabled === false && to && VERSION.test(to) ? to : undefined
}

const KEY_HINT: Hint = (code, status) => {
  if (status === 403)
    return "the signed-in identity needs 'Managed HSM Crypto User' on /keys (the Administrator role cannot manage keys); the rbac step grants it"
  if (code === 'BadParameter') return undefined
  return undefined
}

export class ManagedHsmKeys {
  /** Made on first use: the keys SDK loads lazily, only in runs that touch keys. */
  private keyClient?: Promise<KeyClient>

  /** `tenantId`: the HSM's tenant as ARM reports it. */
  constructor(
    private readonly credential: TokenCredential,
    private readonly hsmUri: string,
    private readonly tenantId?: string
  ) {}

  private client(): Promise<KeyClient> {
    this.keyClient ??= keyVaultKeys().then(({ KeyClient }) => {
      const client = new KeyClient(new URL(this.hsmUri).origin, this.credential, {
        serviceVersion: DATA_PLANE_API_VERSION,
        ...clientOptions()
      })
      useAuthPolicy(client, dataPlanePolicy(this.credential, this.hsmUri, this.tenantId))
      return client
    })
    return this.keyClient
  }

  /** The key's version in effect (see current), undefined when the key does not exist. */
  async get(name: string): Promise<KeyVaultKey | undefined> {
    return (await this.current(name)).key
  }

  /**
   * The key's version in effect: the latest one, unless it was disabled as the loser of two runs that
   * created the key at once (tagged superseded-by, see steps/key/settle.ts); then the version it names.
   * `superseded` lists the versions passed over, newest first.
   */
  async current(name: string): Promise<{ key: KeyVaultKey | undefined; superseded: KeyVaultKey[] }> {
    const superseded: KeyVaultKey[] = []
    let key = await this.read(name)
    for (let hop = 0; key && hop < 3; hop++) {
      const next = supersededBy(key)
      const target = next ? await this.read(name, next) : undefined
      if (!target) break
      superseded.push(key)
      key = target
    }
    return { key, superseded }
  }

  /** One version (or the latest); undefined on 404. */
  async read(name: string, version?: string): Promise<KeyVaultKey | undefined> {
    return absentOn404(async () => {
      return await azureCall(
        SERVICE,
        `read key '${name}'${version ? ` version ${version}` : ''}`,
        async () => (await this.client()).getKey(name, version ? { version } : {}),
        KEY_HINT
      )
    })
  }

  /** Every version's properties (GET /keys/{name}/versions, all pages). */
  async versions(name: string): Promise<KeyProperties[]> {
    return this.call(`list the versions of key '${name}'`, async c => {
      const out: KeyProperties[] = []
      for await (const p of c.listPropertiesOfKeyVersions(name)) out.push(p)
      return out
    })
  }

  /** The key's rotation policy (GET /keys/{name}/rotationpolicy); undefined on 404 (no such key). */
  async rotationPolicy(name: string): Promise<KeyRotationPolicy | undefined> {
    return absentOn404(() =>
      this.call(`read the rotation policy of key '${name}'`, c => c.getKeyRotationPolicy(name))
    )
  }

  call<T>(operation: string, fn: (client: KeyClient) => Promise<T>, hint: Hint = KEY_HINT): Promise<T> {
    return azureCall(SERVICE, operation, async () => fn(await this.client()), hint)
  }
}

/** A key as `GET /keys` lists it: its latest version's attributes, without the key or its release policy. */
export interface KeyItem {
  /** Versionless key id, `https://HSM/keys/NAME`. */
  kid: string
  attributes?: { enabled?: boolean; exportable?: boolean }
  tags?: Record<string, string>
  managed?: boolean
}

/**
 * Every key of the HSM (`GET /keys`, all pages), read over the data plane directly: the SDK's list drops the
 * `exportable` attribute that the REST answer carries (KeyItem.attributes is KeyAttributes). A nextLink is
 * followed only on the same HSM, by path and query.
 */
export async function listKeyItems(hsm: ManagedHsmDataPlane): Promise<KeyItem[]> {
  const operation = 'list the keys'
  const items: KeyItem[] = []
  let r = await hsm.send<{ value?: KeyItem[]; nextLink?: string | null }>(operation, 'GET', '/keys', {
    hint: KEY_HINT
  })
  items.push(...(r.body?.value ?? []))
  for (let page = 0; r.body?.nextLink && page < 200; page++) {
    const next = new URL(r.body.nextLink)
    if (next.origin !== hsm.origin) break
    r = await hsm.send(operation, 'GET', next.pathname, {
      query: Object.fromEntries([...next.searchParams].filter(([k]) => k !== 'api-version')),
      hint: KEY_HINT
    })
    items.push(...(r.body?.value ?? []))
  }
  return items.filter(i => typeof i?.kid === 'string')
}

/** The key name of a key id (`https://HSM/keys/NAME[/VERSION]`). */
export function keyNameOf(kid: string): string {
  try {
    return decodeURIComponent(new URL(kid).pathname.split('/')[2] ?? '')
  } catch {
    return ''
  }
}
