/**
 * End to end (issue 21, section 2): every enabled version of the key. The attack: someone makes a new
 * version of the key with the correct policy, then loosens the older one the VMs were pinned to; verify read
 * only the latest, and the older version was released to a VM that is not confidential. Now verify names
 * the older version as critical (and writes nothing), plan lists the repair, apply makes it and says so; an
 * immutable weaker version stays reported; disable-older-key-versions disables older versions but never the
 * latest nor one a Disk Encryption Set points at; an exportable key the action does not manage with a
 * policy the rules refuse is a warning; and so is a rotation policy that rotates the key (issue 29 §3).
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { presetPolicy } from '../../src/policy/index.js'
import type { DriftReport } from '../../src/report/drift.js'
import { trustedLaunchVmClaims } from '../support/sample-claims.js'
import { useScenario } from './harness.js'

const hsm = 'kv-versions-e2e'
const KEY = 'KeyEncryptionKey'
const AUTH = 'https://sharedweu.weu.attest.azure.net'
const VM = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'
const hsmUri = () => `https://${hsm}.managedhsm.azure.net/`
const CORRECT = JSON.stringify(presetPolicy('sev-snp-cvm', AUTH))
/** Loosened: any Azure VM the provider attests, confidential or not. */
const LOOSE = JSON.stringify({
  version: '1.0.0',
  anyOf: [{ authority: AUTH, allOf: [{ claim: 'x-ms-attestation-type', equals: 'azurevm' }] }]
})

interface Version {
  version: string
  enabled: boolean
  releasePolicy?: { immutable: boolean; policy: unknown }
}
const versions = async (): Promise<Version[]> =>
  JSON.parse(await azureClient(s.info, 'key-versions', hsmUri(), KEY)) as Version[]
const version = async (id: string) => (await versions()).find(v => v.version === id)!
let lastVersionSecond = 0
/**
 * A new version of the key, created in a later second than the one before: Azure's `created` counts whole
 * seconds, and versions of the same second tie for latest (run/key-versions.ts keeps them all).
 */
async function newVersion(policy: string, immutable = false): Promise<string> {
  const wait = (lastVersionSecond + 1) * 1000 - Date.now()
  if (wait > 0) await new Promise(r => setTimeout(r, wait))
  const id = (
    await azureClient(s.info, 'key-new-version', hsmUri(), KEY, policy, ...(immutable ? ['immutable'] : []))
  ).trim()
  lastVersionSecond = Math.floor(Date.now() / 1000)
  return id
}

const runtime = generateKeyPairSync('rsa', { modulusLength: 2048 })
const runtimeJwk = {
  ...(runtime.publicKey.export({ format: 'jwk' }) as Record<string, string>),
  kid: 'TpmEphemeralEncryptionKey'
}
async function token(claims: Record<string, unknown>): Promise<string> {
  const r = (await s.emu.control('/attestation/tokens', {
    method: 'POST',
    body: JSON.stringify({ claims })
  })) as {
    token: string
  }
  return r.token
}
/** A VM that is not confidential (Trusted Launch) asks for one version of the key. */
const plainVmRelease = async (v: string) =>
  azureClient(
    s.info,
    'key-version-release',
    hsmUri(),
    KEY,
    v,
    await token(trustedLaunchVmClaims({ encryptionKey: runtimeJwk as never }) as Record<string, unknown>)
  )

/** Runs a read-only mode; asserts it wrote nothing. */
async function readOnly(mode: 'verify' | 'plan', extra: Record<string, string> = {}) {
  const since = (await s.emu.requests()).length
  const run = await s.run({ ...s.inputs(extra), mode })
  expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  return { run, report: JSON.parse(run.outputs.drift) as DriftReport }
}
const check = (r: DriftReport, id: string) => r.checks.find(c => c.id === id)

/** The version the VMs were pinned to, from the action's first apply. */
let pinned: string
/** The latest version, with the correct policy. */
let latest: string
/** The attacker's new version (the latest until the immutable case adds two more). */
let attackersLatest: string

