/**
 * Whether the scheduled clean-up (teardown with only-if-expired) may tear an HSM down, from what a tag writer
 * cannot forge: ARM's record of who created it and when (systemData.createdBy, createdByType, createdAt),
 * against the creators and the lifetime of the clean-up's own inputs. The expires-at tag, which provision
 * sets and Tag Contributor can write without any access to the HSM, can only postpone a teardown: never
 * cause or advance one. lastModifiedBy is not read (whether a tag write changes it is not known).
 */
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import type { Creator, TeardownRule } from '../config/index.js'
import { EXPIRES_AT_TAG } from '../config/index.js'

export type Verdict =
  | { expired: true; why: string }
  | { expired: false; /** Why it is left alone, for the log and the summary. */ why: string }

/** How ARM records an application (or managed identity) and a user in createdByType. */
const APPLICATION_TYPES = ['application', 'managedidentity']

export function expiryVerdict(hsm: ManagedHsm, rule: TeardownRule, now = Date.now()): Verdict {
  const kept = (why: string): Verdict => ({ expired: false, why: `left alone (${why})` })
  const sd = hsm.systemData
  const by = sd?.createdBy ?? ''
  const type = sd?.createdByType ?? ''
  if (!by)
    return kept('Azure records no creator for it: the clean-up tears down only HSMs teardown-creators made')
  if (!rule.creators.some(c => isCreator(c, by, type)))
    return kept(`created by ${shown(type || 'an identity')} '${shown(by)}', not one of teardown-creators`)
  const created = sd?.createdAt ? new Date(sd.createdAt).getTime() : NaN
  if (Number.isNaN(created)) return kept('Azure records no creation time for it')
  const createdIso = new Date(created).toISOString()
  const until = created + rule.lifetimeMs
  if (until > now)
    return kept(
      `not expired until ${new Date(until).toISOString()}: created ${createdIso}, teardown-lifetime ${rule.lifetime}`
    )
  const tag = hsm.tags?.[EXPIRES_AT_TAG]
  if (tag !== undefined) {
    const at = Date.parse(tag)
    if (Number.isNaN(at))
      return kept(
        `its ${EXPIRES_AT_TAG} tag '${shown(tag)}' is not a date: a tag can postpone a teardown, fix or remove it`
      )
    if (at > now)
      return kept(`not expired until ${new Date(at).toISOString()}: its ${EXPIRES_AT_TAG} tag postpones it`)
  }
  return {
    expired: true,
    why: `created by ${shown(type)} '${shown(by)}' at ${createdIso}, more than teardown-lifetime ${rule.lifetime} ago`
  }
}

function isCreator(c: Creator, by: string, type: string): boolean {
  if (c.id !== by.toLowerCase()) return false
  const t = type.toLowerCase()
  return c.kind === 'user' ? t === 'user' : APPLICATION_TYPES.includes(t)
}

/** A value from Azure in a message: escaped where it is printed, and kept short here. */
function shown(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value
}
