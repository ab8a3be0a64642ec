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

const ROOT = process.cwd()
const SRC = join(ROOT, 'src')

/**
 * Lowest first; the first pattern a path (relative to src/, with /) matches gives its layer. A file may
 * import its own layer and lower ones.
 */
const LAYERS: [string, RegExp][] = [
  ['shared', /^shared\/|^report\/(log|log-redaction|markdown|run-url)\.ts$/],
  ['libraries', /^(security-domain|policy)\//],
  ['azure', /^(auth|azure)\//],
  ['escrow', /^escrow\//],
  ['config', /^config\//],
  ['run context', /^run\/(?!execute\.ts$|run-steps\.ts$|prefetch\.ts$)/],
  // What Azure holds beyond the inputs; the rbac step prunes what the access area finds.
  ['posture', /^posture\//],
  ['steps', /^steps\//],
  // The engine runs the steps; prefetch starts their reads early, so both know the steps.
  ['engine and report', /^run\/(run-steps|prefetch)\.ts$|^report\//],
  ['modes', /^modes\//],
  ['execute', /^run\/execute\.ts$/],
  ['phases', /^(main|post)\.ts$/],
  ['entry', /^index\.ts$/]
]

/** Imports a layer order alone does not rule out. */
const FORBIDDEN: [RegExp, RegExp, string][] = [
  [/^report\//, /^steps\//, 'report imports no step implementation']
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
      const rule = FORBIDDEN.find(([a, b]) => a.test(from) && b.test(to))
      if (up) return [`${from} -> ${to} (${LAYERS[layerOf(from)][0]} imports ${LAYERS[layerOf(to)][0]})`]
      return rule ? [`${from} -> ${to} (${rule[2]})`] : []
    })
  )
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

  it('the emulator has no import cycle, type imports included', () => {
    expect(findCycle(emulatorGraph())).toBeUndefined()
  })

  it("the emulator's core names no service, and services/index.ts is the only way in to the services", () => {
    expect(layoutViolations(emulatorGraph())).toEqual([])
  })

  it('the checks can fail', () => {
    const bad = new Map([
      ['steps/key.ts', ['modes/recover.ts']],
      ['modes/recover.ts', ['steps/key.ts']],
      ['report/summary.ts', ['steps/activate.ts']],
      ['config/inputs.ts', ['run/execute.ts']]
    ])
    expect(violations(bad)).toEqual([
      'steps/key.ts -> modes/recover.ts (steps imports modes)',
      'report/summary.ts -> steps/activate.ts (report imports no step implementation)',
      'config/inputs.ts -> run/execute.ts (config imports execute)'
    ])
    expect(findCycle(bad)).toEqual(['steps/key.ts', 'modes/recover.ts', 'steps/key.ts'])
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
