/**
 * Jest global set-up, once for the whole run before any worker starts (workers inherit the variables set
 * here):
 * - every run of the suite keeps its job summary (scripts/local-runner.ts collects into SUMMARY_CORPUS_DIR),
 *   so the global teardown can render and check all of them, not only summary-render's. A directory named
 *   from outside is used as it is and left in place;
 * - one emulator state template (its CA and token-signing keys, emulator/testing.ts STATE_TEMPLATE_ENV):
 *   each emulator of the run starts from a copy instead of generating four RSA keys;
 * - one build of the emulator (emulator/testing.ts ENTRY_ENV): each emulator starts from it without the
 *   TypeScript loader, about half a CPU-second less per start. It is written under node_modules/.cache so that
 *   its packages resolve as the sources' do;
 * - a ledger folder where each test file notes the ports and folders it uses (isolation.ts), checked by the
 *   global teardown: two files run at once must never share one;
 * - short pauses in every run of the action (scripts/fast-waits-preload.ts), unless a test asks for real ones.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const OWNED_ENV = 'SUMMARY_CORPUS_OWNED'
/**
 * scripts/fast-waits-preload.ts's FAST_WAITS_ENV (Jest loads this file without its .js-to-.ts mapping, so it
 * cannot import it; fast-waits-preload.test.ts checks that the two agree). 0 runs the suite with real pauses.
 */
export const FAST_WAITS_ENV = 'ACTION_FAST_WAITS'

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..')
  const owned = mkdtempSync(join(tmpdir(), 'jest-run-'))
  process.env.JEST_RUN_DIR = owned
  if (!process.env.SUMMARY_CORPUS_DIR) {
    process.env.SUMMARY_CORPUS_DIR = join(owned, 'summaries')
    process.env[OWNED_ENV] = '1'
  }
  process.env.TEST_LEDGER_DIR = join(owned, 'ledger')
  process.env[FAST_WAITS_ENV] ??= '1'
  if (!process.env.EMULATOR_STATE_TEMPLATE) {
    const template = join(owned, 'emulator-template')
    const made = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(root, '__tests__', 'support', 'make-template.ts'),
        template
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }
    )
    if (made.status !== 0) throw new Error(`the emulator state template failed:\n${made.stderr}`)
    process.env.EMULATOR_STATE_TEMPLATE = template
  }
  if (!process.env.EMULATOR_ENTRY) {
    const cache = join(root, 'node_modules', '.cache')
    mkdirSync(cache, { recursive: true })
    const dir = mkdtempSync(join(cache, 'emulator-build-'))
    const entry = join(dir, 'main.mjs')
    const built = spawnSync(
      join(root, 'node_modules', '.bin', 'esbuild'),
      [
        join(root, 'emulator', 'main.ts'),
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--packages=external',
        '--log-level=warning',
        `--outfile=${entry}`
      ],
      { encoding: 'utf8' }
    )
    if (built.status !== 0) throw new Error(`the emulator build failed:\n${built.stderr}`)
    process.env.EMULATOR_ENTRY = entry
    process.env.EMULATOR_BUILD_OWNED = dir
  }
}
