/**
 * Test support: what a TypeScript file imports, read with regular expressions (static imports, side-effect
 * imports, re-exports, dynamic import() and require()), for the architecture tests.
 */
import { readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path)
    return e.name.endsWith('.ts') ? [path] : []
  })
}

const PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g
]

/** Module specifiers the text names; comments are dropped first so a file may mention an import in prose. */
export function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  return PATTERNS.flatMap(p => [...code.matchAll(p)].map(m => m[1]))
}

/** The files a relative specifier of `file` names, as absolute .ts paths (`./x.js` is `./x.ts` in source). */
export function localImports(file: string, text: string): string[] {
  return specifiers(text)
    .filter(s => s.startsWith('.'))
    .map(s => resolve(dirname(file), s).replace(/\.js$/, '.ts'))
}
