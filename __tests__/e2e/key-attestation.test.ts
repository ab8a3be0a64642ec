/**
 * End to end (issue 26 §1): the key's attestation, through dist/index.js. The emulator attests in the layout of
 * the real response under its own test root, which the runs trust only through the harness's preload
 * (scripts/attestation-preload.ts). Good evidence passes (outputs, evidence file, summary, verify's check);
 * evidence changed on the way (a fault rewrites the answer: a flipped byte, another key's modulus, an expired
 * certificate, a chain to another root) fails naming the check; without the preload the bundle trusts only
 * Marvell's roots; an unknown format is "not verified"; skip-key-attestation fetches nothing. A converged apply
 * fetches and verifies again (no earlier run's record is trusted), and fails on evidence changed on the way.
 * One apply (the file's only activation), then converged applies and verify runs.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorsOf, type ActionRun } from '../../scripts/local-runner.js'
import type { DriftReport } from '../../src/report/drift.js'
import type { FaultRule } from '../../emulator/core/faults.js'
import {
  attestationAuthority,
  attestationMember,
  issueAttestationChain,
  type BlobKey
} from '../../emulator/services/managed-hsm/attestation.js'
import { loadOrCreateKeyPair } from '../../emulator/core/ca.js'
import { useScenario } from './harness.js'

const hsm = 'attest-e2e'
const KEY = 'KeyEncryptionKey'
const s = useScenario({ hsm, inputs: { 'release-policy-preset': 'sev-snp-cvm' } })

let apply: ActionRun
let version: string
let kek: { n: Buffer; e: Buffer }

beforeAll(async () => {
  apply = await s.run(s.inputs())
  expect(errorsOf(apply)).toEqual([])
  version = apply.outputs.KEK_KID.split('/').pop() as string
  const evidence = JSON.parse(readFileSync(apply.outputs.KEK_ATTESTATION_FILE, 'utf8')) as {
    key: { n: string; e: string }
  }
  kek = { n: Buffer.from(evidence.key.n, 'base64url'), e: Buffer.from(evidence.key.e, 'base64url') }
}, 120_000)

/**
 * The key's attestation, as the run fetches it: the latest version's (no version in the path), beside the key's
 * read, or the version's own when the latest is another (src/run/key-attestation.ts).
 */
const attestationPath = (): string => `^/keys/${KEY}(/${version})?/attestation`

/** Runs verify with the answer of the key's attestation rewritten by `rewrite` (none: as served). */
async function verify(json?: Record<string, unknown>, extra: Record<string, string> = {}, preload = true) {
  const rules: FaultRule[] = json ? [{ host: 'managedhsm', path: attestationPath(), rewrite: { json } }] : []
  await s.emu.setFaults(rules)
  try {
    const run = await s.run(
      { ...s.inputs(extra), mode: 'verify', 'fail-on-drift': 'false' },
      preload ? {} : { attestationPreload: false }
    )
    const report = JSON.parse(run.outputs.drift) as DriftReport
    return { run, check: report.checks.find(c => c.id === 'key.attestation') }
  } finally {
    await s.emu.setFaults([])
  }
}

/** The emulator's own chain keys (persisted in its state folder), to forge answers as a compromised path would. */
async function chainKeys() {
  const dir = join(s.info.stateDir, 'keys')
  const [root, device, partition, perHsm] = await Promise.all(
    ['attestation-root', 'attestation-device', 'attestation-partition', 'attestation-per-hsm'].map(n =>
      loadOrCreateKeyPair(join(dir, `${n}.pem`))
    )
  )
  return { root, device, partition, perHsm }
}
const blobKey = (n: Buffer, e: Buffer): BlobKey => ({
  n,
  e,
  name: KEY,
  version,
  exportable: true,
  local: true
})

