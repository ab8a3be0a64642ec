/**
 * Storage accounts (`{account}.blob.core.windows.net`) and the Azurite child that serves them.
 * Accounts, their access lists and the containers to (re)create at start-up are persisted in
 * `<stateDir>/storage.json`; the blobs themselves live in Azurite's own store (`<stateDir>/azurite`).
 * Access is RBAC-style per account (access-list.ts): `writers` (Storage Blob Data Contributor) and
 * `readers` (Storage Blob Data Reader). Also the control API for storage (`/_emulator/storage/...`).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import type { AzuriteProcess } from './azurite.js'
import type { EmulatorContext } from '../../core/context.js'
import { sendJson } from '../../core/http.js'
import { DEFAULT_IDS, writeFileAtomic } from '../../core/state.js'
import { nowSeconds, signJwt, type SigningKey } from '../../core/tokens.js'
import { readAccessLists, replaceAccess, type AccessLists } from '../escrow-stores/access-list.js'

export const BLOB_HOST = /^([a-z0-9]{3,24})\.blob\.core\.windows\.net$/i
export const DEMO_ACCOUNT = 'skrescrow'
export const DEMO_CONTAINER = 'escrow'
export const STORAGE_RESOURCE = 'https://storage.azure.com'

export interface StorageAccount extends AccessLists {
  name: string
  /** Base64 account key handed to Azurite (Shared Key); never shown by the control API. */
  key: string
  /** Containers (re)created at every start-up; Azurite keeps the blobs. */
  containers: string[]
  createdAt: number
  /** Set when ARM created the account (services/escrow-stores); the demo resource group otherwise. */
  resourceGroup?: string
  location?: string
  /** ARM account properties as last set (absent: Azure's default, see services/escrow-stores). */
  allowSharedKeyAccess?: boolean
  allowBlobPublicAccess?: boolean
  /** ARM blob service properties (blobServices/default). */
  blobService?: BlobServiceSettings
  /** ARM immutability policies by container name (containers/{c}/immutabilityPolicies/default). */
  immutabilityPolicies?: Record<string, ImmutabilityPolicy>
}

export interface BlobServiceSettings {
  isVersioningEnabled: boolean
  deleteRetentionPolicy: { enabled: boolean; days?: number }
  containerDeleteRetentionPolicy: { enabled: boolean; days?: number }
}

export interface ImmutabilityPolicy {
  immutabilityPeriodSinceCreationInDays: number
  allowProtectedAppendWrites: boolean
  state: 'Unlocked' | 'Locked'
}

interface StorageData {
  version: 1
  accounts: Record<string, StorageAccount>
}

export const validAccountName = (name: string): boolean => /^[a-z0-9]{3,24}$/.test(name)
/** Azure's container rule: 3–63 lowercase letters, digits and single hyphens, alphanumeric at both ends. */
export const validContainerName = (name: string): boolean =>
  /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name)

function newAccount(
  name: string,
  { writers, readers }: AccessLists,
  containers: string[] = []
): StorageAccount {
  return {
    name,
    key: randomBytes(64).toString('base64'),
    writers,
    readers,
    containers,
    createdAt: Date.now()
  }
}

export class StorageStore {
  private constructor(
    readonly path: string,
    private data: StorageData
  ) {}

