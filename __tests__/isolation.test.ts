/**
 * Test files run three at a time (jest.config.js maxWorkers): two files must never share a port, a state
 * folder or a temporary folder. The harness notes each one a file takes in the run's ledger and the global
 * teardown fails the run on a clash (support/isolation.ts); here, that the check finds one when there is
 * one, and that the tests make their folders and ports so that there is none.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { clashes, type LedgerEntry } from './support/isolation.js'

const entry = (file: string, kind: LedgerEntry['kind'], value: string, from = 0, to?: number) => ({
  file,
  kind,
  value,
  from,
  ...(to !== undefined ? { to } : {})
})

describe('the ledger check', () => {
  it('finds a port two files held at the same time', () => {
    expect(
      clashes([entry('a.test.ts', 'port', '40001', 0, 10), entry('b.test.ts', 'port', '40001', 5, 20)])
    ).toEqual(['port 40001: a.test.ts and b.test.ts'])
  })

  it('lets a closed port be given out again', () => {
    expect(
      clashes([entry('a.test.ts', 'port', '40001', 0, 10), entry('b.test.ts', 'port', '40001', 10, 20)])
    ).toEqual([])
  })

  it('finds a state folder or a temporary folder of two files, at any time', () => {
    expect(
      clashes([
        entry('a.test.ts', 'state folder', '/tmp/azure-emulator-x', 0),
        entry('b.test.ts', 'state folder', '/tmp/azure-emulator-x', 100),
        entry('a.test.ts', 'temporary folder', '/tmp/action-run-y', 0),
        entry('c.test.ts', 'temporary folder', '/tmp/action-run-y', 1000)
      ])
    ).toEqual([
      'state folder /tmp/azure-emulator-x: a.test.ts and b.test.ts',
      'temporary folder /tmp/action-run-y: a.test.ts and c.test.ts'
    ])
  })

  it('lets one file use its own folder again', () => {
    expect(
      clashes([
        entry('a.test.ts', 'temporary folder', '/tmp/x', 0),
        entry('a.test.ts', 'temporary folder', '/tmp/x', 5)
      ])
    ).toEqual([])
  })
})

/** Every TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const path = join(dir, f)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

describe('the tests and their harness', () => {
  const files = [...sources('__tests__'), 'scripts/local-runner.ts', 'emulator/testing.ts'].filter(
    f => !f.endsWith('isolation.test.ts')
  )

  it('make every temporary folder fresh (mkdtemp), but the reliability figures all suites add to', () => {
    const fixed = files.flatMap(f =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter(l => /\btmpdir\(\)/.test(l) && !/mkdtemp/.test(l) && !/^\s*(\*|\/\/)/.test(l))
        .map(l => `${f}: ${l.trim()}`)
    )
    expect(fixed).toEqual([
      "__tests__/reliability/harness.ts: export const FIGURES_DIR = join(tmpdir(), 'managed-hsm-skr-reliability')"
    ])
  })

  it('let the system choose every port (no emulator started on a fixed one)', () => {
    const ports = files.flatMap(f =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter(l => /\bport:\s*\d+|--port['"]?,\s*['"]?\d+/.test(l))
        .map(l => `${f}: ${l.trim()}`)
    )
    expect(ports).toEqual([])
  })

  it('start each emulator in a state folder of its own', () => {
    // A file that names a state folder (to restart an emulator on it) makes it with mkdtemp itself.
    const named = files.flatMap(f =>
      [...readFileSync(f, 'utf8').matchAll(/startEmulator\(\{\s*stateDir(?::\s*([^,}]+))?/g)].map(m => ({
        f,
        dir: (m[1] ?? 'stateDir').trim()
      }))
    )
    for (const { f, dir } of named)
      expect([f, new RegExp(`${dir}\\s*=\\s*mkdtempSync\\(`).test(readFileSync(f, 'utf8'))]).toEqual([
        f,
        true
      ])
  })
})
