/**
 * End to end: the rescue location of the security domain, through dist/index.js against the emulator.
 * Tests run as root, for whom no mode bit makes a directory unwritable, so an unusable RUNNER_TEMP (or
 * TMPDIR, which the OS temporary directory comes from) is a regular file, or a path under one (ENOTDIR).
 * Store outages after the download are emulator fault rules on the escrow object only.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FaultRule } from '../../emulator/testing.js'
import { azureClient, errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import { recoverableSubsets } from '../../src/security-domain/index.js'
import { parseKeyBundle } from '../../src/escrow/key-bundle.js'
import { peek, useScenario } from './harness.js'

// The wrapping keys in their own vault (split custody), so the security domain's stores can fail alone.
const s = useScenario({ sdFile: 'security-domain.json', inputs: { steps: 'provision,activate' } })
const root = mkdtempSync(join(tmpdir(), 'rescue-e2e-'))
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

async function activationStatus(hsm: string): Promise<string> {
  const shown = JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, hsm))
  return shown.properties.securityDomainProperties.activationStatus
}

async function provisioned(hsm: string): Promise<void> {
  expect((await s.run({ ...s.inputsFor(hsm), steps: 'provision' })).code).toBe(0)
}

async function escrowedKeys(hsm: string) {
  const keys = []
  for (let i = 1; i <= 3; i++) {
    const bundle = parseKeyBundle(await peek(s.info, 'secret-get', s.keysVault, `${hsm}-wrap-${i}`))
    if (!bundle) throw new Error(`wrapping key ${i} is not a PEM bundle`)
    keys.push(bundle)
  }
  return keys
}

let n = 0
/** A fresh directory, a regular file, or a path under a regular file (ENOTDIR, even for root). */
function place(kind: 'dir' | 'file' | 'under-file'): string {
  const p = join(root, `${kind}-${++n}`)
  if (kind === 'dir') mkdirSync(p)
  else writeFileSync(p, 'a regular file, not a directory')
  return kind === 'under-file' ? join(p, 'temp') : p
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex')

/** The escrow object fails every PUT; the preflight blob next to it succeeds. */
const refuseEscrow = (): FaultRule => ({
  host: 'blob\\.core\\.windows\\.net',
  path: 'security-domain\\.json(\\?|$)',
  method: 'PUT',
  status: 403,
  code: 'AuthorizationPermissionMismatch'
})

async function withFaults<T>(rules: FaultRule[], body: () => Promise<T>): Promise<T> {
  await s.emu.setFaults(rules)
  try {
    return await body()
  } finally {
    await s.emu.clearFaults()
  }
}

describe('the rescue location is proved before the download', () => {
  const cases: Array<{
    title: string
    hsm: string
    runnerTemp: 'dir' | 'file' | 'under-file'
    osTemp: 'dir' | 'file' | 'under-file'
    activates: boolean
  }> = [
    { title: 'RUNNER_TEMP usable', hsm: 'rsc-ok', runnerTemp: 'dir', osTemp: 'file', activates: true },
    {
      title: 'RUNNER_TEMP a regular file, OS temp fine: falls back',
      hsm: 'rsc-fb1',
      runnerTemp: 'file',
      osTemp: 'dir',
      activates: true
    },
    {
      title: 'RUNNER_TEMP under a regular file, OS temp fine: falls back',
      hsm: 'rsc-fb2',
      runnerTemp: 'under-file',
      osTemp: 'dir',
      activates: true
    },
    {
      title: 'both unusable: nothing is downloaded',
      hsm: 'rsc-none1',
      runnerTemp: 'file',
      osTemp: 'under-file',
      activates: false
    },
    {
      title: 'both under regular files: nothing is downloaded',
      hsm: 'rsc-none2',
      runnerTemp: 'under-file',
      osTemp: 'file',
      activates: false
    }
  ]

  it.each(cases)('$title', async ({ hsm, runnerTemp, osTemp, activates }) => {
    await provisioned(hsm)
    const env = { RUNNER_TEMP: place(runnerTemp), TMPDIR: place(osTemp) }
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputsFor(hsm), { env })
    const seen = await s.emu.requests(since)
    const downloads = seen.filter(r => r.path.includes('/securitydomain/download'))
    const dir = /preflight: rescue location (\S+) writable/.exec(run.stdout)?.[1]
    if (activates) {
      expect(errorsOf(run)).toEqual([])
      expect(run.code).toBe(0)
      expect(await activationStatus(hsm)).toBe('Active')
      const base = runnerTemp === 'dir' ? env.RUNNER_TEMP : env.TMPDIR
      expect(dir && dirname(dir)).toBe(base)
      if (runnerTemp !== 'dir')
        expect(run.stdout).toMatch(
          /::warning::the rescue location for the security domain is in the OS temporary directory \(TMPDIR\), not RUNNER_TEMP: RUNNER_TEMP \(.*\): ENOTDIR/
        )
      // The activation escrowed everything: the unused private directory is gone, the base as it was.
      expect(readdirSync(base)).toEqual([])
      return
    }
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toMatch(
      /no rescue location for the security domain is writable, so it was not downloaded/
    )
    expect(message).toContain(`- RUNNER_TEMP (${env.RUNNER_TEMP}): ENOTDIR`)
    expect(message).toContain(`- the OS temporary directory (TMPDIR) (${env.TMPDIR}): ENOTDIR`)
    expect(message).toMatch(/What to do: make RUNNER_TEMP a writable directory with free space/)
    expect(dir).toBeUndefined()
    expect(downloads).toEqual([])
    // Before any change in Azure: not even the stores' preflight objects.
    expect(seen.filter(r => r.write)).toEqual([])
    expect(await activationStatus(hsm)).toBe('NotActivated')
  })
})