  static open(stateDir: string, defaultPrincipal: string): StorageStore {
    const path = join(stateDir, 'storage.json')
    if (existsSync(path)) return new StorageStore(path, JSON.parse(readFileSync(path, 'utf8')) as StorageData)
    const store = new StorageStore(path, {
      version: 1,
      accounts: {
        [DEMO_ACCOUNT]: newAccount(DEMO_ACCOUNT, { writers: [defaultPrincipal], readers: [] }, [
          DEMO_CONTAINER
        ])
      }
    })
    store.save()
    return store
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 2), 0o600)
  }

  get(name: string): StorageAccount | undefined {
    return this.data.accounts[name.toLowerCase()]
  }

  byHost(host: string): StorageAccount | undefined {
    const m = BLOB_HOST.exec(host)
    return m ? this.get(m[1]) : undefined
  }

  list(): StorageAccount[] {
    return Object.values(this.data.accounts)
  }

  put(name: string, lists: AccessLists): { account: StorageAccount; created: boolean } {
    const existing = this.data.accounts[name]
    if (existing) replaceAccess(existing, lists)
    else this.data.accounts[name] = newAccount(name, lists)
    this.save()
    return { account: this.data.accounts[name], created: !existing }
  }

  addContainer(account: StorageAccount, container: string): void {
    if (!account.containers.includes(container)) {
      account.containers.push(container)
      this.save()
    }
  }

  /** The `AZURITE_ACCOUNTS` value for all accounts. */
  azuriteAccounts(): string {
    return this.list()
      .map(a => `${a.name}:${a.key}`)
      .join(';')
  }
}

export type AzuriteState = { ok: true; azurite: AzuriteProcess } | { ok: false; error: Error }

/**
 * The storage accounts plus the Azurite child. Azurite starts on the first use of blob storage (a blob request, a
 * container or account created, a peek), not with the emulator: it costs about a second of CPU, and most emulator
 * starts in the test suite never touch a blob. `ready` settles (never rejects) once Azurite listens and every
 * account's containers exist; blob requests wait for it.
 */
export class BlobBackend {
  private starting: Promise<AzuriteState> | undefined
  private state: AzuriteState | undefined

  constructor(
    readonly accounts: StorageStore,
    /** Starts Azurite with the accounts as they are then. */
    private readonly start: () => Promise<AzuriteProcess>,
    /** Entra's signing key, read when a token is made (Entra's open loads it alongside). */
    private readonly entraKey: () => SigningKey
  ) {}

  /** Azurite, started by the first caller. */
  get ready(): Promise<AzuriteState> {
    this.starting ??= this.start().then(
      async azurite => {
        for (const account of this.accounts.list()) {
          for (const container of account.containers)
            await this.createContainer(azurite, account.name, container)
        }
        return (this.state = { ok: true as const, azurite })
      },
      (error: Error) => {
        process.stderr.write(
          `emulator: Azurite failed to start, blob storage is unavailable: ${error.message}\n`
        )
        return (this.state = { ok: false as const, error })
      }
    )
    return this.starting
  }

  /** A token Azurite's `--oauth basic` accepts (issuer prefix, audience, lifetime), for our own calls. */
  private serviceToken(): string {
    const iat = nowSeconds()
    return signJwt(
      {
        aud: STORAGE_RESOURCE,
        iss: `https://sts.windows.net/${DEFAULT_IDS.tenantId}/`,
        iat,
        nbf: iat - 60,
        exp: iat + 600,
        tid: DEFAULT_IDS.tenantId,
        idtyp: 'app'
      },
      this.entraKey()
    )
  }

  /** PUT container (path-style, straight to Azurite); an existing container is fine. */
  async createContainer(
    azurite: AzuriteProcess,
    account: string,
    container: string
  ): Promise<'created' | 'exists'> {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: azurite.port,
          method: 'PUT',
          path: `/${account}/${container}?restype=container`,
          agent: azurite.agent,
          headers: {
            authorization: `Bearer ${this.serviceToken()}`,
            'x-ms-version': '2025-01-05',
            'content-length': '0'
          }
        },
        res => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }
      )
      req.on('error', reject)
      req.end()
    })
    if (status === 201) return 'created'
    if (status === 409) return 'exists'
    throw new Error(`Azurite answered ${status} to creating container ${account}/${container}`)
  }

  /** GET a blob straight from Azurite (the control API's peek): its status and body. */
  async readBlob(azurite: AzuriteProcess, path: string): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: azurite.port,
          method: 'GET',
          path,
          agent: azurite.agent,
          headers: { authorization: `Bearer ${this.serviceToken()}`, 'x-ms-version': '2025-01-05' }
        },
        res => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
        }
      )
      req.on('error', reject)
      req.end()
    })
  }

  /** PUT a block blob straight to Azurite (a service writing on its identity's behalf, e.g. an HSM backup). */
  async writeBlob(azurite: AzuriteProcess, path: string, body: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: azurite.port,
          method: 'PUT',
          path,
          agent: azurite.agent,
          headers: {
            authorization: `Bearer ${this.serviceToken()}`,
            'x-ms-version': '2025-01-05',
            'x-ms-blob-type': 'BlockBlob',
            'content-type': 'application/octet-stream',
            'content-length': String(body.length)
          }
        },
        res => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  /** Stops Azurite (waiting for a start still under way, so the child never outlives the emulator). */
  async close(): Promise<void> {
    if (!this.starting) return
    const s = await this.starting
    if (s.ok) await s.azurite.stop()
  }

  /** Synchronous view for status reports: 'not started' until the first use, undefined while starting. */
  get current(): AzuriteState | 'not started' | undefined {
    return this.starting ? this.state : 'not started'
  }
}

