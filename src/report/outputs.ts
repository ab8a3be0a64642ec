/** The action's outputs, named as the reference steps name their variables. */
import * as core from '@actions/core'
import type { RunFacts } from '../context.js'
import type { Config } from '../inputs.js'

export const OUTPUT_NAMES = ['HSM_NAME', 'HSM_RESOURCE_ID', 'HSM_URI'] as const
export type Outputs = Partial<Record<(typeof OUTPUT_NAMES)[number], string>>

export function outputsFrom(config: Config, facts: RunFacts): Outputs {
  const o: Outputs = { HSM_NAME: config.hsmName }
  if (facts.hsmResourceId) o.HSM_RESOURCE_ID = facts.hsmResourceId
  // Kept exactly as Azure returns properties.hsmUri, trailing slash included (as `az keyvault show` prints it).
  if (facts.hsmUri) o.HSM_URI = facts.hsmUri
  return o
}

export function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, value)
  }
}