describe('key attestation, through dist/index.js', () => {
  it('apply verifies the created key: outputs, the evidence file under RUNNER_TEMP, the summary', () => {
    const file = apply.outputs.KEK_ATTESTATION_FILE
    expect(file.startsWith(apply.dir)).toBe(true)
    expect(existsSync(file)).toBe(true)
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex')
    expect(apply.outputs.KEK_ATTESTATION_SHA256).toBe(sha)
    expect(apply.summary).toContain('### Key attestation')
    expect(apply.summary).toMatch(
      /✅ Key version <code>[0-9a-f]{32}<\/code>: verified, format <code>MRVL-1<\/code>/
    )
    expect(apply.summary).toContain('a test root, not Marvell')
    expect(apply.summary).toContain('it does not prove who may release the key')
    expect(apply.stdout).toMatch(/key attestation of version [0-9a-f]{32}: verified \(MRVL-1\)/)
  })

  it('a converged apply fetches and verifies the attestation again: its own evidence file, no write', async () => {
    const since = (await s.emu.requests()).length
    const again = await s.run(s.inputs())
    expect(errorsOf(again)).toEqual([])
    const seen = await s.emu.requests(since)
    expect(seen.filter(r => r.write)).toEqual([])
    expect(seen.filter(r => new RegExp(attestationPath()).test(r.path))).toHaveLength(1)
    const file = again.outputs.KEK_ATTESTATION_FILE
    expect(file.startsWith(again.dir)).toBe(true)
    expect(again.outputs.KEK_ATTESTATION_SHA256).toBe(
      createHash('sha256').update(readFileSync(file)).digest('hex')
    )
    expect(again.stdout).toMatch(/key attestation of version [0-9a-f]{32}: verified \(MRVL-1\)/)
    expect(again.summary).toContain('### Key attestation')
  })

  it('a converged apply whose attestation answer was changed on the way fails naming the check', async () => {
    const { partition } = await chainKeys()
    const blob = Buffer.from(
      attestationMember({ rootPem: '', bundlePem: '', partition }, blobKey(kek.n, kek.e))
        .privateKeyAttestation,
      'base64url'
    )
    blob[300] = (blob[300] as number) ^ 0x01
    await s.emu.setFaults([
      {
        host: 'managedhsm',
        path: attestationPath(),
        rewrite: { json: { 'attributes.attestation.privateKeyAttestation': blob.toString('base64url') } }
      }
    ])
    try {
      const since = (await s.emu.requests()).length
      const run = await s.run(s.inputs())
      expect(run.code).toBe(1)
      expect(errorsOf(run).join('\n')).toContain(
        `key '${KEY}' (version ${version}, in use): key attestation: the blob signature check failed`
      )
      expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
      expect(run.outputs.KEK_ATTESTATION_SHA256).toBeUndefined()
    } finally {
      await s.emu.setFaults([])
    }
  })

  it('verify checks the version in use: ok, with the evidence outputs', async () => {
    const { run, check } = await verify()
    expect(run.code).toBe(0)
    expect(check).toMatchObject({ step: 'key', status: 'ok' })
    expect(run.outputs.KEK_ATTESTATION_SHA256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('a flipped byte in the private key blob fails the blob signature check (critical)', async () => {
    const { partition } = await chainKeys()
    const auth = { rootPem: '', bundlePem: '', partition }
    const blob = Buffer.from(
      attestationMember(auth, blobKey(kek.n, kek.e)).privateKeyAttestation,
      'base64url'
    )
    blob[300] = (blob[300] as number) ^ 0x01
    const { run, check } = await verify({
      'attributes.attestation.privateKeyAttestation': blob.toString('base64url')
    })
    expect(run.code).toBe(1)
    expect(check).toMatchObject({ status: 'drift', severity: 'critical' })
    expect(check?.finding).toMatch(/the blob signature check failed/)
    expect(run.outputs.KEK_ATTESTATION_SHA256).toBeUndefined()
  })

  it("another key's modulus (signed by the same partition key) fails the modulus check", async () => {
    const { partition } = await chainKeys()
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })
    const m = attestationMember(
      { rootPem: '', bundlePem: '', partition },
      blobKey(Buffer.from(other.n as string, 'base64url'), kek.e)
    )
    const { run, check } = await verify({
      'attributes.attestation.privateKeyAttestation': m.privateKeyAttestation,
      'attributes.attestation.publicKeyAttestation': m.publicKeyAttestation
    })
    expect(run.code).toBe(1)
    expect(check?.finding).toMatch(/the modulus check failed/)
  })

  it('an expired partition certificate fails the certificate validity check', async () => {
    const k = await chainKeys()
    const rootPem = (await attestationAuthority(s.info.stateDir)).rootPem
    const expired = issueAttestationChain({ ...k.root, rootPem }, k.device, k.partition, k.perHsm, {
      expired: true
    })
    const { run, check } = await verify({
      'attributes.attestation.certificatePemFile': Buffer.from(expired.bundlePem).toString('base64url')
    })
    expect(run.code).toBe(1)
    expect(check?.finding).toMatch(/the certificate validity check failed: the partition certificate/)
  })

  it('a chain to another root fails the root check', async () => {
    const k = await chainKeys()
    const other = issueAttestationChain(
      await loadOrCreateKeyPair(join(s.info.stateDir, 'other-root.pem')),
      k.device,
      k.partition,
      k.perHsm,
      { rootName: [{ name: 'commonName', value: 'another vendor root' }] }
    )
    const { run, check } = await verify({
      'attributes.attestation.certificatePemFile': Buffer.from(other.bundlePem).toString('base64url')
    })
    expect(run.code).toBe(1)
    expect(check?.finding).toMatch(
      /the root check failed: no certificate in the bundle is issued by a trusted root/
    )
  })

  it('without the test preload, dist/index.js trusts only the Marvell roots: the root check fails', async () => {
    const { run, check } = await verify(undefined, {}, false)
    expect(run.code).toBe(1)
    expect(check?.finding).toMatch(/the root check failed/)
    expect(check?.finding).toContain('Marvell LiquidSecurity root')
  })

  it('an unknown format version is "not verified" (a warning), never verified', async () => {
    const { run, check } = await verify({ 'attributes.attestation.version': 'MRVL-9' })
    expect(run.code).toBe(0)
    expect(check).toMatchObject({ status: 'drift', severity: 'warning' })
    expect(check?.finding).toMatch(/not verified: attestation format MRVL-9 is not one this action knows/)
    expect(run.summary).toMatch(/⚠️ Key version <code>[0-9a-f]{32}<\/code>: not verified: /)
    expect(run.summary).not.toMatch(/✅ Key version/)
  })

  it("uses the latest version's attestation only when it names the version in use", async () => {
    // As if another version had become the latest between the two reads: its answer is not this version's.
    const other = '0'.repeat(32)
    const since = (await s.emu.requests()).length
    await s.emu.setFaults([
      {
        host: 'managedhsm',
        path: `^/keys/${KEY}/attestation`,
        rewrite: { json: { 'key.kid': apply.outputs.KEK_KID.replace(/[^/]+$/, other) } }
      }
    ])
    let run: ActionRun
    try {
      run = await s.run({ ...s.inputs(), mode: 'verify' })
    } finally {
      await s.emu.setFaults([])
    }
    expect(errorsOf(run)).toEqual([])
    const report = JSON.parse(run.outputs.drift) as DriftReport
    expect(report.checks.find(c => c.id === 'key.attestation')).toMatchObject({ status: 'ok' })
    const fetched = (await s.emu.requests(since)).filter(r => /\/attestation/.test(r.path)).map(r => r.path)
    expect(fetched.map(p => p.split('?')[0])).toEqual([
      `/keys/${KEY}/attestation`,
      `/keys/${KEY}/${version}/attestation`
    ])
  })

  it('skip-key-attestation fetches nothing and says the origin is not checked', async () => {
    const since = (await s.emu.requests()).length
    const { run, check } = await verify(undefined, { 'skip-key-attestation': 'true' })
    expect(run.code).toBe(0)
    expect(check?.finding).toMatch(/not fetched \(skip-key-attestation\)/)
    expect((await s.emu.requests(since)).filter(r => /\/attestation/.test(r.path))).toEqual([])
  })

  it('apply that creates a key whose attestation is tampered with fails naming the check', async () => {
    await s.emu.setFaults([
      {
        host: 'managedhsm',
        path: '/keys/kek-two/[0-9a-f]+/attestation',
        rewrite: { json: { 'attributes.attestation.publicKeyAttestation': 'AAAA' } }
      }
    ])
    try {
      const run = await s.run(s.inputs({ steps: 'key', 'key-name': 'kek-two' }))
      expect(run.code).toBe(1)
      expect(errorsOf(run).join('\n')).toMatch(
        /key 'kek-two' was created, but key attestation: the blob format check failed/
      )
      expect(run.outputs.KEK_ATTESTATION_SHA256).toBeUndefined()
    } finally {
      await s.emu.setFaults([])
    }
  })
})
