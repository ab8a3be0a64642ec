/**
 * Reliability: faults on every endpoint the action calls, injected by the emulator (429 with Retry-After,
 * 500, 503, connection reset, slow answers), during full applies through dist/index.js.
 *
 * - Transient faults (a few `times`) on each host × each fault on a converged environment: the run
 *   succeeds with the same outputs and sends no write.
 * - Transient faults on the writes of fresh applies (HSM creation, escrow, security-domain download, role
 *   assignments, key creation): the run succeeds and no write happens twice.
 * - A fault that lasts, per service: the run fails, bounded in time, with
 *   `<Service>: <operation> failed (<status> <code>): <message>` and Azure's request id.
 * - Long-running operations: a creation that ends Failed, an activation that ends Failed (and a rerun that
 *   then activates), polls that fail now and then.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { FaultRule, RunningEmulator } from '../../emulator/testing.js'
import { errorsOf } from '../../scripts/local-runner.js'
import { parseKeyBundle } from '../../src/escrow/key-bundle.js'
import { recoverableSubsets } from '../../src/security-domain/index.js'
import {
  countOk,
  expectSuccess,
  dataPlaneState,
  duplicatedWrites,
  Figures,
  fullInputs,
  mark,
  readFullEscrow,
  recorded,
  suiteEmulator,
  run,
  successfulWrites,
  type ActionRunEx,
  type EmulatorInfo
} from './harness.js'

let emu: RunningEmulator
let info: EmulatorInfo
const figures = new Figures('faults')

// Azure instant except in the long-running operations' own tests, which opt in to real waits.
suiteEmulator(figures, {}, e => {
  emu = e
  info = e.info
})

/**
 * The action's clock runs ten times faster in the runs with faults (scripts/preload.ts): Retry-After and the
 * retry ladders are honoured as written, in a tenth of the time (the ladders' arithmetic has unit tests with
 * injected time: retry-ladders.test.ts, wait.test.ts).
 */
const TIME_SCALE = 10

interface Host {
  label: string
  /** The emulator's host regular expression. */
  host: string
  /** How the action names the service in its messages. */
  service: string
  /** Azure sends a request id (x-ms-request-id) with its errors; GitHub's runner endpoint is not Azure. */
  azure: boolean
}

const HOSTS: Host[] = [
  {
    label: 'pipelines.actions.githubusercontent.com',
    host: '^pipelines\\.actions\\.githubusercontent\\.com$',
    service: 'GitHub OIDC',
    azure: false
  },
  {
    label: 'login.microsoftonline.com',
    host: '^login\\.microsoftonline\\.com$',
    service: 'Entra ID',
    azure: true
  },
  {
    label: 'management.azure.com',
    host: '^management\\.azure\\.com$',
    service: 'Azure Resource Manager',
    azure: true
  },
  {
    label: '*.managedhsm.azure.net',
    host: '\\.managedhsm\\.azure\\.net$',
    service: 'Managed HSM',
    azure: true
  },
  { label: '*.vault.azure.net', host: '\\.vault\\.azure\\.net$', service: 'Key Vault', azure: true },
  {
    label: '*.blob.core.windows.net',
    host: '\\.blob\\.core\\.windows\\.net$',
    service: 'Blob storage',
    azure: true
  }
]

type Fault = Omit<FaultRule, 'host' | 'path' | 'method' | 'times'>
const FAULTS: Record<string, { fault: Fault; times: number }> = {
  '429 + Retry-After': { fault: { status: 429, retryAfter: 1 }, times: 2 },
  '500': { fault: { status: 500 }, times: 2 },
  '503': { fault: { status: 503 }, times: 2 },
  reset: { fault: { reset: true }, times: 2 },
  'slow (1 s)': { fault: { latencyMs: 1000 }, times: 2 }
}

const OUTPUT_NAMES = ['HSM_NAME', 'HSM_RESOURCE_ID', 'HSM_URI', 'KEY_NAME', 'KEK_KID', 'KEK_RESOURCE']

/** The outputs a full apply sets, checked for shape. */
function expectOutputs(r: ActionRunEx, hsm: string): void {
  for (const name of OUTPUT_NAMES) expect([name, typeof r.outputs[name]]).toEqual([name, 'string'])
  expect(r.outputs.HSM_NAME).toBe(hsm)
  expect(r.outputs.HSM_URI).toBe(`https://${hsm}.managedhsm.azure.net/`)
  expect(r.outputs.KEK_KID).toMatch(
    new RegExp(`^https://${hsm}\\.managedhsm\\.azure\\.net/keys/KeyEncryptionKey/[0-9a-f]{32}$`)
  )
}

/**
 * Runs the action with fault rules in place (from the start, or from the first log line that matches
 * `from`, to land inside a long wait), clears them, and returns the run with its request-log slice.
 */
