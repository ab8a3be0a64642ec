/**
 * End to end: disaster recovery through dist/index.js. provision → activate (generated keys, escrowed) →
 * key with key-backup-store (and again when the key changes) → the HSM deleted and purged → recover into a new
 * HSM of the same name: the KEK_KID from before the disaster is there, same version and release policy, and
 * releasable. A backup is refused by an HSM with another security domain; fewer than quorum keys change
 * nothing; a rehearsal recovers into a temporary HSM and removes it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unwrapReleasedKey } from '../../emulator/services/managed-hsm/skr.js'
import { azureClient, baseInputs, errorsOf } from '../../scripts/local-runner.js'
import { sevSnpCvmGuestClaims } from '../support/sample-claims.js'
import { peek, useScenario, writesFrom } from './harness.js'

let dir: string
const hsm = 'rec-prod'
const other = 'rec-other'
const drill = 'rec-drill'

const s = useScenario({
  hsm,
  keys: 'escrow vault',
  inputs: (_, u) => ({
    'release-policy-preset': 'sev-snp-cvm',
    'key-backup-store': u.sdBlob('kek-backup.bin')
  })
})
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recover-e2e-'))
})
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const hsmUri = (name = hsm) => `https://${name}.managedhsm.azure.net/`

const showKey = async (name = hsm) =>
  JSON.parse(await azureClient(s.info, 'key-show', hsmUri(name), 'KeyEncryptionKey'))
const showHsm = async (name: string) =>
  JSON.parse(await peek(s.info, 'hsm-show', s.info.resourceGroup, name)) as {
    properties: { securityDomainProperties?: { activationStatus?: string } }
  }
const exists = (name: string) =>
  showHsm(name).then(
    () => true,
    () => false
  )
async function deletedNames(): Promise<string[]> {
  const state = (await s.emu.control('/state')) as { deletedHsms?: Array<{ hsm: { name: string } }> }
  return (state.deletedHsms ?? []).map(d => d.hsm.name)
}
const writes = (since: number) => writesFrom(s.emu, since)
const escrowedAt = (stdout: string): string[] =>
  [
    ...stdout.matchAll(
      /backup of key 'KeyEncryptionKey' \(version [0-9a-f]{32}\) escrowed to (\S+) and read back/g
    )
  ].map(m => m[1])

/** 64 characters from the middle of an escrowed key backup (the emulator's blob is JSON around its ciphertext). */
async function backupFragment(url: string): Promise<string> {
  const text = await peek(s.info, 'blob-get', url)
  return (JSON.parse(text) as { ct: string }).ct.slice(32, 96)
}

/** What the key looked like before the disaster. */
let before: { id: string; releasePolicy: unknown; key: { n: unknown } }
let backupUrl: string

describe('before the disaster', () => {
  it('the key step escrows the key backup, again when the key changes, and not on a rerun', async () => {
    const first = await s.run(s.inputs())
    expect(errorsOf(first)).toEqual([])
    const kid = first.outputs.KEK_KID
    expect(kid).toMatch(new RegExp(`^${hsmUri()}keys/KeyEncryptionKey/[0-9a-f]{32}$`))
    const [initial] = escrowedAt(first.stdout)
    expect(initial).toContain(`${hsm}/kek-backup-${kid.split('/').pop()}-`)

    const since = (await s.emu.requests()).length
    const rerun = await s.run(s.inputs())
    expect(errorsOf(rerun)).toEqual([])
    expect(rerun.stdout).toMatch(/the backup of 'KeyEncryptionKey' in its current state is escrowed/)
    expect(await writes(since)).toEqual([])

    // The key changes (its release policy): a new backup object, the old one is never overwritten.
    await new Promise(r => setTimeout(r, 1100)) // a new "updated" second
    const changed = await s.run(s.inputs({ 'release-policy-preset': 'confidential-vm' }))
    expect(errorsOf(changed)).toEqual([])
    expect(changed.stdout).toMatch(/update key 'KeyEncryptionKey'/)
    const [latest] = escrowedAt(changed.stdout)
    expect(latest).toBeDefined()
    expect(latest).not.toBe(initial)
    expect(changed.outputs.KEK_KID).toBe(kid)
    expect(changed.everything).not.toContain(await backupFragment(latest)) // never in a log
    before = await showKey()
    backupUrl = latest
  })

  it('teardown deletes and purges the HSM: the disaster', async () => {
    const run = await s.run({
      ...baseInputs(s.info, hsm),
      mode: 'teardown',
      'confirm-teardown': hsm
    })
    expect(errorsOf(run)).toEqual([])
    expect(await exists(hsm)).toBe(false)
    expect(await deletedNames()).not.toContain(hsm)
  })
})

