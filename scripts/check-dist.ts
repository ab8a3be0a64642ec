/**
 * The runner executes dist/, not src/: a bundle built from the committed sources must be byte-identical to
 * the committed dist/ (new chunk files included). Exits 1, naming each stale or missing file, when someone
 * changed src/ without `npm run bundle`. `.ci/run` runs it as its own step (the gate that catches a stale
 * bundle), before the tests; GitHub's check-dist job does the same by rebuilding in place.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const out = mkdtempSync(join(tmpdir(), 'dist-check-'))
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      'src/index.ts',
      '-o',
      out,
      '--license',
      'licenses.txt',
      '-q'
    ],
    { cwd: root, stdio: 'pipe' }
  )
  const built = readdirSync(out).sort()
  const committed = existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')).sort() : []
  const problems = [
    ...built
      .filter(
        f => !committed.includes(f) || !readFileSync(join(out, f)).equals(readFileSync(join(root, 'dist', f)))
      )
      .map(f => `dist/${f}: ${committed.includes(f) ? 'stale' : 'missing'}`),
    ...committed.filter(f => !built.includes(f)).map(f => `dist/${f}: no longer built`)
  ]
  if (problems.length > 0) {
    process.stderr.write(
      `dist/ is not in step with src/: run npm run bundle and commit dist/\n${problems.join('\n')}\n`
    )
    process.exitCode = 1
  } else process.stdout.write(`dist/ is in step with src/ (${built.length} files)\n`)
} finally {
  rmSync(out, { recursive: true, force: true })
}
