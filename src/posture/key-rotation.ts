/**
 * The key's rotation policy (Key Vault's GetKeyRotationPolicy, which Managed HSM serves too). A lifetime action
 * `Rotate` makes the service create new versions of the key on its own: versions this action did not create,
 * whose release policy it never compared when they appeared, and which move KEK_KID and every workload that
 * follows the latest version. Verify says so, as a warning with what to do; apply never changes the policy
 * (who rotates the key is the owner's decision, not the inputs').
 */
import { statusOf } from '../azure/call.js'
import type { KeyRotationPolicy, ManagedHsmKeys } from '../azure/keys.js'
import type { RunContext } from '../run/context.js'
import type { PostureItem } from './types.js'

/** An ISO 8601 duration as the policy writes its triggers (P90D, P1Y2M, PT12H); anything else is not echoed. */
const DURATION =
  /^P(?!$)(\d{1,5}Y)?(\d{1,5}M)?(\d{1,5}W)?(\d{1,5}D)?(T(?=\d)(\d{1,5}H)?(\d{1,5}M)?(\d{1,5}S)?)?$/

const read = (ctx: RunContext, keys: ManagedHsmKeys): Promise<KeyRotationPolicy | undefined> =>
  ctx.reads.once(`rotationPolicy:${ctx.config.key.name}`, () => keys.rotationPolicy(ctx.config.key.name))

/** Starts the read early (prefetch); never throws. */
export function prefetchRotationPolicy(ctx: RunContext, keys: ManagedHsmKeys): void {
  void ctx.reads.prefetch(`rotationPolicy:${ctx.config.key.name}`, () =>
    keys.rotationPolicy(ctx.config.key.name)
  )
}

/** The trigger of a Rotate action, in words; Azure's text only when it is a plain duration. */
function trigger(a: { timeAfterCreate?: string; timeBeforeExpiry?: string }): string {
  const ok = (v: string | undefined): v is string => typeof v === 'string' && DURATION.test(v)
  if (ok(a.timeAfterCreate)) return `${a.timeAfterCreate} after each version is created`
  if (ok(a.timeBeforeExpiry)) return `${a.timeBeforeExpiry} before each version expires`
  return 'on a trigger that is not a plain duration'
}

/** One posture item: the policy rotates the key (warning), does not (ok), or could not be read. */
export async function rotationPolicyItem(
  ctx: RunContext,
  keys: ManagedHsmKeys
): Promise<PostureItem | undefined> {
  const name = ctx.config.key.name
  const base = { id: 'keyRotationPolicy', setting: `rotation policy of key '${name}'` }
  let policy: KeyRotationPolicy | undefined
  try {
    policy = await read(ctx, keys)
  } catch (e) {
    if (statusOf(e) !== 403) throw e
    return {
      ...base,
      state: `not checked (needs to read the rotation policy of /keys/${name}: Managed HSM Crypto User or Crypto Auditor)`,
      severity: 'warning'
    }
  }
  // No key yet: the key step creates it (plan) or says why it could not.
  if (!policy) return undefined
  const rotates = (policy.lifetimeActions ?? []).filter(a => String(a.action).toLowerCase() === 'rotate')
  if (rotates.length === 0) return { ...base, state: 'no automatic rotation', severity: 'ok' }
  const when = rotates.map(trigger)
  return {
    ...base,
    state: `rotates the key automatically (${when.join('; ')})`,
    severity: 'warning',
    finding: `key '${name}' has a rotation policy that rotates it automatically: Azure creates versions this action did not make, and KEK_KID and the workloads that follow the latest version move to them`,
    details: when.map(w => `lifetime action Rotate, ${w}`),
    todo: `remove the Rotate lifetime action from the key's rotation policy (az keyvault key rotation-policy update --hsm-name ${ctx.config.hsmName} --name ${name} --value <policy without Rotate>), then rerun verify; new versions are this action's to make`
  }
}