const s = useScenario({
  hsm,
  inputs: () => ({
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM} | /keys/${KEY}`,
    'release-policy-preset': 'sev-snp-cvm'
  })
})
beforeAll(async () => {
  const run = await s.run(s.inputs())
  expect(errorsOf(run)).toEqual([])
  pinned = run.outputs.KEK_KID.split('/').pop()!
  // The attack: a new version with the correct policy, then the older one loosened.
  latest = attackersLatest = await newVersion(CORRECT)
  await azureClient(s.info, 'key-version-policy', hsmUri(), KEY, pinned, LOOSE)
}, 120_000)

describe('an older version loosened behind a correct latest one', () => {
  it('is released to a VM that is not confidential (the attack is real), the latest is not', async () => {
    const jws = await plainVmRelease(pinned)
    expect(jws.split('.')).toHaveLength(3)
    await expect(plainVmRelease(latest)).rejects.toThrow(/403|does not meet/)
  })

  it('verify fails naming the version as critical, whatever fail-on-drift says, and writes nothing', async () => {
    const { run, report } = await readOnly('verify', { 'fail-on-drift': 'false' })
    expect(run.code).toBe(1)
    const c = check(report, `posture.keyVersion.${pinned}`)
    expect(c).toMatchObject({ step: 'posture', status: 'drift', severity: 'critical' })
    expect(c?.finding).toMatch(
      new RegExp(
        `key '${KEY}' version ${pinned} \\(an older version, enabled\\) has a release policy weaker than the inputs'`
      )
    )
    expect(c?.finding).toMatch(/\[no-tee\] at \$\.anyOf\[0\]/)
    expect(c?.finding).toMatch(
      /releases to a token the inputs' policy refuses: issuer .* with x-ms-attestation-type = azurevm/
    )
    expect(c?.hint).toMatch(/run mode: apply/)
    // The latest is fine, and the report counts the finding.
    expect(check(report, `posture.keyVersion.${latest}`)).toMatchObject({ status: 'ok' })
    expect(report.counts.critical).toBe(1)
    expect(report.status).toBe('drift')
    expect(errorsOf(run).join('\n')).toMatch(new RegExp(`critical: key '${KEY}' version ${pinned}`))
    // In the summary's posture table, as critical.
    const row = run.summary.split('\n').find(l => l.includes(`version ${pinned} |`))
    expect(row).toMatch(/an older version, enabled; release policy weaker .*\| ❌ critical \|/)
  })

  it('plan lists the repair of the older version before apply makes it, and exits 0', async () => {
    const { run, report } = await readOnly('plan')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `would update the release policy of key '${KEY}' version ${pinned} \\(an older enabled version\\) to the inputs' policy`
      )
    )
    expect(check(report, `key.version.${pinned}`)).toMatchObject({ status: 'drift' })
    expect(check(report, `posture.keyVersion.${pinned}`)).toMatchObject({ severity: 'critical' })
  })

  it("apply brings the mutable older version to the inputs' policy and says so; the VM is refused then", async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs())
    expect([errorsOf(run), run.code]).toEqual([[], 0])
    expect(run.stdout).toMatch(
      new RegExp(
        `key: update the release policy of key '${KEY}' version ${pinned} \\(an older enabled version\\)`
      )
    )
    expect(run.stdout).toMatch(/weaker than the inputs' release policy:/)
    // One write to that version, none to the latest.
    const writes = (await s.emu.requests(since)).filter(r => r.write && r.path.includes(`/keys/${KEY}/`))
    expect(writes.map(w => `${w.method} ${w.path.split('?')[0]}`)).toEqual([`PATCH /keys/${KEY}/${pinned}`])
    expect((await version(pinned)).releasePolicy?.policy).toEqual(JSON.parse(CORRECT))
    await expect(plainVmRelease(pinned)).rejects.toThrow(/403|does not meet/)
    const { run: again, report } = await readOnly('verify')
    expect([errorsOf(again), report.status, report.counts.critical]).toEqual([[], 'converged', 0])
  })
})

describe('an older version with an immutable weaker policy', () => {
  let frozen: string
  beforeAll(async () => {
    frozen = await newVersion(LOOSE, true)
    latest = await newVersion(CORRECT)
  }, 60_000)

  it('stays reported: verify names it, apply cannot change it and fails after its writes naming it', async () => {
    const { run: v, report } = await readOnly('verify')
    expect(v.code).toBe(1)
    expect(check(report, `posture.keyVersion.${frozen}`)).toMatchObject({ severity: 'critical' })
    expect(check(report, `posture.keyVersion.${frozen}`)?.hint).toMatch(
      /immutable \(AKV\.SKR\.1020\): disable the version/
    )

    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs())
    expect(run.code).toBe(1)
    const errors = errorsOf(run).join('\n')
    expect(errors).toMatch(/apply made its changes, but 1 critical finding\(s\) remain/)
    expect(errors).toMatch(new RegExp(`key '${KEY}' version ${frozen}`))
    // Said in the plan as a note, never attempted.
    expect(run.stdout).toMatch(
      new RegExp(
        `version ${frozen} \\(an older enabled version\\) has an immutable release policy weaker than the inputs'`
      )
    )
    expect((await s.emu.requests(since)).filter(r => r.write && r.path.includes(frozen))).toEqual([])
    expect((await version(frozen)).releasePolicy).toMatchObject({
      immutable: true,
      policy: JSON.parse(LOOSE)
    })
  })
})

