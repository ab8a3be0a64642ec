/**
 * The emulator is a witness for the action only while it shares no code with it: nothing under
 * emulator/ may import from src/ (static imports, re-exports, dynamic import() and require()).
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

const ROOT = process.cwd()
const SRC = join(ROOT, 'src')

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path)
    return e.name.endsWith('.ts') ? [path] : []
  })
}

/** Module specifiers a TypeScript file names: `from '…'`, `import '…'`, `import('…')`, `require('…')`. */
function specifiers(text: string): string[] {
  const found: string[] = []
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g
  ]
  for (const p of patterns) for (const m of text.matchAll(p)) found.push(m[1])
  return found
}

/** The specifiers of `file` that resolve into src/. */
function srcImports(file: string, text: string): string[] {
  return specifiers(text).filter(s => {
    if (!s.startsWith('.') && !s.startsWith('/')) return false
    const target = resolve(dirname(file), s)
    return target === SRC || target.startsWith(SRC + sep)
  })
}

describe('emulator independence', () => {
  it('no file under emulator/ imports from src/', () => {
    const files = tsFiles(join(ROOT, 'emulator'))
    expect(files.length).toBeGreaterThan(30)
    const offenders = files.flatMap(f =>
      srcImports(f, readFileSync(f, 'utf8')).map(s => `${relative(ROOT, f)} → ${s}`)
    )
    expect(offenders).toEqual([])
  })

  it('the scan sees every import form (it can fail)', () => {
    const file = join(ROOT, 'emulator', 'services', 'managed-hsm', 'example.ts')
    const text = [
      "import { a } from '../../../src/policy/index.js'",
      "export * from '../../../src/security-domain/index.js'",
      "import '../../../src/side-effect.js'",
      "const m = await import('../../../src/policy/index.js')",
      "const r = require('../../../src/x.js')",
      "import { ok } from '../../http.js'",
      "import { node } from 'node:crypto'"
    ].join('\n')
    expect(srcImports(file, text)).toHaveLength(5)
  })
})
