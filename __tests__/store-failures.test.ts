/**
 * How escrow stores fail: retries on throttling and outages (bounded, honouring Retry-After), named errors
 * for hosts that cannot be reached (never an SDK TypeError), and one hint that fits the failure.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineResponse
} from '@azure/core-rest-pipeline'
import type { TokenCredential } from '@azure/core-auth'
import { asAzureError, statusOf } from '../src/azure/call.js'
import { DEFAULT_RETRY, withRetries } from '../src/azure/retry.js'
import { AzureOperationError } from '../src/shared/errors.js'
import { checkEscrow, describeCheck, unreadableHint, type EscrowCheck } from '../src/escrow/escrow.js'
import { BlobStore } from '../src/escrow/stores/blob.js'
import { KeyVaultSecretStore } from '../src/escrow/stores/key-vault-secret.js'
import type { EscrowStore } from '../src/escrow/stores/index.js'

const credential: TokenCredential = {
  getToken: async () => ({ token: 'token', expiresOnTimestamp: Date.now() + 3_600_000 })
}

function answer(status: number, headers: Record<string, string> = {}, body = ''): PipelineResponse {
  const request = createPipelineRequest({ url: 'https://skrescrow.blob.core.windows.net/escrow/sd.json' })
  return { status, headers: createHttpHeaders(headers), bodyAsText: body, request }
}

function httpError(status: number, headers: Record<string, string> = {}, body = '<Error/>'): RestError {
  const response = answer(
    status,
    { 'x-ms-request-id': 'c0ffee00-0000-4000-8000-000000000000', ...headers },
    body
  )
  return new RestError(body || `answered ${status}`, {
    statusCode: status,
    request: response.request,
    response
  })
}

function networkError(code: string, message: string): RestError {
  const request = createPipelineRequest({ url: 'https://skrx.blob.core.windows.net/escrow/sd.json' })
  return new RestError(message, { code, request })
}

/** Options for withRetries on a fake clock; `slept` lists the delays. */
function fakeRetry() {
  let t = 0
  const slept: number[] = []
  return {
    slept,
    options: {
      now: () => t,
      sleep: async (ms: number) => {
        slept.push(ms)
        t += ms
      }
    }
  }
}

/** A function that throws the given errors in turn, then returns 'ok'. */
function failing(...errors: unknown[]) {
  return jest.fn(async () => {
    const e = errors.shift()
    if (e) throw e
    return 'ok'
  })
}

describe('withRetries (the Blob store)', () => {
  it('retries 429 and waits as long as Retry-After asks when that is longer than its backoff', async () => {
    const { slept, options } = fakeRetry()
    const fn = failing(httpError(429, { 'retry-after': '5' }), httpError(429, { 'retry-after': '1' }))
    await expect(withRetries(fn, options)).resolves.toBe('ok')
    expect(fn).toHaveBeenCalledTimes(3)
    expect(slept).toEqual([5000, 2000])
  })

  it('retries server errors and lost connections (no status, or a stream error with a system code)', async () => {
    const { slept, options } = fakeRetry()
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
    const fn = failing(httpError(500), httpError(503), networkError('ECONNRESET', 'socket hang up'), reset)
    await expect(withRetries(fn, options)).resolves.toBe('ok')
    expect(slept).toEqual([1000, 2000, 4000, 8000])
  })

  it.each([400, 401, 403, 404, 409, 412])('does not retry %i', async status => {
    const { options } = fakeRetry()
    const error = httpError(status)
    const fn = failing(error)
    await expect(withRetries(fn, options)).rejects.toBe(error)
    expect(fn).toHaveBeenCalledTimes(1)
  })

  it('gives a lasting fault up with its last error, within a minute', async () => {
    const { slept, options } = fakeRetry()
    const errors = Array.from({ length: 20 }, () => httpError(503, { 'retry-after': '1' }))
    const fn = failing(...errors)
    await expect(withRetries(fn, options)).rejects.toBe(errors[DEFAULT_RETRY.maxTries - 1])
    expect(fn).toHaveBeenCalledTimes(DEFAULT_RETRY.maxTries)
    expect(slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000)
  })

  it('stops before a Retry-After would run past its budget', async () => {
    const { slept, options } = fakeRetry()
    const errors = Array.from({ length: 20 }, () => httpError(429, { 'retry-after': '3600' }))
    await expect(withRetries(failing(...errors), options)).rejects.toBeInstanceOf(RestError)
    expect(slept).toEqual([30_000, 30_000])
  })
})

describe('errors for a store that cannot be reached', () => {
  it('names the network failure, with no Azure request id and a hint to check the URL and the network', () => {
    const url = 'https://skrx.blob.core.windows.net/escrow/sd.json'
    const e = asAzureError(
      'Blob storage',
      `read ${url}`,
      networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND skrx.blob.core.windows.net')
    )
    expect(e.message).toBe(
      `Blob storage: read ${url} failed: getaddrinfo ENOTFOUND skrx.blob.core.windows.net\n` +
        'What to do: check the URL and that the runner can reach skrx.blob.core.windows.net ' +
        '(DNS name, firewall, HTTPS_PROXY); if Blob storage was down, rerun the job later'
    )
    expect(e).toMatchObject({ details: { unreachable: true } })
    expect(statusOf(e)).toBeUndefined()
  })

  it('keeps the code when the message does not name it', () => {
    const e = asAzureError('Key Vault', 'read secret x', networkError('ECONNRESET', 'socket hang up'))
    expect(e.message).toMatch(/^Key Vault: read secret x failed \(ECONNRESET\): socket hang up\n/)
  })

  it('tells a bare 502 (a proxy that cannot reach the host) from an answer of the service', () => {
    const bare = answer(502)
    const e = asAzureError(
      'Blob storage',
      'read x',
      new RestError('', { statusCode: 502, request: bare.request, response: bare })
    )
    expect(e.message).toMatch(
      /^Blob storage: read x failed: skrescrow\.blob\.core\.windows\.net did not answer: /
    )
    expect(e).toMatchObject({ details: { unreachable: true } })
    expect(statusOf(e)).toBeUndefined()

    const outage = asAzureError('Blob storage', 'read x', httpError(503, {}, 'ServerBusy'))
    expect(outage).toMatchObject({ details: { status: 503, requestId: expect.any(String) } })
    expect(outage.message).toMatch(/What to do: Blob storage kept failing after retries; rerun the job later/)
  })
})

