/** The config tests' way in: the action's inputs as the runner gives them, over a file's base set. */
import { expect } from '@jest/globals'
import { parseInputs } from '../../src/config/index.js'
import { ConfigurationErrors } from '../../src/shared/errors.js'

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
