/**
 * The HSM's own data-plane settings. AllowKeyManagementOperationsThroughARM, when on, lets ARM (templates,
 * the portal) create a key's first version and read keys, around the HSM's local role assignments; Microsoft
 * advises keeping it off where higher assurance is needed. With allow-key-management-through-arm: report
 * (the default) verify warns when it is on; with true or false the rbac step of apply sets it so
 * (settingChange), and any other value is critical: someone changed it outside the action.
 */
import {
  ARM_KEY_MANAGEMENT_SETTING,
  listSettings,
  updateSetting,
  type HsmSetting
} from '../azure/hsm-settings.js'
import { MODE_TABLE } from '../config/index.js'
import { dataPlane, planeOf, readHsm, type RunContext } from '../run/context.js'
import type { Change } from '../run/step.js'
import { denied } from './arm.js'
import { hsmActive, type Assessor, type PostureItem } from './types.js'

const READ = 'hsmSettings'
const INPUT = 'allow-key-management-through-arm'
const ID = `setting.${ARM_KEY_MANAGEMENT_SETTING}`

/** The HSM's settings, read once per run (shared by the rbac step's plan and this area). */
export function readSettings(ctx: RunContext): Promise<HsmSetting[]> {
  return ctx.reads.once(READ, async () => listSettings(await dataPlane(ctx)))
}

/** Whether ARM may manage keys on the HSM; an HSM that does not list the setting has the service's default, off. */
function armKeyManagement(settings: HsmSetting[]): boolean {
  const s = settings.find(x => x.name.toLowerCase() === ARM_KEY_MANAGEMENT_SETTING.toLowerCase())
  return s?.value.toLowerCase() === 'true'
}

const onOff = (on: boolean): string => (on ? 'on' : 'off')

/**
 * The rbac step's change when allow-key-management-through-arm names a value the HSM does not have. Not in
 * verify: there the difference is the posture finding below (critical), said once.
 */
export async function settingChange(ctx: RunContext): Promise<Change | undefined> {
  const want = ctx.config.allowKeyManagementThroughArm
  if (want === undefined || MODE_TABLE[ctx.config.mode].proves) return undefined
  // An HSM not active yet (plan before activate) answers no data-plane read; a new one has it off.
  const hsm = await readHsm(ctx)
  const on = hsm && hsmActive(hsm) ? armKeyManagement(await readSettings(ctx)) : false
  if (on === want) return undefined
  return {
    kind: 'update',
    id: `rbac.${ID}`,
    summary: `turn the HSM setting ${ARM_KEY_MANAGEMENT_SETTING} ${onOff(want)} (${INPUT}: ${want})`,
    details: [`${ARM_KEY_MANAGEMENT_SETTING}: ${onOff(on)} -> ${onOff(want)}`],
    async apply() {
      await updateSetting(await dataPlane(ctx), ARM_KEY_MANAGEMENT_SETTING, String(want))
    }
  }
}

export const hsmSettings: Assessor = {
  name: 'settings',

  // Read by verify; by apply and plan only when the input names a value (they may have to change it).
  applies: (ctx, hsm) =>
    hsmActive(hsm) &&
    ctx.config.steps.some(s => s !== 'provision') &&
    (MODE_TABLE[ctx.config.mode].proves || ctx.config.allowKeyManagementThroughArm !== undefined),

  prefetch(ctx, hsm) {
    // The client the steps use (run/context.ts dataPlane): one challenge cache per run.
    const plane = planeOf(ctx, hsm)
    if (!plane) return
    void ctx.reads.prefetch(READ, () => listSettings(plane))
  },

  async assess(ctx) {
    let settings: HsmSetting[]
    try {
      settings = await readSettings(ctx)
    } catch (e) {
      if (!denied(e)) throw e
      return {
        items: [
          {
            id: ID,
            setting: ARM_KEY_MANAGEMENT_SETTING,
            state:
              'not checked (needs settings/read on the HSM: Managed HSM Administrator, or the read-only local role of docs/setup.md)',
            severity: 'warning',
            todo: "grant the identity a local role with Microsoft.KeyVault/managedHsm/settings/read/action (docs/setup.md, 'A read-only identity for verify')"
          }
        ]
      }
    }
    return { items: [settingItem(ctx, armKeyManagement(settings))] }
  }
}

function settingItem(ctx: RunContext, on: boolean): PostureItem {
  const want = ctx.config.allowKeyManagementThroughArm
  const base = { id: ID, setting: ARM_KEY_MANAGEMENT_SETTING }
  if (want === undefined) {
    if (!on) return { ...base, state: 'off', severity: 'ok' }
    return {
      ...base,
      state: 'on',
      severity: 'warning',
      finding: `${ARM_KEY_MANAGEMENT_SETTING} is on: ARM templates and the portal can create keys and read them on this HSM, around its local role assignments`,
      todo:
        `turn it off (az keyvault setting update --hsm-name ${ctx.config.hsmName} --name ${ARM_KEY_MANAGEMENT_SETTING} --value false), ` +
        `or set ${INPUT}: false for apply to keep it off (true accepts it)`
    }
  }
  if (on === want) return { ...base, state: `${onOff(on)} (${INPUT}: ${want})`, severity: 'ok' }
  const repair = ctx.config.steps.includes('rbac')
    ? `run mode: apply (its rbac step turns it ${onOff(want)} again)`
    : `add rbac to steps and run mode: apply, or turn it ${onOff(want)} with az keyvault setting update`
  return {
    ...base,
    state: onOff(on),
    severity: 'critical',
    finding: `${ARM_KEY_MANAGEMENT_SETTING} is ${onOff(on)}, but ${INPUT} says ${want}: it was changed outside the action`,
    todo: `${repair}; find who changed it in the HSM's audit log`
  }
}
