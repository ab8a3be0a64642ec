// steps/: the steps (provision, activate, rbac, key, des, backup) as plan/apply units, in the order they run.
/** The steps in the order they run. */
import type { StepName } from '../config/index.js'
import { activate } from './activate/index.js'
import { backup } from './backup/index.js'
import { des } from './des/index.js'
import { provision } from './provision.js'
import { key } from './key/index.js'
import { rbac } from './rbac.js'
import type { Step } from '../run/step.js'

export const STEPS: Record<StepName, Step> = { provision, activate, rbac, key, des, backup }
