/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The emulator against Azure's own recorded answers: each case names the public recording of live traffic
 * it follows (repository and path), so a difference from Azure shows up here and not in a user's pipeline.
 */
import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { activeHsmForKeys, assignmentBody, dataPlane, keyOps, roleId, ROLES } from './mhsm-helpers.js'

let emu: RunningEmulator
const HSM = 'conformance-hsm'
const RA = '/providers/Microsoft.Authorization/roleAssignments'
const RD = '/providers/Microsoft.Authorization/roleDefinitions'
const V = 'api-version=7.5'
const P = 'Microsoft.KeyVault/managedHsm/'

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  await activeHsmForKeys(emu, HSM, '5d4c3b2a-1908-4f7e-9d6c-5b4a39281706')
})
afterAll(async () => {
  await emu?.stop()
})

describe('role assignments at a key scope', () => {
  // Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/tests/latest/recordings/
  // test_keyvault_hsm_role.yaml (2020, api-version 7.2-preview): assignments at "/keys" are listed and
  // deleted with `id: "/providers/Microsoft.Authorization/roleAssignments/{name}"` and
  // `properties.scope: "/keys"`; the scope is never a prefix of the id.
  it('answers create, get, list and delete at /keys with an unprefixed id and the scope in properties', async () => {
    const name = '88888888-0000-4000-8000-000000000003'
    const principal = '0d504196-1423-4569-9a6e-15149656f0ee'
    const [created, read, listed, deleted] = await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys${RA}/${name}?${V}`,
        body: assignmentBody(principal, ROLES.cryptoOfficer)
      },
      { path: `/keys${RA}/${name}?${V}` },
      { path: `/keys${RA}?${V}` },
      { method: 'DELETE', path: `/keys${RA}/${name}?${V}` }
    ])
    const recorded = {
      id: `/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      properties: { principalId: principal, roleDefinitionId: roleId(ROLES.cryptoOfficer), scope: '/keys' },
      type: 'Microsoft.Authorization/roleAssignments'
    }
    expect(created.status).toBe(201)
    expect(created.body).toEqual(recorded)
    expect(read.body).toEqual(recorded)
    expect(listed.body.value).toContainEqual(recorded)
    for (const a of listed.body.value) expect(a.id).toMatch(/^\/providers\/Microsoft\.Authorization\//)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual(recorded)
  })
})

