/** What a run carries from step to step: the config, the sign-in, the Azure clients, the deadline. */
import type { CloudEndpoints } from './auth/clouds.js'
import type { SignIn } from './auth/credential.js'
import type { ManagedHsmArm } from './azure/managed-hsm-arm.js'
import type { Config } from './inputs.js'

export interface RunContext {
  config: Config
  cloud: CloudEndpoints
  signIn: SignIn
  arm: ManagedHsmArm
  /** Epoch ms after which long waits give up (timeout-minutes from the start of the run). */
  deadline: number
  /** Facts steps hand to later steps and to the outputs. */
  facts: RunFacts
}

export interface RunFacts {
  hsmResourceId?: string
  hsmUri?: string
  activationStatus?: string
}
