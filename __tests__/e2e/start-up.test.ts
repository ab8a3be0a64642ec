/**
 * End to end: what `node dist/index.js` loads. A bad input fails from dist/index.js alone (no chunk, so no
 * Azure SDK); a valid run loads the SDK chunk of each client its steps and stores use, and no other. A
 * loader hook (given with --import through NODE_OPTIONS, in this test only) records every file the run
 * loads; a chunk is known by the packages ncc names in its module comments.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DIST, errorsOf, runAction, type EmulatorInfo } from '../../scripts/local-runner.js'
import { useScenario } from './harness.js'

const SDK = [
  '@azure/arm-keyvault',
  '@azure/keyvault-keys',
  '@azure/keyvault-secrets',
  '@azure/storage-blob',
  '@azure/identity'
] as const
type Sdk = (typeof SDK)[number]

const dir = mkdtempSync(join(tmpdir(), 'start-up-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The hook runs off the main thread: it appends each file URL it loads to the file named in its data.
writeFileSync(
  join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs'
let log
export function initialize(data) { log = data.log }
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(log, url + '\\n')
  return next(url, context)
}
`
)

let runs = 0
/** Runs dist/index.js under the hook; returns the run and the dist/ files it loaded. */
async function traced(emu: EmulatorInfo | undefined, inputs: Record<string, string>) {
  const log = join(dir, `loaded-${++runs}.txt`)
  writeFileSync(log, '')
  const register = join(dir, `register-${runs}.mjs`)
  writeFileSync(
    register,
    `import { register } from 'node:module'
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: ${JSON.stringify(log)} } })
`
  )
  const run = await runAction(emu, inputs, {
    env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}` }
  })
  const distDir = dirname(DIST)
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(u => fileURLToPath(u))
    .filter(f => dirname(f) === distDir)
    .map(f => basename(f))
  return { run, files: [...new Set(files)].sort() }
}

/** The SDK packages whose modules a dist/ file holds (ncc keeps a comment naming each module's path). */
function packagesIn(file: string): Sdk[] {
  const text = readFileSync(join(dirname(DIST), file), 'utf8')
  return SDK.filter(p => text.includes(`./node_modules/${p}/`))
}

function sdkLoaded(files: string[]): Sdk[] {
  return [...new Set(files.flatMap(packagesIn))].sort()
}

describe('a bad input', () => {
  it('fails naming the input with no Azure SDK loaded: the entry, and the summary code only to say so', async () => {
    const { run, files } = await traced(undefined, {
      'tenant-id': '00000000-0000-0000-0000-000000000001',
      'client-id': '00000000-0000-0000-0000-000000000002',
      'subscription-id': '00000000-0000-0000-0000-000000000003',
      'resource-group': 'rg',
      location: 'westeurope',
      'hsm-name': 'bad--name',
      steps: 'provision'
    })
    expect(run.code).not.toBe(0)
    expect(errorsOf(run).join('\n')).toMatch(/Input 'hsm-name'/)
    // The entry, plus the job-summary code once the inputs are refused (the summary says so): no SDK, nor an
    // HTTP client, in anything a bad input loads.
    expect(files).toContain('index.js')
    expect(files.length).toBeLessThanOrEqual(2)
    expect(run.summary).toMatch(/Input validation failed/)
    expect(sdkLoaded(files)).toEqual([])
    for (const f of files)
      expect(readFileSync(join(dirname(DIST), f), 'utf8')).not.toContain(
        './node_modules/@actions/http-client/'
      )
  })
})

describe('a valid run', () => {
  // This describe's own emulator. No stores but those a test names: the stores decide what loads.
  const s = useScenario({ hsm: 'start-up-hsm', stores: 'none' })

  it('each client SDK is in a chunk of dist/ of its own, none in dist/index.js', () => {
    const chunks = readdirSync(dirname(DIST)).filter(f => f.endsWith('.js') && f !== 'index.js')
    const lazy: Sdk[] = [
      '@azure/arm-keyvault',
      '@azure/keyvault-keys',
      '@azure/keyvault-secrets',
      '@azure/storage-blob'
    ]
    for (const p of lazy) {
      const holding = chunks.filter(f => packagesIn(f).includes(p))
      expect([p, holding.map(f => packagesIn(f).filter(q => lazy.includes(q)))]).toEqual([p, [[p]]])
    }
  })

  it('holds no undici and no @actions/* package: the GitHub token and the runner files need neither', () => {
    // @actions/http-client evaluates the bundled undici when its module loads (about 0.1 CPU-s at each start).
    const files = readdirSync(dirname(DIST)).filter(f => f.endsWith('.js'))
    const held = files.filter(f =>
      /\.\/node_modules\/(undici|@actions\/[^/]+)\//.test(readFileSync(join(dirname(DIST), f), 'utf8'))
    )
    expect(held).toEqual([])
  })

  it('provision alone loads the ARM client, not the keys, secrets or storage clients', async () => {
    const { run, files } = await traced(s.info, s.inputs({ steps: 'provision' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(sdkLoaded(files)).toEqual(['@azure/arm-keyvault', '@azure/identity'])
  })

  it('verify loads no code of the single-purpose modes (recover, teardown): each loads when it runs', async () => {
    // The dist/ files that define each mode's entry (ncc keeps the names); at least one each, or the check is void.
    const chunks = readdirSync(dirname(DIST)).filter(f => f.endsWith('.js'))
    const defining = (fn: string) =>
      chunks.filter(f =>
        new RegExp(`^async function ${fn}\\(ctx`, 'm').test(readFileSync(join(dirname(DIST), f), 'utf8'))
      )
    const modes = { recover: defining('recover'), teardown: defining('teardown') }
    expect(modes.recover.length).toBeGreaterThan(0)
    expect(modes.teardown.length).toBeGreaterThan(0)
    // The HSM the provision test above made: a converged verify of it.
    const { run, files } = await traced(s.info, s.inputs({ steps: 'provision', mode: 'verify' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(files).toContain('index.js')
    const loaded = (defs: string[]) => defs.filter(f => files.includes(f))
    expect({ recover: loaded(modes.recover), teardown: loaded(modes.teardown) }).toEqual({
      recover: [],
      teardown: []
    })
  })

  it('escrow in Key Vault only loads the secrets client, never the storage client', async () => {
    const { run, files } = await traced(
      s.info,
      s.inputs({
        steps: 'provision,activate',
        'security-domain-store': s.urls().sdSecret,
        'wrapping-key-store': s.urls().keySecret,
        'wrapping-key-size': '2048'
      })
    )
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(sdkLoaded(files)).toEqual(['@azure/arm-keyvault', '@azure/identity', '@azure/keyvault-secrets'])
  })

  it('a Blob storage store loads the storage client', async () => {
    const other = 'start-up-blob'
    const { run, files } = await traced(
      s.info,
      s.inputsFor(other, {
        steps: 'provision,activate',
        'security-domain-store': s.urls(other).sdBlob(),
        'wrapping-key-store': s.urls(other).keySecret,
        'wrapping-key-size': '2048'
      })
    )
    expect(errorsOf(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(sdkLoaded(files)).toContain('@azure/storage-blob')
    expect(sdkLoaded(files)).not.toContain('@azure/keyvault-keys')
  })
})