async function withFaults(rules: FaultRule[], inputs: Record<string, string>, from?: RegExp) {
  const since = await mark(emu)
  if (!from) await emu.setFaults(rules)
  let armed = false
  let r: ActionRunEx
  try {
    r = await run(info, inputs, {
      timeScale: TIME_SCALE,
      onLine: line => {
        if (!from || armed || !from.test(line)) return
        armed = true
        void emu.setFaults(rules)
      }
    })
  } finally {
    await emu.clearFaults()
  }
  const seen = await emu.requests(since)
  const injected = seen.filter(e => e.fault).length
  figures.add('faultsInjected', injected)
  if (r.code === 0) figures.add('faultsSurvived', injected)
  return { r, seen, injected }
}

const withoutAttestation = (o: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('KEK_ATTESTATION_')))

describe('transient faults on every endpoint, during a full apply of a converged environment', () => {
  const hsm = 'flt-read'
  let baseline: Record<string, string>

  beforeAll(async () => {
    const r = await run(info, fullInputs(info, hsm))
    expectSuccess(r)
    expectOutputs(r, hsm)
    // Every apply, a converged one too, fetches and verifies the key's attestation: each run writes its own
    // evidence file (under its own RUNNER_TEMP), so the attestation outputs are compared apart.
    baseline = withoutAttestation(r.outputs)
    expect(
      Object.keys(r.outputs)
        .filter(k => k.startsWith('KEK_ATTESTATION_'))
        .sort()
    ).toEqual(['KEK_ATTESTATION_FILE', 'KEK_ATTESTATION_SHA256'])
  }, 120_000)

  const cases = HOSTS.flatMap(h =>
    Object.entries(FAULTS).map(([name, f]) => ({ title: `${name} on ${h.label}`, h, name, f }))
  )
  it.each(cases)(
    '$title',
    async ({ title, h, f }) => {
      figures.add('transientCases')
      await recorded(figures, `transient ${title}`, async () => {
        const { r, seen, injected } = await withFaults(
          [{ host: h.host, ...f.fault, times: f.times }],
          fullInputs(info, hsm)
        )
        expectSuccess(r)
        // The fault really happened (as often as asked, or as often as the host was called: a converged
        // rerun reads each blob once).
        expect(injected).toBeGreaterThanOrEqual(1)
        expect(injected).toBeLessThanOrEqual(f.times)
        expect(withoutAttestation(r.outputs)).toEqual(baseline)
        expect(r.outputs.KEK_ATTESTATION_SHA256).toMatch(/^[0-9a-f]{64}$/)
        expect(successfulWrites(seen)).toEqual([])
        figures.add('transientCasesPassed')
      })
    },
    180_000
  )
})

describe('transient faults on the writes of a fresh apply: each write happens once', () => {
  /** Two consecutive faults on each write that must never happen twice, plus one slow read per host. */
  function writeRules(hsm: string, first: Fault, second: Fault): FaultRule[] {
    const arm = '^management\\.azure\\.com$'
    const mhsm = `^${hsm}\\.managedhsm\\.azure\\.net$`
    const kv = '\\.vault\\.azure\\.net$'
    const blob = '\\.blob\\.core\\.windows\\.net$'
    const writes: Array<Pick<FaultRule, 'host' | 'method' | 'path'>> = [
      { host: arm, method: 'PUT', path: `/managedHSMs/${hsm}\\?` },
      { host: kv, method: 'PUT', path: `/secrets/${hsm}-sd-preflight\\?` },
      { host: kv, method: 'PUT', path: `/secrets/${hsm}-wrap-1\\?` },
      { host: kv, method: 'PUT', path: `/secrets/${hsm}-sd\\?` },
      { host: blob, method: 'PUT', path: `/${hsm}/sd\\.json\\.preflight(\\?|$)` },
      { host: blob, method: 'PUT', path: `/${hsm}/sd\\.json(\\?|$)` },
      { host: mhsm, method: 'POST', path: '/securitydomain/download\\?' },
      { host: mhsm, method: 'PUT', path: '/roleAssignments/' },
      { host: mhsm, method: 'POST', path: '/keys/KeyEncryptionKey/create' },
      { host: '^login\\.microsoftonline\\.com$', method: 'POST', path: '/oauth2/v2.0/token' }
    ]
    return [
      ...writes.flatMap(w => [
        { ...w, ...first, times: 1 },
        { ...w, ...second, times: 1 }
      ]),
      ...[arm, mhsm, kv, blob].map(host => ({ host, method: 'GET', latencyMs: 800, times: 1 }))
    ]
  }

  const groups: Array<[string, string, Fault, Fault]> = [
    ['429 + Retry-After, then 500', 'flt-wa', { status: 429, retryAfter: 1 }, { status: 500 }],
    ['503, then a reset connection', 'flt-wb', { status: 503 }, { reset: true }]
  ]

  it.each(groups)(
    '%s on every write',
    async (name, hsm, first, second) => {
      figures.add('writeFaultRuns')
      await recorded(figures, `write faults: ${name}`, async () => {
        const rules = writeRules(hsm, first, second)
        const { r, seen, injected } = await withFaults(rules, fullInputs(info, hsm))
        expectSuccess(r)
        expect(injected).toBe(rules.length)
        expectOutputs(r, hsm)
        // Nothing twice: one creation, one download, one PUT per assignment name, one key, one write per escrow object.
        expect(duplicatedWrites(seen)).toEqual([])
        expect(countOk(seen, 'PUT', new RegExp(`/managedHSMs/${hsm}\\?`))).toBe(1)
        expect(countOk(seen, 'POST', /\/securitydomain\/download\?/, new RegExp(`^${hsm}\\.`))).toBe(1)
        expect(countOk(seen, 'POST', /\/keys\/KeyEncryptionKey\/create/, new RegExp(`^${hsm}\\.`))).toBe(1)
        const dp = await dataPlaneState(emu, hsm)
        expect(dp.keys.find(k => k.name === 'KeyEncryptionKey')?.versions).toHaveLength(1)
        // A fault-free verify agrees: converged, same key version, the escrow recovers the HSM.
        const v = await run(info, { ...fullInputs(info, hsm), mode: 'verify' })
        expectSuccess(v)
        expect(JSON.parse(v.outputs.drift).status).toBe('converged')
        expect(v.outputs.KEK_KID).toBe(r.outputs.KEK_KID)
        figures.add('writeFaultRunsPassed')
      })
    },
    180_000
  )
})

