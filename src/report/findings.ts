/**
 * The drift report in words, for people: each finding says what differs, which side is Azure and which the
 * inputs, and what to do. The check ids stay in the JSON for machines; the log and the summary use these.
 */

/** A check as the drift report holds it (report/drift.ts). */
export interface FindingCheck {
  id: string
  step: string
  status: 'ok' | 'drift' | 'error'
  severity?: string
  desired?: unknown
  actual?: unknown
  hint?: string
}

export interface Finding {
  /** One line: what differs, e.g. "role assignment missing: 'Managed HSM Crypto User' for … at /keys/k". */
  text: string
  /** Field by field, Azure's value and the inputs' value, e.g. "public network access: Azure Disabled, inputs Enabled". */
  details: string[]
  /** What to do about it. */
  todo: string
}

/** Said for every difference a run of apply puts right. */
export const APPLY_REPAIRS = 'run mode: apply to repair, or change the inputs if the change was intended'
const IMMUTABLE =
  'apply cannot change this: change the inputs to match Azure, or recreate the resource if it matters'

/** What kind of thing a check id is about, in words (the id is never shown to people). */
const TITLES: Array<[RegExp, string]> = [
  [/^provision\.hsm\.exists$/, 'Managed HSM missing'],
  [/^provision\.hsm\.properties$/, 'Managed HSM settings differ'],
  [/^provision\.provisioningState$/, 'Managed HSM in a failed state'],
  [/^provision\.location$/, 'Managed HSM in another location'],
  [/^provision\.auditLog\.exists$/, 'audit log diagnostic setting missing'],
  [/^provision\.auditLog$/, 'audit log diagnostic setting differs'],
  [/^rbac\.assignment\..+$/, 'role assignment missing'],
  [/^rbac\.prune\..+$/, 'role assignment not intended'],
  [/^rbac\.setting\.(.+)$/, 'Managed HSM setting $1 differs'],
  [/^key\.exists$/, 'key missing'],
  [/^key\.properties$/, 'key settings differ'],
  [/^key\.version\..+$/, 'older enabled key version differs'],
  [/^key\.access$/, 'key access for the signed-in identity missing'],
  [/^key\.attestation$/, 'key attestation'],
  [/^key\.backup.*$/, 'key backup missing or out of date'],
  [/^activate\.activationStatus$/, 'Managed HSM not activated'],
  [/^activate\.escrow\.present$/, 'escrowed security domain missing'],
  [/^activate\.escrow\.integrity$/, 'escrowed security domain altered'],
  [/^activate\.escrow\.recoverable$/, 'escrow no longer recovers the security domain'],
  [/^activate\.escrow\.custody$/, 'escrow custody'],
  [/^activate\.wrappingKey\.(\d+)$/, 'escrowed wrapping key $1'],
  [/^des\.exists$/, 'disk encryption set missing'],
  [/^des\.grant\..+$/, 'role assignment missing'],
  [/^des\..+$/, 'disk encryption set differs'],
  [/^security-domain\.subset\.(.+)$/, 'key subset $1 does not recover the security domain']
]

/** The words for one check that is not ok. `plan` words a change as what apply would do. */
export function finding(c: FindingCheck, kind: 'verify' | 'plan'): Finding {
  const actual = lines(c.actual)
  if (c.status === 'error')
    return {
      text: `${c.step}: could not be checked: ${actual[0] ?? 'unknown error'}`,
      details: [],
      todo: c.hint ?? ''
    }
  // A posture finding is said by its assessor in a sentence of its own, its lines after the first the details.
  if (c.id.startsWith('posture.')) {
    const [text = c.id, ...more] = actual
    return { text, details: more, todo: c.hint ?? '' }
  }
  if (/\.note\.\d+$/.test(c.id)) {
    const note = actual[0] ?? ''
    return { text: note, details: [], todo: IMMUTABLE }
  }
  const entry = TITLES.find(([re]) => re.test(c.id))
  const title = entry ? c.id.replace(entry[0], entry[1]) : `${c.step} differs`
  // A change apply would make: its summary says what, its details field by field.
  if (
    typeof c.desired === 'string' &&
    !c.id.startsWith('activate.wrappingKey.') &&
    !c.id.includes('.subset.')
  ) {
    const what = c.desired.replace(/^assign (.+?) to (.+?) at scope /, '$1 for $2 at ')
    const text =
      kind === 'plan'
        ? `would ${c.desired}`
        : `${title}: ${/^assign /.test(c.desired) ? what : `the inputs ask to ${c.desired}`}`
    return { text, details: values(c.actual).map(sides), todo: c.hint ?? APPLY_REPAIRS }
  }
  // A difference the step reported in a sentence of its own (DriftError, the escrow proofs), its lines
  // after the first being the details (a list of stores, say).
  const [said = String(c.desired ?? ''), ...more] = actual
  return {
    text: `${title}: ${said}`,
    details: more.map(l => l.replace(/^- /, '')),
    todo: c.hint ?? APPLY_REPAIRS
  }
}

/** "field: a -> b" (Azure's value, then the inputs') as "field: Azure a, inputs b". */
export function sides(detail: string): string {
  const m = /^(.+?): ([\s\S]*) -> ([\s\S]*)$/.exec(detail.trim())
  return m ? `${m[1]}: Azure ${m[2]}, inputs ${m[3]}` : detail.trim()
}

/** What to do about a set of findings, each distinct advice once. */
export function whatToDo(findings: Finding[]): string {
  return [...new Set(findings.map(f => f.todo).filter(Boolean))].join('; ')
}

/** The escrow proofs among the checks that passed, in words, for an in-sync report. */
export function escrowProofs(checks: FindingCheck[]): string[] {
  return checks
    .filter(c => c.status === 'ok' && /^activate\.(wrappingKey\.\d+|escrow\.recoverable)$/.test(c.id))
    .map(c => {
      const key = /^activate\.wrappingKey\.(\d+)$/.exec(c.id)
      return key
        ? `escrowed wrapping key ${key[1]}: ${String(c.desired ?? 'present')}`
        : `escrow recovers the security domain: ${String(c.actual ?? 'proven')}`
    })
}

function values(v: unknown): string[] {
  if (v === undefined || v === null) return []
  return (Array.isArray(v) ? v.map(String) : [String(v)]).filter(Boolean)
}

/** A message's lines (its first is what happened); the advice is the check's hint, never one of these. */
function lines(v: unknown): string[] {
  return values(v).flatMap(s => s.split('\n'))
}