describe('recover', () => {
  it('validates its inputs before any request', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run({
      ...baseInputs(s.info, hsm),
      mode: 'recover',
      'rehearsal-hsm-name': hsm
    })
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toMatch(/Input 'security-domain-store': is required to recover/)
    expect(message).toMatch(
      /Input 'wrapping-key-store': or wrapping-private-key-files is required to recover/
    )
    expect(message).toMatch(/Input 'rehearsal-hsm-name': must differ from hsm-name/)
    expect(await s.emu.requests(since)).toEqual([])
  })

  it('checks key-backup-store like the other store targets, and rehearsal-hsm-name only in recover', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(
      s.inputs({
        'key-backup-store': `${s.info.storageAccountUrl}/${s.info.storageContainer}/kek.bin?sig=secret`,
        'rehearsal-hsm-name': drill
      })
    )
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toMatch(/Input 'key-backup-store': .* must not carry a query/)
    expect(message).toMatch(/Input 'rehearsal-hsm-name': is only read in mode: recover/)
    expect(await s.emu.requests(since)).toEqual([])
  })

  it('with fewer than quorum keys fails with a clear message and changes nothing', async () => {
    const file = join(dir, 'custodian-1.pem')
    writeFileSync(file, await peek(s.info, 'secret-get', s.info.keyVaultUrl, `${hsm}-wrap-1`), {
      mode: 0o600
    })
    const since = (await s.emu.requests()).length
    const run = await s.run(
      s.inputs({ mode: 'recover', 'wrapping-key-store': '', 'wrapping-private-key-files': file })
    )
    expect(run.code).toBe(1)
    const message = errorsOf(run).join('\n')
    expect(message).toMatch(/needs a quorum of 2 keys, and 1 of the 1 key\(s\) read match a share of it/)
    expect(message).toMatch(/Nothing was changed/)
    expect(message).toMatch(/wrapping-private-key-files/)
    expect(await writes(since)).toEqual([])
    expect(await exists(hsm)).toBe(false)
  })

  it('recovers into a new HSM of the same name: the same KEK_KID, version and release policy', async () => {
    // With the inputs' extended region (issue 28): the new HSM starts with one region and is extended again.
    const run = await s.run(s.inputs({ mode: 'recover', 'replica-region': 'northeurope' }))
    expect(errorsOf(run)).toEqual([])
    expect(run.summary).toContain(
      `'${hsm}' came back with one region (the region list is not in the security domain): replica-region northeurope was added again`
    )
    expect(run.stdout).toMatch(/2 of 3 wrapping key\(s\) recombine the master key/)
    expect(run.stdout).toMatch(/uploaded the escrowed security domain \(SHA-256 [0-9a-f]{64}\)/)
    expect(run.stdout).toMatch(/restored key 'KeyEncryptionKey'/)
    expect(run.outputs.KEK_KID).toBe(before.id)
    expect(run.outputs.HSM_URI).toBe(hsmUri())
    expect(run.outputs.KEK_RESOURCE).toBe(`${run.outputs.HSM_RESOURCE_ID}/keys/KeyEncryptionKey`)
    expect((await showHsm(hsm)).properties.securityDomainProperties?.activationStatus).toBe('Active')
    const after = await showKey()
    expect(after.id).toBe(before.id)
    expect(after.releasePolicy).toEqual(before.releasePolicy)
    expect(after.key.n).toEqual(before.key.n)
    // What the user now has, not a count of steps (issue 23 §3).
    expect(run.summary).toMatch(/\*\*✅ Recovered: same KEK_KID\.\*\*/)
    expect(run.summary).toMatch(/\| recover \| ✅ recovered: same KEK_KID \|/)
    // No private key and no backup in anything a person sees.
    const wrapKey = await peek(s.info, 'secret-get', s.info.keyVaultUrl, `${hsm}-wrap-2`)
    const keyLine = wrapKey.split('\n').find(l => l.length === 64 && !l.startsWith('-----')) as string
    expect(run.everything).not.toContain(keyLine)
    expect(run.everything).not.toContain(await backupFragment(backupUrl))
  })

  it('the recovered key is released to a compliant VM under its policy', async () => {
    const runtime = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const runtimeJwk = {
      ...(runtime.publicKey.export({ format: 'jwk' }) as Record<string, string>),
      kid: 'TpmEphemeralEncryptionKey'
    }
    const { token } = (await s.emu.control('/attestation/tokens', {
      method: 'POST',
      body: JSON.stringify({ claims: sevSnpCvmGuestClaims({ encryptionKey: runtimeJwk as never }) })
    })) as { token: string }
    const jws = await azureClient(s.info, 'key-release', hsmUri(), 'KeyEncryptionKey', token)
    const released = unwrapReleasedKey(jws, runtime.privateKey)
    expect(released.signatureValid).toBe(true)
    const n = (createPublicKey(released.privateKey!).export({ format: 'jwk' }) as { n: string }).n
    expect(Buffer.from(n, 'base64url').equals(Buffer.from(before.key.n as never))).toBe(true)
  })

  it('a rerun finds everything in place and sends no write', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ mode: 'recover', 'replica-region': 'northeurope' }))
    expect(errorsOf(run)).toEqual([])
    // An HSM found in place keeps its regions: nothing to say about them.
    expect(run.summary).not.toContain('came back with one region')
    expect(run.stdout).toMatch(/is active already: no security domain is uploaded/)
    expect(run.stdout).toMatch(/is in the HSM already/)
    expect(run.outputs.KEK_KID).toBe(before.id)
    expect(await writes(since)).toEqual([])
  })
})

