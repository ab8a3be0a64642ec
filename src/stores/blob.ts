/**
 * A blob as an escrow target: https://{account}.blob.core.windows.net/{container}/{path}.
 * Written with If-None-Match: * so an existing escrow is never overwritten, even by a concurrent run.
 */
import { BlobServiceClient, type BlockBlobClient } from '@azure/storage-blob'
import type { TokenCredential } from '@azure/core-auth'
import { azureCall, statusOf } from '../azure/call.js'
import { EscrowConflictError, sha256Hex, type EscrowObject, type EscrowStore } from './store.js'

const SERVICE = 'Blob storage'

export class BlobStore implements EscrowStore {
  readonly kind = 'blob' as const
  private readonly blob: BlockBlobClient
  private readonly probeBlob: BlockBlobClient

  constructor(
    readonly url: string,
    accountUrl: string,
    container: string,
    path: string,
    credential: TokenCredential
  ) {
    const service = new BlobServiceClient(accountUrl, credential, {
      userAgentOptions: { userAgentPrefix: 'managed-hsm-skr-action' }
    })
    const c = service.getContainerClient(container)
    this.blob = c.getBlockBlobClient(path)
    this.probeBlob = c.getBlockBlobClient(`${path}.preflight`)
  }

  async probe(): Promise<void> {
    const body = `preflight ${new Date().toISOString()}`
    await azureCall(
      SERVICE,
      `write a preflight blob next to ${this.url}`,
      () => this.probeBlob.upload(body, Buffer.byteLength(body)),
      permissionHint
    )
    await azureCall(
      SERVICE,
      `delete the preflight blob next to ${this.url}`,
      () => this.probeBlob.deleteIfExists(),
      permissionHint
    )
  }

  async get(): Promise<EscrowObject | undefined> {
    try {
      // One GET: the download answer carries the metadata too.
      return await azureCall(
        SERVICE,
        `read ${this.url}`,
        async () => {
          const r = await this.blob.download()
          const chunks: Buffer[] = []
          for await (const chunk of r.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer))
          return { content: Buffer.concat(chunks), metadata: { ...(r.metadata ?? {}) }, version: r.etag }
        },
        permissionHint
      )
    } catch (e) {
      if (statusOf(e) === 404) return undefined
      throw e
    }
  }

  async putIfAbsent(
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<'written' | 'present'> {
    try {
      await azureCall(
        SERVICE,
        `write ${this.url}`,
        () =>
          this.blob.upload(content, content.length, {
            conditions: { ifNoneMatch: '*' },
            metadata: blobMetadata(metadata),
            blobHTTPHeaders: { blobContentType: contentType }
          }),
        permissionHint
      )
      return 'written'
    } catch (e) {
      if (statusOf(e) !== 409 && statusOf(e) !== 412) throw e
      const existing = await this.get()
      if (existing && sha256Hex(existing.content) === sha256Hex(content)) return 'present'
      throw new EscrowConflictError(this.url)
    }
  }

  async replaceIf(
    version: string | 'absent',
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<boolean> {
    try {
      await azureCall(
        SERVICE,
        `write ${this.url}`,
        () =>
          this.blob.upload(content, content.length, {
            conditions: version === 'absent' ? { ifNoneMatch: '*' } : { ifMatch: version },
            metadata: blobMetadata(metadata),
            blobHTTPHeaders: { blobContentType: contentType }
          }),
        permissionHint
      )
      return true
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412) return false
      throw e
    }
  }
}

/** Blob metadata names must be C# identifiers. */
function blobMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.replace(/[^A-Za-z0-9_]/g, '_'), v]))
}

function permissionHint(_code: string | undefined, status: number | undefined): string | undefined {
  return status === 403
    ? "grant the signed-in identity 'Storage Blob Data Contributor' on the container"
    : undefined
}
