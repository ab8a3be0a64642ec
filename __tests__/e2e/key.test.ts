/**
 * End to end: provision → activate → rbac → key through dist/index.js, then Secure Key Release proven
 * against the emulator's policy evaluation: a compliant SEV-SNP VM gets a key it can use, others do not.
 */
import { describe, expect, it } from '@jest/globals'
import { generateKeyPairSync, privateDecrypt, publicEncrypt, constants, createPublicKey } from 'node:crypto'
import { unwrapReleasedKey } from '../../emulator/services/managed-hsm/skr.js'
import { azureClient, errorsOf } from '../../scripts/local-runner.js'
import { presetPolicy } from '../../src/policy/index.js'
import { nonCompliantCvmGuestClaims, sevSnpCvmGuestClaims } from '../support/sample-claims.js'
import { useScenario } from './harness.js'

const hsm = 'key-e2e'
const VM_PRINCIPAL = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'

const s = useScenario({
  hsm,
  inputs: {
    'role-assignments': `Managed HSM Crypto Service Release User | ${VM_PRINCIPAL} | /keys/KeyEncryptionKey`,
    'release-policy-preset': 'sev-snp-cvm'
  }
})

const hsmUri = () => `https://${hsm}.managedhsm.azure.net/`
const showKey = async (name = 'KeyEncryptionKey') =>
  JSON.parse(await azureClient(s.info, 'key-show', hsmUri(), name))

async function attestation(claims: Record<string, unknown>, issuer?: string): Promise<string> {
  const r = (await s.emu.control('/attestation/tokens', {
    method: 'POST',
    body: JSON.stringify({ claims, issuer })
  })) as {
    token: string
  }
  return r.token
}

describe('the whole chain', () => {
  it('sets all six outputs', async () => {
    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    const o = run.outputs
    expect(o.HSM_NAME).toBe(hsm)
    expect(o.HSM_URI).toBe(hsmUri())
    expect(o.KEY_NAME).toBe('KeyEncryptionKey')
    expect(o.KEK_KID).toMatch(
      new RegExp(`^https://${hsm}\\.managedhsm\\.azure\\.net/keys/KeyEncryptionKey/[0-9a-f]{32}$`)
    )
    expect(o.KEK_RESOURCE).toBe(`${o.HSM_RESOURCE_ID}/keys/KeyEncryptionKey`)
    const key = await showKey()
    expect(key).toMatchObject({ id: o.KEK_KID, exportable: true, releasePolicy: { immutable: false } })
    expect(key.key.kty).toBe('RSA-HSM')
    expect(Buffer.from(key.key.n).length * 8).toBe(3072)
    expect(run.summary).toMatch(/\| key \| .*created/)
  })

  it('sends no write on a rerun, and exports the outputs when asked', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ 'export-variables': 'true' }))
    expect(errorsOf(run)).toEqual([])
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
    const env = (await import('node:fs')).readFileSync(`${run.dir}/env`, 'utf8')
    for (const name of ['HSM_NAME', 'HSM_RESOURCE_ID', 'HSM_URI', 'KEY_NAME', 'KEK_KID', 'KEK_RESOURCE'])
      expect([name, env.includes(`${name}<<`)]).toEqual([name, true])
  })

  it('verify reports no drift', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({ ...s.inputs(), mode: 'verify' })
    expect(errorsOf(run)).toEqual([])
    expect(JSON.parse(run.outputs.drift).status).toBe('converged')
    expect(JSON.parse(run.outputs.drift).checks.map((c: { id: string }) => c.id)).toContain(
      'activate.escrow.recoverable'
    )
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })
})

describe('release policy drift', () => {
  it('updates a mutable policy that was changed outside the action, and says what changed', async () => {
    const tdx = presetPolicy('tdx-cvm', 'https://sharedweu.weu.attest.azure.net')
    await azureClient(s.info, 'key-policy', hsmUri(), 'KeyEncryptionKey', JSON.stringify(tdx))
    const verify = await s.run({ ...s.inputs(), mode: 'verify' })
    expect(verify.code).toBe(1)
    expect(
      JSON.parse(verify.outputs.drift).checks.find((c: { id: string }) => c.id === 'key.properties').status
    ).toBe('drift')

    const run = await s.run(s.inputs())
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/update key 'KeyEncryptionKey'/)
    expect(run.stdout).toMatch(/release policy: .*tdxvm/)
    const key = await showKey()
    expect(JSON.stringify(key.releasePolicy.policy)).toMatch(/sevsnpvm/)
  })

  it('explains AKV.SKR.1020 when an immutable policy differs, and changes nothing', async () => {
    const name = 'ImmutableKek'
    expect((await s.run(s.inputs({ 'key-name': name, 'immutable-release-policy': 'true' }))).code).toBe(0)
    expect((await showKey(name)).releasePolicy.immutable).toBe(true)
    const since = (await s.emu.requests()).length
    const run = await s.run(
      s.inputs({ 'key-name': name, 'immutable-release-policy': 'true', 'release-policy-preset': 'tdx-cvm' })
    )
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toMatch(/immutable release policy that differs/)
    expect(message).toMatch(/AKV\.SKR\.1020: Immutable Key Release Policy cannot be modified/)
    expect(message).toMatch(/new key-name/)
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })

  it('fails before any write when a release-policy-test expectation does not hold', async () => {
    const since = (await s.emu.requests()).length
    const cases = JSON.stringify([
      { name: 'sev-snp vm', claims: sevSnpCvmGuestClaims(), expect: 'release' },
      { name: 'non-compliant vm', claims: nonCompliantCvmGuestClaims(), expect: 'release' }
    ])
    const run = await s.run(s.inputs({ 'release-policy-test': cases }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /release-policy-test.*1 of 2 expectations do not hold[\s\S]*FAIL non-compliant vm/
    )
    expect((await s.emu.requests(since)).filter(r => r.write)).toEqual([])
  })
})

