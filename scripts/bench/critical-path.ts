/**
 * The critical path of a run, from the emulator's request log: the longest chain of requests in which each
 * one starts only after the previous one has ended. With a fixed latency added to every request, its length
 * is the number of round trips the run waited for one after another, whatever ran beside it.
 */
import type { RequestLogEntry } from '../../emulator/testing.js'
import type { EmulatorInfo } from '../local-runner.js'
import { displayPath, intervals, type Interval } from './action.js'

/** Log times are whole milliseconds and a start is derived (end - duration): allow that much rounding. */
const ROUNDING_MS = 2

export const STEP_ORDER = ['sign-in', 'provision', 'activate', 'rbac', 'key', 'des', 'other'] as const
export type StepLabel = (typeof STEP_ORDER)[number]

export interface ChainLink {
  step: StepLabel
  interval: Interval
}

/** The longest chain of strictly sequential requests (ties: the one that ends last). */
export function criticalPath(requests: RequestLogEntry[]): ChainLink[] {
  const iv = intervals(requests)
  const steps = stepsOf(iv)
  const length: number[] = []
  const before: Array<number | undefined> = []
  iv.forEach((cur, i) => {
    length[i] = 1
    for (let j = 0; j < i; j++) {
      if (iv[j].end > cur.start + ROUNDING_MS) continue
      if (length[j] + 1 > length[i] || (length[j] + 1 === length[i] && iv[j].end > iv[before[i]!].end)) {
        length[i] = length[j] + 1
        before[i] = j
      }
    }
  })
  let last = -1
  iv.forEach((x, i) => {
    if (last < 0 || length[i] > length[last] || (length[i] === length[last] && x.end > iv[last].end)) last = i
  })
  const chain: ChainLink[] = []
  for (let i: number | undefined = last; i !== undefined && i >= 0; i = before[i])
    chain.unshift({ step: steps[i], interval: iv[i] })
  return chain
}

/**
 * Which step of the action a request serves, from its host and path (the action does not label its requests).
 * Reads shared by several steps count for the first step that uses them (the HSM's ARM read: provision; the
 * role definitions: rbac). Role-assignment lists are the rbac step's, except those that start after the disk
 * encryption set's read has ended: the des step's grants (derived from the order, as the log has no step).
 */
export function stepsOf(iv: Interval[]): StepLabel[] {
  const desRead = iv.find(x => /diskEncryptionSets\//.test(x.r.path))
  return iv.map(({ r, start }) => {
    const p = r.path
    if (/(githubusercontent\.com|login\.microsoftonline\.com)$/.test(r.host)) return 'sign-in'
    if (r.host === 'graph.microsoft.com' || /diskEncryptionSets/.test(p)) return 'des'
    if (/defaultProvider|\/keys(\/|$|\?)/.test(p)) return 'key'
    if (/managedHSMs|deletedManagedHSMs|checkMhsmNameAvailability/.test(p)) return 'provision'
    if (/\/securitydomain\//.test(p) || /\.(vault\.azure\.net|blob\.core\.windows\.net)$/.test(r.host))
      return 'activate'
    if (/roleDefinitions/.test(p)) return 'rbac'
    if (/roleAssignments/.test(p)) return desRead && start >= desRead.end - ROUNDING_MS ? 'des' : 'rbac'
    return 'other'
  })
}

export interface StepRow {
  step: StepLabel
  roundTrips: number
  requests: string[]
}

/** Round trips on the critical path per step, with the requests that are on it. */
export function perStep(chain: ChainLink[], info: EmulatorInfo): StepRow[] {
  return STEP_ORDER.flatMap(step => {
    const links = chain.filter(l => l.step === step)
    if (links.length === 0) return []
    return [
      {
        step,
        roundTrips: links.length,
        requests: links.map(
          l =>
            `${l.interval.r.method} ${shortHost(l.interval.r.host)}${displayPath(l.interval.r, info)} ${l.interval.r.status}`
        )
      }
    ]
  })
}

function shortHost(host: string): string {
  return host.replace(
    /\.(actions\.githubusercontent\.com|microsoftonline\.com|azure\.com|azure\.net|microsoft\.com|core\.windows\.net)$/,
    ''
  )
}

export function stepTableText(rows: StepRow[]): string {
  const w = Math.max(...rows.map(r => r.step.length), 4)
  const lines = [`${'step'.padEnd(w)}  round trips  request(s) on the critical path`]
  for (const r of rows)
    lines.push(`${r.step.padEnd(w)}  ${String(r.roundTrips).padStart(11)}  ${r.requests.join(' → ')}`)
  lines.push(`${'total'.padEnd(w)}  ${String(rows.reduce((n, r) => n + r.roundTrips, 0)).padStart(11)}`)
  return lines.join('\n')
}

export function stepTableMarkdown(rows: StepRow[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|')
  const lines = ['| step | round trips | request(s) on the critical path |', '| --- | --- | --- |']
  for (const r of rows)
    lines.push(`| ${r.step} | ${r.roundTrips} | ${esc(r.requests.map(q => `\`${q}\``).join(' → '))} |`)
  lines.push(`| total | ${rows.reduce((n, r) => n + r.roundTrips, 0)} | |`)
  return lines.join('\n')
}