describe('disable-older-key-versions', () => {
  const DES = 'des-pinned-e2e'
  let desPinned: string
  beforeAll(async () => {
    // A Disk Encryption Set made outside the action, pinned to an older version with the correct policy
    // (the attacker's version: no longer the latest).
    desPinned = attackersLatest
    await azureClient(
      s.info,
      'arm',
      'PUT',
      `/subscriptions/${s.info.subscriptionId}/resourceGroups/${s.info.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/${DES}?api-version=2025-01-02`,
      JSON.stringify({
        location: s.info.location,
        identity: { type: 'SystemAssigned' },
        properties: {
          encryptionType: 'ConfidentialVmEncryptedWithCustomerKey',
          activeKey: { keyUrl: `${hsmUri()}keys/${KEY}/${desPinned}` }
        }
      })
    )
  }, 60_000)

  it('plan lists what apply would disable; apply disables them but not the latest nor the version a set points at', async () => {
    const before = (await versions()).filter(v => v.enabled).map(v => v.version)
    expect(before).toEqual(expect.arrayContaining([pinned, desPinned, latest]))
    const { run: p } = await readOnly('plan', { 'disable-older-key-versions': 'true' })
    expect(p.stdout).toMatch(
      new RegExp(
        `would disable key '${KEY}' version ${pinned} \\(an older enabled version; disable-older-key-versions\\)`
      )
    )
    expect(p.stdout).not.toMatch(new RegExp(`disable key '${KEY}' version (${latest}|${desPinned})`))

    const run = await s.run(s.inputs({ 'disable-older-key-versions': 'true' }))
    expect([errorsOf(run), run.code]).toEqual([[], 0])
    const after = await versions()
    const enabled = after
      .filter(v => v.enabled)
      .map(v => v.version)
      .sort()
    expect(enabled).toEqual([desPinned, latest].sort())
    // Every other version, the immutable weaker one included, is disabled: nothing is critical any more.
    expect(after.filter(v => !v.enabled).map(v => v.version)).toEqual(
      expect.arrayContaining(before.filter(v => v !== latest && v !== desPinned))
    )
    expect(run.outputs.KEK_KID.endsWith(`/${latest}`)).toBe(true)
    const { report } = await readOnly('verify')
    expect([report.status, report.counts.critical]).toEqual(['converged', 0])
  })
})

describe('exportable keys the action does not manage', () => {
  it('warns on one whose release policy the rules refuse, and leaves it alone', async () => {
    const other = 'OtherTeamKey'
    await azureClient(s.info, 'key-new-version', hsmUri(), other, LOOSE)
    const { run, report } = await readOnly('verify')
    expect(run.code).toBe(0)
    expect(report.status).toBe('converged')
    expect(check(report, `posture.unmanagedKey.${other}`)).toMatchObject({ severity: 'warning' })
    expect(check(report, `posture.unmanagedKey.${other}`)?.finding).toMatch(/rules refuse.*\[no-tee\]/)
    expect(report.counts.warning).toBeGreaterThanOrEqual(1)
  })

  it('a policy that follows the rules is not a finding (a compliant VM may have its own key)', async () => {
    await azureClient(s.info, 'key-new-version', hsmUri(), 'CompliantTeamKey', CORRECT)
    const { report } = await readOnly('verify')
    expect(check(report, 'posture.unmanagedKey.CompliantTeamKey')).toBeUndefined()
  })
})

describe("the key's rotation policy (issue 29 §3)", () => {
  it('verify warns on a Rotate lifetime action, with what to do, writes nothing, and is quiet once it is gone', async () => {
    const rotating = JSON.parse(
      await azureClient(
        s.info,
        'key-rotation-policy',
        hsmUri(),
        KEY,
        JSON.stringify({
          lifetimeActions: [
            { action: 'Rotate', timeAfterCreate: 'P90D' },
            { action: 'Notify', timeBeforeExpiry: 'P30D' }
          ],
          expiresIn: 'P2Y'
        })
      )
    ) as { lifetimeActions: Array<{ action: string; timeAfterCreate?: string }> }
    expect(rotating.lifetimeActions).toContainEqual(
      expect.objectContaining({ action: 'Rotate', timeAfterCreate: 'P90D' })
    )
    const { run, report } = await readOnly('verify')
    expect(run.code).toBe(0)
    const c = check(report, 'posture.keyRotationPolicy')
    expect(c).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(c?.finding).toMatch(/rotates it automatically: Azure creates versions this action did not make/)
    expect(c?.finding).toContain('lifetime action Rotate, P90D after each version is created')
    expect(c?.hint).toMatch(/remove the Rotate lifetime action/)
    expect(run.summary).toContain('rotates the key automatically')

    await azureClient(
      s.info,
      'key-rotation-policy',
      hsmUri(),
      KEY,
      JSON.stringify({ lifetimeActions: [{ action: 'Notify', timeBeforeExpiry: 'P30D' }] })
    )
    const quiet = (await readOnly('verify')).report
    expect(check(quiet, 'posture.keyRotationPolicy')).toMatchObject({ status: 'ok' })
  })
})
