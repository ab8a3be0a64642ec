/** The config tests' way in: the action's inputs as the runner gives them, over a file's base set. */
import { expect } from '@jest/globals'
import { parseInputs } from '../../src/config/index.js'
import { ConfigurationErrors } from '../../src/shared/errors.js'

/** Who signs in, and where the HSM is: what every valid input set of the config tests starts from. */
export const HSM_INPUTS: Record<string, string> = {
  'tenant-id': '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'client-id': '11111111-2222-3333-4444-555555555555',
  'subscription-id': '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
  'resource-group': 'rg-skr',
  location: 'westeurope',
  'hsm-name': 'contoso-skr-01'
}

/** A whole apply's inputs: the HSM's, the escrow stores and a release policy preset. */
export const APPLY_INPUTS: Record<string, string> = {
  ...HSM_INPUTS,
  'security-domain-store': 'https://kv-escrow.vault.azure.net/secrets/sd',
  'wrapping-key-store': 'https://kv-keys.vault.azure.net/secrets/wrap',
  'release-policy-preset': 'cvm-platform'
}

/** `parse` reads `base` with `overrides` on top; `problems` expects a refusal and returns its messages. */
export function inputParser(base: Record<string, string>) {
  const parse = (overrides: Record<string, string> = {}) => {
    const inputs = { ...base, ...overrides }
    // The names given too, as the runner's environment has them: a misspelt one is refused, as in a run.
    return parseInputs(name => inputs[name] ?? '', Object.keys(inputs))
  }
  const problems = (overrides: Record<string, string>): string[] => {
    try {
      parse(overrides)
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationErrors)
      return (e as ConfigurationErrors).errors.map(x => x.message)
    }
    throw new Error('expected the inputs to be refused')
  }
  return { parse, problems }
}