function accountSummary(a: StorageAccount): Record<string, unknown> {
  return {
    name: a.name,
    url: `https://${a.name}.blob.core.windows.net`,
    writers: a.writers,
    readers: a.readers,
    containers: a.containers
  }
}

/**
 * `GET /_emulator/storage`, `PUT /_emulator/storage/accounts/{account}` `{"writers"?, "readers"?}`,
 * `PUT /_emulator/storage/containers/{account}/{container}`. Resolves false when the path is not a
 * storage endpoint.
 */
export async function handleStorageControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  body: unknown,
  res: ServerResponse
): Promise<boolean> {
  const store = ctx.storage.accounts
  if (path === '/_emulator/storage' && method === 'GET') {
    const s = ctx.storage.current
    sendJson(res, 200, {
      azurite:
        s === 'not started'
          ? { status: 'not started' }
          : s === undefined
            ? { status: 'starting' }
            : s.ok
              ? { status: 'running', pid: s.azurite.pid, port: s.azurite.port }
              : { status: 'failed', error: s.error.message },
      accounts: store.list().map(accountSummary)
    })
    return true
  }
  const acct = /^\/_emulator\/storage\/accounts\/([^/]+)$/.exec(path)
  if (acct && method === 'PUT') {
    const name = decodeURIComponent(acct[1])
    if (!validAccountName(name)) {
      sendJson(res, 400, { error: 'account names are 3-24 lowercase letters and digits' })
      return true
    }
    const lists = readAccessLists(ctx, body)
    if (typeof lists === 'string') {
      sendJson(res, 400, { error: lists })
      return true
    }
    const { account, created } = store.put(name, lists)
    // A running Azurite learns the new account; one not started yet gets every account when it starts.
    if (created && ctx.storage.current !== 'not started') {
      const s = await ctx.storage.ready
      if (s.ok) await s.azurite.setAccounts(store.azuriteAccounts())
    }
    sendJson(res, created ? 201 : 200, accountSummary(account))
    return true
  }
  const cont = /^\/_emulator\/storage\/containers\/([^/]+)\/([^/]+)$/.exec(path)
  if (cont && method === 'PUT') {
    const account = store.get(decodeURIComponent(cont[1]))
    const container = decodeURIComponent(cont[2])
    if (!account) {
      sendJson(res, 404, { error: `no storage account '${cont[1]}'` })
      return true
    }
    if (!validContainerName(container)) {
      sendJson(res, 400, { error: 'container names are 3-63 lowercase letters, digits and single hyphens' })
      return true
    }
    const s = await ctx.storage.ready
    if (!s.ok) {
      sendJson(res, 503, { error: `Azurite is not running: ${s.error.message}` })
      return true
    }
    const result = await ctx.storage.createContainer(s.azurite, account.name, container)
    // The account as it is now, not as it was before the awaits.
    store.addContainer(store.get(account.name) ?? account, container)
    sendJson(res, result === 'created' ? 201 : 200, { account: account.name, container, result })
    return true
  }
  return false
}
