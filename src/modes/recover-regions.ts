/**
 * A recovered HSM, and a rehearsal (restore drill) HSM, start with one region: the region list is ARM's, not
 * part of the security domain or of a full backup, so the extended region of multi-region replication is not
 * recovered with the rest. The summary says so, and how the region comes back (replica-region).
 */
import { extendedRegions } from '../azure/managed-hsm-regions.js'
import { readHsm, type RunContext } from '../run/context.js'

export interface OneRegionFacts {
  /** The HSM recovered into: hsm-name, or the temporary rehearsal HSM. */
  target: string
  rehearsal: boolean
  /** Whether this run created (or undeleted) the target; an HSM found in place keeps its regions. */
  created: boolean
  /** The production HSM's extended regions as ARM shows them now (none when it is gone). */
  production: string[]
  /** The replica-region input, if any. */
  replicaRegion?: string
  /** The extended regions the recovered HSM has at the end of the run. */
  now: string[]
}

const NOT_IN_SD = 'the region list is not in the security domain'

/** The summary's sentence, or undefined when no extended region is known or the HSM was not made by this run. */
export function oneRegionNote(f: OneRegionFacts): string | undefined {
  const wanted = [...new Set([...f.production, ...(f.replicaRegion ? [f.replicaRegion] : [])])]
  if (!f.created || wanted.length === 0) return undefined
  const setIt = `set replica-region: ${wanted[0]} in the recover inputs (the extension takes up to 30 minutes and doubles the cost)`
  if (f.rehearsal)
    return (
      `the temporary HSM '${f.target}' had one region, as a recovered HSM would (${NOT_IN_SD}); ` +
      `production is extended to ${wanted.join(', ')}: after a real recovery, add it again: ${setIt}`
    )
  const back = wanted.filter(r => f.now.includes(r))
  if (back.length)
    return `'${f.target}' came back with one region (${NOT_IN_SD}): replica-region ${back.join(', ')} was added again`
  return `'${f.target}' came back with one region (${NOT_IN_SD}): add the extended region again: ${setIt}`
}

/** The production HSM's extended regions, for a rehearsal (the target of a real recovery is production). */
export async function productionRegions(ctx: RunContext): Promise<string[]> {
  return extendedRegions(await readHsm(ctx)).map(r => r.name)
}
