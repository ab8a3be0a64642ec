/**
 * Managed HSM data plane at https://{name}.managedhsm.azure.net. The router resolves the HSM,
 * authenticates, enforces activation, then hands the request to the first area whose path
 * matches: security domain, local RBAC, keys, settings (each authorises the caller with rbac/authorize.ts).
 */
import { attestationAuthority, attestationRootFile } from './attestation.js'
import {
  booleanSetting,
  numberSetting,
  type EmulatorContext,
  type Service,
  type ServiceModule
} from '../../core/context.js'
import { answer, azureError, isRecord, sendJson } from '../../core/http.js'
import { mhsmHeaders } from './headers.js'
import { callerAddress, callerAddressesSetting, networkInfo, networkRefusal } from './network.js'
import type { DataPlaneArea } from './area.js'
import { handleForeignHsmControl } from './arm/foreign.js'
import { handleConnectionControl } from './arm/private-endpoints.js'
import { hsmJson } from './arm/wire.js'
import { authenticate } from './auth.js'
import { handleHsmRecordControl, handleManagedHsmControl } from './control.js'
import { activationStatus, findHsmByHost, isHsmReady, provisioningState, seedHsms } from './records.js'
import { backupArea, refusedDuringRestore } from './backup/index.js'
import { settleRestores } from './backup/jobs.js'
import { keysArea } from './keys/index.js'
import { rbacArea } from './rbac/index.js'
import { securityDomainArea } from './security-domain.js'
import { settingsArea } from './settings.js'
import { mhsmStore } from './store.js'
import { regionNameSetting, servingRegion } from './replication.js'

/**
 * RBAC before keys: `/keys/{name}/providers/Microsoft.Authorization/...` is an RBAC path; backup before
 * keys: `/keys/{name}/restore` is a selective restore from a full backup.
 */
const AREAS: DataPlaneArea[] = [securityDomainArea, backupArea, rbacArea, keysArea, settingsArea]

declare module '../../core/context.js' {
  interface EmulatorInfo {
    /**
     * The key attestation test root (PEM file): what a test preload gives a run to trust
     * (scripts/attestation-preload.ts); dist/index.js alone trusts only Marvell's roots.
     */
    attestationRootCert: string
  }
  interface Settings {
    provisioningSeconds: number
    activationSeconds: number
    rbacPropagationSeconds: number
    /** Extra time every key creation (create, import, rotate) takes before the version is stored. */
    keyCreationSeconds: number
    /** Ends the next ManagedHSM creation in `Failed` (true, or the error to report). */
    failNextCreate: false | true | FailureSpec
    /** Ends the next security-domain activation (download or upload) in `Failed`. */
    failNextActivation: boolean
    /** How long adding (or removing) an extended region takes (arm/regions.ts). */
    regionSeconds: number
    /** Ends the next region extension in `Failed`. */
    failNextRegion: boolean
  }
}

export interface FailureSpec {
  status?: number
  code?: string
  message?: string
}

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
    // Every answer, the challenge included, names the address the caller came from.
    const address = callerAddress(ex, ctx)
    ex.res.setHeader('x-ms-keyvault-network-info', networkInfo(address))
    const caller = authenticate(
      ex,
      ctx.keys.entra,
      hsm.location,
      hsm.properties.tenantId,
      ctx.settings.accessTokenSkewSeconds
    )
    if (!caller) return
    // The region that answers: the extended one when the dataPlaneRegion setting sends the data plane there.
    const headers = mhsmHeaders(ex.req, servingRegion({ ctx, hsm }) ?? hsm.location)
    // The network rules before anything else the caller asks (activation, roles): network.ts.
    const refused = networkRefusal(hsm, address, caller)
    if (refused) return sendJson(ex.res, 403, refused, headers)
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
    const r = { ex, ctx, hsm, caller, apiVersion, headers }
    if (activationStatus(hsm) === 'Active') {
      const store = mhsmStore(ctx)
      // A restore whose job ended takes effect before anything reads the HSM.
      if (settleRestores(store.hsm(hsm))) store.save()
      if (refusedDuringRestore(r)) return
    }
    await area.handle(r)
  }
}

export const managedHsmModule: ServiceModule = {
  name: 'managed-hsm',
  routes: [{ match: host => MHSM_HOST.test(host), service: managedHsmService, resolves: mhsmResolves }],
  seed: seedHsms,
  // The key attestation chain: made by the template, loaded (or made) before the emulator listens, so that
  // its root's file exists before any run starts.
  prepare: async dir => void (await attestationAuthority(dir)),
  open: async ctx => void (await attestationAuthority(ctx.stateDir)),
  info: ctx => ({ attestationRootCert: attestationRootFile(ctx.stateDir) }),
  settings: {
    provisioningSeconds: numberSetting,
    activationSeconds: numberSetting,
    rbacPropagationSeconds: numberSetting,
    keyCreationSeconds: numberSetting,
    networkRuleSeconds: numberSetting,
    callerAddresses: callerAddressesSetting,
    failNextCreate: value =>
      typeof value === 'boolean' ||
      (isRecord(value) && Object.keys(value).every(k => ['status', 'code', 'message'].includes(k)))
        ? undefined
        : 'failNextCreate must be a boolean or {status?, code?, message?}',
    failNextActivation: booleanSetting,
    regionSeconds: numberSetting,
    failNextRegion: booleanSetting,
    dataPlaneRegion: regionNameSetting,
    replicationLagSeconds: numberSetting,
    backupSeconds: numberSetting,
    failNextBackupJob: value =>
      typeof value === 'boolean' ||
      (isRecord(value) && Object.keys(value).every(k => ['code', 'message'].includes(k)))
        ? undefined
        : 'failNextBackupJob must be a boolean or {code?, message?}'
  },
  publicState: ctx => ({
    hsms: Object.values(ctx.state.data.hsms).map(h => ({
      ...h,
      provisioningState: provisioningState(h),
      activationStatus: activationStatus(h)
    })),
    deletedHsms: Object.values(ctx.state.data.deletedHsms),
    operations: Object.values(ctx.state.data.operations)
  }),
  control: r =>
    handleHsmRecordControl(r) ||
    handleConnectionControl(r) ||
    handleManagedHsmControl(r.ctx, r.method, r.path, r.res) ||
    handleForeignHsmControl(r.ctx, r.method, r.path, r.res),
  /** GET /_emulator/peek/hsms/{resourceGroup}/{name}: the HSM as ARM's GET returns it (404 if none). */
  peek(ctx, [kind, rg, name, ...rest], res) {
    if (kind !== 'hsms' || name === undefined || rest.length) return false
    const hsm = ctx.state.data.hsms[name.toLowerCase()]
    if (!hsm || hsm.resourceGroup.toLowerCase() !== rg.toLowerCase())
      return answer(res, 404, { error: `no HSM '${name}' in resource group '${rg}'` })
    return answer(res, 200, hsmJson(hsm))
  }
}
