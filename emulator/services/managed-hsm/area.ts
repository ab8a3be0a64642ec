/** What the data-plane router hands an area (security domain, RBAC, keys, settings), and what an area is. */
import type { OutgoingHttpHeaders } from 'node:http'
import type { EmulatorContext, Exchange } from '../../core/context.js'
import type { Caller } from './auth.js'
import type { HsmRecord } from './records.js'

export interface AreaRequest {
  ex: Exchange
  ctx: EmulatorContext
  hsm: HsmRecord
  caller: Caller
  apiVersion: string
  headers: OutgoingHttpHeaders
}

export interface DataPlaneArea {
  name: string
  matches(path: string): boolean
  /** Security-domain operations are the only ones a not-yet-activated HSM serves. */
  allowedBeforeActivation: boolean
  handle(req: AreaRequest): Promise<void> | void
}
