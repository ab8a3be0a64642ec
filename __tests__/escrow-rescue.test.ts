/**
 * The rescue location on its own: which bases can hold the private directory, what the directory and the
 * file look like on disk, and that nothing planted at a name is followed or overwritten.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  guardSecurityDomain,
  prepareRescueLocation,
  rescueBases,
  rescueHint,
  unpredictableName
} from '../src/escrow/rescue.js'
import { ConflictError } from '../src/shared/errors.js'

const root = mkdtempSync(join(tmpdir(), 'rescue-unit-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let n = 0
function place(kind: 'dir' | 'file' | 'under-file' | 'missing'): string {
  const p = join(root, `${kind}-${++n}`)
  if (kind === 'dir') mkdirSync(p)
  if (kind === 'file') writeFileSync(p, 'not a directory')
  if (kind === 'under-file') {
    writeFileSync(p, 'not a directory')
    return join(p, 'temp')
  }
  return p
}

describe('prepareRescueLocation: the first usable base, or a clear refusal', () => {
  const cases: Array<{
    title: string
    runnerTemp: 'dir' | 'file' | 'under-file' | 'missing' | 'unset'
    osTemp: 'dir' | 'file' | 'under-file' | 'missing'
    expected: 'RUNNER_TEMP' | 'OS' | 'none'
    why?: RegExp
  }> = [
    { title: 'RUNNER_TEMP usable', runnerTemp: 'dir', osTemp: 'dir', expected: 'RUNNER_TEMP' },
    { title: 'RUNNER_TEMP unset', runnerTemp: 'unset', osTemp: 'dir', expected: 'OS', why: /not set/ },
    { title: 'RUNNER_TEMP is a file', runnerTemp: 'file', osTemp: 'dir', expected: 'OS', why: /ENOTDIR/ },
    {
      title: 'RUNNER_TEMP under a file',
      runnerTemp: 'under-file',
      osTemp: 'dir',
      expected: 'OS',
      why: /ENOTDIR/
    },
    { title: 'RUNNER_TEMP missing', runnerTemp: 'missing', osTemp: 'dir', expected: 'OS', why: /ENOENT/ },
    { title: 'both unusable', runnerTemp: 'file', osTemp: 'under-file', expected: 'none', why: /ENOTDIR/ },
    { title: 'unset and missing', runnerTemp: 'unset', osTemp: 'missing', expected: 'none', why: /ENOENT/ }
  ]

  it.each(cases)('$title', ({ runnerTemp, osTemp, expected, why }) => {
    const env = runnerTemp === 'unset' ? {} : { RUNNER_TEMP: place(runnerTemp) }
    const os = place(osTemp)
    const bases = rescueBases(env, os)
    if (expected === 'none') {
      let error: unknown
      try {
        prepareRescueLocation(bases)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConflictError)
      const message = (error as Error).message
      expect(message).toMatch(
        /no rescue location for the security domain is writable, so it was not downloaded/
      )
      expect(message).toMatch(runnerTemp === 'unset' ? /- RUNNER_TEMP: not set/ : /- RUNNER_TEMP \(/)
      expect(message).toContain(`- the OS temporary directory (TMPDIR) (${os}): `)
      expect(message).toMatch(why as RegExp)
      expect(message).toMatch(/What to do: make RUNNER_TEMP a writable directory with free space/)
      // Nothing was left behind in a usable parent.
      if (osTemp === 'missing') expect(existsSync(os)).toBe(false)
      return
    }
    const loc = prepareRescueLocation(bases)
    const base = expected === 'RUNNER_TEMP' ? env.RUNNER_TEMP : os
    expect(dirname(loc.dir)).toBe(base)
    expect(loc.base.name).toBe(
      expected === 'RUNNER_TEMP' ? 'RUNNER_TEMP' : 'the OS temporary directory (TMPDIR)'
    )
    if (why) expect(loc.skipped.join('\n')).toMatch(why)
    else expect(loc.skipped).toEqual([])
    const st = lstatSync(loc.dir)
    expect(st.isDirectory()).toBe(true)
    expect(st.mode & 0o777).toBe(0o700)
    expect(readdirSync(loc.dir)).toEqual([]) // the probe was removed
  })

  it('a device as base is skipped; an unused directory is removed, leaving the base as it was', () => {
    const base = place('dir')
    expect(() => prepareRescueLocation([{ name: 'RUNNER_TEMP', path: '/dev/null' }])).toThrow(
      /RUNNER_TEMP \(\/dev\/null\): ENOTDIR/
    )
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: base }], 1024)
    expect(loc.skipped).toEqual([])
    loc.discardIfEmpty()
    expect(readdirSync(base)).toEqual([])
  })
})

describe('RescueLocation.write: exclusive, no link followed, 0600, synced', () => {
  it('writes every byte to a regular 0600 file with an unpredictable name, and keeps it', () => {
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    const content = JSON.stringify({ EncData: 'x'.repeat(200_000) })
    const path = loc.write(content)
    expect(dirname(path)).toBe(loc.dir)
    expect(path).toMatch(/security-domain-[0-9a-f]{32}\.json$/)
    const st = lstatSync(path)
    expect(st.isFile()).toBe(true)
    expect(st.mode & 0o777).toBe(0o600)
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(
      createHash('sha256').update(content).digest('hex')
    )
    loc.discardIfEmpty()
    expect(existsSync(path)).toBe(true)
    expect(loc.file).toBe(path)
  })

  it('two names are never the same', () => {
    const names = new Set(Array.from({ length: 1000 }, () => unpredictableName('security-domain')))
    expect(names.size).toBe(1000)
  })

  const planted: Array<{ title: string; plant: (at: string, victim: string) => void; code: RegExp }> = [
    { title: 'a symlink to a file', plant: (at, victim) => symlinkSync(victim, at), code: /EEXIST/ },
    { title: 'a dangling symlink', plant: at => symlinkSync(join(root, 'nowhere', 'x'), at), code: /EEXIST/ },
    { title: 'a regular file', plant: at => writeFileSync(at, 'planted'), code: /EEXIST/ }
  ]
  it.each(planted)('$title at the name is neither followed nor overwritten', ({ plant, code }) => {
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    const victim = join(place('dir'), 'victim')
    writeFileSync(victim, 'victim content')
    plant(join(loc.dir, 'fixed.json'), victim)
    expect(() => loc.write('{"security":"domain"}', 'fixed.json')).toThrow(code)
    expect(readFileSync(victim, 'utf8')).toBe('victim content')
    expect(loc.file).toBeUndefined()
  })
})

describe('discardIfEmpty', () => {
  it('removes an unused directory, never one holding anything', () => {
    const unused = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    unused.discardIfEmpty()
    expect(existsSync(unused.dir)).toBe(false)
    const other = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    writeFileSync(join(other.dir, 'something'), 'x')
    other.discardIfEmpty()
    expect(existsSync(join(other.dir, 'something'))).toBe(true)
  })
})

describe('rescueHint', () => {
  it('gives the path, the SHA-256 and the next steps', () => {
    const sha = 'a'.repeat(64)
    const hint = rescueHint('/t/d/security-domain-x.json', sha, 'https://s.blob.core.windows.net/c/sd.json')
    expect(hint).toContain(`(SHA-256 ${sha}) is saved ONLY in /t/d/security-domain-x.json (mode 0600`)
    expect(hint).toContain(
      `put it in https://s.blob.core.windows.net/c/sd.json with the metadata (tag) sha256=${sha} and rerun`
    )
    expect(hint).toContain('security-domain-file: /t/d/security-domain-x.json')
    expect(hint).toMatch(/if: failure\(\)/)
  })
})

describe('guardSecurityDomain', () => {
  it('a signal during the escrow writes the security domain once, and stops listening when released', () => {
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    const announced: Array<string | undefined> = []
    const before = process.listenerCount('SIGTERM')
    const guard = guardSecurityDomain(loc, p => announced.push(p))
    expect(process.listenerCount('SIGTERM')).toBe(before + 1)
    guard.hold('{"sd":1}')
    expect(announced).toEqual([])
    process.emit('SIGTERM', 'SIGTERM')
    process.emit('SIGINT', 'SIGINT')
    expect(announced).toHaveLength(1)
    expect(readFileSync(announced[0] as string, 'utf8')).toBe('{"sd":1}')
    expect(guard.release()).toBe('SIGTERM')
    expect(process.listenerCount('SIGTERM')).toBe(before)
    expect(process.listenerCount('SIGINT')).toBe(before)
  })

  it('a signal during the download is held until the security domain arrives, then it is written', () => {
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    const announced: Array<string | undefined> = []
    const guard = guardSecurityDomain(loc, p => announced.push(p))
    process.emit('SIGINT', 'SIGINT')
    expect(announced).toEqual([])
    guard.hold('{"sd":2}')
    expect(announced).toHaveLength(1)
    expect(readFileSync(announced[0] as string, 'utf8')).toBe('{"sd":2}')
    expect(guard.release()).toBe('SIGINT')
  })

  it('a rescue that cannot be written is announced with its error', () => {
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    rmSync(loc.dir, { recursive: true })
    const announced: unknown[] = []
    const guard = guardSecurityDomain(loc, (p, e) => announced.push(p ?? e))
    guard.hold('{}')
    process.emit('SIGTERM', 'SIGTERM')
    guard.release()
    expect(String((announced[0] as Error).message)).toMatch(/ENOENT/)
  })

  it('reports nothing when no signal came', () => {
    const loc = prepareRescueLocation([{ name: 'RUNNER_TEMP', path: place('dir') }])
    const guard = guardSecurityDomain(loc, () => {
      throw new Error('no signal was sent')
    })
    guard.hold('{}')
    expect(guard.release()).toBeUndefined()
    loc.discardIfEmpty()
    expect(existsSync(loc.dir)).toBe(false)
  })
})
