/**
 * Managed HSM data plane at https://{name}.managedhsm.azure.net. The router resolves the HSM,
 * authenticates, enforces activation, then hands the request to the first area whose path
 * matches: security domain, local RBAC, keys, settings (each authorises the caller with rbac/authorize.ts).
 */
import type { OutgoingHttpHeaders } from 'node:http'
import type { EmulatorContext, Exchange, Service } from '../../core/context.js'
import { azureError, mhsmHeaders, sendJson } from '../../core/http.js'
import { activationStatus, findHsmByHost, isHsmReady, type HsmRecord } from '../../core/state.js'
import { authenticate, type Caller } from './auth.js'
import { keysArea } from './keys/index.js'
import { rbacArea } from './rbac/index.js'
import { securityDomainArea } from './security-domain.js'
import { settingsArea } from './settings.js'

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

/** RBAC before keys: `/keys/{name}/providers/Microsoft.Authorization/...` is an RBAC path. */
const AREAS: DataPlaneArea[] = [securityDomainArea, rbacArea, keysArea, settingsArea]

export const MHSM_HOST = /^([a-z0-9-]+)\.managedhsm\.azure\.net$/i

/** The HSM's host name "resolves" only once it is provisioned and while it is not deleted. */
export function mhsmResolves(host: string, ctx: EmulatorContext): boolean {
  return isHsmReady(findHsmByHost(ctx.state, host))
}

export const managedHsmService: Service = {
  name: 'managed-hsm',
  async handle(ex, ctx) {
    const hsm = findHsmByHost(ctx.state, ex.host)
    if (!isHsmReady(hsm)) {
      // The name stopped resolving (deleted) while a connection was still open.
      ex.res.destroy()
      return
    }
    const caller = authenticate(ex, ctx.keys.entra, hsm.location, hsm.properties.tenantId)
    if (!caller) return
    const headers = mhsmHeaders(ex.req, hsm.location)
    const apiVersion = ex.url.searchParams.get('api-version')
    if (!apiVersion) {
      return sendJson(
        ex.res,
        400,
        azureError('BadParameter', 'The api-version query parameter is missing.'),
        headers
      )
    }
    const area = AREAS.find(a => a.matches(ex.url.pathname))
    if (activationStatus(hsm) !== 'Active' && !area?.allowedBeforeActivation) {
      // Unverified: the exact status/code/message for data-plane calls before activation.
      return sendJson(
        ex.res,
        403,
        {
          error: {
            code: 'Forbidden',
            message: `Operation not allowed: the managed HSM '${hsm.name}' is not activated. Download the security domain to activate it.`,
            innererror: { code: 'HsmNotActivated' }
          }
        },
        headers
      )
    }
    if (!area) {
      return sendJson(
        ex.res,
        404,
        azureError('NotFound', `The requested path '${ex.url.pathname}' was not found.`),
        headers
      )
    }
    await area.handle({ ex, ctx, hsm, caller, apiVersion, headers })
  }
}
