/**
 * The posture of the HSM as Azure holds it, beyond what the inputs name: who can take the key, every version
 * of it, the HSM's settings, the escrow and the stores that keep it. Each area is an assessor; what they find
 * becomes the "Who can take the key" and "Posture" tables of the summary and findings with a severity in the
 * drift report.
 */
import type { ManagedHsm } from '../azure/managed-hsm-arm.js'
import type { RunContext } from '../run/context.js'
import type { Severity } from '../run/step.js'

/** What a role assignment lets its principal do, from its role's data actions (see access.ts). */
export type Capability =
  'release' | 'change' | 'use' | 'read' | 'backup' | 'manage-roles' | 'security-domain' | 'settings'

/** One role assignment that reaches the key: a row of "Who can take the key". */
export interface Holder {
  principalId: string
  roleName: string
  /** The role definition's GUID. */
  roleId: string
  /** A custom role (its permissions are read from its definition, never from its name). */
  custom: boolean
  scope: string
  assignmentName: string
  allows: Capability[]
  /** Why this assignment is intended ("role-assignments", "the action's identity", …); undefined: not intended. */
  intendedAs?: string
  /** For a holder that is not intended: how grave. */
  severity?: Severity
}

/** One row of the posture table, and a finding when its severity is not 'ok'. */
export interface PostureItem {
  /** Stable id below `posture.`, e.g. "setting.AllowKeyManagementOperationsThroughARM". */
  id: string
  /** What is assessed, in words: "AllowKeyManagementOperationsThroughARM", "escrow vault purge protection". */
  setting: string
  /** Its state, in words: "on", "off", "not checked (needs Reader on …)". */
  state: string
  severity: Severity | 'ok'
  /** The finding in one sentence (defaults to "setting: state"). */
  finding?: string
  /** More lines for the finding (which store, which version). */
  details?: string[]
  /** What to do about it: the action's own advice. */
  todo?: string
}

export interface Posture {
  /** Every role assignment that reaches the key, when they could be read. */
  holders?: Holder[]
  items: PostureItem[]
}

export type PostureMode = 'apply' | 'plan' | 'verify'

/** One area of the posture. */
export interface Assessor {
  name: string
  /**
   * Whether this run covers what the area reads (its steps, its inputs), for the HSM as ARM shows it; an area
   * that reads the data plane applies only to an active HSM (hsmActive).
   */
  applies(ctx: RunContext, hsm: ManagedHsm): boolean
  /** Starts the area's reads early (through ctx.reads), for the same HSM; never throws. */
  prefetch?(ctx: RunContext, hsm: ManagedHsm): void
  /**
   * verify only: starts the reads that need only the inputs beside the HSM's own ARM read (`hsm`), not after it.
   * verify expects an HSM that exists and is active, so a read made for one that is not is one request spent on
   * a run that fails anyway; apply and plan wait for ARM's answer (prefetch). Never throws.
   */
  early?(ctx: RunContext, hsm: Promise<ManagedHsm | undefined>): void
  /**
   * Reads Azure and says what it finds. A read the identity is not allowed to make is an item "not checked
   * (needs …)"; any other failure is thrown and reported as a check that could not be made.
   */
  assess(ctx: RunContext, mode: PostureMode): Promise<Posture>
}

/** Whether the HSM answers on its data plane: provisioned and activated. */
export function hsmActive(hsm: ManagedHsm): boolean {
  return (
    hsm.properties?.provisioningState === 'Succeeded' &&
    hsm.properties.securityDomainProperties?.activationStatus === 'Active'
  )
}