describe('stores against a host that cannot be reached', () => {
  const servers: Server[] = []
  const env = { ...process.env }
  afterEach(async () => {
    process.env = { ...env }
    await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))))
  })

  async function closedPort(): Promise<number> {
    const s = createNetServer()
    await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
    const { port } = s.address() as AddressInfo
    await new Promise(r => s.close(r))
    return port
  }

  /** An HTTPS proxy that knows no host: it answers every CONNECT 502, as the emulator does. */
  async function refusingProxy(): Promise<string> {
    const proxy = createHttpServer()
    proxy.on('connect', (_req, socket) => {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    })
    servers.push(proxy)
    await new Promise<void>(r => proxy.listen(0, '127.0.0.1', r))
    return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  }

  function stores(serviceUrl: string): EscrowStore[] {
    const once = { maxTries: 1 }
    return [
      new BlobStore(`${serviceUrl}/escrow/sd.json`, serviceUrl, 'escrow', 'sd.json', credential, once),
      new KeyVaultSecretStore(`${serviceUrl}/secrets/sd`, serviceUrl, 'sd', credential)
    ]
  }

  it('a refused connection is a named error', async () => {
    const port = await closedPort()
    delete process.env.HTTPS_PROXY
    delete process.env.https_proxy
    for (const store of stores(`https://127.0.0.1:${port}`)) {
      const error = await store.get().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AzureOperationError)
      expect((error as Error).message).toMatch(
        new RegExp(
          `^(Blob storage|Key Vault): read [^\\n]+ failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\n`
        )
      )
      expect((error as Error).message).toMatch(/What to do: check the URL and that the runner can reach/)
      expect((error as Error).message).not.toMatch(/request id/)
    }
  }, 30_000)

  it('a host the proxy cannot reach is a named error, not a TypeError from the SDK', async () => {
    process.env.HTTPS_PROXY = await refusingProxy()
    for (const store of stores('https://kvx.vault.azure.net')) {
      const error = await store.get().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AzureOperationError)
      expect((error as Error).message).toMatch(
        /^(Blob storage|Key Vault): read [^\n]+ failed: kvx\.vault\.azure\.net did not answer: the HTTPS proxy answered 502/
      )
      expect((error as Error).message).not.toMatch(/Cannot read properties/)
    }
  }, 30_000)
})

describe('the hint for stores that cannot be read', () => {
  function storeFailing(url: string, error: unknown): EscrowStore {
    return {
      kind: 'blob',
      url,
      probe: async () => undefined,
      get: async () => {
        throw error
      },
      putIfAbsent: async () => 'written',
      replaceIf: async () => true
    }
  }

  const refused = asAzureError('Key Vault', 'read secret a', httpError(403, {}, ''), (_c, s) =>
    s === 401 || s === 403
      ? "grant the signed-in identity 'Key Vault Secrets Officer' on the vault"
      : undefined
  )
  const outage = asAzureError('Blob storage', 'read b', httpError(503, {}, 'ServerBusy'), () => undefined)

  async function unreadable(...errors: unknown[]): Promise<EscrowCheck[]> {
    return Promise.all(errors.map((e, i) => checkEscrow(storeFailing(`https://store-${i}`, e))))
  }

  it('an outage asks for a rerun, never for permissions, and the message has one "What to do"', async () => {
    const checks = await unreadable(outage)
    expect(checks[0].state).toBe('unreadable')
    const message = new AzureOperationError(
      { service: 'escrow', operation: 'read the escrowed security domain', hint: unreadableHint(checks) },
      checks.map(c => `${c.store.url}: ${c.detail}`).join('\n')
    ).message
    expect(message).toMatch(/Blob storage: read b failed \(503\): ServerBusy\nAzure request id: c0ffee00-/)
    expect(message.match(/What to do:/g)).toHaveLength(1)
    expect(message).toMatch(/What to do: Blob storage kept failing after retries; rerun the job later/)
    expect(message).not.toMatch(/grant|fix access|lacks permission/)
  })

  it('a refusal names the role; two stores get both hints, once each', async () => {
    expect(unreadableHint(await unreadable(refused))).toBe(
      "grant the signed-in identity 'Key Vault Secrets Officer' on the vault"
    )
    expect(unreadableHint(await unreadable(refused, outage, refused))).toBe(
      "grant the signed-in identity 'Key Vault Secrets Officer' on the vault; " +
        'Blob storage kept failing after retries; rerun the job later (every step is safe to rerun)'
    )
  })

  it('a note for an unreadable store carries its hint', async () => {
    const [c] = await unreadable(outage)
    expect(describeCheck(c)).toMatch(
      /^https:\/\/store-0: unreadable \(Blob storage: read b failed \(503\): ServerBusy\n.*; what to do: Blob storage kept failing/s
    )
  })
})
