/** The machine the figures come from, and the bundle they measure (dist/). */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  os: string
  openssl?: string
  loadAtStart: string
}

export function machine(): Machine {
  const list = cpus()
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    openssl: opensslVersion(),
    loadAtStart: loadavg()
      .map(l => l.toFixed(2))
      .join(' ')
  }
}

export function opensslPath(): string | undefined {
  return onPath('openssl')
}

/** Where `name` is on PATH, if it is. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, name)
    if (dir && existsSync(p)) return p
  }
  return undefined
}

function opensslVersion(): string | undefined {
  const p = opensslPath()
  if (!p) return undefined
  try {
    return execFileSync(p, ['version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
  )
}

export interface DistSize {
  totalBytes: number
  indexBytes: number
  files: number
}

export function distSize(root: string): DistSize | undefined {
  const dir = join(root, 'dist')
  if (!existsSync(join(dir, 'index.js'))) return undefined
  const files = walk(dir)
  return {
    totalBytes: files.reduce((n, f) => n + statSync(f).size, 0),
    indexBytes: statSync(join(dir, 'index.js')).size,
    files: files.length
  }
}

/** Source files newer than dist/index.js: the bundle does not show them yet. */
export function staleSources(root: string): string[] {
  const index = join(root, 'dist', 'index.js')
  if (!existsSync(index)) return ['dist/index.js is missing']
  const built = statSync(index).mtimeMs
  const sources = [...walk(join(root, 'src')), join(root, 'package-lock.json')].filter(existsSync)
  return sources.filter(f => statSync(f).mtimeMs > built).map(f => f.slice(root.length + 1))
}