describe('every store refuses after the download: the rescue file', () => {
  const planted = (dir: string, hsm: string) => {
    // What an attacker with access to RUNNER_TEMP could plant: links at the old predictable name for
    // this second, at the names a guess of the directory would take, and a file of their own.
    const victim = join(place('dir'), 'victim.txt')
    writeFileSync(victim, 'not to be touched')
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const links = [
      join(dir, `${hsm}-security-domain-${stamp}.json`),
      join(dir, 'managed-hsm-sd-XXXXXX'),
      join(dir, 'security-domain.json')
    ]
    for (const l of links) symlinkSync(victim, l)
    writeFileSync(join(dir, 'planted-file.json'), 'planted')
    return { victim, links }
  }

  // Refusals, not outages: a lasting outage only adds minutes of retries before the same end.
  const cases: Array<{ title: string; hsm: string; stores: 1 | 2; plant: boolean }> = [
    { title: 'one store refuses (403)', hsm: 'rsc-all1', stores: 1, plant: false },
    {
      title: 'two stores refuse (Blob and Key Vault), links planted in RUNNER_TEMP',
      hsm: 'rsc-all2',
      stores: 2,
      plant: true
    }
  ]

  it.each(cases)('$title', async ({ hsm, stores, plant }) => {
    await provisioned(hsm)
    const runnerTemp = place('dir')
    const traps = plant ? planted(runnerTemp, hsm) : undefined
    const storeInputs =
      stores === 2
        ? { 'security-domain-store': `${s.urls(hsm).sdBlob()}\n${s.urls(hsm).sdSecret}` }
        : ({} as Record<string, string>)
    const rules: FaultRule[] = [refuseEscrow()]
    if (stores === 2)
      rules.push({
        host: 'vault\\.azure\\.net',
        path: `/secrets/${hsm}-sd(\\?|$)`,
        method: 'PUT',
        status: 403,
        code: 'Forbidden'
      })
    const run: ActionRun = await withFaults(rules, () =>
      s.run(s.inputsFor(hsm, storeInputs), { env: { RUNNER_TEMP: runnerTemp } })
    )
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toMatch(/no security-domain-store accepted it/)
    const path = /saved ONLY in (\S+) \(mode 0600/.exec(message)?.[1] as string
    const sha = /\(SHA-256 ([0-9a-f]{64})\) is saved ONLY in/.exec(message)?.[1]
    expect(path).toBeDefined()
    expect(sha).toBeDefined()
    // The path: a new private directory in RUNNER_TEMP, a random name, a regular 0600 file.
    expect(dirname(dirname(path))).toBe(runnerTemp)
    expect(path).toMatch(/\/managed-hsm-sd-[^/]+\/security-domain-[0-9a-f]{32}\.json$/)
    const st = lstatSync(path)
    expect(st.isFile()).toBe(true)
    expect(st.isSymbolicLink()).toBe(false)
    expect(st.mode & 0o777).toBe(0o600)
    const dirStat = lstatSync(dirname(path))
    expect(dirStat.isDirectory()).toBe(true)
    expect(dirStat.mode & 0o777).toBe(0o700)
    // The content is the security domain the message names, and a quorum of the escrowed keys opens it.
    const sd = readFileSync(path)
    expect(sha256(sd)).toBe(sha)
    expect(recoverableSubsets(sd.toString('utf8'), await escrowedKeys(hsm)).allRecover).toBe(true)
    // The next step: where to put it, with what, and what reads it as it is.
    expect(message).toContain(
      `then put it in ${s.urls(hsm).sdBlob()} with the metadata (tag) sha256=${sha} and rerun`
    )
    expect(message).toContain(`security-domain-file: ${path}`)
    expect(message).toMatch(/if: failure\(\)/)

    if (traps) {
      expect(readFileSync(traps.victim, 'utf8')).toBe('not to be touched')
      for (const l of traps.links) {
        expect(lstatSync(l).isSymbolicLink()).toBe(true)
        expect(readlinkSync(l)).toBe(traps.victim)
      }
      expect(readFileSync(join(runnerTemp, 'planted-file.json'), 'utf8')).toBe('planted')
    }

    // The post phase names it again, and deletes nothing.
    const post = await s.run(s.inputsFor(hsm), {
      phase: 'post',
      state: run.state,
      env: { RUNNER_TEMP: runnerTemp }
    })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(
      `::warning::the security domain (SHA-256 ${sha}) that activate saved to disk is still in ${path}`
    )
    expect(existsSync(path)).toBe(true)

    // Following the next step works: the file put in the store with its SHA-256, a rerun is converged.
    await azureClient(
      s.info,
      'blob-put',
      s.urls(hsm).sdBlob(),
      sd.toString('utf8'),
      JSON.stringify({ sha256: sha })
    )
    const rerun = await s.run(s.inputsFor(hsm))
    expect(errorsOf(rerun)).toEqual([])
    expect(rerun.stdout).toContain(`already active; security domain escrowed in 1 store(s), SHA-256 ${sha}`)
  })
})

describe('other failures after the download say where the security domain is', () => {
  it('one of two stores refuses: the error names the SHA-256, the store holding it and the one missing it', async () => {
    const hsm = 'rsc-part'
    await provisioned(hsm)
    const run = await withFaults([refuseEscrow()], () =>
      s.run(s.inputsFor(hsm, { 'security-domain-store': `${s.urls(hsm).sdBlob()}\n${s.urls(hsm).sdSecret}` }))
    )
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    const sha = sha256(await peek(s.info, 'secret-get', s.info.keyVaultUrl, `${hsm}-sd`))
    expect(message).toContain(
      `the HSM is active and its security domain (SHA-256 ${sha}) is escrowed in ${s.urls(hsm).sdSecret}, but not in:\n- ${s.urls(hsm).sdBlob()}`
    )
    expect(message).not.toMatch(/saved ONLY/)
  })

  it('the activation ends Failed after the escrow: the error says where the security domain is', async () => {
    const hsm = 'rsc-actf'
    await provisioned(hsm)
    await s.emu.setSettings({ failNextActivation: true })
    let run: ActionRun
    try {
      run = await s.run(s.inputsFor(hsm))
    } finally {
      await s.emu.setSettings({ failNextActivation: false })
    }
    expect(run.code).toBe(1)
    const sha = sha256(await peek(s.info, 'blob-get', s.urls(hsm).sdBlob()))
    expect(errorsOf(run).join('\n')).toContain(
      `Where the security domain is: the security domain (SHA-256 ${sha}) is escrowed in ${s.urls(hsm).sdBlob()} (read back, SHA-256 matches)`
    )
  })

  // The runner cancels with SIGINT, then SIGTERM, and kills seconds later. Either signal, landing while the
  // download answer is awaited or while the escrow is under way (a slow request each time), is held off.
  const cancels: Array<{
    title: string
    hsm: string
    signal: NodeJS.Signals
    slow: FaultRule
    killOn: RegExp
    delay: number
  }> = [
    {
      title: 'SIGTERM while the escrow is under way',
      hsm: 'rsc-cnl-e',
      signal: 'SIGTERM',
      slow: {
        host: 'blob\\.core\\.windows\\.net',
        path: 'security-domain\\.json(\\?|$)',
        method: 'PUT',
        latencyMs: 4000,
        times: 1
      },
      killOn: /security domain downloaded/,
      delay: 1000
    },
    {
      title: 'SIGINT while the download answer is awaited',
      hsm: 'rsc-cnl-d',
      signal: 'SIGINT',
      slow: {
        host: 'managedhsm\\.azure\\.net',
        path: '/securitydomain/download\\?',
        method: 'POST',
        latencyMs: 6000,
        times: 1
      },
      killOn: /wrapping key 3\/3 escrowed/,
      delay: 2500
    }
  ]

  it.each(cancels)(
    'cancelled: $title: saved to disk first, and the escrow still ends',
    async ({ hsm, signal, slow, killOn, delay }) => {
      await provisioned(hsm)
      const runnerTemp = place('dir')
      const since = (await s.emu.requests()).length
      const run = await withFaults([slow], () =>
        s.run(s.inputsFor(hsm), {
          env: { RUNNER_TEMP: runnerTemp },
          killOn,
          killSignal: signal,
          killDelayMs: delay
        })
      )
      expect(run.signal).toBe(signal)
      // The signal landed while the slow request was in flight (the log has its end time and duration).
      const slowed = (await s.emu.requests(since)).find(
        r => r.fault && new RegExp(slow.path as string).test(r.path)
      )
      const end = Date.parse(slowed?.time ?? '')
      expect(run.killSentAt).toBeGreaterThanOrEqual(end - (slowed?.durationMs ?? 0))
      expect(run.killSentAt).toBeLessThanOrEqual(end)
      const sha = /security domain downloaded \([^)]*SHA-256 ([0-9a-f]{64})\)/.exec(run.stdout)?.[1]
      expect(sha).toBeDefined()
      const message = errorsOf(run).join('\n')
      const path = /a copy is saved in (\S+) \(mode 0600\)/.exec(message)?.[1] as string
      expect(message).toContain(`cancelled while the security domain (SHA-256 ${sha}) was being escrowed`)
      expect(dirname(dirname(path))).toBe(runnerTemp)
      expect(lstatSync(path).isFile()).toBe(true)
      expect(lstatSync(path).mode & 0o777).toBe(0o600)
      expect(sha256(readFileSync(path))).toBe(sha)
      expect(message).toContain(
        `cancelled: the security domain (SHA-256 ${sha}) is escrowed in ${s.urls(hsm).sdBlob()} (read back, SHA-256 matches); a copy is in ${path}`
      )
      expect(sha256(await peek(s.info, 'blob-get', s.urls(hsm).sdBlob()))).toBe(sha)
    }
  )
})
