/** Types shared by the server, the services and the control API. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultStore } from './faults.js'
import type { RequestLog } from './request-log.js'
import type { BlobBackend } from '../services/blob/store.js'
import type { KeyVaultStore } from '../services/key-vault/store.js'
import type { StateStore } from './state.js'
import type { SigningKey } from './tokens.js'

/** Runtime knobs; set from the CLI, changed with PUT /_emulator/settings, not persisted. */
export interface Settings {
  provisioningSeconds: number
  activationSeconds: number
  rbacPropagationSeconds: number
  /** Extra time every key creation (create, import, rotate) takes before the version is stored. */
  keyCreationSeconds: number
  /** Lifetime of GitHub OIDC tokens; negative issues tokens that are already expired. */
  oidcTokenLifetimeSeconds: number
  accessTokenLifetimeSeconds: number
  /** Ends the next ManagedHSM creation in `Failed` (true, or the error to report). */
  failNextCreate: false | true | FailureSpec
  /** Ends the next security-domain activation (download or upload) in `Failed`. */
  failNextActivation: boolean
  /**
   * Azure RBAC on ARM and on the escrow stores (services/arm/authorization.ts): off by default (every
   * signed-in caller may do everything on ARM; the stores' access lists decide); on, only role
   * assignments count on ARM, and they also grant store data.
   */
  enforceRbac?: boolean
}

export interface FailureSpec {
  status?: number
  code?: string
  message?: string
}

/** The JSON line printed on stdout once the emulator listens. */
export interface EmulatorInfo {
  proxy: string
  port: number
  caCert: string
  tenantId: string
  subscriptionId: string
  clientId: string
  principalId: string
  oidcRequestUrl: string
  oidcRequestToken: string
  oidcSubject: string
  oidcAudience: string
  stateDir: string
  resourceGroup: string
  location: string
  controlUrl: string
  pid: number
  /** The pre-created Key Vault, e.g. https://kv-skr-escrow.vault.azure.net (no trailing slash). */
  keyVaultUrl: string
  /** The pre-created storage account's blob endpoint, e.g. https://skrescrow.blob.core.windows.net. */
  storageAccountUrl: string
  /** The pre-created blob container in that account. */
  storageContainer: string
}

export interface EmulatorContext {
  stateDir: string
  state: StateStore
  settings: Settings
  keys: { github: SigningKey; entra: SigningKey }
  log: RequestLog
  faults: FaultStore
  /** Key Vault vaults and their secrets (`services/key-vault/store.ts`). */
  vaults: KeyVaultStore
  /** Storage accounts and the Azurite child that serves their blobs (`services/blob/store.ts`). */
  storage: BlobBackend
}

/** One HTTPS request as a service sees it: the body is already read. */
export interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  method: string
  host: string
  url: URL
  body: Buffer
  /** Set by a service once a bearer token is verified, for the request log. */
  callerOid?: string
  /** Token and OIDC requests are not counted as writes in the request log. */
  tokenRequest?: boolean
}

export interface Service {
  name: string
  handle(ex: Exchange, ctx: EmulatorContext): Promise<void> | void
  /** The service reads (streams) the request body itself: `ex.body` stays empty. */
  streaming?: boolean
  /** Answers an injected fault status in the service's own error shape (default: Azure JSON). */
  faultResponse?(
    ex: Exchange,
    status: number,
    code: string | undefined,
    message: string | undefined,
    headers: Record<string, string>
  ): void
}

/**
 * One row of the host table. `resolves` answers whether the host "exists in DNS"; when it
 * says no, the proxy refuses the CONNECT with 502 like a proxy that cannot resolve the name.
 */
export interface HostRoute {
  match: (host: string) => boolean
  service: Service
  resolves?: (host: string, ctx: EmulatorContext) => boolean
}
