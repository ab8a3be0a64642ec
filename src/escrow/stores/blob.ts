/**
 * A blob as an escrow target: https://{account}.blob.core.windows.net/{container}/{path}.
 * Written with If-None-Match: * so an existing escrow is never overwritten, even by a concurrent run.
 */
import type { BlockBlobClient } from '@azure/storage-blob'
import type { TokenCredential } from '@azure/core-auth'
import { azureCall, statusOf, absentOn404 } from '../../azure/call.js'
import { withRetries, type RetryOptions } from '../../azure/retry.js'
import { storageBlob } from '../../azure/sdk.js'
import { differentObject, type EscrowObject, type EscrowStore } from './store.js'
import { sha256Hex } from '../../shared/hash.js'
import { storageClientOptions } from '../../shared/connections.js'

const SERVICE = 'Blob storage'

export class BlobStore implements EscrowStore {
  readonly kind = 'blob' as const
  /** The escrow blob and its preflight sibling, made on first use (the storage SDK loads lazily). */
  private clients?: Promise<{ blob: BlockBlobClient; probeBlob: BlockBlobClient }>

  constructor(
    readonly url: string,
    private readonly accountUrl: string,
    private readonly container: string,
    private readonly path: string,
    private readonly credential: TokenCredential,
    private readonly retry: Partial<RetryOptions> = {}
  ) {}

  private blobs(): Promise<{ blob: BlockBlobClient; probeBlob: BlockBlobClient }> {
    this.clients ??= storageBlob().then(({ BlobServiceClient }) => {
      const service = new BlobServiceClient(this.accountUrl, this.credential, {
        ...storageClientOptions(this.accountUrl),
        // The SDK's retries skip 429 and ignore Retry-After: call() does the retrying, not on top of the SDK's.
        retryOptions: { maxTries: 1 }
      })
      const c = service.getContainerClient(this.container)
      return {
        blob: c.getBlockBlobClient(this.path),
        probeBlob: c.getBlockBlobClient(`${this.path}.preflight`)
      }
    })
    return this.clients
  }

  async probe(): Promise<void> {
    const { probeBlob } = await this.blobs()
    const body = `preflight ${new Date().toISOString()}`
    await this.call(`write a preflight blob next to ${this.url}`, () =>
      probeBlob.upload(body, Buffer.byteLength(body))
    )
    await this.call(`delete the preflight blob next to ${this.url}`, () => probeBlob.deleteIfExists())
  }

  async get(): Promise<EscrowObject | undefined> {
    return absentOn404(async () => {
      // One GET: the download answer carries the metadata too.
      const { blob } = await this.blobs()
      return await this.call(`read ${this.url}`, async () => {
        const r = await blob.download()
        const chunks: Buffer[] = []
        for await (const chunk of r.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer))
        return { content: Buffer.concat(chunks), metadata: { ...(r.metadata ?? {}) }, version: r.etag }
      })
    })
  }

  async putIfAbsent(
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<'written' | 'present'> {
    const { blob } = await this.blobs()
    try {
      // A retry after a write that landed but whose answer was lost meets 409/412 below: compared, not failed.
      await this.call(`write ${this.url}`, () =>
        blob.upload(content, content.length, {
          conditions: { ifNoneMatch: '*' },
          metadata: blobMetadata(metadata),
          blobHTTPHeaders: { blobContentType: contentType }
        })
      )
      return 'written'
    } catch (e) {
      if (statusOf(e) !== 409 && statusOf(e) !== 412) throw e
      const existing = await this.get()
      if (existing && sha256Hex(existing.content) === sha256Hex(content)) return 'present'
      throw differentObject(this.url)
    }
  }

  async replaceIf(
    version: string | 'absent',
    content: Buffer,
    metadata: Record<string, string>,
    contentType: string
  ): Promise<boolean> {
    const { blob } = await this.blobs()
    try {
      await this.call(`write ${this.url}`, () =>
        blob.upload(content, content.length, {
          conditions: version === 'absent' ? { ifNoneMatch: '*' } : { ifMatch: version },
          metadata: blobMetadata(metadata),
          blobHTTPHeaders: { blobContentType: contentType }
        })
      )
      return true
    } catch (e) {
      if (statusOf(e) !== 409 && statusOf(e) !== 412) throw e
      // A retried write whose first attempt landed meets its own ETag change: that one was ours.
      const now = await this.get()
      return !!now && sha256Hex(now.content) === sha256Hex(content)
    }
  }

  /** One operation, retried on throttling and outages (a whole download included), as a named error. */
  private call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return azureCall(SERVICE, operation, () => withRetries(fn, this.retry), permissionHint)
  }
}

/** Blob metadata names must be C# identifiers. */
function blobMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.replace(/[^A-Za-z0-9_]/g, '_'), v]))
}

function permissionHint(_code: string | undefined, status: number | undefined): string | undefined {
  return status === 401 || status === 403
    ? "grant the signed-in identity 'Storage Blob Data Contributor' on the container"
    : undefined
}
