/**
 * The layering of src/: each file sits in a layer, and imports only its own layer or lower ones; there is
 * no import cycle; and the emulator, the witness the end-to-end tests run against, imports nothing from src/.
 * The emulator's layout: no import cycle either (type imports count), a core/ that names no service, one
 * folder per service under services/, and services/index.ts the only way in to them from outside.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { localImports, specifiers, tsFiles } from './support/imports.js'
import { LAYOUT } from '../scripts/layout.js'

const ROOT = process.cwd()
const SRC = join(ROOT, 'src')

/**
 * The folders of src/, lowest first (scripts/layout.ts, which also writes them into docs/development.md); the
 * root's files (index.ts, main.ts, post.ts) are the top. A file may import its own folder and lower ones.
 */
const FOLDERS = LAYOUT.map(([folder]) => folder)
const LAYERS: [string, RegExp][] = [
  ...FOLDERS.map(f => [f, new RegExp(`^${f}/`)] as [string, RegExp]),
  ['entry', /^[^/]+\.ts$/]
]

function key(file: string): string {
  return relative(SRC, file).split(sep).join('/')
}

function layerOf(path: string): number {
  const i = LAYERS.findIndex(([, re]) => re.test(path))
  if (i < 0) throw new Error(`src/${path} is in no layer: add its folder to LAYERS`)
  return i
}

function graph(): Map<string, string[]> {
  return new Map(
    tsFiles(SRC).map(f => [key(f), localImports(f, readFileSync(f, 'utf8')).map(key)] as [string, string[]])
  )
}

/** Every import that breaks the layering, as `from -> to (why)`. */
export function violations(g: Map<string, string[]>): string[] {
  return [...g].flatMap(([from, tos]) =>
    tos.flatMap(to => {
      const up = layerOf(to) > layerOf(from)
      return up ? [`${from} -> ${to} (${LAYERS[layerOf(from)][0]} imports ${LAYERS[layerOf(to)][0]})`] : []
    })
  )
}