describe('a key backup and another security domain', () => {
  it('is refused by an HSM that holds another security domain', async () => {
    const run = await s.run({
      ...baseInputs(s.info, other),
      steps: 'provision,activate,rbac',
      'security-domain-store': s.urls(other).sdBlob(),
      'wrapping-key-store': s.urls(other).keySecret,
      'wrapping-key-size': '2048',
      'role-assignments': 'Managed HSM Crypto User | self | /keys'
    })
    expect(errorsOf(run)).toEqual([])
    await expect(azureClient(s.info, 'key-restore', hsmUri(other), backupUrl)).rejects.toThrow(
      /different security domain/
    )
    // The same backup restores where the security domain is the same (the key is there: a conflict).
    await expect(azureClient(s.info, 'key-restore', hsmUri(), backupUrl)).rejects.toThrow(
      /conflict restoring the key/
    )
  })
})

describe('rehearsal', () => {
  it('recovers into a temporary HSM, restores the key there, removes it, and never touches hsm-name', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ mode: 'recover', 'rehearsal-hsm-name': drill }))
    expect(errorsOf(run)).toEqual([])
    expect(run.stdout).toMatch(/rehearsal passed: the escrowed security domain .* restored into 'rec-drill'/)
    expect(run.stdout).toMatch(
      /restored key 'KeyEncryptionKey' as https:\/\/rec-drill\.managedhsm\.azure\.net\/keys/
    )
    expect(run.stdout).toMatch(/purging the deleted Managed HSM 'rec-drill'/)
    expect(await exists(drill)).toBe(false)
    expect(await deletedNames()).not.toContain(drill)
    const touched = (await writes(since)).filter(
      r => r.host.startsWith(`${hsm}.`) || r.path.toLowerCase().includes(`/managedhsms/${hsm}`)
    )
    expect(touched).toEqual([])
    expect(run.summary).toMatch(/\| recover \(rehearsal\) \| ✅ rehearsal passed: the same key/)
    // Production is extended (the recovery above): the temporary HSM is not, and the summary says so.
    expect(run.summary).toContain(
      "the temporary HSM 'rec-drill' had one region, as a recovered HSM would (the region list is not in the security domain); production is extended to northeurope"
    )
    expect(run.summary).toMatch(/\| teardown \| .*purged Managed HSM 'rec-drill'/)
  })

  it('removes its temporary HSM even when the restore fails, and says why it failed', async () => {
    await s.emu.setSettings({ failNextActivation: true })
    const run = await s.run(s.inputs({ mode: 'recover', 'rehearsal-hsm-name': drill }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /restore the security domain failed: the HSM refused the security domain: The Security Domain could not be restored/
    )
    expect(run.stdout).toMatch(/purging the deleted Managed HSM 'rec-drill'/)
    expect(await exists(drill)).toBe(false)
    expect(await deletedNames()).not.toContain(drill)
  })

  it('refuses a rehearsal name held by an HSM that is not its own, changing nothing', async () => {
    const since = (await s.emu.requests()).length
    const run = await s.run(s.inputs({ mode: 'recover', 'rehearsal-hsm-name': other }))
    expect(run.code).toBe(1)
    expect(errorsOf(run).join('\n')).toMatch(
      /Managed HSM 'rec-other' exists and is not a rehearsal HSM of 'rec-prod'[\s\S]*Nothing was changed/
    )
    expect(await writes(since)).toEqual([])
    expect(await exists(other)).toBe(true)
  })
})
