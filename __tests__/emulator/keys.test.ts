/**
 * Keys on the emulated Managed HSM, through @azure/keyvault-keys' KeyClient and raw requests: the
 * KeyBundle shape, release-policy validation and normalisation, the AKV.SKR rules, versions, lists,
 * 404s and soft delete.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { activeHsmForKeys, assignmentBody, dataPlane, keyOps, ROLES } from './mhsm-helpers.js'

let emu: RunningEmulator
const HSM = 'keys-hsm'
const ORIGIN = `https://${HSM}.managedhsm.azure.net`
const V = 'api-version=7.5'

/** A policy as a user might write it: spaces, "version" last, keys unsorted. */
const POLICY_TEXT = JSON.stringify(
  {
    anyOf: [
      {
        authority: 'https://sharedweu.weu.attest.azure.net',
        allOf: [
          { equals: 'sevsnpvm', claim: 'x-ms-isolation-tee.x-ms-attestation-type' },
          { equals: 'azure-compliant-cvm', claim: 'x-ms-isolation-tee.x-ms-compliance-status' }
        ]
      }
    ],
    version: '1.0.0'
  },
  null,
  2
)
const NORMALISED =
  '{"anyOf":[{"allOf":[{"claim":"x-ms-isolation-tee.x-ms-attestation-type","equals":"sevsnpvm"},' +
  '{"claim":"x-ms-isolation-tee.x-ms-compliance-status","equals":"azure-compliant-cvm"}],' +
  '"authority":"https://sharedweu.weu.attest.azure.net"}],"version":"1.0.0"}'

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  await activeHsmForKeys(emu, HSM, '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d')
})
afterAll(async () => {
  await emu?.stop()
})

describe('create and read', () => {
  it('creates an exportable RSA-HSM key whose bundle has the real shape and a normalised policy', async () => {
    const [created] = await keyOps(emu, HSM, [
      {
        op: 'createRsaKey',
        key: 'skr-key',
        size: 2048,
        exportable: true,
        policy: POLICY_TEXT,
        keyOps: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
        tags: { purpose: 'skr' }
      }
    ])
    expect(created.ok).toBe(true)
    expect(created.value).toMatchObject({
      name: 'skr-key',
      kty: 'RSA-HSM',
      keyOps: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
      properties: {
        exportable: true,
        enabled: true,
        recoverableDays: 7,
        recoveryLevel: 'CustomizedRecoverable+Purgeable',
        tags: { purpose: 'skr' }
      },
      releasePolicy: { contentType: 'application/json; charset=utf-8', immutable: false }
    })
    expect(created.value.id).toMatch(new RegExp(`^${ORIGIN}/keys/skr-key/[0-9a-f]{32}$`))
    expect(created.value.releasePolicy.policy).toEqual(JSON.parse(POLICY_TEXT))

    const [raw] = await dataPlane(emu, HSM, [{ path: `/keys/skr-key?${V}` }])
    expect(raw.status).toBe(200)
    expect(Object.keys(raw.body)).toEqual(['key', 'attributes', 'tags', 'release_policy'])
    expect(Object.keys(raw.body.key).sort()).toEqual(['e', 'key_ops', 'kid', 'kty', 'n'])
    expect(raw.body.key.e).toBe('AQAB')
    expect(Buffer.from(raw.body.key.n, 'base64url')).toHaveLength(256)
    expect(raw.body.attributes).toEqual({
      enabled: true,
      exportable: true,
      created: expect.any(Number),
      updated: expect.any(Number),
      recoverableDays: 7,
      recoveryLevel: 'CustomizedRecoverable+Purgeable'
    })
    const data = raw.body.release_policy.data as string
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Buffer.from(data, 'base64url').toString('utf8')).toBe(NORMALISED)
  })

  it('stores kty "RSA" as RSA-HSM and creates EC-HSM and oct-HSM keys', async () => {
    const [rsa, ec, oct] = await dataPlane(emu, HSM, [
      { method: 'POST', path: `/keys/plain-rsa/create?${V}`, body: { kty: 'RSA', key_size: 2048 } },
      { method: 'POST', path: `/keys/ec-key/create?${V}`, body: { kty: 'EC-HSM', crv: 'P-384' } },
      { method: 'POST', path: `/keys/aes-key/create?${V}`, body: { kty: 'oct-HSM', key_size: 256 } }
    ])
    expect(rsa.body.key.kty).toBe('RSA-HSM')
    expect(rsa.body.key.key_ops).toEqual(['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'])
    expect(ec.body.key).toMatchObject({ kty: 'EC-HSM', crv: 'P-384', key_ops: ['sign', 'verify'] })
    expect(Buffer.from(ec.body.key.x, 'base64url')).toHaveLength(48)
    expect(Object.keys(oct.body.key).sort()).toEqual(['key_ops', 'kid', 'kty'])
  })

  it('answers 404 KeyNotFound for a missing key or version', async () => {
    const [missing, version] = await keyOps(emu, HSM, [
      { op: 'getKey', key: 'no-such-key' },
      { op: 'getKey', key: 'skr-key', version: '0123456789abcdef0123456789abcdef' }
    ])
    for (const r of [missing, version]) {
      expect(r.ok).toBe(false)
      expect(r.error?.statusCode).toBe(404)
      expect(r.error?.code).toBe('KeyNotFound')
    }
    expect(missing.error?.message).toMatch(
      /^A key with \(name\/id\) no-such-key was not found in this key vault\./
    )
  })
})

