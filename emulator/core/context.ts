/**
 * Types shared by the server, the services and the control API. Core names no service: a service adds
 * its own fields to SigningKeys, ServiceStores, EmulatorInfo and StateData (state.ts) by declaration
 * merging from its folder, and registers a ServiceModule in services/index.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CertificateAuthority } from './ca.js'
import type { FaultStore } from './faults.js'
import type { RequestLog } from './request-log.js'
import type { StateData, StateStore } from './state.js'

/**
 * Runtime knobs; set from the CLI, changed with PUT /_emulator/settings, not persisted. Each service adds its
 * own by merging, with their checks (ServiceModule.settings).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Settings {}

/** Checks a value PUT /_emulator/settings sets: the error to answer, or undefined when it is fine. */
export type SettingCheck = (value: unknown, key: string) => string | undefined

export const numberSetting: SettingCheck = (value, key) =>
  typeof value !== 'number' || !Number.isFinite(value) ? `${key} must be a number` : undefined

export const booleanSetting: SettingCheck = (value, key) =>
  typeof value !== 'boolean' ? `${key} must be a boolean` : undefined

/** The JSON line printed on stdout once the emulator listens; services add their fields (ServiceModule.info). */
export interface EmulatorInfo {
  proxy: string
  port: number
  caCert: string
  tenantId: string
  subscriptionId: string
  clientId: string
  stateDir: string
  resourceGroup: string
  location: string
  controlUrl: string
  pid: number
}

/** Token-signing keys by issuer; each issuing service adds its own and loads it in ServiceModule.open. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SigningKeys {}

/** Stores a service keeps outside state.json (their own files); each service adds its own in open. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceStores {}

export interface EmulatorContext extends ServiceStores {
  stateDir: string
  state: StateStore
  settings: Settings
  keys: SigningKeys
  log: RequestLog
  faults: FaultStore
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
  /**
   * The user name the client gave the proxy (`HTTPS_PROXY=http://name@host:port`, sent as CONNECT's
   * Proxy-Authorization): which of the test's networks the request came from (a runner's egress), never
   * anything the action sends to Azure itself.
   */
  proxyUser?: string
}

export interface Service {
  name: string
  handle(ex: Exchange, ctx: EmulatorContext): Promise<void> | void
  /** A token request (never counted as a write in the request log, even when a fault answers it). */
  tokenRequest?(ex: Exchange): boolean
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

/** A control API request under /_emulator/ that core does not answer itself; the body is parsed JSON. */
export interface ControlRequest {
  ctx: EmulatorContext
  method: string
  path: string
  body: unknown
  res: ServerResponse
}

/** What a service folder registers in services/index.ts: its hosts and its parts of start-up and control. */
export interface ServiceModule {
  name: string
  /** Host table rows; hosts no service lists are refused at CONNECT. */
  routes?: HostRoute[]
  /** Its part of a fresh state.json (StateData fields it adds). */
  seed?(): Partial<StateData>
  /** Writes the files a first start creates that are slow to make (signing keys), for state templates. */
  prepare?(stateDir: string): Promise<void>
  /** Loads its keys and stores into ctx before the emulator listens; `ca` resolves once the CA is open. */
  open?(ctx: EmulatorContext, ca: Promise<CertificateAuthority>): Promise<void> | void
  /** Its knobs (Settings fields it adds) and how a PUT of each is checked. */
  settings?: Record<string, SettingCheck>
  /** Its fields of the JSON line printed at start. */
  info?(ctx: EmulatorContext): Partial<EmulatorInfo>
  /** Its part of GET /_emulator/state (nothing secret). */
  publicState?(ctx: EmulatorContext): Record<string, unknown>
  /** Answers its control endpoints; false when the path is not one of them. */
  control?(r: ControlRequest): Promise<boolean> | boolean
  /** GET /_emulator/peek/{kind}/...: answers when `parts[0]` is one of its kinds, else false. */
  peek?(ctx: EmulatorContext, parts: string[], res: ServerResponse): Promise<boolean> | boolean
  close?(ctx: EmulatorContext): Promise<void>
}
