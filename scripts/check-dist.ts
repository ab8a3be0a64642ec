/**
 * The runner executes dist/, not src/: a bundle built from the committed sources must be byte-identical to
 * the committed dist/ (new chunk files included). Exits 1, naming each stale or missing file, when someone
 * changed src/ without `npm run bundle`. `.ci/run` runs it as its own step (the gate that catches a stale
 * bundle), before the tests; GitHub's check-dist job does the same by rebuilding in place, and the release
 * workflow runs it on the tag's checkout, so a release ships exactly the bundle of its sources.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** Each file that differs between a fresh build and the committed dist/, with why; empty when they agree. */
export function distDifferences(built: string, committed: string): string[] {
  const b = readdirSync(built).sort()
  const c = existsSync(committed) ? readdirSync(committed).sort() : []
  return [
    ...b
      .filter(f => !c.includes(f) || !readFileSync(join(built, f)).equals(readFileSync(join(committed, f))))
      .map(f => `dist/${f}: ${c.includes(f) ? 'stale' : 'missing'}`),
    ...c.filter(f => !b.includes(f)).map(f => `dist/${f}: no longer built`)
  ]
}

function main(): void {
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
    const problems = distDifferences(out, join(root, 'dist'))
    if (problems.length > 0) {
      process.stderr.write(
        `dist/ is not in step with src/: run npm run bundle and commit dist/\n${problems.join('\n')}\n`
      )
      process.exitCode = 1
    } else process.stdout.write(`dist/ is in step with src/ (${readdirSync(out).length} files)\n`)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('check-dist.ts')) main()
