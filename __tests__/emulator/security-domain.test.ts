/**
 * Security domain on the emulated Managed HSM: download (activation) with its validation and
 * status, the Administrator-only rule, a second download, a failed activation, and restoring the
 * security domain into another HSM (transfer key + restore blob + upload), after which key backups
 * move between the two HSMs and nowhere else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import {
  buildDownloadRequest,
  buildRestoreBlob,
  generateWrappingKey,
  generateWrappingKeys,
  parseSecurityDomain,
  decryptSecurityDomain,
  type WrappingKey
} from '../../src/security-domain/index.js'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { runClient, sleep } from './helpers.js'
import {
  addPrincipal,
  API,
  assignmentBody,
  createHsm,
  dataPlane,
  keyOps,
  ROLES,
  type Principal
} from './mhsm-helpers.js'

let emu: RunningEmulator
let keys: WrappingKey[]
let weak: WrappingKey
let outsider: Principal
const wrapping = (ks: WrappingKey[]) =>
  ks.map(k => ({ privateKeyPem: k.privateKeyPem, certificatePem: k.certificatePem }))
const download = (ks: WrappingKey[], required: number) => ({
  method: 'POST',
  path: `/securitydomain/download?${API}`,
  body: buildDownloadRequest(
    ks.map(k => k.certificatePem),
    required
  )
})

async function armActivation(
  name: string
): Promise<{ activationStatus: string; activationStatusMessage: string }> {
  const out = await runClient<{
    hsm: {
      properties: { securityDomainProperties: { activationStatus: string; activationStatusMessage: string } }
    }
  }>(emu.info, 'hsm-get', { name })
  return out.hsm.properties.securityDomainProperties
}

async function sdIdOf(name: string): Promise<string | null> {
  return (await emu.control<{ sdId: string | null }>(`/hsms/${name}/data-plane`)).sdId
}

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0, activationSeconds: 0.6 })
  ;[keys, weak] = await Promise.all([
    generateWrappingKeys({ count: 3, bits: 2048 }),
    generateWrappingKey(9, { bits: 1024 })
  ])
  outsider = await addPrincipal(
    emu,
    '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    '7e6d5c4b-3a29-4817-8695-a4b3c2d1e0f9'
  )
  await Promise.all(['sd-one', 'sd-two', 'sd-three', 'sd-four'].map(n => createHsm(emu, n)))
})
afterAll(async () => {
  await emu?.stop()
})

describe('download validation and authorisation', () => {
  it('answers 400 BadParameter for too few certificates, a quorum above the count and weak keys', async () => {
    const [few, quorum, tooWeak, garbage] = await dataPlane(emu, 'sd-one', [
      download(keys.slice(0, 2), 2),
      download(keys, 4),
      download([keys[0], keys[1], weak], 2),
      {
        method: 'POST',
        path: `/securitydomain/download?${API}`,
        body: { certificates: [{ x5c: ['bm90IGEgY2VydA=='] }, { x5c: [] }, {}], required: 2 }
      }
    ])
    for (const r of [few, quorum, tooWeak, garbage]) {
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('BadParameter')
    }
    expect(few.body.error.message).toMatch(/between 3 and 10; the request has 2/)
    expect(quorum.body.error.message).toMatch(
      /'required'.*from 2 to 10 and not more than the number of certificates \(3\)/
    )
    expect(tooWeak.body.error.message).toMatch(/certificates\[2\] holds an RSA-1024 key; at least 2048 bits/)
    expect(garbage.body.error.message).toMatch(
      /certificates\[0\]\.x5c\[0\] is not a base64 DER X\.509 certificate/
    )
    expect(await sdIdOf('sd-one')).toBeNull()
  })

  it('refuses a principal that is not a Managed HSM Administrator (403)', async () => {
    const [r] = await dataPlane(emu, 'sd-one', [download(keys, 2)], outsider)
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('AccessDenied')
    expect(r.body.error.message).toMatch(
      /^Not authorized to access Microsoft\.KeyVault\/managedHsm\/securitydomain\/download\/action on \/ \(Activity ID: [0-9a-f-]{36}\)$/
    )
    expect((await armActivation('sd-one')).activationStatus).toBe('NotActivated')
  })
})

let firstSd: string
let master: Buffer

describe('download = activation', () => {
  it('answers 202 with the security domain and azure-asyncoperation, then goes InProgress → Success', async () => {
    const [dl, pending, later] = await dataPlane(emu, 'sd-one', [
      download(keys, 2),
      { path: `/securitydomain/download/pending?${API}` },
      { path: `/securitydomain/download/pending?${API}`, waitMs: 800 }
    ])
    expect(dl.status).toBe(202)
    expect(dl.headers['azure-asyncoperation']).toBe(
      'https://sd-one.managedhsm.azure.net/securitydomain/download/pending?api-version=7.5'
    )
    expect(Object.keys(dl.body)).toEqual(['value'])
    expect(typeof dl.body.value).toBe('string')
    firstSd = dl.body.value as string
    const sd = parseSecurityDomain(firstSd)
    expect(sd.SharedKeys.required).toBe(2)
    expect(sd.SharedKeys.enc_shares.map(s => s.x5t_256)).toEqual(keys.map(k => k.x5tS256))
    expect(pending.status).toBe(200)
    expect(pending.body).toEqual({
      status: 'InProgress',
      status_details: 'The Security Domain is being confirmed.'
    })
    expect(pending.headers['azure-asyncoperation']).toMatch(
      /\/securitydomain\/download\/pending\?api-version=7\.5$/
    )
    expect(later.body).toEqual({ status: 'Success', status_details: 'The resource is active.' })
    expect(await armActivation('sd-one')).toEqual({
      activationStatus: 'Active',
      activationStatusMessage: 'Your HSM has been activated and can be used for cryptographic operations.'
    })
  })

  it('returns a security domain that any two of the three wrapping keys recover, and keeps its secrets out of the control API', async () => {
    const a = decryptSecurityDomain(firstSd, wrapping([keys[0], keys[2]]))
    const b = decryptSecurityDomain(firstSd, wrapping([keys[1], keys[2]]))
    expect(a.master.equals(b.master)).toBe(true)
    expect(a.items.map(i => i.tag)).toEqual(['hsm_backup', 'base_enclave_backup', 'partition_enclave_backup'])
    expect(() => decryptSecurityDomain(firstSd, wrapping([keys[0]]))).toThrow(/2 are required/)
    master = a.master
    const state = JSON.stringify(await emu.control('/state'))
    const dataPlaneView = JSON.stringify(await emu.control('/hsms/sd-one/data-plane'))
    const log = JSON.stringify(await emu.requests())
    for (const text of [state, dataPlaneView, log]) {
      expect(text).not.toContain(master.toString('base64'))
      expect(text).not.toContain(a.items[0].plaintext.toString('base64').slice(0, 40))
    }
    expect(await sdIdOf('sd-one')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers a download on an active HSM with a fresh file wrapping the same master', async () => {
    const sdId = await sdIdOf('sd-one')
    const [again, pending] = await dataPlane(emu, 'sd-one', [
      download(keys, 3),
      { path: `/securitydomain/download/pending?${API}` }
    ])
    expect(again.status).toBe(202)
    expect(again.body.value).not.toBe(firstSd)
    expect(pending.body.status).toBe('Success')
    const recovered = decryptSecurityDomain(again.body.value as string, wrapping(keys))
    expect(recovered.required).toBe(3)
    expect(recovered.master.equals(master)).toBe(true)
    expect(await sdIdOf('sd-one')).toBe(sdId)
  })

  it('ends the activation in Failed when failNextActivation is set, once', async () => {
    await emu.setSettings({ failNextActivation: true })
    const [dl, , failed] = await dataPlane(emu, 'sd-four', [
      download(keys, 2),
      { path: `/securitydomain/download/pending?${API}` },
      { path: `/securitydomain/download/pending?${API}`, waitMs: 800 }
    ])
    expect(dl.status).toBe(202)
    expect(failed.body.status).toBe('Failed')
    expect(failed.body.status_details).toMatch(/could not be confirmed/)
    expect((await armActivation('sd-four')).activationStatus).toBe('Failed')
    expect((await emu.setSettings({})).failNextActivation).toBe(false)
    const [, ok] = await dataPlane(emu, 'sd-four', [
      download(keys, 2),
      { path: `/securitydomain/download/pending?${API}`, waitMs: 800 }
    ])
    expect(ok.body.status).toBe('Success')
    expect((await armActivation('sd-four')).activationStatus).toBe('Active')
  })
})

describe('restoring the security domain into another HSM', () => {
  it('refuses an upload that carries no security domain the emulator issued (Failed status)', async () => {
    const [tk] = await dataPlane(emu, 'sd-three', [{ path: `/securitydomain/upload?${API}` }])
    const bogus = buildRestoreBlob(
      [{ tag: 'hsm_backup', plaintext: randomBytes(64) }],
      tk.body.transfer_key as string
    )
    const [up, pending] = await dataPlane(emu, 'sd-three', [
      { method: 'POST', path: `/securitydomain/upload?${API}`, body: { value: bogus.text } },
      { path: `/securitydomain/upload/pending?${API}`, waitMs: 800 }
    ])
    expect(up.status).toBe(202)
    expect(pending.body.status).toBe('Failed')
    expect(pending.body.status_details).toMatch(/does not match any security domain/)
    expect((await armActivation('sd-three')).activationStatus).toBe('NotActivated')
  })

  it('restores with the transfer key and a restore blob; the HSM adopts the same security domain', async () => {
    const [tk] = await dataPlane(emu, 'sd-two', [{ path: `/securitydomain/upload?${API}` }])
    expect(tk.status).toBe(200)
    expect(tk.body.key_format).toBe('jwk')
    const jwk = JSON.parse(tk.body.transfer_key as string) as Record<string, unknown>
    expect(jwk).toMatchObject({ kty: 'RSA', kid: 'not used', key_ops: ['wrapKey', 'verify', 'encrypt'] })
    expect(Object.keys(jwk).sort()).toEqual(['e', 'key_ops', 'kid', 'kty', 'n', 'x5c', 'x5t', 'x5t#S256'])
    const recovered = decryptSecurityDomain(firstSd, wrapping([keys[0], keys[1]]))
    const blob = buildRestoreBlob(recovered.items, tk.body.transfer_key as string)
    const [up, pending, done] = await dataPlane(emu, 'sd-two', [
      { method: 'POST', path: `/securitydomain/upload?${API}`, body: { value: blob.text } },
      { path: `/securitydomain/upload/pending?${API}` },
      { path: `/securitydomain/upload/pending?${API}`, waitMs: 800 }
    ])
    expect(up.status).toBe(202)
    expect(up.body).toEqual({
      status: 'InProgress',
      status_details: 'The Security Domain is being restored.'
    })
    expect(up.headers['azure-asyncoperation']).toBe(
      'https://sd-two.managedhsm.azure.net/securitydomain/upload/pending?api-version=7.5'
    )
    expect(pending.body.status).toBe('InProgress')
    expect(done.body).toEqual({ status: 'Success', status_details: 'The resource is active.' })
    expect((await armActivation('sd-two')).activationStatus).toBe('Active')
    expect(await sdIdOf('sd-two')).toBe(await sdIdOf('sd-one'))
  })

  it('moves key backups only between HSMs that hold the same security domain', async () => {
    // sd-three gets a security domain of its own.
    const [dl] = await dataPlane(emu, 'sd-three', [download(keys, 2)])
    expect(dl.status).toBe(202)
    await sleep(800)
    const self = emu.info.principalId
    const grant = (n: number) => ({
      method: 'PUT',
      path: `/keys/providers/Microsoft.Authorization/roleAssignments/00000000-0000-4000-8000-00000000000${n}?api-version=7.4`,
      body: assignmentBody(self, ROLES.cryptoUser)
    })
    await dataPlane(emu, 'sd-one', [grant(1)])
    await dataPlane(emu, 'sd-two', [grant(2)])
    await dataPlane(emu, 'sd-three', [grant(3)])

    const policy = {
      version: '1.0.0',
      anyOf: [
        {
          authority: 'https://sharedweu.weu.attest.azure.net',
          allOf: [{ claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }]
        }
      ]
    }
    const [created, backup] = await keyOps(emu, 'sd-one', [
      { op: 'createRsaKey', key: 'escrowed', size: 2048, exportable: true, policy },
      { op: 'backupKey', key: 'escrowed' }
    ])
    expect(created.ok).toBe(true)
    expect(backup.ok).toBe(true)

    const [restored, again] = await keyOps(emu, 'sd-two', [
      { op: 'restoreKeyBackup', backup: backup.value },
      { op: 'restoreKeyBackup', backup: backup.value }
    ])
    expect(restored.ok).toBe(true)
    expect(restored.value.name).toBe('escrowed')
    expect(restored.value.properties.version).toBe(created.value.properties.version)
    expect(restored.value.id).toBe(
      `https://sd-two.managedhsm.azure.net/keys/escrowed/${created.value.properties.version}`
    )
    expect(restored.value.n).toBe(created.value.n)
    expect(restored.value.releasePolicy).toEqual(created.value.releasePolicy)
    expect(again.ok).toBe(false)
    expect(again.error?.statusCode).toBe(409)
    expect(again.error?.message).toMatch(/There was a conflict restoring the key/)

    const [elsewhere] = await keyOps(emu, 'sd-three', [{ op: 'restoreKeyBackup', backup: backup.value }])
    expect(elsewhere.ok).toBe(false)
    expect(elsewhere.error?.statusCode).toBe(400)
    expect(elsewhere.error?.code).toBe('BadParameter')
    expect(elsewhere.error?.message).toMatch(/different security domain/)
  })
})
