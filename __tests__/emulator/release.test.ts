/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Secure Key Release on the emulator: the attestation provider (metadata, keys, ARM default
 * provider, minted tokens), release to a compliant confidential VM (the unwrapped key is the HSM
 * key), and the refusals: non-compliant VM, another provider, forged or expired token, no role.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  constants,
  createPublicKey,
  createVerify,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  X509Certificate,
  type KeyObject
} from 'node:crypto'
import { presetPolicy } from '../../src/policy/index.js'
import {
  nonCompliantCvmGuestClaims,
  sevSnpCvmGuestClaims,
  tdxCvmGuestClaims
} from '../support/sample-claims.js'
import { unwrapReleasedKey } from '../../emulator/services/managed-hsm/skr.js'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient } from './helpers.js'
import {
  activateByHook,
  addPrincipal,
  assignmentBody,
  createHsm,
  dataPlane,
  keyOps,
  mintAttestation,
  ROLES
} from './mhsm-helpers.js'

let emu: RunningEmulator
const HSM = 'skr-hsm'
const WEU = 'https://sharedweu.weu.attest.azure.net'
const EUS = 'https://sharedeus.eus.attest.azure.net'
const CANNOT_VERIFY = 'Target environment attestation statement cannot be verified.'
const NOT_MET = 'Target environment attestation does not meet key release policy requirements.'

// The VM's vTPM ephemeral key (TpmEphemeralEncryptionKey): the release is wrapped to it.
let runtime: { privateKey: KeyObject; jwk: { kty: 'RSA'; n: string; e: string } }
let hsmKey: { id: string; n: string; e: string; version: string }

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = pair.publicKey.export({ format: 'jwk' })
  runtime = { privateKey: pair.privateKey, jwk: { kty: 'RSA', n: String(jwk.n), e: String(jwk.e) } }
  await createHsm(emu, HSM)
  await activateByHook(emu, HSM)
  await dataPlane(emu, HSM, [
    {
      method: 'PUT',
      path: `/keys/providers/Microsoft.Authorization/roleAssignments/5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170?api-version=7.4`,
      body: assignmentBody(emu.info.principalId, ROLES.cryptoUser)
    }
  ])
  const [created] = await keyOps(emu, HSM, [
    {
      op: 'createRsaKey',
      key: 'cvm-key',
      size: 2048,
      exportable: true,
      policy: presetPolicy('sev-snp-cvm', WEU),
      keyOps: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']
    }
  ])
  expect(created.ok).toBe(true)
  hsmKey = {
    id: created.value.id,
    n: created.value.n,
    e: created.value.e,
    version: created.value.properties.version
  }
})
afterAll(async () => {
  await emu?.stop()
})

describe('attestation provider', () => {
  it('publishes MAA-shaped metadata and keys that verify its tokens', async () => {
    const meta = await rawRequest(emu.info, `${WEU}/.well-known/openid-configuration`)
    expect(meta.status).toBe(200)
    expect(JSON.parse(meta.body)).toMatchObject({ issuer: WEU, jwks_uri: `${WEU}/certs` })
    const certs = JSON.parse((await rawRequest(emu.info, `${WEU}/certs`)).body) as {
      keys: Array<{ kid: string; kty: string; x5c: string[] }>
    }
    expect(certs.keys).toHaveLength(1)
    expect(Object.keys(certs.keys[0]).sort()).toEqual(['kid', 'kty', 'x5c'])
    const token = await mintAttestation(emu, sevSnpCvmGuestClaims({ encryptionKey: runtime.jwk }))
    const [h, p, s] = token.split('.')
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, string>
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, any>
    expect(header).toEqual({ alg: 'RS256', jku: `${WEU}/certs`, kid: certs.keys[0].kid, typ: 'JWT' })
    expect(payload.iss).toBe(WEU)
    expect(payload.exp - payload.iat).toBe(8 * 3600)
    expect(payload['x-ms-isolation-tee']['x-ms-attestation-type']).toBe('sevsnpvm')
    const cert = new X509Certificate(Buffer.from(certs.keys[0].x5c[0], 'base64'))
    expect(
      createVerify('RSA-SHA256').update(`${h}.${p}`).verify(cert.publicKey, Buffer.from(s, 'base64url'))
    ).toBe(true)
    // another region's provider has its own key
    const eus = JSON.parse((await rawRequest(emu.info, `${EUS}/certs`)).body) as {
      keys: Array<{ kid: string }>
    }
    expect(eus.keys[0].kid).not.toBe(certs.keys[0].kid)
  })

  it('answers the ARM default-provider lookup for a location', async () => {
    const out = await runClient<{ status: number; body: Record<string, any> }>(
      emu.info,
      'attestation-default-provider',
      {
        location: 'westeurope'
      }
    )
    expect(out.status).toBe(200)
    expect(out.body).toEqual({
      id: '/providers/Microsoft.Attestation/attestationProviders/sharedweu',
      name: 'sharedweu',
      type: 'Microsoft.Attestation/attestationProviders',
      location: 'westeurope',
      properties: { trustModel: 'AAD', status: 'Ready', attestUri: WEU }
    })
  })
})

