/**
 * The replication lag of a multi-region Managed HSM, on the data plane. Both regions answer behind one name
 * (Traffic Manager); which one serves a request is the control setting `dataPlaneRegion` (the HSM's extended
 * region, once Succeeded; anything else: the primary), the action sends nothing to choose it. Writes land in
 * the primary here, and reach the extended region `replicationLagSeconds` later: until then a read served by
 * the extended region does not show the key versions and role assignments written since (its answers name it
 * in `x-ms-keyvault-region`). Source: Microsoft Learn, "Enable multi-region replication on Azure Managed HSM"
 * (ms.date 2025-06-19), "Replication latency": writes (keys, role definitions and assignments) may take up to
 * 6 minutes to reach both regions. Assumed (emulator/README.md, "Multi-region replication"): that a region shows
 * a lagging write not at all (never half of it), that only reads lag (authorisation, release and writes see
 * the primary's data; role propagation is rbacPropagationSeconds), and that custom role definitions, key
 * attributes and deletions do not lag.
 */
import type { AreaRequest } from './area.js'
import { regionState } from './arm/regions.js'
import type { HsmData } from './store.js'

declare module '../../core/context.js' {
  interface Settings {
    /** The region that serves the data plane: the HSM's extended region, or '' (the primary). */
    dataPlaneRegion: string
    /** How long a write takes to show in the extended region. */
    replicationLagSeconds: number
  }
}

export const regionNameSetting = (value: unknown, key: string): string | undefined =>
  typeof value !== 'string' || !/^[a-z0-9]{0,40}$/.test(value)
    ? `${key} must be a region name in lower case (or '' for the primary)`
    : undefined

/** The extended region serving this request, when the setting names one the HSM has, Succeeded. */
export function servingRegion(r: Pick<AreaRequest, 'ctx' | 'hsm'>, now = Date.now()): string | undefined {
  const want = r.ctx.settings.dataPlaneRegion
  if (!want) return undefined
  const region = (r.hsm.regions ?? []).find(x => x.name === want)
  return region && regionState(region, now) === 'Succeeded' ? region.name : undefined
}

/**
 * What a read sees: the HSM's data, or (served by a lagging extended region) a copy without the key versions
 * and role assignments younger than the lag. Only GETs lag; a write works on the data itself.
 */
export function servedData(r: AreaRequest, data: HsmData, now = Date.now()): HsmData {
  const lagMs = Math.max(0, r.ctx.settings.replicationLagSeconds ?? 0) * 1000
  if (r.ex.method !== 'GET' || lagMs === 0 || !servingRegion(r, now)) return data
  const cutoff = now - lagMs
  const keys: HsmData['keys'] = {}
  for (const [id, key] of Object.entries(data.keys)) {
    // Key attributes keep whole seconds (the wire's unit): a version counts from the end of its second.
    const versions = key.versions.filter(v => (v.attributes.created + 1) * 1000 <= cutoff)
    if (versions.length) keys[id] = { ...key, versions }
  }
  const roleAssignments = Object.fromEntries(
    Object.entries(data.roleAssignments).filter(([, a]) => a.createdAt <= cutoff)
  )
  return { ...data, keys, roleAssignments }
}
