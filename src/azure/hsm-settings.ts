/**
 * The Managed HSM's account settings over its data plane, in the shapes of the REST spec
 * (azure-rest-api-specs, specification/keyvault/data-plane/Microsoft.KeyVault/stable/7.5/settings.json):
 * `GET /settings` → `{settings: [{name, value, type}]}`, `PATCH /settings/{name}` `{value}` → the setting.
 * Values are strings ("true"/"false" for type boolean), and the service takes them case-sensitively.
 */
import type { ManagedHsmDataPlane } from './managed-hsm-data.js'

/** The setting that lets ARM (templates, the portal) create and read keys on the HSM. */
export const ARM_KEY_MANAGEMENT_SETTING = 'AllowKeyManagementOperationsThroughARM'

export interface HsmSetting {
  name: string
  value: string
  type?: string
}

const SETTINGS_HINT = (_c: string | undefined, status: number | undefined): string | undefined =>
  status === 403
    ? "reading the HSM's settings needs Microsoft.KeyVault/managedHsm/settings/read/action (Managed HSM Administrator, or the read-only local role of docs/setup.md); changing them settings/write/action (Managed HSM Administrator)"
    : undefined

export async function listSettings(hsm: ManagedHsmDataPlane): Promise<HsmSetting[]> {
  const r = await hsm.send<{ settings?: HsmSetting[] }>("list the HSM's settings", 'GET', '/settings', {
    hint: SETTINGS_HINT
  })
  return Array.isArray(r.body?.settings) ? r.body.settings : []
}

export async function updateSetting(hsm: ManagedHsmDataPlane, name: string, value: string): Promise<void> {
  await hsm.send(`set the HSM setting ${name} to ${value}`, 'PATCH', `/settings/${name}`, {
    body: { value },
    hint: SETTINGS_HINT
  })
}
