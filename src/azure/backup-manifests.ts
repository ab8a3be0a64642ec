/**
 * The manifests the backup step writes beside each finished full backup, in the backup container under
 * `backup-manifests/{hsm}/`: the folder's URL, the job id and the finish time. Verify judges freshness from
 * them, not from the folders (a failed job leaves a folder too, and a folder's name is Azure's, opaque).
 * A manifest read back is untrusted: only well-formed ones for this HSM and this container count.
 */
import type { TokenCredential } from '@azure/core-auth'
import type { ContainerClient } from '@azure/storage-blob'
import { azureCall } from './call.js'
import { withRetries } from './retry.js'
import { storageBlob } from './sdk.js'
import { storageClientOptions } from '../shared/connections.js'

const SERVICE = 'Blob storage'
export const MANIFEST_SCHEMA = 'managed-hsm-skr/backup-manifest'
/** Manifests listed at most (the newest win; a nightly backup makes 365 a year). */
const MAX_LISTED = 5000
/** Read at most this many of the newest by name, the rest only counted. */
const MAX_READ = 20
const MAX_BYTES = 16_384

export interface BackupManifest {
  schema: typeof MANIFEST_SCHEMA
  version: 1
  hsmName: string
  hsmResourceId: string
  jobId: string
  folderUrl: string
  /** ISO times. */
  startTime: string
  endTime: string
}

const permissionHint = (_c: string | undefined, status: number | undefined): string | undefined =>
  status === 401 || status === 403
    ? "grant the signed-in identity 'Storage Blob Data Contributor' (backup) or 'Storage Blob Data Reader' (verify) on the backup container"
    : undefined

export class BackupManifests {
  private client?: Promise<ContainerClient>

  constructor(
    private readonly accountUrl: string,
    private readonly container: string,
    private readonly credential: TokenCredential
  ) {}

  private containerClient(): Promise<ContainerClient> {
    this.client ??= storageBlob().then(({ BlobServiceClient }) =>
      new BlobServiceClient(this.accountUrl, this.credential, {
        ...storageClientOptions(this.accountUrl),
        retryOptions: { maxTries: 1 }
      }).getContainerClient(this.container)
    )
    return this.client
  }

  static prefix(hsmName: string): string {
    return `backup-manifests/${hsmName.toLowerCase()}/`
  }

  /** Writes the manifest of a finished backup; its name sorts by finish time. Returns the blob's URL. */
  async write(m: BackupManifest): Promise<string> {
    const c = await this.containerClient()
    const stamp = m.endTime.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
    const blob = c.getBlockBlobClient(`${BackupManifests.prefix(m.hsmName)}${stamp}-${m.jobId}.json`)
    const body = JSON.stringify(m, null, 2)
    await this.call(`write the backup manifest ${blob.url}`, () =>
      blob.upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' }
      })
    )
    return blob.url
  }

  /** The manifests of `hsmName` that parse, newest first (by their own finish time), and how many were listed. */
  async list(hsmName: string): Promise<{ manifests: BackupManifest[]; listed: number }> {
    const c = await this.containerClient()
    const names = await this.call(`list the backup manifests in ${c.url}`, async () => {
      const out: string[] = []
      for await (const b of c.listBlobsFlat({ prefix: BackupManifests.prefix(hsmName) })) {
        out.push(b.name)
        if (out.length >= MAX_LISTED) break
      }
      return out
    })
    const newest = names.sort().reverse().slice(0, MAX_READ)
    const manifests: BackupManifest[] = []
    for (const name of newest) {
      const blob = c.getBlobClient(name)
      const text = await this.call(`read the backup manifest ${blob.url}`, async () => {
        // At most MAX_BYTES of it: a manifest is small, and what is read is untrusted.
        const r = await blob.download(0, MAX_BYTES)
        const chunks: Buffer[] = []
        for await (const chunk of r.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer))
        return Buffer.concat(chunks).toString('utf8')
      })
      const m = parseManifest(text)
      if (m) manifests.push(m)
    }
    manifests.sort((a, b) => Date.parse(b.endTime) - Date.parse(a.endTime))
    return { manifests, listed: names.length }
  }

  private call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return azureCall(SERVICE, operation, () => withRetries(fn), permissionHint)
  }
}

const str = (v: unknown, max = 2048): v is string => typeof v === 'string' && v.length > 0 && v.length <= max
const isoTime = (v: unknown): v is string => str(v, 40) && !Number.isNaN(Date.parse(v))

/** A manifest as read back, or undefined when it is not one (wrong schema, missing or odd fields). */
export function parseManifest(text: string): BackupManifest | undefined {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!v || typeof v !== 'object') return undefined
  const m = v as Record<string, unknown>
  if (m.schema !== MANIFEST_SCHEMA || m.version !== 1) return undefined
  if (!str(m.hsmName, 24) || !str(m.hsmResourceId) || !str(m.jobId, 64) || !str(m.folderUrl)) return undefined
  if (!isoTime(m.startTime) || !isoTime(m.endTime)) return undefined
  return {
    schema: MANIFEST_SCHEMA,
    version: 1,
    hsmName: m.hsmName,
    hsmResourceId: m.hsmResourceId,
    jobId: m.jobId,
    folderUrl: m.folderUrl,
    startTime: m.startTime,
    endTime: m.endTime
  }
}
