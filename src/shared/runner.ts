/**
 * What the runner hands the action before it runs: the inputs and the saved state, in the environment.
 * Read here rather than through @actions/core so the entry, which validates the inputs, loads nothing
 * heavy: @actions/core brings its HTTP client, most of a megabyte a bad input never needs.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

/** An input as the runner sets it (INPUT_<NAME>, spaces as underscores), trimmed; '' when not set. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** The names of the inputs the runner set (INPUT_<NAME>), lower-case. */
export function givenInputNames(): string[] {
  return Object.keys(process.env)
    .filter(k => k.startsWith('INPUT_'))
    .map(k => k.slice('INPUT_'.length).toLowerCase())
}

/** A value saved by the main phase for the post phase; '' when none. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

/**
 * Saves a value for the post phase: a `name<<DELIMITER` block in the runner's GITHUB_STATE file, the
 * delimiter random so no value can end the block early. Without that file (no runner), @actions/core's
 * `::save-state` command.
 */
export async function saveState(name: string, value: string): Promise<void> {
  const file = process.env.GITHUB_STATE
  if (!file) {
    const core = await import('@actions/core')
    core.saveState(name, value)
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}