/** Lines that compare a mode by name: below the modes, code asks MODE_TABLE's traits or the mode object. */
export function modeComparisons(text: string): string[] {
  return text.split('\n').filter(l => /\bmode\s*[!=]==?|['"]\s*[!=]==?\s*(\w+\.)*mode\b/.test(l))
}

/** One import cycle as a path of files, or undefined when there is none. */
export function findCycle(g: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n]
    state.set(n, 'open')
    stack.push(n)
    for (const m of g.get(n) ?? []) {
      const cycle = visit(m)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(n, 'done')
    return undefined
  }
  for (const n of g.keys()) {
    const cycle = visit(n)
    if (cycle) return cycle
  }
  return undefined
}

const EMULATOR = join(ROOT, 'emulator')

/** The emulator's import graph, paths relative to emulator/ with /. */
function emulatorGraph(): Map<string, string[]> {
  const rel = (f: string): string => relative(EMULATOR, f).split(sep).join('/')
  return new Map(
    tsFiles(EMULATOR).map(
      f => [rel(f), localImports(f, readFileSync(f, 'utf8')).map(rel)] as [string, string[]]
    )
  )
}

/** Imports that break the emulator's layout, as `from -> to (why)`. */
export function layoutViolations(g: Map<string, string[]>): string[] {
  const service = (p: string): string | undefined => /^services\/([^/]+)\//.exec(p)?.[1]
  const loose = [...g.keys()]
    .filter(p => p.startsWith('services/') && p !== 'services/index.ts' && !service(p))
    .map(p => `${p} (a service lives in its own folder under services/)`)
  return loose.concat(
    [...g].flatMap(([from, tos]) =>
      tos.flatMap(to => {
        if (from.startsWith('core/') && to.startsWith('services/'))
          return [`${from} -> ${to} (core names no service)`]
        if (to === 'services/index.ts' && from.startsWith('services/'))
          return [`${from} -> ${to} (a service does not know the list of services)`]
        if (to.startsWith('services/') && to !== 'services/index.ts' && !from.startsWith('services/'))
          return [`${from} -> ${to} (outside services/, only services/index.ts is imported)`]
        return []
      })
    )
  )
}

describe('architecture', () => {
  const g = graph()

  it('every src/ file sits in a layer and imports only its own layer or lower ones', () => {
    expect(violations(g)).toEqual([])
  })

  it('src/ has no import cycle', () => {
    expect(findCycle(g)).toBeUndefined()
  })

  it('every local import names a file that exists', () => {
    const missing = [...g].flatMap(([from, tos]) => tos.filter(t => !g.has(t)).map(t => `${from} -> ${t}`))
    expect(missing).toEqual([])
  })

  it('emulator/ imports nothing from src/', () => {
    const offenders = tsFiles(join(ROOT, 'emulator')).filter(f =>
      localImports(f, readFileSync(f, 'utf8')).some(t => t.startsWith(SRC + sep))
    )
    expect(offenders.map(f => relative(ROOT, f))).toEqual([])
  })

  it('only config/ and modes/ compare the mode by name', () => {
    const found = tsFiles(SRC)
      .filter(f => !/^(config|modes)\//.test(key(f)))
      .flatMap(f => modeComparisons(readFileSync(f, 'utf8')).map(l => `${key(f)}: ${l.trim()}`))
    expect(found).toEqual([])
  })

  it("the early reads are the steps' own: engine/prefetch.ts reaches no step or read helper but the step table", () => {
    const reached = (g.get('engine/prefetch.ts') ?? []).filter(t => /^(steps|run)\//.test(t))
    expect(reached.sort()).toEqual(['run/context.ts', 'run/step.ts', 'steps/index.ts'])
  })

  it('no file in src/ exceeds 450 lines, and engine/execute.ts 80', () => {
    const lines = (f: string): number => readFileSync(f, 'utf8').split('\n').length - 1
    const long = tsFiles(SRC)
      .filter(f => lines(f) > 450)
      .map(key)
    expect(long).toEqual([])
    expect(lines(join(SRC, 'engine', 'execute.ts'))).toBeLessThanOrEqual(80)
  })

  it('the emulator has no import cycle, type imports included', () => {
    expect(findCycle(emulatorGraph())).toBeUndefined()
  })

  it("the emulator's core names no service, and services/index.ts is the only way in to the services", () => {
    expect(layoutViolations(emulatorGraph())).toEqual([])
  })

  it('the checks can fail', () => {
    expect(
      modeComparisons(
        "if (config.mode === 'verify') x()\nif ('plan' !== ctx.config.mode) y()\nconst k = kind === 'plan'"
      )
    ).toEqual(["if (config.mode === 'verify') x()", "if ('plan' !== ctx.config.mode) y()"])
    const bad = new Map([
      ['steps/key/index.ts', ['modes/recover.ts']],
      ['modes/recover.ts', ['steps/key/index.ts']],
      ['report/summary.ts', ['steps/activate/index.ts']],
      ['config/inputs.ts', ['engine/execute.ts']],
      ['shared/errors.ts', ['report/log.ts']]
    ])
    expect(violations(bad)).toEqual([
      'steps/key/index.ts -> modes/recover.ts (steps imports modes)',
      'report/summary.ts -> steps/activate/index.ts (report imports steps)',
      'config/inputs.ts -> engine/execute.ts (config imports engine)',
      'shared/errors.ts -> report/log.ts (shared imports report)'
    ])
    expect(findCycle(bad)).toEqual(['steps/key/index.ts', 'modes/recover.ts', 'steps/key/index.ts'])
    expect(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []]
        ])
      )
    ).toBeUndefined()
    expect(
      layoutViolations(
        new Map([
          ['core/state.ts', ['services/blob/store.ts']],
          ['services/blob/store.ts', ['core/state.ts']],
          ['services/entra/apps.ts', ['services/index.ts']],
          ['services/loose.ts', []],
          ['main.ts', ['services/index.ts', 'services/graph/index.ts']]
        ])
      )
    ).toEqual([
      'services/loose.ts (a service lives in its own folder under services/)',
      'core/state.ts -> services/blob/store.ts (core names no service)',
      'services/entra/apps.ts -> services/index.ts (a service does not know the list of services)',
      'main.ts -> services/graph/index.ts (outside services/, only services/index.ts is imported)'
    ])
    expect(
      findCycle(
        new Map([
          ['core/state.ts', ['services/blob/store.ts']],
          ['services/blob/store.ts', ['core/state.ts']]
        ])
      )
    ).toEqual(['core/state.ts', 'services/blob/store.ts', 'core/state.ts'])
    expect(
      specifiers("export * from './a.js'\nconst m = await import('./b.js')\nimport type { C } from './c.js'")
    ).toEqual(['./a.js', './c.js', './b.js'])
  })
})
