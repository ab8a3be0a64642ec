/**
 * End to end: the escrow is this HSM's escrow (issue 21, section 4). Whoever can write a store can replace the
 * escrowed security domain with another one and a matching sha256 tag, which the integrity check cannot see:
 * another HSM's security domain (its shares wrapped to other certificates: verify finds it critical, with
 * custodian certificates and with generated wrapping keys), or the security domain of the attacker's own HSM
 * activated with the victim's custodian certificates, which are public (only the pin,
 * expected-security-domain-sha256, tells it apart: verify finds it critical, recover refuses it before anything
 * is uploaded). Without a pin, verify warns. All through dist/index.js against the emulator.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningEmulator } from '../../emulator/testing.js'
import {
  azureClient,
  baseInputs,
  errorsOf,
  runAction,
  type ActionRun,
  type EmulatorInfo
} from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import {
  generateWrappingKeys,
  recoverableSubsets,
  type WrappingKey
} from '../../src/security-domain/index.js'
import { mark, useEmulator, writesFrom } from './harness.js'

let emu: RunningEmulator
let info: EmulatorInfo
/** The wrapping keys' own vault: split custody. */
let keysVault: string

useEmulator({ provisioningSeconds: 1, activationSeconds: 1 }, (e, vault) => {
  emu = e
  info = e.info
  keysVault = vault
})

const CUST = 'eid-cust'
const GEN = 'eid-gen'
const DRILL = 'eid-drill'
const EVIL = 'eid-evil'
const PIN = 'expected-security-domain-sha256'
const sdBlob = (hsm: string) => `${info.storageAccountUrl}/${info.storageContainer}/${hsm}/sd.json`
const sha = (text: string) => createHash('sha256').update(text).digest('hex')

let custodians: WrappingKey[]
/** The genuine escrows, as the activations left them. */
const genuine: Record<string, string> = {}

function custInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseInputs(info, CUST),
    steps: 'provision,activate',
    'wrapping-certificates': custodians.map(c => c.certificatePem).join('\n'),
    'security-domain-store': sdBlob(CUST),
    ...extra
  }
}

function genInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseInputs(info, GEN),
    steps: 'provision,activate',
    'security-domain-store': sdBlob(GEN),
    'wrapping-key-store': `${keysVault}/secrets/${GEN}-wrap`,
    'wrapping-key-size': '2048',
    ...extra
  }
}

/** Replaces the escrow object as a writer of the store can: new content, a sha256 tag that matches it. */
async function plant(hsm: string, text: string): Promise<void> {
  await azureClient(
    info,
    'blob-put',
    sdBlob(hsm),
    text,
    JSON.stringify({ kind: 'security-domain', hsm, sha256: sha(text) })
  )
}

/** A verify run that wrote nothing, its drift report, and its requests. */
async function verify(inputs: Record<string, string>) {
  const since = await mark(emu)
  const run = await runAction(info, { ...inputs, mode: 'verify' })
  const requests = await emu.requests(since)
  expect(requests.filter(r => r.write)).toEqual([])
  return { run, report: JSON.parse(run.outputs.drift) as DriftReport, requests }
}

const check = (report: DriftReport, id: string) => report.checks.find(c => c.id === id)
/** The posture's warnings about the escrow's identity (the stores' and the HSM's own settings are posture-settings'). */
const postureWarnings = (run: ActionRun) =>
  run.stdout
    .split('\n')
    .filter(l => l.startsWith('::warning::posture (warning)') && /escrowed security domain/.test(l))
/** The report's counts of the escrow identity's findings. */
const escrowCounts = (report: DriftReport) => {
  const of = (severity: string) =>
    report.checks.filter(c => c.id.startsWith('posture.escrow.') && c.severity === severity).length
  return { critical: of('critical'), warning: of('warning') }
}

beforeAll(async () => {
  custodians = await generateWrappingKeys({ count: 3, bits: 2048 })
}, 60_000)