describe('release', () => {
  it('releases the key to a compliant SEV-SNP VM; the unwrapped key decrypts what the HSM key encrypted', async () => {
    const token = await mintAttestation(emu, sevSnpCvmGuestClaims({ encryptionKey: runtime.jwk }))
    const [released, byVersion] = await keyOps(emu, HSM, [
      { op: 'releaseKey', key: 'cvm-key', target: token },
      { op: 'releaseKey', key: 'cvm-key', target: token, version: hsmKey.version, nonce: 'n-123' }
    ])
    expect(released.ok).toBe(true)
    const out = unwrapReleasedKey(released.value as string, runtime.privateKey)
    expect(out.signatureValid).toBe(true)
    expect(out.header).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
      kid: expect.stringMatching(/^[0-9A-F]{40}$/)
    })
    expect(out.header.x5c).toHaveLength(3)
    expect(Object.keys(out.header)).toEqual(['alg', 'kid', 'x5t', 'x5t#S256', 'typ', 'x5c'])
    expect(out.payload.request).toEqual({
      'api-version': expect.any(String),
      enc: 'CKM_RSA_AES_KEY_WRAP',
      kid: hsmKey.id
    })
    expect(out.jwk).toMatchObject({ kid: hsmKey.id, kty: 'RSA-HSM', n: hsmKey.n, e: hsmKey.e })
    const keyHsm = JSON.parse(Buffer.from(out.jwk.key_hsm as string, 'base64url').toString()) as Record<
      string,
      any
    >
    expect(keyHsm.schema_version).toBe('1.0')
    expect(keyHsm.header).toEqual({
      kid: 'TpmEphemeralEncryptionKey',
      alg: 'dir',
      enc: 'CKM_RSA_AES_KEY_WRAP'
    })
    const response = (out.payload.response as Record<string, any>).key
    expect(response.attributes).toMatchObject({ exportable: true, enabled: true })
    expect(JSON.parse(Buffer.from(response.release_policy.data, 'base64url').toString())).toEqual(
      presetPolicy('sev-snp-cvm', WEU)
    )

    // The HSM key's public half (from KeyClient) encrypts; the released private key decrypts.
    const hsmPublic = createPublicKey({ key: { kty: 'RSA', n: hsmKey.n, e: hsmKey.e }, format: 'jwk' })
    const secret = randomBytes(32)
    const wrapped = publicEncrypt(
      { key: hsmPublic, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      secret
    )
    const privateKey = out.privateKey as KeyObject
    expect(
      privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        wrapped
      )
    ).toEqual(secret)

    expect(byVersion.ok).toBe(true)
    const second = unwrapReleasedKey(byVersion.value as string, runtime.privateKey)
    expect(second.payload.request).toMatchObject({ nonce: 'n-123', kid: hsmKey.id })
    expect(second.material.equals(out.material)).toBe(true)
  })

  it('releases to a TDX VM under the confidential-vm policy with RSA_AES_KEY_WRAP_256', async () => {
    const [created] = await keyOps(emu, HSM, [
      {
        op: 'createRsaKey',
        key: 'disk-key',
        size: 2048,
        exportable: true,
        policy: presetPolicy('confidential-vm', [EUS, WEU])
      }
    ])
    const token = await mintAttestation(emu, tdxCvmGuestClaims({ encryptionKey: runtime.jwk, issuer: EUS }), {
      issuer: EUS
    })
    const [released] = await keyOps(emu, HSM, [
      { op: 'releaseKey', key: 'disk-key', target: token, algorithm: 'RSA_AES_KEY_WRAP_256' }
    ])
    expect(released.ok).toBe(true)
    const out = unwrapReleasedKey(released.value as string, runtime.privateKey)
    expect(out.payload.request).toMatchObject({ enc: 'RSA_AES_KEY_WRAP_256' })
    const jwk = out.privateKey?.export({ format: 'jwk' })
    expect(jwk?.n).toBe(created.value.n)
  })

  it('refuses a non-compliant VM, another provider, a forged and an expired token (403 Forbidden)', async () => {
    const claims = sevSnpCvmGuestClaims({ encryptionKey: runtime.jwk })
    const tokens = await Promise.all([
      mintAttestation(emu, nonCompliantCvmGuestClaims({ encryptionKey: runtime.jwk })),
      mintAttestation(emu, claims, { issuer: EUS }),
      mintAttestation(emu, claims, { untrusted: true }),
      mintAttestation(emu, claims, { lifetimeSeconds: -120 })
    ])
    const results = await keyOps(
      emu,
      HSM,
      tokens.map(target => ({ op: 'releaseKey', key: 'cvm-key', target }))
    )
    for (const r of results) {
      expect(r.ok).toBe(false)
      expect(r.error?.statusCode).toBe(403)
      expect(r.error?.code).toBe('Forbidden')
    }
    expect(results.map(r => r.error?.message)).toEqual([NOT_MET, CANNOT_VERIFY, CANNOT_VERIFY, CANNOT_VERIFY])
  })

  it('needs keys/release/action: an auditor is refused, a Crypto Service Release User on the key is not', async () => {
    const erin = await addPrincipal(
      emu,
      '8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f',
      '4c5d6e7f-8091-4a2b-b3c4-d5e6f708192a'
    )
    await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys/providers/Microsoft.Authorization/roleAssignments/6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2918?api-version=7.4`,
        body: assignmentBody(erin.principalId, ROLES.auditor)
      }
    ])
    const token = await mintAttestation(emu, sevSnpCvmGuestClaims({ encryptionKey: runtime.jwk }))
    const [denied] = await keyOps(emu, HSM, [{ op: 'releaseKey', key: 'cvm-key', target: token }], erin)
    expect(denied.error?.statusCode).toBe(403)
    expect(denied.error?.message).toMatch(
      /^Not authorized to access Microsoft\.KeyVault\/managedHsm\/keys\/release\/action on \/keys\/cvm-key/
    )
    await dataPlane(emu, HSM, [
      {
        method: 'PUT',
        path: `/keys/cvm-key/providers/Microsoft.Authorization/roleAssignments/7a6b5c4d-3e2f-4a19-8b0c-d1e2f3a4b5c6?api-version=7.4`,
        body: assignmentBody(erin.principalId, ROLES.releaseUser)
      }
    ])
    const [allowed] = await keyOps(emu, HSM, [{ op: 'releaseKey', key: 'cvm-key', target: token }], erin)
    expect(allowed.ok).toBe(true)
    expect(unwrapReleasedKey(allowed.value as string, runtime.privateKey).jwk.n).toBe(hsmKey.n)
  })
})
