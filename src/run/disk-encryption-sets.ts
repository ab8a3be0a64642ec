/**
 * Disk Encryption Sets as the run reads them: the des step's own set, every set of the subscription that
 * uses this HSM's key (posture/access.ts counts their identities as intended key holders), the sets that use
 * any key of the HSM (teardown's dependents, network-bypass None's check), and the Confidential VM Orchestrator
 * that releases the key to confidential VMs.
 */
import { DiskEncryptionSets, type DiskEncryptionSet } from '../azure/disk-encryption-sets.js'
import { servicePrincipalByAppId } from '../azure/graph.js'
import { MANAGED_BY, MANAGED_BY_TAG, MANAGED_HSM_TAG, type DesConfig } from '../config/index.js'
import type { RunContext } from './context.js'

/** The Confidential VM Orchestrator's application id, the same in every tenant. */
export const CVM_ORCHESTRATOR_APP_ID = 'bf7b6499-ff71-4aa2-97a4-f372087be7f0'

export function desClient(ctx: RunContext): DiskEncryptionSets {
  return new DiskEncryptionSets(ctx.signIn.credential, ctx.config.subscriptionId, ctx.cloud.resourceManager)
}

/** A set this action created for this HSM. */
export function isManaged(des: DiskEncryptionSet, hsmName: string): boolean {
  return (
    des.tags?.[MANAGED_BY_TAG] === MANAGED_BY &&
    des.tags?.[MANAGED_HSM_TAG]?.toLowerCase() === hsmName.toLowerCase()
  )
}

/** The set as ARM has it (shared with the des step's early read, prefetchDes). */
export function readDes(
  ctx: RunContext,
  client: DiskEncryptionSets,
  d: DesConfig
): Promise<DiskEncryptionSet | undefined> {
  return ctx.reads.once(desRead(d), () => client.get(d.resourceGroup, d.name))
}

/** Starts the read readDes joins. */
export function prefetchDes(ctx: RunContext, d: DesConfig): Promise<DiskEncryptionSet | undefined> {
  return ctx.reads.prefetch(desRead(d), () => desClient(ctx).get(d.resourceGroup, d.name))
}

const desRead = (d: DesConfig): string => `des:${d.resourceGroup}/${d.name}`

/** Every Disk Encryption Set of the subscription (one read per run). */
export function readAllDes(ctx: RunContext): Promise<DiskEncryptionSet[]> {
  return ctx.reads.once('des:*', () => desClient(ctx).listInSubscription())
}

/** Microsoft Graph's service principal of the Confidential VM Orchestrator, by its well-known app id. */
export function readOrchestrator(ctx: RunContext): ReturnType<typeof servicePrincipalByAppId> {
  return ctx.reads.once('orchestrator', () => orchestrator(ctx))
}

/** Starts the read readOrchestrator joins. */
export function prefetchOrchestrator(
  ctx: RunContext
): Promise<Awaited<ReturnType<typeof servicePrincipalByAppId>> | undefined> {
  return ctx.reads.prefetch('orchestrator', () => orchestrator(ctx))
}

const orchestrator = (ctx: RunContext): ReturnType<typeof servicePrincipalByAppId> =>
  servicePrincipalByAppId(ctx.signIn.credential, ctx.cloud.graph, CVM_ORCHESTRATOR_APP_ID)

/**
 * Whether a set uses key `keyName` of the HSM at `hsmUri` (its active key, any version), or was made by the
 * des step for this HSM.
 */
export function usesKey(des: DiskEncryptionSet, hsmUri: string, hsmName: string, keyName: string): boolean {
  if (isManaged(des, hsmName)) return true
  const url = des.properties?.activeKey?.keyUrl
  if (!url) return false
  try {
    const u = new URL(url)
    const host = new URL(hsmUri).host.toLowerCase()
    const [, keys, name] = u.pathname.split('/')
    return u.host.toLowerCase() === host && keys === 'keys' && name?.toLowerCase() === keyName.toLowerCase()
  } catch {
    return false
  }
}

/**
 * The sets whose key, active or a previous one still in rotation, is on the HSM `hsmName`: the one place that
 * answers "which sets use this HSM" (teardown, network-bypass None). The key URL decides, never a tag.
 */
export function setsOnHsm(ctx: RunContext, sets: DiskEncryptionSet[], hsmName: string): DiskEncryptionSet[] {
  const host = `${hsmName}.${ctx.cloud.managedHsmSuffix}`.toLowerCase()
  return sets.filter(s => keyHosts(s).includes(host))
}

function keyHosts(set: DiskEncryptionSet): string[] {
  const urls = [set.properties?.activeKey?.keyUrl, ...(set.properties?.previousKeys ?? []).map(k => k.keyUrl)]
  return urls.flatMap(u => {
    try {
      return u ? [new URL(u).host.toLowerCase()] : []
    } catch {
      return []
    }
  })
}
