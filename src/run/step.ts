/**
 * One shape for every step: plan() reads Azure and returns what differs from the inputs as Changes; apply
 * runs them. A converged rerun therefore sends no write by construction, and plan/verify (later) reuse the
 * same comparison instead of a second opinion of what "converged" means.
 */
import type { ManagedHsmDataPlane } from '../azure/managed-hsm-data.js'
import type { ManagedHsmKeys } from '../azure/keys.js'
import type { RunContext } from './context.js'

export type ChangeKind = 'create' | 'update' | 'delete' | 'recover' | 'purge' | 'wait'

export interface Change {
  kind: ChangeKind
  /** Stable id of what differs, e.g. "provision.publicNetworkAccess"; names the drift check in verify. */
  id?: string
  /** One line for logs and the summary, e.g. "create Managed HSM 'x' in westeurope". */
  summary: string
  /** Field-level lines, e.g. "publicNetworkAccess: Enabled -> Disabled". */
  details: string[]
  apply(): Promise<void>
}

export interface Plan {
  changes: Change[]
  /** Differences the action will not change by itself (immutable properties), said as warnings. */
  notes: string[]
  /**
   * Weaker settings the user accepted with an explicit opt-in: named in the summary next to the notes, but not
   * drift (the inputs asked for them).
   */
  warnings?: string[]
  /** What the step found worth saying that is neither drift nor a weakness (a Disk Encryption Set the key backs). */
  info?: string[]
}

export interface Step {
  name: string
  plan(ctx: RunContext): Promise<Plan>
  /**
   * Reads back what the outputs need once the changes are applied; when nothing changed, what plan read
   * is still true and is reused instead of read again.
   */
  finish(ctx: RunContext, changed: boolean): Promise<void>
  /** Facts the step's row states after apply made its changes (the backup's folder and duration). */
  report?(ctx: RunContext): string[]
  /** Read-only proofs that only verify runs (e.g. that the escrow still recovers the security domain). */
  verify?(ctx: RunContext): Promise<Check[]>
  /**
   * Starts the reads plan will make, before the step's turn (engine/prefetch.ts), through ctx.reads so plan
   * joins them: what the inputs alone name at once; what needs the HSM's data plane in the function returned,
   * which the engine calls once ARM shows the HSM active. Writes, logs and throws nothing: a read that fails
   * is reported by plan, as its own read would have been.
   */
  prefetch?(ctx: RunContext): ((hsm: ActiveHsm) => void) | undefined
}

/** The HSM as ARM showed it at the run's start, provisioned and active: what the steps' early reads need. */
export interface ActiveHsm {
  uri: string
  /** The data-plane client the steps use (run/context.ts dataPlane), made on first call: one challenge cache. */
  plane(): ManagedHsmDataPlane
  /** The keys client the steps use (run/context.ts keysClient), likewise. */
  keys(): ManagedHsmKeys
}

/**
 * How grave a finding is. `critical`: someone outside the intended holders can take or change the key, or the
 * escrow is not this HSM's (verify fails whatever fail-on-drift says; apply fails after its writes; plan lists
 * it). `drift`: Azure differs from the inputs (apply repairs it). `warning`: a weaker posture worth fixing
 * (reported, never a failure). `info`: the effective exposure, said so nobody has to guess.
 */
export type Severity = 'critical' | 'drift' | 'warning' | 'info'

/** One entry of the drift report. Never holds a secret. */
export interface Check {
  id: string
  /** `drift`: a finding, of the severity below (ordinary drift when none is given). */
  status: 'ok' | 'drift' | 'error'
  severity?: Severity
  desired?: unknown
  actual?: unknown
  /** The action's own advice ("What to do"), never Azure's text. */
  hint?: string
}

export type StepStatus = 'created' | 'updated' | 'unchanged' | 'planned' | 'drift' | 'skipped' | 'failed'

export interface StepResult {
  step: string
  status: StepStatus
  changes: string[]
  notes: string[]
  checks: Check[]
  durationMs: number
  error?: string
  /** plan: a change it would make creates something (the summary says "would create"). */
  creates?: boolean
  /** Facts the row states (ℹ️), neither drift nor a warning. */
  info?: string[]
  /** The result in words when the status alone would mislead (teardown: "deleted", "left alone"). */
  label?: string
}

/**
 * In a teardown's label: a delete that purge protection keeps, so the name stays taken and billing may go on
 * (the summary shows it as a warning, never as done).
 */
export const HELD = 'held by purge protection'