describe('a fault that lasts: a clear, bounded failure per service', () => {
  const hsm = 'flt-read' // converged by the first describe

  it.each(HOSTS)('$label answers 503 (Retry-After: 1) to everything', async h => {
    figures.add('persistentCases')
    await recorded(figures, `persistent 503 on ${h.label}`, async () => {
      const { r, seen, injected } = await withFaults(
        [{ host: h.host, status: 503, retryAfter: 1 }],
        fullInputs(info, hsm)
      )
      expect(r.code).toBe(1)
      expect(r.durationMs).toBeLessThan(90_000) // bounded backoff
      expect(injected).toBeGreaterThanOrEqual(2) // it was retried before giving up
      expect(successfulWrites(seen)).toEqual([])
      const message = errorsOf(r).join('\n')
      const service = h.service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      // `<Service>: <operation> failed (<status> <code>): <service's message>`
      expect(message).toMatch(new RegExp(`${service}: [^\\n]+ failed \\(503 [A-Za-z_.]+\\): \\S`))
      if (h.azure) expect(message).toMatch(/(request id|correlation id|trace id):? [0-9a-f]{8}-[0-9a-f]{4}-/i)
      // An outage is not a permission problem: no hint that sends the user to fix permissions.
      expect(message).not.toMatch(/id-token: write|fix access to the store|lacks permission/)
      figures.add('persistentCasesClear')
    })
  })
})

