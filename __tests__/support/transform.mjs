/**
 * Jest's TypeScript transform: esbuild strips the types file by file, with an inline source map for stack
 * traces and V8 coverage (scripts/coverage.ts). The sources are written for it (tsconfig.json:
 * isolatedModules). It replaced ts-jest, which in that mode also only transpiled, at about a third more CPU
 * per fresh run (its cache key resolves every import through the TypeScript API). Types are checked by
 * `npm run typecheck` (the CI workflow), as before.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { transformSync, version } from 'esbuild'

const self = createHash('sha256')
  .update(readFileSync(new URL(import.meta.url)))
  .update(version)
  .digest('hex')

export default {
  getCacheKey(source, path) {
    return createHash('sha256').update(self).update(path).update('\0').update(source).digest('hex')
  },
  process(source, path) {
    const { code } = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: path,
      // As tsc compiles them for target ES2022 (tsconfig.json).
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } }
    })
    return { code }
  }
}
