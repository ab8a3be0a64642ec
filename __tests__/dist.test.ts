/**
 * The runner executes dist/, not src/: a bundle built from the committed sources must be byte-identical to
 * the committed dist/ (new chunk files included). Fails when someone changed src/ without `npm run bundle`.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

describe('dist/', () => {
  it('is in step with src/', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-check-'))
    execFileSync(
      process.execPath,
      [
        'node_modules/@vercel/ncc/dist/ncc/cli.js',
        'build',
        'src/index.ts',
        '-o',
        out,
        '--license',
        'licenses.txt',
        '-q'
      ],
      { stdio: 'pipe' }
    )
    const built = readdirSync(out).sort()
    expect(readdirSync('dist').sort()).toEqual(built)
    for (const file of built) {
      const same = readFileSync(join(out, file)).equals(readFileSync(join('dist', file)))
      expect([file, same ? 'same' : 'stale: run npm run bundle']).toEqual([file, 'same'])
    }
  }, 180_000)
})