describe('built-in role definitions', () => {
  // Azure/azure-sdk-for-js sdk/keyvault/keyvault-admin/recordings/node/keyvaultaccesscontrolclient_tracing/
  // recording_traces_through_the_various_operations.js (March 2022, service build 1.0.20220314): the
  // newest public recording of a live role definitions list found. Whole permission sets, in its order.
  const RECORDED: Array<[string, string, { actions?: string[]; dataActions: string[] }]> = [
    [
      '7b127d3c-77bd-4e3e-bbe0-dbb8971fa7f8',
      'Managed HSM Backup User',
      { dataActions: [`${P}backup/start/action`, `${P}backup/status/action`, `${P}keys/backup/action`] }
    ],
    [
      '33413926-3206-4cdd-b39a-83574fe37a17',
      'Managed HSM Crypto Service Encryption User',
      { dataActions: [`${P}keys/read/action`, `${P}keys/wrap/action`, `${P}keys/unwrap/action`] }
    ],
    [
      '21dbd100-6940-42c2-9190-5d6cb909625c',
      'Managed HSM Crypto Service Release User',
      { dataActions: [`${P}keys/release/action`] }
    ],
    [
      '2c18b078-7c48-4d3a-af88-5a3a1b3f82b3',
      'Managed HSM Crypto Auditor',
      {
        dataActions: [
          `${P}roleAssignments/read/action`,
          `${P}roleDefinitions/read/action`,
          `${P}keys/read/action`,
          `${P}keys/deletedKeys/read/action`
        ]
      }
    ],
    [
      '4bd23610-cdcf-4971-bdee-bdc562cc28e4',
      'Managed HSM Policy Administrator',
      {
        dataActions: [
          `${P}roleDefinitions/read/action`,
          `${P}roleDefinitions/write/action`,
          `${P}roleDefinitions/delete/action`,
          `${P}roleAssignments/read/action`,
          `${P}roleAssignments/write/action`,
          `${P}roleAssignments/delete/action`
        ]
      }
    ],
    [
      '770fd66c-6266-4643-9d4e-b616870898d5',
      'Managed HSM ARM User',
      { actions: [`${P}keys/createIfNotExists`, `${P}keys/read/action`], dataActions: [] }
    ],
    [
      '21dbd100-6940-42c2-9190-5d6cb909625b',
      'Managed HSM Crypto User',
      {
        dataActions: [
          'roleDefinitions/read/action',
          'roleAssignments/read/action',
          'keys/read/action',
          'keys/write/action',
          'keys/delete',
          'keys/create',
          'keys/rotate/action',
          'keys/import/action',
          'keys/release/action',
          'keys/backup/action',
          'keys/restore/action',
          'keys/encrypt/action',
          'keys/decrypt/action',
          'keys/wrap/action',
          'keys/unwrap/action',
          'keys/sign/action',
          'keys/verify/action',
          'keys/derive/action',
          'rng/action'
        ].map(a => `${P}${a}`)
      }
    ],
    [
      '515eb02d-2335-4d2d-92f2-b1cbdf9c3778',
      'Managed HSM Crypto Officer',
      {
        dataActions: [
          'roleAssignments/delete/action',
          'roleAssignments/read/action',
          'roleAssignments/write/action',
          'roleDefinitions/read/action',
          'roleDefinitions/write/action',
          'roleDefinitions/delete/action',
          'keys/deletedKeys/read/action',
          'keys/deletedKeys/delete',
          'keys/deletedKeys/recover/action',
          'keys/export/action'
        ].map(a => `${P}${a}`)
      }
    ],
    [
      'a290e904-7015-4bba-90c8-60543313cdb4',
      'Managed HSM Administrator',
      {
        dataActions: [
          'roleAssignments/delete/action',
          'roleAssignments/read/action',
          'roleAssignments/write/action',
          'roleDefinitions/read/action',
          'roleDefinitions/write/action',
          'roleDefinitions/delete/action',
          'securitydomain/download/action',
          'securitydomain/download/read',
          'securitydomain/upload/action',
          'securitydomain/upload/read',
          'securitydomain/transferkey/read',
          'backup/start/action',
          'restore/start/action',
          'backup/status/action',
          'restore/status/action',
          // The 2025 recording issue 17 quotes adds these two (not found by this project's search: unverified).
          'settings/read/action',
          'settings/write/action'
        ].map(a => `${P}${a}`)
      }
    ]
  ]

  it('lists every recorded built-in role with exactly the recorded permissions, in the recorded order', async () => {
    const [list] = await dataPlane(emu, HSM, [{ path: `${RD}?${V}` }])
    expect(list.status).toBe(200)
    const builtIns = (list.body.value as any[]).filter(d => d.properties.type === 'AKVBuiltInRole')
    const recordedNames = RECORDED.map(([guid]) => guid)
    // The recorded roles come first and in the recorded order (Restore User, from the docs, follows).
    expect(builtIns.map(d => d.name).filter(n => recordedNames.includes(n))).toEqual(recordedNames)
    for (const [guid, roleName, perms] of RECORDED) {
      const d = builtIns.find(x => x.name === guid)
      expect(d).toEqual({
        id: roleId(guid),
        name: guid,
        properties: {
          assignableScopes: ['/'],
          description: '',
          permissions: [
            {
              actions: perms.actions ?? [],
              dataActions: perms.dataActions,
              notActions: [],
              notDataActions: []
            }
          ],
          roleName,
          type: 'AKVBuiltInRole'
        },
        type: 'Microsoft.Authorization/roleDefinitions'
      })
    }
  })
})