describe('long-running operations', () => {
  // Creation and activation take a second in the emulator, so faults land inside the action's waits.
  beforeAll(() => emu.setSettings({ provisioningSeconds: 1, activationSeconds: 1 }))
  afterAll(() => emu.setSettings({ provisioningSeconds: 0, activationSeconds: 0 }))

  it('an HSM creation that ends Failed: a clear failure, never a second creation', async () => {
    figures.add('lroCases')
    await recorded(figures, 'creation ends Failed', async () => {
      const hsm = 'flt-lro-c'
      await emu.setSettings({ failNextCreate: true })
      const since = await mark(emu)
      const first = await run(info, { ...fullInputs(info, hsm), steps: 'provision' })
      expect(first.code).toBe(1)
      const message = errorsOf(first).join('\n')
      expect(message).toMatch(new RegExp(`Managed HSM '${hsm}' creation failed: \\S`))
      expect(message).toMatch(/What to do: .*delete/)
      const again = await run(info, { ...fullInputs(info, hsm), steps: 'provision' })
      expect(again.code).toBe(1)
      expect(errorsOf(again).join('\n')).toMatch(/provisioning state Failed[\s\S]*What to do: /)
      const seen = await emu.requests(since)
      expect(countOk(seen, 'PUT', new RegExp(`/managedHSMs/${hsm}\\?`))).toBe(1)
      figures.add('lroCasesPassed')
    })
  })

  it('an activation that ends Failed: the security domain is escrowed, and a rerun activates', async () => {
    figures.add('lroCases')
    await recorded(figures, 'activation ends Failed, then rerun', async () => {
      const hsm = 'flt-lro-a'
      const inputs = {
        ...fullInputs(info, hsm),
        'key-backup-store': `${info.storageAccountUrl}/${info.storageContainer}/${hsm}/kek-backup.bin`
      }
      await emu.setSettings({ failNextActivation: true })
      const first = await run(info, inputs)
      await emu.setSettings({ failNextActivation: false })
      expect(first.code).toBe(1)
      const message = errorsOf(first).join('\n')
      expect(message).toMatch(/Managed HSM: activate failed[\s\S]*What to do: .*escrowed/)
      const sha = /security domain downloaded \([^)]*SHA-256 ([0-9a-f]{64})\)/.exec(first.stdout)?.[1]
      const escrow = await readFullEscrow(info, hsm)
      expect(escrow.blob.value).toBeDefined()
      expect(escrow.secret.value).toBe(escrow.blob.value)
      expect(
        createHash('sha256')
          .update(escrow.blob.value as string)
          .digest('hex')
      ).toBe(sha)
      const keys = escrow.keys.map(k => parseKeyBundle(k.value ?? ''))
      expect(keys.every(Boolean)).toBe(true)
      expect(recoverableSubsets(escrow.blob.value as string, keys as never).allRecover).toBe(true)

      // "rerun to try the activation again": the rerun must activate and leave a recoverable escrow ...
      const second = await run(info, inputs)
      expectSuccess(second)
      expect((await dataPlaneState(emu, hsm)).activationStatus).toBe('Active')
      const after = await readFullEscrow(info, hsm)
      expect(after.secret.value).toBe(after.blob.value)
      const keysAfter = after.keys.map(k => parseKeyBundle(k.value ?? ''))
      expect(recoverableSubsets(after.blob.value as string, keysAfter as never).allRecover).toBe(true)
      // ... of the security domain the HSM actually holds: a rehearsal restores the escrow into a new HSM
      // and the key's backup into it, which only works with the same security domain.
      const drill = await run(info, { ...inputs, mode: 'recover', 'rehearsal-hsm-name': `${hsm}-drill` })
      expectSuccess(drill)
      expect(drill.stdout).toMatch(/rehearsal passed/)
      figures.add('lroCasesPassed')
    })
  }, 180_000)

  it('polls that fail now and then (creation and activation) are survived', async () => {
    figures.add('lroCases')
    await recorded(figures, 'intermittent poll errors', async () => {
      const hsm = 'flt-lro-p'
      const { r, seen, injected } = await withFaults(
        [
          {
            host: '^management\\.azure\\.com$',
            method: 'GET',
            path: `/managedHSMs/${hsm}\\?`,
            status: 500,
            times: 1
          },
          {
            host: '^management\\.azure\\.com$',
            method: 'GET',
            path: `/managedHSMs/${hsm}\\?`,
            status: 503,
            retryAfter: 1,
            times: 1
          },
          {
            host: `^${hsm}\\.managedhsm`,
            method: 'GET',
            path: '/download/pending',
            status: 500,
            times: 1
          },
          {
            host: `^${hsm}\\.managedhsm`,
            method: 'GET',
            path: '/download/pending',
            reset: true,
            times: 1
          }
        ],
        { ...fullInputs(info, hsm), steps: 'provision,activate' },
        /Managed HSM creation:/
      )
      expectSuccess(r)
      expect(injected).toBe(4)
      expect(countOk(seen, 'PUT', new RegExp(`/managedHSMs/${hsm}\\?`))).toBe(1)
      expect(countOk(seen, 'POST', /\/securitydomain\/download\?/, new RegExp(`^${hsm}\\.`))).toBe(1)
      figures.add('lroCasesPassed')
    })
  }, 180_000)

  it('one poll that fails past the client retries does not abandon the wait', async () => {
    figures.add('lroCases')
    await recorded(figures, 'a failed poll inside a long wait', async () => {
      const hsm = 'flt-lro-q'
      // Five 503s in a row on the activation status: more than one read's retries absorb.
      const { r, seen, injected } = await withFaults(
        [
          {
            host: `^${hsm}\\.managedhsm`,
            method: 'GET',
            path: '/download/pending',
            status: 503,
            retryAfter: 1,
            times: 5
          }
        ],
        { ...fullInputs(info, hsm), steps: 'provision,activate' },
        /security domain escrowed to/
      )
      expect(injected).toBe(5)
      // The activation goes on in Azure; one unlucky read must not fail a wait bounded by operation-timeout-minutes.
      expectSuccess(r)
      expect(countOk(seen, 'POST', /\/securitydomain\/download\?/, new RegExp(`^${hsm}\\.`))).toBe(1)
      figures.add('lroCasesPassed')
    })
  }, 180_000)
})
