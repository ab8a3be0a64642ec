/**
 * Blob storage at {account}.blob.core.windows.net (Azurite behind the proxy), driven by
 * @azure/storage-blob's BlobServiceClient with a ClientAssertionCredential, plus raw HTTPS for the
 * authentication shapes the emulator adds in front of Azurite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { addSecondApp, runEscrow } from './escrow-helpers.js'
import { rawRequest, runClient } from './helpers.js'

let emu: RunningEmulator
let stateDir: string
let ACCOUNT: string
let CONTAINER: string
const ACCOUNT_HOST = 'skrescrow.blob.core.windows.net'

interface Download {
  contentBase64: string
  metadata: Record<string, string>
  contentType: string
  contentLength: number
}

const at = (blob: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  accountUrl: ACCOUNT,
  container: CONTAINER,
  blob,
  ...extra
})

interface StorageStatus {
  azurite: { status: string; pid?: number; port?: number }
  accounts: { name: string; containers: string[] }[]
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'emu-blob-'))
  emu = await startEmulator({ stateDir })
  ACCOUNT = emu.info.storageAccountUrl
  CONTAINER = emu.info.storageContainer
})
afterAll(async () => {
  await emu?.stop()
})

describe('the demo account', () => {
  it('is announced on the JSON line; unknown accounts do not resolve (CONNECT 502)', async () => {
    expect(emu.info.storageAccountUrl).toBe(`https://${ACCOUNT_HOST}`)
    expect(emu.info.storageContainer).toBe('escrow')
    expect((await rawRequest(emu.info, 'https://nosuchaccount.blob.core.windows.net/escrow/x')).status).toBe(
      502
    )
  })

  it('challenges a token-less request with Storage’s bearer challenge', async () => {
    const res = await rawRequest(emu.info, `${ACCOUNT}/escrow/anything`, {
      headers: { 'x-ms-version': '2025-01-05' }
    })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe(
      `Bearer authorization_uri=https://login.microsoftonline.com/${emu.info.tenantId}/oauth2/authorize resource_id=https://storage.azure.com`
    )
    expect(res.headers['x-ms-error-code']).toBe('NoAuthenticationInformation')
    expect(res.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><Error><Code>NoAuthenticationInformation<\/Code><Message>Server failed to authenticate the request\. Please refer to the information in the www-authenticate header\.\nRequestId:[0-9a-f-]{36}\nTime:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z<\/Message><\/Error>$/
    )
  })

  it('verifies bearer tokens itself (Azurite’s basic mode would take any audience-matching JWT)', async () => {
    const { token } = await runClient<{ token: string }>(emu.info, 'raw-token', {
      scope: 'https://storage.azure.com/.default'
    })
    const ok = await rawRequest(emu.info, `${ACCOUNT}/escrow?restype=container`, {
      headers: { authorization: `Bearer ${token}`, 'x-ms-version': '2025-01-05' }
    })
    expect(ok.status).toBe(200)
    expect(ok.headers['server']).toBe('Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0')
    expect(ok.headers['etag']).toBeDefined()
    // Same claims, broken signature: Azurite alone would accept it.
    const [h, p] = token.split('.')
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`
    const bad = await rawRequest(emu.info, `${ACCOUNT}/escrow?restype=container`, {
      headers: { authorization: `Bearer ${forged}`, 'x-ms-version': '2025-01-05' }
    })
    expect(bad.status).toBe(401)
    expect(bad.headers['x-ms-error-code']).toBe('InvalidAuthenticationInfo')
    expect(bad.body).toContain('<AuthenticationErrorDetail>Signature validation failed.')
  })
})

describe('BlobServiceClient', () => {
  it('uploads with If-None-Match: *, refuses a second conditional upload, and round-trips bytes and metadata', async () => {
    const content = randomBytes(3000)
    const up = await runEscrow<{ etag: string }>(
      emu.info,
      'blob-upload',
      at('hsm/sd.json', {
        contentBase64: content.toString('base64'),
        ifNoneMatch: '*',
        metadata: { sha256: 'ab'.repeat(32), wrappingkeys: '3' },
        contentType: 'application/json'
      })
    )
    expect(up.error).toBeUndefined()
    expect(up.etag).toMatch(/^"0x[0-9A-F]+"$/)

    const second = await runEscrow(
      emu.info,
      'blob-upload',
      at('hsm/sd.json', { contentBase64: Buffer.from('other').toString('base64'), ifNoneMatch: '*' })
    )
    expect(second.error?.statusCode).toBe(409)
    expect(second.error?.code).toBe('BlobAlreadyExists')
    expect(second.error?.body).toContain('<Code>BlobAlreadyExists</Code>')

    const down = await runEscrow<Download>(emu.info, 'blob-download', at('hsm/sd.json'))
    expect(Buffer.from(down.contentBase64, 'base64').equals(content)).toBe(true)
    expect(down.metadata).toEqual({ sha256: 'ab'.repeat(32), wrappingkeys: '3' })
    expect(down.contentType).toBe('application/json')
    expect(down.contentLength).toBe(3000)
  })

  it('deleteIfExists deletes once, then reports nothing to delete', async () => {
    await runEscrow(emu.info, 'blob-upload', at('tmp/probe', { contentBase64: 'cHJvYmU=' }))
    expect(
      (await runEscrow<{ succeeded: boolean }>(emu.info, 'blob-delete', at('tmp/probe'))).succeeded
    ).toBe(true)
    expect(
      (await runEscrow<{ succeeded: boolean }>(emu.info, 'blob-delete', at('tmp/probe'))).succeeded
    ).toBe(false)
    expect((await runEscrow<{ exists: boolean }>(emu.info, 'blob-exists', at('tmp/probe'))).exists).toBe(
      false
    )
  })

  it('streams bodies larger than the proxy’s buffered-body limit (8 MiB)', async () => {
    // The client derives the bytes from the seed exactly like this (a command line cannot carry 9 MiB).
    const bytes = 9 * 1024 * 1024
    const content = Buffer.alloc(bytes)
    for (let i = 0, off = 0; off < bytes; i++, off += 32)
      createHash('sha256').update(`big:${i}`).digest().copy(content, off)
    const up = await runEscrow(emu.info, 'blob-upload', at('big.bin', { generateBytes: bytes, seed: 'big' }))
    expect(up.error).toBeUndefined()
    const down = await runEscrow<Download & { sha256: string }>(
      emu.info,
      'blob-download',
      at('big.bin', { hashOnly: true })
    )
    expect(down.contentLength).toBe(bytes)
    expect(down.sha256).toBe(createHash('sha256').update(content).digest('hex'))
  })

  it('gives a principal without a data role 403 AuthorizationPermissionMismatch', async () => {
    const app = await addSecondApp(emu)
    const out = await runEscrow(
      emu.info,
      'blob-upload',
      at('outsider.txt', { contentBase64: 'eA==', clientId: app.clientId })
    )
    expect(out.error?.statusCode).toBe(403)
    expect(out.error?.code).toBe('AuthorizationPermissionMismatch')
    expect(out.error?.message).toMatch(
      /^This request is not authorized to perform this operation using this permission\./
    )
  })

  it('serves accounts and containers added through the control API', async () => {
    const app = await addSecondApp(emu)
    await emu.control('/storage/accounts/otheracct', {
      method: 'PUT',
      body: JSON.stringify({ readers: [app.principalId] })
    })
    await emu.control('/storage/containers/otheracct/keys', { method: 'PUT' })
    const where = { accountUrl: 'https://otheracct.blob.core.windows.net', container: 'keys', blob: 'k1.pem' }
    const up = await runEscrow(emu.info, 'blob-upload', { ...where, contentBase64: 'a2V5' })
    expect(up.error).toBeUndefined()
    const read = await runEscrow<Download>(emu.info, 'blob-download', { ...where, clientId: app.clientId })
    expect(Buffer.from(read.contentBase64, 'base64').toString()).toBe('key')
    const write = await runEscrow(emu.info, 'blob-upload', {
      ...where,
      contentBase64: 'eA==',
      clientId: app.clientId
    })
    expect(write.error?.statusCode).toBe(403)
    const status = await emu.control<StorageStatus>('/storage')
    expect(status.accounts.find(a => a.name === 'otheracct')?.containers).toEqual(['keys'])
  })
})

describe('request log, faults, restarts', () => {
  it('logs blob requests and lets the SDK retry an injected 503 (Storage-shaped)', async () => {
    await emu.setFaults([
      { host: 'skrescrow\\.blob', path: '/escrow/retried\\.txt', method: 'PUT', status: 503, times: 1 }
    ])
    try {
      const since = (await emu.requests()).length
      const up = await runEscrow(emu.info, 'blob-upload', at('retried.txt', { contentBase64: 'eA==' }))
      expect(up.error).toBeUndefined()
      const puts = (await emu.requests(since)).filter(e => e.host === ACCOUNT_HOST && e.method === 'PUT')
      expect(puts.map(e => [e.status, e.fault ?? null])).toEqual([
        [503, 'status:503'],
        [201, null]
      ])
      expect(puts[1].callerOid).toBe(emu.info.principalId)
      expect(puts[1].write).toBe(true)
      expect(puts[1].path).toBe('/escrow/retried.txt')
    } finally {
      await emu.clearFaults()
    }
    await emu.setFaults([{ host: 'skrescrow\\.blob', status: 503, times: 1 }])
    const res = await rawRequest(emu.info, `${ACCOUNT}/escrow/x`)
    await emu.clearFaults()
    expect(res.status).toBe(503)
    expect(res.headers['x-ms-error-code']).toBe('ServerBusy')
    expect(res.headers['content-type']).toBe('application/xml')
    expect(res.body).toContain('<Code>ServerBusy</Code>')
  })

  it('keeps blobs across a restart with the same state dir; Azurite stops with the emulator, starts on first use', async () => {
    const content = randomBytes(512)
    await runEscrow(
      emu.info,
      'blob-upload',
      at('persist/me.bin', { contentBase64: content.toString('base64') })
    )
    const before = await emu.control<StorageStatus>('/storage')
    expect(before.azurite.status).toBe('running')
    const pid = before.azurite.pid as number
    expect(alive(pid)).toBe(true)

    await emu.stop()
    expect(alive(pid)).toBe(false)
    emu = await startEmulator({ stateDir })
    // Azurite starts on the first use of blob storage, not with the emulator.
    expect((await emu.control<StorageStatus>('/storage')).azurite.status).toBe('not started')
    const down = await runEscrow<Download>(emu.info, 'blob-download', at('persist/me.bin'))
    expect(Buffer.from(down.contentBase64, 'base64').equals(content)).toBe(true)
    const after = await emu.control<StorageStatus>('/storage')
    expect(after.azurite.pid).not.toBe(pid)
  })
})