describe('secure key release', () => {
  const runtime = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const runtimeJwk = {
    ...(runtime.publicKey.export({ format: 'jwk' }) as Record<string, string>),
    kid: 'TpmEphemeralEncryptionKey'
  }

  it('releases the key to a compliant SEV-SNP VM, which can then decrypt what the key encrypted', async () => {
    const token = await attestation(
      sevSnpCvmGuestClaims({ encryptionKey: runtimeJwk as never }) as Record<string, unknown>
    )
    const jws = await azureClient(s.info, 'key-release', hsmUri(), 'KeyEncryptionKey', token)
    const released = unwrapReleasedKey(jws, runtime.privateKey)
    expect(released.signatureValid).toBe(true)
    expect(released.privateKey).toBeDefined()
    // Encrypt with the KEK's public key as Azure publishes it; decrypt with the released private key.
    const { key } = await showKey()
    const publicKey = createPublicKey({
      key: {
        kty: 'RSA',
        n: Buffer.from(key.n).toString('base64url'),
        e: Buffer.from(key.e).toString('base64url')
      },
      format: 'jwk'
    })
    const secret = Buffer.from('model weights data-encryption key')
    const wrapped = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      secret
    )
    const unwrapped = privateDecrypt(
      { key: released.privateKey!, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      wrapped
    )
    expect(unwrapped.equals(secret)).toBe(true)
  })

  it('refuses a non-compliant VM and a token from another attestation authority', async () => {
    const nonCompliant = await attestation(
      nonCompliantCvmGuestClaims({ encryptionKey: runtimeJwk as never }) as Record<string, unknown>
    )
    await expect(
      azureClient(s.info, 'key-release', hsmUri(), 'KeyEncryptionKey', nonCompliant)
    ).rejects.toThrow(/403|Forbidden|does not meet/)
    const otherAuthority = await attestation(
      sevSnpCvmGuestClaims({ encryptionKey: runtimeJwk as never }) as Record<string, unknown>,
      'https://sharedneu.neu.attest.azure.net'
    )
    await expect(
      azureClient(s.info, 'key-release', hsmUri(), 'KeyEncryptionKey', otherAuthority)
    ).rejects.toThrow(/403|Forbidden|cannot be verified/)
  })
})

describe("the suite's short pauses (scripts/fast-waits-preload.ts)", () => {
  // The key's settle after a create lasts SETTLE_MS (src/steps/key/settle.ts): 2 s for real, a twentieth in the
  // suite, where instant Azure leaves it nothing to wait for. Tests of the waiting itself ask for real pauses.
  const settleGap = async (key: string, realWaits?: true): Promise<number> => {
    const since = (await s.emu.requests()).length
    // The step's early read of the versions (404: no key yet) answers late, after the create, as on a busy runner.
    await s.emu.setFaults([{ path: `^/keys/${key}/versions`, method: 'GET', latencyMs: 800, times: 1 }])
    const run = await s.run(s.inputs({ steps: 'key', 'key-name': key }), realWaits ? { realWaits } : {})
    await s.emu.setFaults([])
    expect(errorsOf(run)).toEqual([])
    const log = await s.emu.requests(since)
    const create = log.findIndex(e => e.method === 'POST' && e.path.startsWith(`/keys/${key}/create`))
    expect(create).toBeGreaterThanOrEqual(0)
    // The log is in order of answers, each stamped when answered. The step's early read of the versions (begun
    // before the create, answered 404) can answer after the create under load; the settle's list begins after it.
    const answered = Date.parse(log[create].time)
    const list = log.findIndex(
      (e, i) =>
        i > create && e.path.startsWith(`/keys/${key}/versions`) && Date.parse(e.time) - e.durationMs >= answered
    )
    expect(list).toBeGreaterThan(create)
    return Date.parse(log[list].time) - answered
  }

  it('shortens the action’s settle in the suite and keeps it whole when a test asks', async () => {
    expect(await settleGap('ShortPause')).toBeLessThan(1500)
    expect(await settleGap('RealPause', true)).toBeGreaterThanOrEqual(2000)
  })
})
