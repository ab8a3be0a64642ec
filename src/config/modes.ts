/**
 * Configuration: the inputs read and checked into one typed Config (inputs.ts) before anything talks to Azure.
 * This file holds the steps and the mode table: what each mode does, said once. The modes themselves are objects
 * in modes/; the code below them (posture, steps, report) asks these traits rather than naming a mode.
 */

export const STEP_NAMES = ['provision', 'activate', 'rbac', 'key', 'des', 'backup'] as const
export type StepName = (typeof STEP_NAMES)[number]
/**
 * What `steps: all` runs: every step but backup, which a scheduled job asks for by name (only one backup
 * runs at a time on an HSM, and a backup slows it).
 */
export const ALL_STEPS: readonly StepName[] = STEP_NAMES.filter(s => s !== 'backup')

export interface ModeTraits {
  /** Runs the chosen steps in order; the other modes are single-purpose and run instead of the steps. */
  runsSteps: boolean
  /** Reads wrapping private keys and a security-domain file (wrapping-private-key-files, security-domain-file). */
  readsPrivateKeys: boolean
  /** May read or write the escrow stores. */
  usesStores: boolean
  /** Runs the steps to change what differs (apply): the rules that hold before a write apply to it alone. */
  writes: boolean
  /** Creates what is missing, or says it would (apply, plan): a new HSM's escrow is checked before it exists. */
  createsMissing: boolean
  /**
   * Reads back and proves rather than plans (verify): the escrow proofs, the audit and the stores' settings;
   * older key versions and costs are left to the posture, and the summary leads with the drift.
   */
  proves: boolean
  /** Proves every quorum subset of the escrowed wrapping keys, which the summary lists (verify-security-domain). */
  provesSubsets: boolean
}

/** Every mode, in the order the mode input lists them. */
export const MODE_TABLE = {
  apply: {
    runsSteps: true,
    readsPrivateKeys: false,
    usesStores: true,
    writes: true,
    createsMissing: true,
    proves: false,
    provesSubsets: false
  },
  plan: {
    runsSteps: true,
    readsPrivateKeys: false,
    usesStores: true,
    writes: false,
    createsMissing: true,
    proves: false,
    provesSubsets: false
  },
  verify: {
    runsSteps: true,
    readsPrivateKeys: false,
    usesStores: true,
    writes: false,
    createsMissing: false,
    proves: true,
    provesSubsets: false
  },
  'verify-security-domain': {
    runsSteps: false,
    readsPrivateKeys: true,
    usesStores: true,
    writes: false,
    createsMissing: false,
    proves: false,
    provesSubsets: true
  },
  teardown: {
    runsSteps: false,
    readsPrivateKeys: false,
    usesStores: false,
    writes: false,
    createsMissing: false,
    proves: false,
    provesSubsets: false
  },
  recover: {
    runsSteps: false,
    readsPrivateKeys: true,
    usesStores: true,
    writes: false,
    createsMissing: false,
    proves: false,
    provesSubsets: false
  }
} as const satisfies Record<string, ModeTraits>

export type Mode = keyof typeof MODE_TABLE
export const MODES = Object.keys(MODE_TABLE) as Mode[]
/** The modes that run instead of the steps. */
export type SingleMode = { [M in Mode]: (typeof MODE_TABLE)[M]['runsSteps'] extends true ? never : M }[Mode]

export function isSingleMode(mode: Mode): mode is SingleMode {
  return !MODE_TABLE[mode].runsSteps
}

/** Whether the chosen steps reach the HSM's data plane (every step but provision does): the step modes' rule. */
export function stepsUseDataPlane(config: { steps: readonly StepName[] }): boolean {
  return config.steps.some(s => s !== 'provision')
}
