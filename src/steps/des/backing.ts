/**
 * Disk Encryption Sets as dependents of the key: which sets of the subscription the key backs (the action's own,
 * by their tags, and any set whose active key is this HSM's key), whether a change to the key would stop one from
 * working, and the action's own rule that a set's HSM must not be purgeable (a purged HSM leaves every disk
 * encrypted through the set unreadable for good; Azure itself accepts a set without purge protection).
 */
import type { DiskEncryptionSet } from '../../azure/disk-encryption-sets.js'
import type { KeyVaultKey } from '../../azure/keys.js'
import {
  CVM_ENCRYPTION_TYPE,
  DES_ENCRYPTION_TYPES,
  MODE_TABLE,
  type DesEncryptionType
} from '../../config/index.js'
import { desKeyProblems } from './key-check.js'
import { ConflictError, errorMessage } from '../../shared/errors.js'
import { readHsm, type RunContext } from '../../run/context.js'
import { desClient, isManaged, readAllDes, readDes } from '../../run/disk-encryption-sets.js'

/** Said wherever sets are listed: the list is of this subscription only. */
export const OTHER_SUBSCRIPTIONS = 'sets in other subscriptions are not checked'

export interface BackedSets {
  /** The sets that use the key (any version), or were made by the des step for this HSM and key. */
  sets: DiskEncryptionSet[]
  /** Why the subscription's sets could not be listed, when they could not. */
  unchecked?: string
}

/** The subscription's sets that use key `keyName` of the HSM at `hsmUri` (one list read per run). */
export async function setsBackedByKey(ctx: RunContext, hsmUri: string): Promise<BackedSets> {
  const { hsmName, key } = ctx.config
  let all: DiskEncryptionSet[]
  try {
    all = await readAllDes(ctx)
  } catch (e) {
    return { sets: [], unchecked: errorMessage(e).split('\n')[0] }
  }
  const host = new URL(hsmUri).host.toLowerCase()
  const sets = all.filter(s => {
    const url = s.properties?.activeKey?.keyUrl
    const named = url ? keyOf(url) : undefined
    if (named) return named.host === host && named.name === key.name.toLowerCase()
    // A set of this action whose key URL is not (yet) set: it was made for this HSM's key.
    return isManaged(s, hsmName)
  })
  return { sets }
}

function keyOf(url: string): { host: string; name: string } | undefined {
  try {
    const u = new URL(url)
    const [, keys, name] = u.pathname.split('/')
    return keys === 'keys' && name ? { host: u.host.toLowerCase(), name: name.toLowerCase() } : undefined
  } catch {
    return undefined
  }
}

/** A set's name and type for a sentence (the caller escapes it: it is Azure's text). */
export function describeSet(s: DiskEncryptionSet): string {
  const group = /\/resourceGroups\/([^/]+)\//i.exec(s.id ?? '')?.[1]
  return `'${s.name ?? s.id ?? '?'}' (${s.properties?.encryptionType ?? 'unknown type'}${group ? `, resource group ${group}` : ''})`
}

/** What a set's encryption type asks of its key; an unknown type is judged as the stricter confidential-VM one. */
function typeOf(s: DiskEncryptionSet): DesEncryptionType {
  const t = s.properties?.encryptionType
  return (DES_ENCRYPTION_TYPES as readonly string[]).includes(t ?? '')
    ? (t as DesEncryptionType)
    : CVM_ENCRYPTION_TYPE
}

/** For each set the key as planned could no longer serve: the set and why. */
export function setsBrokenBy(planned: KeyVaultKey, sets: DiskEncryptionSet[]): string[] {
  return sets.flatMap(s => {
    const problems = desKeyProblems(planned, typeOf(s))
    return problems.length ? [`disk encryption set ${describeSet(s)}: ${problems.join('; ')}`] : []
  })
}

/** The HSM has purge protection, or this run's provision step turns it on before the des step. */
export async function purgeProtected(ctx: RunContext): Promise<boolean> {
  const { config } = ctx
  if (config.purgeProtection && config.steps.includes('provision')) return true
  return (await readHsm(ctx))?.properties?.enablePurgeProtection === true
}

/** The warning for a set that exists on an HSM without purge protection, said on every run. */
export function unprotectedSetWarning(ctx: RunContext, sets: DiskEncryptionSet[]): string {
  return (
    `Managed HSM '${ctx.config.hsmName}' has no purge protection, and disk encryption set(s) ${sets.map(describeSet).join(', ')} use its key: ` +
    'if the HSM is deleted and purged, every disk encrypted through them is unreadable for good. ' +
    `Set purge-protection: 'true' with confirm-purge-protection: ${ctx.config.hsmName} (permanent; a deleted HSM then keeps its name and bills until retention-days have passed)`
  )
}

/**
 * The action's own rule, checked before any write: a new Disk Encryption Set only on an HSM that cannot be
 * purged. A set that exists already is warned about instead (steps/des/index.ts), on every run.
 */
export async function refuseUnprotectedNewSet(ctx: RunContext): Promise<void> {
  const { config } = ctx
  const d = config.des
  // plan and verify change nothing: their des step reports the refusal as a finding (steps/des/index.ts).
  if (!d || !config.steps.includes('des') || !MODE_TABLE[config.mode].writes) return
  if (await purgeProtected(ctx)) return
  if (await readDes(ctx, desClient(ctx), d)) return
  throw unprotectedNewSet(ctx)
}

/** The refusal of a new set on an HSM that can be purged: whose rule, why, how, and what that costs. */
export function unprotectedNewSet(ctx: RunContext): ConflictError {
  const { config } = ctx
  const d = config.des!
  return new ConflictError(
    `Input 'purge-protection': this action creates disk encryption set '${d.name}' only on an HSM with purge protection, and Managed HSM '${config.hsmName}' has none${config.purgeProtection ? " (purge-protection: 'true' takes effect only with provision in steps)" : ''}. ` +
      "This is the action's own rule, not Azure's: once the HSM is purged, every disk encrypted through the set is unreadable for good. Nothing was changed.",
    `set purge-protection: 'true' and confirm-purge-protection: ${config.hsmName}, with provision in steps. What it costs: purge protection can never be turned off, and a deleted HSM then keeps its name and keeps billing until retention-days (${config.retentionDays}) have passed`
  )
}
