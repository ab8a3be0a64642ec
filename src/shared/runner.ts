/**
 * What the runner hands the action before it runs: the inputs and the saved state, in the environment.
 * Read here rather than through @actions/core so the entry, which validates the inputs, loads nothing
 * heavy: @actions/core brings its HTTP client, most of a megabyte a bad input never needs.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'
import * as log from './log.js'

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
 * Appends `name` = `value` to the runner's file named by `variable` (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE) as a
 * `name<<DELIMITER` block, the delimiter random so no value can end the block early, as the runner reads it.
 * Without that file (no runner), the workflow command `fallback` of older runners, escaped (log.ts). Written here
 * rather than through @actions/core: importing it evaluates its HTTP client, and with it the bundled undici
 * (about a tenth of a CPU-second at every start), for three appends.
 */
function fileCommand(variable: string, fallback: string, name: string, value: string): void {
  const file = process.env[variable]
  if (!file) return log.runnerCommand(fallback, { name }, value)
  const delimiter = `ghadelimiter_${randomUUID()}`
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}

/** A step output (GITHUB_OUTPUT). */
export function setOutput(name: string, value: string): void {
  fileCommand('GITHUB_OUTPUT', 'set-output', name, value)
}

/** An environment variable for the job's later steps (GITHUB_ENV), and for this process. */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  fileCommand('GITHUB_ENV', 'set-env', name, value)
}

/** Saves a value for the post phase (GITHUB_STATE), which reads it with getState. */
export function saveState(name: string, value: string): void {
  fileCommand('GITHUB_STATE', 'save-state', name, value)
}
