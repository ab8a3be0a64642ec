/**
 * What each of verify's checks costs, from the emulator's request log of a converged verify at a fixed added
 * latency: its requests, and its round trips on the run's critical path (the longest chain of requests each
 * starting after the previous ended, critical-path.ts). Every check has a budget here; a check added later
 * gets its own line, and the bench reports every check over its budget (issue 29: each new check says what it
 * costs against the budget). The action does not label its requests: a request's check comes from its host
 * and path, the first pattern that matches.
 */
import type { RequestLogEntry } from '../../emulator/testing.js'
import type { ChainLink } from './critical-path.js'

export interface CheckBudget {
  check: string
  /** Which requests serve it. */
  matches: (r: RequestLogEntry) => boolean
  /** Most requests it may send in a converged verify of the bench's HSM. */
  requests: number
  /** Most round trips it may add to the critical path. */
  roundTrips: number
}

const path = (r: RequestLogEntry): string => r.path.split('?')[0]

/**
 * The budgets of today's checks, for the bench's HSM (3 wrapping keys, the security domain in two stores, a
 * confidential-VM Disk Encryption Set): what they cost on 2026-12-08, after the attestation, the Orchestrator's
 * look-up and verify's inputs-only reads moved beside the other reads. Sign-in is GitHub's token, then Entra's
 * (one per service).
 */
export const CHECK_BUDGETS: CheckBudget[] = [
  {
    check: 'sign-in',
    matches: r => /(githubusercontent\.com|login\.microsoftonline\.com)$/.test(r.host),
    requests: 6,
    // GitHub's token, Entra's; and Graph's token, asked once a confidential set needs the Orchestrator looked up.
    roundTrips: 3
  },
  {
    check: 'HSM resource, network, regions (ARM)',
    matches: r => /\/managedHSMs\/[^/]+$/.test(path(r)) || /\/regions$/.test(path(r)),
    requests: 2,
    roundTrips: 1
  },
  {
    check: 'audit log setting',
    matches: r => /diagnosticSettings/.test(r.path),
    requests: 1,
    roundTrips: 1
  },
  {
    check: 'escrow copies and wrapping keys',
    matches: r => /\.(vault\.azure\.net|blob\.core\.windows\.net)$/.test(r.host),
    requests: 5,
    roundTrips: 1
  },
  {
    check: 'escrow stores protections (ARM)',
    matches: r => /Microsoft\.(Storage\/storageAccounts|KeyVault\/vaults)\//.test(r.path),
    requests: 5,
    roundTrips: 2
  },
  {
    check: 'key attestation',
    matches: r => /defaultProvider|\/attestation$/.test(path(r)),
    requests: 2,
    // The attestation itself, after the key's read; the region's provider shares the ARM wave, and stands for
    // that wave on the path when it ends last of it.
    roundTrips: 2
  },
  {
    check: 'role assignments and definitions',
    matches: r => /roleAssignments|roleDefinitions/.test(r.path),
    requests: 5,
    roundTrips: 1
  },
  {
    check: 'key, versions, rotation policy',
    matches: r => r.host.endsWith('.managedhsm.azure.net') && /^\/keys(\/|$)/.test(path(r)),
    requests: 4,
    roundTrips: 1
  },
  { check: 'HSM settings', matches: r => path(r) === '/settings', requests: 1, roundTrips: 1 },
  {
    check: 'disk encryption sets and the Orchestrator',
    matches: r => /diskEncryptionSets/.test(r.path) || r.host === 'graph.microsoft.com',
    requests: 2,
    // The list, then the look-up it calls for.
    roundTrips: 2
  }
]

export interface CheckCost {
  check: string
  requests: number
  roundTrips: number
  budget: CheckBudget | undefined
}

const OTHER = 'other (no check matches: give it a budget)'

/** Each check's requests and critical-path round trips in one run; requests no budget matches are 'other'. */
export function checkCosts(requests: RequestLogEntry[], chain: ChainLink[]): CheckCost[] {
  const of = (r: RequestLogEntry): CheckBudget | undefined => CHECK_BUDGETS.find(b => b.matches(r))
  const names = [...CHECK_BUDGETS.map(b => b.check), OTHER]
  return names.flatMap(check => {
    const mine = (r: RequestLogEntry): boolean => (of(r)?.check ?? OTHER) === check
    const sent = requests.filter(mine).length
    if (sent === 0) return []
    return [
      {
        check,
        requests: sent,
        roundTrips: chain.filter(l => mine(l.interval.r)).length,
        budget: CHECK_BUDGETS.find(b => b.check === check)
      }
    ]
  })
}

/** Checks over budget (requests or round trips), and requests that no budget covers. */
export function overBudget(costs: CheckCost[]): string[] {
  return costs.flatMap(c => {
    if (!c.budget) return [`${c.check}: ${c.requests} request(s)`]
    const over: string[] = []
    if (c.requests > c.budget.requests) over.push(`${c.requests} requests (budget ${c.budget.requests})`)
    if (c.roundTrips > c.budget.roundTrips)
      over.push(`${c.roundTrips} round trips (budget ${c.budget.roundTrips})`)
    return over.length ? [`${c.check}: ${over.join(', ')}`] : []
  })
}

export function checkCostTable(costs: CheckCost[]): string {
  const w = Math.max(...costs.map(c => c.check.length), 5)
  const lines = [`${'check'.padEnd(w)}  requests (budget)  round trips on the critical path (budget)`]
  for (const c of costs)
    lines.push(
      `${c.check.padEnd(w)}  ${`${c.requests} (${c.budget?.requests ?? '-'})`.padStart(17)}  ` +
        `${c.roundTrips} (${c.budget?.roundTrips ?? '-'})`
    )
  return lines.join('\n')
}
