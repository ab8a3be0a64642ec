/**
 * The folders of src/, lowest layer first, each with what it holds: the architecture test takes its layers from
 * this table, and `npm run docs` writes it into docs/development.md (between the layout markers). A folder on
 * disk that the table lacks, or the other way round, is an error, so the list cannot drift from the folders.
 */
import { readdirSync } from 'node:fs'

export const LAYOUT: [folder: string, holds: string][] = [
  [
    'shared',
    'error types, the one retry loop (and Retry-After parser), the log (its only writer), redaction, Markdown, the kept-alive connections every Azure client shares (and opens ahead: warm-agents.ts)'
  ],
  ['security-domain', 'the security-domain format and crypto: pure, no I/O'],
  ['attestation', 'key attestation: pinned Marvell roots, the certificate path, the blobs: pure, no I/O'],
  ['policy', 'Secure Key Release policies: parse, lint, presets, compare, evaluate offline'],
  ['auth', "signing in: clouds, the GitHub ID token, the token exchange, the data planes' challenge"],
  ['azure', 'thin clients for the Azure APIs the action calls, their errors and waits'],
  ['escrow', 'escrow writes and checks, the stores (stores/), activation lease, rescue file, masks'],
  ['config', 'every input read and checked into one typed Config; the mode table and its traits'],
  ['run', 'the run context and the helpers steps share: reads, role assignments, key policy, timing'],
  [
    'posture',
    'what Azure holds beyond the inputs: who can take the key, key versions, settings, escrow, stores'
  ],
  ['report', 'outputs, job summary, drift report, findings in words'],
  [
    'steps',
    'provision, activate/, rbac, key/, des/: plan/apply units, a folder for each step of several files'
  ],
  [
    'modes',
    'each mode one object (run, headline): apply, plan, verify run the steps; the others run instead'
  ],
  ['engine', 'execute: sign in, start the reads early (prefetch), run the mode, judge the drift, report']
]

const ROOT_FILES = 'the only entry; main.ts and post.ts are the two phases'

/** The folders of `src`, as they are on disk. */
export function srcFolders(src = 'src'): string[] {
  return readdirSync(src, { withFileTypes: true })
    .filter(e => e.isDirectory())
    .map(e => e.name)
    .sort()
}

/** The layout list as docs/development.md shows it; throws when the table and the folders disagree. */
export function layoutBlock(folders = srcFolders()): string {
  const listed = LAYOUT.map(([f]) => f)
  const missing = folders.filter(f => !listed.includes(f))
  const gone = listed.filter(f => !folders.includes(f))
  if (missing.length || gone.length)
    throw new Error(
      `scripts/layout.ts and src/ disagree: ${[...missing.map(f => `src/${f}/ is not listed`), ...gone.map(f => `${f}/ is not in src/`)].join('; ')}`
    )
  const width = Math.max(...listed.map(f => f.length)) + 3
  return [
    '```text',
    'src/',
    ...LAYOUT.map(([f, holds]) => `  ${`${f}/`.padEnd(width)}${holds}`),
    `  ${'index.ts'.padEnd(width)}${ROOT_FILES}`,
    '```'
  ].join('\n')
}
