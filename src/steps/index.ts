/** The steps in the order they run. */
import type { StepName } from '../inputs.js'
import { provision } from './provision.js'
import type { Step } from './step.js'

export const STEPS: Record<StepName, Step> = { provision }