describe('custodian certificates', () => {
  it('activation gives SECURITY_DOMAIN_SHA256; unpinned, verify warns and the drift report says so with a severity', async () => {
    const apply = await runAction(info, custInputs())
    expect(errorsOf(apply)).toEqual([])
    genuine[CUST] = await azureClient(info, 'blob-get', sdBlob(CUST))
    expect(apply.outputs.SECURITY_DOMAIN_SHA256).toBe(sha(genuine[CUST]))
    expect(postureWarnings(apply).join('\n')).toMatch(/the escrowed security domain is not pinned/)

    const { run, report, requests } = await verify(custInputs())
    expect(errorsOf(run)).toEqual([])
    expect(report.status).toBe('converged')
    expect(check(report, 'posture.escrow.identity')).toMatchObject({ step: 'posture', status: 'ok' })
    expect(check(report, 'posture.escrow.pin')).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(check(report, 'posture.escrow.pin')?.finding).toMatch(
      /not pinned \(expected-security-domain-sha256 is empty\): which security domain it is rests on write access to security-domain-store alone/
    )
    expect(escrowCounts(report)).toEqual({ critical: 0, warning: 1 })
    expect(postureWarnings(run)).toHaveLength(1)
    expect(run.outputs.SECURITY_DOMAIN_SHA256).toBe(sha(genuine[CUST]))
    expect(run.summary).toMatch(
      /\| escrow pinned \(expected-security-domain-sha256\) \| not set<br>.* holds SHA-256 [0-9a-f]{64} \| ⚠️ warning \|/
    )
    // The check parses what the activate step read: the escrow object is fetched once.
    expect(requests.filter(r => r.method === 'GET' && r.path.endsWith(`/${CUST}/sd.json`))).toHaveLength(1)
  })

  it('pinned, verify is in sync without a warning', async () => {
    const { run, report } = await verify(custInputs({ [PIN]: sha(genuine[CUST]).toUpperCase() }))
    expect(errorsOf(run)).toEqual([])
    expect(report.status).toBe('converged')
    expect(check(report, 'posture.escrow.pin')).toMatchObject({ status: 'ok' })
    expect(String(check(report, 'posture.escrow.pin')?.actual)).toContain(
      `matches (SHA-256 ${sha(genuine[CUST])})`
    )
    expect(postureWarnings(run)).toEqual([])
  })

  it("another HSM's security domain planted with a matching sha256 tag: verify critical, whatever fail-on-drift says", async () => {
    const apply = await runAction(info, genInputs())
    expect(errorsOf(apply)).toEqual([])
    genuine[GEN] = await azureClient(info, 'blob-get', sdBlob(GEN))
    await plant(CUST, genuine[GEN])
    try {
      const { run, report } = await verify(custInputs({ 'fail-on-drift': 'false' }))
      expect(run.code).toBe(1)
      // The integrity check alone is satisfied: the tag matches the planted object.
      expect(report.checks.filter(c => c.step === 'activate' && c.status !== 'ok')).toEqual([])
      const identity = check(report, 'posture.escrow.identity')
      expect(identity).toMatchObject({ status: 'drift', severity: 'critical' })
      expect(identity?.finding).toMatch(
        /^escrowed security domain not this HSM's, although its sha256 tag matches .*: the escrow cannot be trusted to recover this HSM/
      )
      expect(identity?.finding).toContain(
        `${sdBlob(CUST)} (SHA-256 ${sha(genuine[GEN])}): 3 of its 3 shares are wrapped to certificates other than the custodians' certificates (wrapping-certificates)`
      )
      expect(identity?.hint).toMatch(/put this HSM's own security domain back from a good copy/)
      expect(report.counts.critical).toBe(1)
      expect(report.status).toBe('drift')
      expect(errorsOf(run).join('\n')).toMatch(
        /verify: 1 critical finding\(s\).*\n- critical: escrowed security domain not this HSM's/
      )
      expect(run.outputs.SECURITY_DOMAIN_SHA256).toBeUndefined()
      expect(run.summary).toMatch(
        /\| escrowed security domain is this HSM's \| not this HSM's in 1 of 1 store\(s\)/
      )

      // apply changes nothing here (the escrow is intact by its tag) and fails naming the finding.
      const since = await mark(emu)
      const again = await runAction(info, custInputs())
      expect(again.code).toBe(1)
      expect(errorsOf(again).join('\n')).toMatch(/apply made its changes, but 1 critical finding\(s\) remain/)
      expect(await writesFrom(emu, since)).toEqual([])
    } finally {
      await plant(CUST, genuine[CUST])
    }
  })

  describe("an attacker's own security domain wrapped to the custodians' public certificates", () => {
    let forged: string
    let keyFiles: string
    beforeAll(async () => {
      // The attacker's own HSM, activated with the victim's custodian certificates (they are public).
      const evil = await runAction(info, {
        ...custInputs(),
        'hsm-name': EVIL,
        'security-domain-store': sdBlob(EVIL)
      })
      expect(errorsOf(evil)).toEqual([])
      forged = await azureClient(info, 'blob-get', sdBlob(EVIL))
      // What makes it dangerous: the custodians' own keys open it, so recover would restore it.
      expect(recoverableSubsets(forged, custodians).allRecover).toBe(true)
      await plant(CUST, forged)
    })

    it('without a pin, verify cannot tell it apart and says so in a warning', async () => {
      const { run, report } = await verify(custInputs())
      expect(errorsOf(run)).toEqual([])
      expect(check(report, 'posture.escrow.identity')?.status).toBe('ok')
      expect(check(report, 'posture.escrow.pin')).toMatchObject({ severity: 'warning' })
      expect(String(check(report, 'posture.escrow.pin')?.actual)).toContain(
        `${sdBlob(CUST)} holds SHA-256 ${sha(forged)}`
      )
    })

    it('the pin catches it in verify: critical, whatever fail-on-drift says', async () => {
      const pinned = sha(genuine[CUST])
      const { run, report } = await verify(custInputs({ [PIN]: pinned, 'fail-on-drift': 'false' }))
      expect(run.code).toBe(1)
      const pin = check(report, 'posture.escrow.pin')
      expect(pin).toMatchObject({ status: 'drift', severity: 'critical' })
      expect(pin?.finding).toBe(
        `escrowed security domain is not the pinned one: expected-security-domain-sha256 is ${pinned}; ${sdBlob(CUST)} holds SHA-256 ${sha(forged)}`
      )
      expect(pin?.hint).toMatch(/change expected-security-domain-sha256 only in a reviewed commit/)
      expect(escrowCounts(report)).toEqual({ critical: 1, warning: 0 })
      expect(run.outputs.SECURITY_DOMAIN_SHA256).toBeUndefined()
    })

    it('the pin makes recover refuse it before anything is uploaded', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'escrow-identity-'))
      keyFiles = custodians
        .map((k, i) => {
          const file = join(dir, `custodian-${i + 1}.pem`)
          writeFileSync(file, `${k.privateKeyPem}\n${k.certificatePem}`, { mode: 0o600 })
          return file
        })
        .join('\n')
      const pinned = sha(genuine[CUST])
      const since = await mark(emu)
      const run = await runAction(
        info,
        custInputs({
          mode: 'recover',
          'rehearsal-hsm-name': DRILL,
          'wrapping-private-key-files': keyFiles,
          [PIN]: pinned
        })
      )
      expect(run.code).toBe(1)
      const said = errorsOf(run).join('\n')
      expect(said).toContain(
        `the escrowed security domain is not the pinned one: expected-security-domain-sha256 is ${pinned}, but\n` +
          `- ${sdBlob(CUST)} holds SHA-256 ${sha(forged)}\nNothing was changed.`
      )
      expect(said).toMatch(
        /What to do: find the security domain with SHA-256 [0-9a-f]{64} .*expected-security-domain-sha256/
      )
      expect(run.stdout).not.toMatch(/uploaded the escrowed security domain/)
      expect(await writesFrom(emu, since)).toEqual([])
      await expect(azureClient(info, 'hsm-show', info.resourceGroup, DRILL)).rejects.toThrow()
    })

    it('with its own security domain back, the same pinned recover (a rehearsal) restores it', async () => {
      await plant(CUST, genuine[CUST])
      const run = await runAction(
        info,
        custInputs({
          mode: 'recover',
          'rehearsal-hsm-name': DRILL,
          'wrapping-private-key-files': keyFiles,
          [PIN]: sha(genuine[CUST])
        })
      )
      expect(errorsOf(run)).toEqual([])
      expect(run.stdout).toContain(
        `rehearsal passed: the escrowed security domain (SHA-256 ${sha(genuine[CUST])}) restored into '${DRILL}'`
      )
      expect(run.stdout).not.toMatch(/expected-security-domain-sha256 is not set/)
    })
  })
})