describe('key import (PUT /keys/{name})', () => {
  // Azure/azure-cli src/azure-cli/azure/cli/command_modules/keyvault/tests/latest/recordings/
  // test_keyvault_hsm_key.yaml (2020, api-version 7.2): `PUT /keys/import-key-plain` with
  // `{"Hsm": true, "key": {"kty": "RSA", n, e, d, dp, dq, qi, p, q}, "attributes": {"enabled": true}}`
  // answers 200 with the key bundle: `kty: "RSA-HSM"`, the sent `n`/`e`, key_ops
  // [verify, sign, unwrapKey, encrypt, decrypt, wrapKey], a new 32-hex version; an EC key (`kty: "EC"`,
  // P-256) answers `kty: "EC-HSM"` with the sent x/y and key_ops [sign, verify].
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' })
  const KID = new RegExp(`^https://${HSM}\\.managedhsm\\.azure\\.net/keys/[a-z-]+/[0-9a-f]{32}$`)

  it('answers the recorded request body with 200 and the recorded bundle shape', async () => {
    const [rsaPut, ecPut] = await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys/import-key-plain?api-version=7.2`,
        body: { Hsm: true, key: rsa, attributes: { enabled: true } }
      },
      {
        method: 'PUT',
        path: `/keys/import-eckey-plain?api-version=7.2`,
        body: { Hsm: true, key: { ...ec, kty: 'EC' }, attributes: { enabled: true } }
      }
    ])
    expect(rsaPut.status).toBe(200)
    expect(rsaPut.body.key).toEqual({
      kid: expect.stringMatching(KID),
      kty: 'RSA-HSM',
      key_ops: expect.arrayContaining(['verify', 'sign', 'unwrapKey', 'encrypt', 'decrypt', 'wrapKey']),
      n: rsa.n,
      e: rsa.e
    })
    expect(rsaPut.body.key.key_ops).toHaveLength(6)
    expect(rsaPut.body.attributes).toMatchObject({ enabled: true, exportable: false })
    expect(rsaPut.body.attributes.created).toBe(rsaPut.body.attributes.updated)
    // Never a private member in the answer.
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(rsaPut.body.key[m]).toBeUndefined()
    expect(ecPut.status).toBe(200)
    expect(ecPut.body.key).toEqual({
      kid: expect.stringMatching(KID),
      kty: 'EC-HSM',
      key_ops: ['sign', 'verify'],
      crv: 'P-256',
      x: ec.x,
      y: ec.y
    })
    expect(ecPut.body.key.d).toBeUndefined()
  })

  it('imports through KeyClient.importKey, with a release policy, as a new version of an existing name', async () => {
    const policy = {
      version: '1.0.0',
      anyOf: [
        {
          authority: 'https://sharedweu.weu.attest.azure.net',
          allOf: [{ claim: 'x-ms-isolation-tee.x-ms-attestation-type', equals: 'sevsnpvm' }]
        }
      ]
    }
    const [first, second, read, versions] = await keyOps(emu, HSM, [
      { op: 'importKey', key: 'imported', jwk: rsa, exportable: true, policy, hardwareProtected: true },
      { op: 'importKey', key: 'imported', jwk: rsa, exportable: true, policy },
      { op: 'getKey', key: 'imported' },
      { op: 'listVersions', key: 'imported' }
    ])
    expect(first.ok).toBe(true)
    expect(first.value).toMatchObject({
      name: 'imported',
      kty: 'RSA-HSM',
      n: rsa.n,
      properties: { exportable: true, enabled: true },
      releasePolicy: { immutable: false, policy: { version: '1.0.0' } }
    })
    expect(second.value.properties.version).not.toBe(first.value.properties.version)
    expect(read.value.properties.version).toBe(second.value.properties.version)
    expect(versions.value).toHaveLength(2)
  })

  it("applies create's rules: sizes, curves, the AKV.SKR rules and a complete private key", async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'jwk' })
    const { d: _d, ...publicOnly } = rsa
    const results = await keyOps(emu, HSM, [
      { op: 'importKey', key: 'bad-import', jwk: small },
      { op: 'importKey', key: 'bad-import', jwk: rsa, exportable: true },
      { op: 'importKey', key: 'bad-import', jwk: publicOnly },
      { op: 'importKey', key: 'bad-import', jwk: { ...ec, crv: 'P-192' } },
      { op: 'importKey', key: 'bad-import', jwk: { kty: 'oct', k: Buffer.alloc(20).toString('base64url') } },
      {
        op: 'importKey',
        key: 'oct-import',
        jwk: { kty: 'oct', k: Buffer.alloc(32, 7).toString('base64url') }
      },
      { op: 'getKey', key: 'bad-import' }
    ])
    const [tooSmall, noPolicy, noPrivate, badCurve, badOct, oct, absent] = results
    expect(tooSmall.error?.statusCode).toBe(400)
    expect(tooSmall.error?.message).toMatch(/Invalid key size 1024 for RSA-HSM/)
    expect(noPolicy.error?.message).toMatch(/^AKV\.SKR\.1004: /)
    expect(noPrivate.error?.statusCode).toBe(400)
    expect(noPrivate.error?.message).toMatch(/missing or invalid: d/)
    expect(badCurve.error?.message).toMatch(/Invalid curve 'P-192'/)
    expect(badOct.error?.message).toMatch(/Invalid key size 160 for oct-HSM/)
    expect(oct.ok).toBe(true)
    expect(oct.value.kty).toBe('oct-HSM')
    expect(absent.error?.statusCode).toBe(404)
  })
})
