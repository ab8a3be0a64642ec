/**
 * The runner's file commands as the action writes them (src/shared/runner.ts): a `name<<DELIMITER` block per
 * value in GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE, which no value can end early; without those files, the
 * workflow commands of older runners, escaped so that a value cannot start a command of its own.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseFileCommand, replayRunnerCommands } from '../scripts/local-runner.js'
import { exportVariable, getState, saveState, setOutput } from '../src/shared/runner.js'

/** A value that tries to end its block, start another and issue commands. */
const HOSTILE =
  'line 1\nghadelimiter_00000000-0000-0000-0000-000000000000\nEVIL<<x\n::add-mask::x\r\n%0A done'

let dir: string
const saved = { ...process.env }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-files-'))
})
afterEach(() => {
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
  jest.restoreAllMocks()
})

describe('runner file commands', () => {
  it('append each value as a block no value can end, read back whole', () => {
    for (const v of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE']) process.env[v] = join(dir, v)
    setOutput('HSM_URI', HOSTILE)
    setOutput('KEY_NAME', 'KeyEncryptionKey')
    exportVariable('KEK_KID', HOSTILE)
    saveState('rescue', HOSTILE)
    expect(parseFileCommand(readFileSync(join(dir, 'GITHUB_OUTPUT'), 'utf8'))).toEqual({
      HSM_URI: HOSTILE,
      KEY_NAME: 'KeyEncryptionKey'
    })
    expect(parseFileCommand(readFileSync(join(dir, 'GITHUB_ENV'), 'utf8'))).toEqual({
      KEK_KID: HOSTILE
    })
    expect(parseFileCommand(readFileSync(join(dir, 'GITHUB_STATE'), 'utf8'))).toEqual({
      rescue: HOSTILE
    })
    // exportVariable also sets it for this process; the post phase reads saved state from STATE_<name>.
    expect(process.env.KEK_KID).toBe(HOSTILE)
    process.env.STATE_rescue = 'abc path'
    expect(getState('rescue')).toBe('abc path')
  })

  it('without the files, write one escaped command per value: nothing in a value becomes a command', () => {
    for (const v of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE']) delete process.env[v]
    let out = ''
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      out += String(chunk)
      return true
    })
    setOutput('out:put,name', HOSTILE)
    exportVariable('VAR', HOSTILE)
    saveState('state', HOSTILE)
    const replay = replayRunnerCommands(out)
    expect(replay.commands.map(c => [c.command, c.properties, c.data])).toEqual([
      ['set-output', { name: 'out:put,name' }, HOSTILE],
      ['set-env', { name: 'VAR' }, HOSTILE],
      ['save-state', { name: 'state' }, HOSTILE]
    ])
    expect(replay.masks).toEqual([])
  })
})