describe('Secure Key Release rules', () => {
  it('refuses exportable keys without a policy (AKV.SKR.1004), policies on non-exportable keys (1005) and invalid policies', async () => {
    const [noPolicy, notExportable, noVersion, notJson] = await keyOps(emu, HSM, [
      { op: 'createRsaKey', key: 'bad-1', size: 2048, exportable: true },
      { op: 'createRsaKey', key: 'bad-2', size: 2048, policy: POLICY_TEXT },
      {
        op: 'createRsaKey',
        key: 'bad-3',
        size: 2048,
        exportable: true,
        policy: {
          anyOf: [
            { authority: 'https://sharedweu.weu.attest.azure.net', allOf: [{ claim: 'a', equals: 'b' }] }
          ]
        }
      },
      {
        op: 'createRsaKey',
        key: 'bad-4',
        size: 2048,
        exportable: true,
        policy: '{"version": "1.0.0", "anyOf": ['
      }
    ])
    expect(noPolicy.error).toMatchObject({
      statusCode: 400,
      code: 'BadParameter',
      message: 'AKV.SKR.1004: Exportable keys must have release policy.'
    })
    expect(notExportable.error).toMatchObject({
      statusCode: 400,
      code: 'BadParameter',
      message: 'AKV.SKR.1005: Non-exportable keys must not have release policy.'
    })
    expect(noVersion.error?.statusCode).toBe(400)
    expect(noVersion.error?.message).toMatch(
      /^Key Release Policy: missing 'version' property \(Activity ID: /
    )
    expect(notJson.error?.statusCode).toBe(400)
    expect(notJson.error?.message).toMatch(/^Key Release Policy: the policy is not valid JSON/)
    const [list] = await keyOps(emu, HSM, [{ op: 'listKeys' }])
    expect((list.value as Array<{ name: string }>).map(k => k.name)).not.toContain('bad-1')
  })

  it('replaces a mutable policy, then makes it immutable for good (AKV.SKR.1020)', async () => {
    const other = {
      version: '1.0.0',
      anyOf: [
        {
          authority: 'https://sharedeus.eus.attest.azure.net',
          allOf: [{ claim: 'x-ms-compliance-status', equals: 'azure-compliant-cvm' }]
        }
      ]
    }
    const [replaced, frozen, refused, after] = await keyOps(emu, HSM, [
      { op: 'updateKeyProperties', key: 'skr-key', policy: other },
      { op: 'updateKeyProperties', key: 'skr-key', policy: other, immutable: true },
      { op: 'updateKeyProperties', key: 'skr-key', policy: JSON.parse(POLICY_TEXT), immutable: true },
      { op: 'getKey', key: 'skr-key' }
    ])
    // KeyClient.updateKeyProperties does not send `exportable`; the REST API can.
    const [exportableFlip] = await dataPlane(emu, HSM, [
      { method: 'PATCH', path: `/keys/skr-key/?${V}`, body: { attributes: { exportable: false } } }
    ])
    expect(replaced.ok).toBe(true)
    expect(replaced.value.releasePolicy).toMatchObject({ immutable: false, policy: other })
    expect(frozen.value.releasePolicy.immutable).toBe(true)
    expect(refused.error).toMatchObject({
      statusCode: 400,
      code: 'BadParameter',
      message: 'AKV.SKR.1020: Immutable Key Release Policy cannot be modified.'
    })
    expect(exportableFlip.status).toBe(400)
    expect(exportableFlip.body.error.message).toMatch(/^AKV\.SKR\.1003: /)
    expect(after.value.releasePolicy).toMatchObject({ immutable: true, policy: other })
  })

  it('updates attributes and tags through the versionless PATCH /keys/{name}/', async () => {
    const since = (await emu.requests()).length
    const [updated] = await keyOps(emu, HSM, [
      { op: 'updateKeyProperties', key: 'plain-rsa', enabled: false, tags: { env: 'test' } }
    ])
    expect(updated.value.properties).toMatchObject({ enabled: false, tags: { env: 'test' } })
    // The first PATCH goes without a token (the challenge); the second is the update.
    const patch = (await emu.requests(since)).filter(e => e.method === 'PATCH').pop()
    expect(patch?.path).toMatch(/^\/keys\/plain-rsa\/\?api-version=/)
    expect(patch?.status).toBe(200)
  })
})

describe('versions, lists and deletion', () => {
  it('makes a new version when a key is created again, and serves both', async () => {
    const [v1, v2, latest, older, versions, flip] = await keyOps(emu, HSM, [
      { op: 'createRsaKey', key: 'rotating', size: 2048 },
      { op: 'createRsaKey', key: 'rotating', size: 2048 },
      { op: 'getKey', key: 'rotating' },
      { op: 'getKey', key: 'rotating', version: 'VERSION_1' },
      { op: 'listVersions', key: 'rotating' },
      { op: 'createRsaKey', key: 'rotating', size: 2048, exportable: true, policy: POLICY_TEXT }
    ])
    expect(v1.value.properties.version).not.toBe(v2.value.properties.version)
    expect(v1.value.n).not.toBe(v2.value.n)
    expect(latest.value.properties.version).toBe(v2.value.properties.version)
    // the placeholder version is not a version: 404
    expect(older.error?.statusCode).toBe(404)
    const [first] = await keyOps(emu, HSM, [
      { op: 'getKey', key: 'rotating', version: v1.value.properties.version }
    ])
    expect(first.value.n).toBe(v1.value.n)
    expect((versions.value as Array<{ version: string }>).map(v => v.version).sort()).toEqual(
      [v1.value.properties.version, v2.value.properties.version].sort()
    )
    expect(flip.error?.message).toMatch(/^AKV\.SKR\.1003: /)
  })

  it('keeps both versions when two creations of one name overlap (no lost update)', async () => {
    // Each creation takes 3 s before it is stored, so the two requests (two processes, two tokens) are
    // both under way at once: each must add its own version, as Azure does, and both stay readable.
    await emu.setSettings({ keyCreationSeconds: 3 })
    let a, b
    try {
      ;[[a], [b]] = await Promise.all([
        keyOps(emu, HSM, [{ op: 'createRsaKey', key: 'raced', size: 2048 }]),
        keyOps(emu, HSM, [{ op: 'createRsaKey', key: 'raced', size: 2048 }])
      ])
    } finally {
      await emu.setSettings({ keyCreationSeconds: 0 })
    }
    expect(a.ok && b.ok).toBe(true)
    const made = new Map<string, string>([
      [a.value.properties.version, a.value.n],
      [b.value.properties.version, b.value.n]
    ])
    expect(made.size).toBe(2)
    const [versions, ...reads] = await keyOps(emu, HSM, [
      { op: 'listVersions', key: 'raced' },
      ...[...made.keys()].map(version => ({ op: 'getKey', key: 'raced', version }))
    ])
    expect((versions.value as Array<{ version: string }>).map(v => v.version).sort()).toEqual(
      [...made.keys()].sort()
    )
    // Each version reads back with the key material its own creation answered with.
    expect(reads.map(r => [r.value?.properties.version, r.value?.n])).toEqual([...made.entries()])
  }, 60_000)

  it('pages lists with maxresults and nextLink', async () => {
    const [page] = await dataPlane(emu, HSM, [{ path: `/keys?${V}&maxresults=2` }])
    expect(page.body.value).toHaveLength(2)
    expect(page.body.nextLink).toMatch(
      new RegExp(`^${ORIGIN}/keys\\?api-version=7\\.5&%24skiptoken=2&maxresults=2$`)
    )
    expect(page.body.value[0].kid).toMatch(new RegExp(`^${ORIGIN}/keys/[a-z-]+$`))
    const [all] = await keyOps(emu, HSM, [{ op: 'listKeys' }])
    expect((all.value as unknown[]).length).toBeGreaterThan(2)
  })

  it('soft-deletes a key (deleted bundle, name reserved) and recovers it with Crypto Officer', async () => {
    const [del, gone, reuse, officer, read, recovered, back] = await dataPlane(emu, HSM, [
      { method: 'DELETE', path: `/keys/ec-key?${V}` },
      { path: `/keys/ec-key?${V}` },
      { method: 'POST', path: `/keys/ec-key/create?${V}`, body: { kty: 'EC-HSM' } },
      {
        method: 'PUT',
        path: `/keys/providers/Microsoft.Authorization/roleAssignments/3c2b1a09-f8e7-4d6c-b5a4-938271605f4e?api-version=7.4`,
        body: assignmentBody(emu.info.principalId, ROLES.cryptoOfficer)
      },
      { path: `/deletedkeys/ec-key?${V}` },
      { method: 'POST', path: `/deletedkeys/ec-key/recover?${V}` },
      { path: `/keys/ec-key?${V}` }
    ])
    expect(del.status).toBe(200)
    expect(del.body).toMatchObject({
      recoveryId: `${ORIGIN}/deletedkeys/ec-key`,
      deletedDate: expect.any(Number),
      scheduledPurgeDate: expect.any(Number),
      key: { kty: 'EC-HSM' }
    })
    expect(del.body.scheduledPurgeDate - del.body.deletedDate).toBe(7 * 86400)
    expect(gone.status).toBe(404)
    expect(reuse.status).toBe(409)
    expect(reuse.body.error.message).toMatch(/deleted but recoverable state/)
    expect(officer.status).toBe(201)
    expect(read.status).toBe(200)
    expect(recovered.status).toBe(200)
    expect(back.body.key.kid).toBe(del.body.key.kid)
  })
})
