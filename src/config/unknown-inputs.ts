/**
 * Inputs the action does not declare. The runner hands every `with:` entry to the action (INPUT_<NAME>) and
 * only warns about undeclared ones; a misspelt input (release-policy-presets) then runs with the default
 * instead, which for this action can mean an HSM, key or grant other than the one asked for, made for good.
 * So a name close to a declared one is an input error, before any request, with the name it is close to; a
 * name close to none is left to the runner's own warning (it lists the valid names), not said twice.
 */
import { editDistance } from '../shared/edit-distance.js'
import { INPUT_NAMES } from './reader.js'
import { RENAMED_INPUTS } from './renamed.js'

export interface UnknownInput {
  name: string
  closest: string
}

/** The given names (lower-case, as INPUT_<NAME> spells them) that look like a typo of a declared input. */
export function misspeltInputs(given: readonly string[]): UnknownInput[] {
  const known = new Set(INPUT_NAMES)
  const out: UnknownInput[] = []
  for (const raw of given) {
    const name = raw.toLowerCase()
    // Old names are refused with their new name (renamed.ts).
    if (known.has(name) || name in RENAMED_INPUTS) continue
    const closest = closestInput(name)
    if (closest) out.push({ name, closest })
  }
  return out
}

/** The declared input a name is a likely typo of: underscores for hyphens, or at most a few edits away. */
function closestInput(name: string): string | undefined {
  const hyphenated = name.replace(/[_ ]/g, '-')
  let best: string | undefined
  let bestScore = Infinity
  for (const known of INPUT_NAMES) {
    const score = editDistance(hyphenated, known)
    if (score < bestScore) [best, bestScore] = [known, score]
  }
  // Close: a few edits, and fewer than a third of the name (so 'env' is not taken for 'tags').
  return best !== undefined && bestScore <= 3 && bestScore * 3 < best.length ? best : undefined
}
