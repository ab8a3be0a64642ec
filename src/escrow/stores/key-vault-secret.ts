/**
 * A Key Vault secret as an escrow target: https://{vault}.vault.azure.net/secrets/{name}.
 * Key Vault has no conditional create, so "if absent" is read-then-write; the content's SHA-256 in a tag
 * lets a rerun tell its own earlier write from someone else's.
 */
import type { SecretClient } from '@azure/keyvault-secrets'
import type { TokenCredential } from '@azure/core-auth'
import { azureCall, emptyErrorAnswerPolicy, absentOn404 } from '../../azure/call.js'
import { dataPlanePolicy, useAuthPolicy } from '../../auth/data-plane-auth.js'
import { differentObject, SECRET_MAX_BYTES, type EscrowObject, type EscrowStore } from './store.js'
import { sha256Hex } from '../../shared/hash.js'
import { sleep } from '../../shared/retry.js'
import { keyVaultSecrets } from '../../azure/sdk.js'
import { clientOptions } from '../../shared/connections.js'

const SERVICE = 'Key Vault'

export class KeyVaultSecretStore implements EscrowStore {
  readonly kind = 'key-vault-secret' as const
  /** Made on first use: the secrets SDK loads lazily. */
  private secrets?: Promise<SecretClient>

  constructor(
    readonly url: string,
    private readonly vaultUrl: string,
    private readonly name: string,
    private readonly credential: TokenCredential
  ) {}

  private client(): Promise<SecretClient> {
    this.secrets ??= keyVaultSecrets().then(({ SecretClient }) => {
      const options = clientOptions()
      const client = new SecretClient(this.vaultUrl, this.credential, {
        ...options,
        additionalPolicies: [
          ...options.additionalPolicies,
          { policy: emptyErrorAnswerPolicy, position: 'perCall' }
        ]
      })
      // The token on the first request, no challenge round trip (auth/data-plane-auth.ts).
      useAuthPolicy(client, dataPlanePolicy(this.credential, this.vaultUrl))
      return client
    })
    return this.secrets
  }

  async probe(): Promise<void> {
    // A sibling secret, so the escrow name itself is never written by a probe.
    const probeName = `${this.name}-preflight`.slice(0, 127)
    const client = await this.client()
    await azureCall(
      SERVICE,
      `write a preflight secret '${probeName}' in ${this.vaultUrl}`,
      () =>
        client.setSecret(probeName, `preflight ${new Date().toISOString()}`, {
          contentType: 'text/plain',
          tags: { purpose: 'managed-hsm-skr-action preflight: proves the escrow vault is writable' }
        }),
      permissionHint
    )
    await this.get()
  }

  async get(): Promise<EscrowObject | undefined> {
    const client = await this.client()
    return absentOn404(async () => {
      const s = await azureCall(
        SERVICE,
        `read secret ${this.url}`,
        () => client.getSecret(this.name),
        permissionHint
      )
      if (s.value === undefined) return undefined
      // Binary-safe: the value is stored base64 when the content type says so.
      const content = s.properties.contentType?.includes('base64')
        ? Buffer.from(s.value, 'base64')
        : Buffer.from(s.value, 'utf8')
      return { content, metadata: { ...(s.properties.tags ?? {}) }, version: s.properties.version }
    })
  }

  async putIfAbsent(
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<'written' | 'present'> {
    const existing = await this.get()
    if (existing) {
      if (sha256Hex(existing.content) === sha256Hex(content)) return 'present'
      throw differentObject(this.url)
    }
    await this.write(content, metadata, contentType)
    return 'written'
  }

  async replaceIf(
    version: string | 'absent',
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string,
    settleMs = REPLACE_SETTLE_MS
  ): Promise<boolean> {
    const current = await this.get()
    if ((current?.version ?? 'absent') !== version) return false
    const written = await this.write(content, metadata, contentType)
    // Two writers that both saw `version` each add a version; after a pause both read the same latest one.
    await sleep(settleMs)
    return (await this.get())?.version === written
  }

  /** Sets the secret (a new version); returns that version. */
  private async write(
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<string | undefined> {
    const text = content.toString('utf8')
    const binary = !Buffer.from(text, 'utf8').equals(content)
    const value = binary ? content.toString('base64') : text
    if (Buffer.byteLength(value) > SECRET_MAX_BYTES) {
      throw new Error(
        `${Buffer.byteLength(value)} bytes do not fit in a Key Vault secret (limit ${SECRET_MAX_BYTES}); ` +
          'escrow to Blob storage instead (https://ACCOUNT.blob.core.windows.net/CONTAINER/PATH)'
      )
    }
    const client = await this.client()
    const s = await azureCall(
      SERVICE,
      `write secret ${this.url}`,
      () =>
        client.setSecret(this.name, value, {
          contentType: binary ? `${contentType};base64` : contentType,
          tags: tagSafe(metadata)
        }),
      permissionHint
    )
    return s.properties.version
  }
}

/** How long a Key Vault replaceIf waits before reading which write came last. */
const REPLACE_SETTLE_MS = 1500

/** Key Vault tags: at most 15, values at most 256 characters. */
function tagSafe(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata)
      .slice(0, 15)
      .map(([k, v]) => [k, v.slice(0, 256)])
  )
}

function permissionHint(_code: string | undefined, status: number | undefined): string | undefined {
  return status === 401 || status === 403
    ? "grant the signed-in identity 'Key Vault Secrets Officer' on the vault (or a get/set access policy)"
    : undefined
}
