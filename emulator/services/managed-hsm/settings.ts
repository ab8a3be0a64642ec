/**
 * The HSM's account settings (`/settings`): list, get and update by name, in the shapes of the REST spec
 * (azure-rest-api-specs, specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/settings.json and
 * its ListSettings/UpdateSetting examples): `{"settings":[{"name","value","type":"boolean"}]}`, `PATCH
 * /settings/{name}` `{"value":"true"|"false"}` → the setting. The one setting the service lists is
 * AllowKeyManagementOperationsThroughARM, off ("false") on a new HSM (Microsoft Learn, "Allow key management
 * operations through Azure Resource Manager": Managed HSM does not trust ARM by default). Values are strings
 * and taken case-sensitively (the Python SDK's tests: passing "True" fails).
 */
import { isRecord } from '../../core/http.js'
import { badParameter, collapse, fail, jsonBody, reply } from './common.js'
import type { AreaRequest, DataPlaneArea } from './area.js'
import { authorize } from './rbac/authorize.js'
import { ACTIONS } from './rbac/roles.js'
import { mhsmStore, type HsmData } from './store.js'

/** Every setting an HSM has, with its value on a new HSM. */
export const DEFAULT_SETTINGS: Record<string, string> = { AllowKeyManagementOperationsThroughARM: 'false' }

/** The HSM's settings (state files of older versions have none: the defaults). */
export function settingsOf(data: HsmData): Record<string, string> {
  data.settings ??= { ...DEFAULT_SETTINGS }
  return data.settings
}

const settingJson = (name: string, value: string): Record<string, string> => ({
  name,
  value,
  type: 'boolean'
})

export const settingsArea: DataPlaneArea = {
  name: 'settings',
  matches: path => /^\/settings(\/[^/]+)?\/?$/i.test(collapse(path)),
  allowedBeforeActivation: false,
  handle(r: AreaRequest) {
    const data = mhsmStore(r.ctx).hsm(r.hsm)
    const settings = settingsOf(data)
    const segs = collapse(r.ex.url.pathname).split('/').filter(Boolean).map(decodeURIComponent)
    const method = r.ex.method
    if (segs.length === 1) {
      if (method !== 'GET') return fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
      if (!authorize(r, ACTIONS.settingsRead, '/')) return
      return reply(r, 200, { settings: Object.entries(settings).map(([n, v]) => settingJson(n, v)) })
    }
    // Names are matched as the service lists them (case-insensitively here: unverified).
    const name = Object.keys(settings).find(n => n.toLowerCase() === segs[1].toLowerCase())
    if (method === 'GET') {
      if (!authorize(r, ACTIONS.settingsRead, '/')) return
      if (!name) return unknown(r, segs[1])
      return reply(r, 200, settingJson(name, settings[name]))
    }
    if (method !== 'PATCH') return fail(r, 405, 'MethodNotAllowed', `The method '${method}' is not allowed.`)
    if (!authorize(r, ACTIONS.settingsWrite, '/')) return
    if (!name) return unknown(r, segs[1])
    const body = jsonBody(r)
    if (!body) return
    const value = isRecord(body) ? body.value : undefined
    if (value !== 'true' && value !== 'false')
      return badParameter(r, `The value of setting '${name}' must be "true" or "false" (a boolean setting).`)
    settings[name] = value
    mhsmStore(r.ctx).save()
    reply(r, 200, settingJson(name, value))
  }
}

function unknown(r: AreaRequest, name: string): void {
  fail(r, 404, 'SettingNotFound', `The setting '${name}' was not found.`)
}