describe('generated wrapping keys', () => {
  it("another HSM's security domain planted with a matching sha256 tag: its shares' thumbprints are not the escrowed keys'", async () => {
    await plant(GEN, genuine[CUST])
    try {
      const { run, report } = await verify(genInputs({ 'fail-on-drift': 'false' }))
      expect(run.code).toBe(1)
      const identity = check(report, 'posture.escrow.identity')
      expect(identity).toMatchObject({ severity: 'critical' })
      expect(identity?.finding).toContain(
        `${sdBlob(GEN)} (SHA-256 ${sha(genuine[CUST])}): 3 of its 3 shares are wrapped to certificates other than the certificates of the escrowed wrapping keys (wrapping-key-store)`
      )
      // The escrow proof says the keys do not open it; the posture says why: it is another HSM's.
      expect(check(report, 'activate.escrow.recoverable')).toMatchObject({ status: 'drift' })
    } finally {
      await plant(GEN, genuine[GEN])
    }
  })

  it('its own escrow is in sync, judged from the reads the escrow proof makes anyway', async () => {
    const { run, report, requests } = await verify(genInputs({ [PIN]: sha(genuine[GEN]) }))
    expect(errorsOf(run)).toEqual([])
    expect(report.status).toBe('converged')
    expect(String(check(report, 'posture.escrow.identity')?.actual)).toMatch(
      /yes: every share wrapped to one of the certificates of the escrowed wrapping keys \(wrapping-key-store\), quorum 2 as configured/
    )
    expect(run.outputs.SECURITY_DOMAIN_SHA256).toBe(sha(genuine[GEN]))
    // One read of each escrow object: the security domain and the three keys.
    const objects = requests
      .filter(r => r.method === 'GET')
      .map(r => r.path.split('?')[0])
      .filter(p => p.endsWith(`/${GEN}/sd.json`) || new RegExp(`/secrets/${GEN}-wrap-\\d(/|$)`).test(p))
    expect(objects.sort()).toEqual([...new Set(objects)].sort())
    expect(objects).toHaveLength(4)
  })
})

describe('expected-security-domain-sha256', () => {
  it('is checked before any request', async () => {
    const since = await mark(emu)
    const run = await runAction(info, { ...genInputs({ [PIN]: 'sha256:abc' }), mode: 'verify' })
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /Input 'expected-security-domain-sha256': must be the 64 hexadecimal digits of a SHA-256, as the SECURITY_DOMAIN_SHA256 output gives it \(got 'sha256:abc'\)/
    )
    expect(await emu.requests(since)).toEqual([])
  })
})
