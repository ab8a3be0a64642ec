/** Fault injection (control API and faults.json) and the request log. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient, sleep } from './helpers.js'

let emu: RunningEmulator
const HSM = 'hsm-faults'
const hsmPathRe = `/managedHSMs/${HSM}\\?`

beforeAll(async () => {
  emu = await startEmulator({ provisioningSeconds: 0 })
  await runClient(emu.info, 'hsm-create', { name: HSM })
})
beforeEach(async () => {
  await emu.clearFaults()
})
afterAll(async () => {
  await emu?.stop()
})

const hsmGets = async (since: number) =>
  (await emu.requests(since)).filter(e => e.method === 'GET' && e.path.includes(`/managedHSMs/${HSM}?`))

describe('faults', () => {
  it('answers 429 with Retry-After, which the SDK honours and retries', async () => {
    await emu.setFaults([
      {
        host: 'management\\.azure\\.com',
        path: hsmPathRe,
        method: 'GET',
        status: 429,
        retryAfter: 2,
        times: 1
      }
    ])
    const since = (await emu.requests()).length
    const started = Date.now()
    const out = await runClient<{ hsm?: { name: string } }>(emu.info, 'hsm-get', { name: HSM })
    expect(out.hsm?.name).toBe(HSM)
    const gets = await hsmGets(since)
    expect(gets.map(e => e.status)).toEqual([429, 200])
    expect(gets[0].fault).toBe('status:429')
    const gap = Date.parse(gets[1].time) - Date.parse(gets[0].time)
    expect(gap).toBeGreaterThanOrEqual(1900)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
  })

  it('shapes injected errors like the faulted service', async () => {
    await emu.setFaults([{ host: 'management', status: 503, retryAfter: 7 }])
    const res = await rawRequest(
      emu.info,
      'https://management.azure.com/subscriptions?api-version=2022-12-01'
    )
    expect(res.status).toBe(503)
    expect(res.headers['retry-after']).toBe('7')
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'ServiceUnavailable', message: expect.any(String) }
    })
  })

  it('resets the connection, and the SDK recovers by retrying', async () => {
    await emu.setFaults([{ host: 'management\\.azure\\.com', path: hsmPathRe, reset: true, times: 1 }])
    const since = (await emu.requests()).length
    const out = await runClient<{ hsm?: { name: string } }>(emu.info, 'hsm-get', { name: HSM })
    expect(out.hsm?.name).toBe(HSM)
    const gets = await hsmGets(since)
    expect(gets.map(e => [e.status, e.fault])).toEqual([
      [0, 'reset'],
      [200, undefined]
    ])
  })

  it('delays a request and then serves it normally', async () => {
    await emu.setFaults([{ host: 'management\\.azure\\.com', path: hsmPathRe, latencyMs: 800, times: 1 }])
    const since = (await emu.requests()).length
    const out = await runClient<{ hsm?: { name: string } }>(emu.info, 'hsm-get', { name: HSM })
    expect(out.hsm?.name).toBe(HSM)
    const gets = await hsmGets(since)
    expect(gets).toHaveLength(1)
    expect(gets[0].status).toBe(200)
    expect(gets[0].durationMs).toBeGreaterThanOrEqual(780)
  })

  it('counts down `times` and leaves other hosts and methods alone', async () => {
    await emu.setFaults([{ host: 'login\\.microsoftonline\\.com', method: 'DELETE', status: 500 }])
    const ok = await rawRequest(
      emu.info,
      'https://login.microsoftonline.com/common/discovery/instance?api-version=1.1'
    )
    expect(ok.status).toBe(200)
    await emu.setFaults([{ host: 'login', status: 500, times: 2 }])
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await rawRequest(emu.info, 'https://login.microsoftonline.com/common/discovery/v2.0/keys')).status
      )
    expect(statuses).toEqual([500, 500, 200])
    expect((await emu.control<{ faults: { remaining: number }[] }>('/faults')).faults[0].remaining).toBe(0)
  })

  it('reads rules from faults.json when the file changes', async () => {
    writeFileSync(
      join(emu.info.stateDir, 'faults.json'),
      JSON.stringify([{ host: 'token\\.actions', status: 503, times: 1 }])
    )
    const first = await rawRequest(emu.info, 'https://token.actions.githubusercontent.com/.well-known/jwks')
    expect(first.status).toBe(503)
    expect(
      (await rawRequest(emu.info, 'https://token.actions.githubusercontent.com/.well-known/jwks')).status
    ).toBe(200)
    await sleep(20)
    writeFileSync(
      join(emu.info.stateDir, 'faults.json'),
      JSON.stringify([{ path: '^/\\.well-known/openid', status: 429, retryAfter: 1 }])
    )
    const third = await rawRequest(
      emu.info,
      'https://token.actions.githubusercontent.com/.well-known/openid-configuration'
    )
    expect(third.status).toBe(429)
    expect(third.headers['retry-after']).toBe('1')
  })

  it('rejects malformed rules', async () => {
    await expect(emu.setFaults([{ host: '(' }] as never)).rejects.toThrow(/400/)
    await expect(emu.setFaults([{ host: 'x' }])).rejects.toThrow(
      /needs status, reset, latencyMs, connectMs or rewrite/
    )
    await expect(emu.setFaults([{ host: 'x', path: '/', connectMs: 5 }])).rejects.toThrow(/no path or method/)
    await expect(emu.setFaults([{ host: 'x', rewrite: { headers: { a: 1 } } }] as never)).rejects.toThrow(
      /rewrite\.headers/
    )
  })

  it('delays each new connection by connectMs, and only the connection: its requests are served at once', async () => {
    await emu.setFaults([{ host: 'management', connectMs: 400, times: 1 }])
    const url = 'https://management.azure.com/subscriptions?api-version=2022-12-01'
    const since = (await emu.requests()).length
    let started = performance.now()
    // rawRequest opens a new tunnel for each request: the first pays the set-up, the second (times: 1) does not.
    expect((await rawRequest(emu.info, url)).status).toBe(401)
    const first = performance.now() - started
    started = performance.now()
    expect((await rawRequest(emu.info, url)).status).toBe(401)
    const second = performance.now() - started
    expect(first).toBeGreaterThanOrEqual(400)
    expect(second).toBeLessThan(400)
    // The requests themselves were not delayed (no fault on them in the log); each was the first on its
    // connection, and the log says how long it waited for that connection's set-up.
    const log = await emu.requests(since)
    expect(log.map(e => [e.durationMs < 400, e.fault, (e.setupMs ?? -1) >= 400])).toEqual([
      [true, undefined, true],
      [true, undefined, false]
    ])
    expect(log[1].setupMs).toEqual(expect.any(Number))
  })

  it('quotes the refused request in the message when asked (a hostile answer, for the client to contain)', async () => {
    await emu.setFaults([{ host: 'management', status: 400, code: 'InvalidRequest', quoteRequest: true }])
    const res = await rawRequest(
      emu.info,
      'https://management.azure.com/subscriptions?api-version=2022-12-01',
      {
        method: 'POST',
        headers: { authorization: 'Bearer token-value', 'content-type': 'application/json' },
        body: '{"secret":"s"}'
      }
    )
    expect(res.status).toBe(400)
    const { error } = JSON.parse(res.body) as { error: { code: string; message: string } }
    expect(error.code).toBe('InvalidRequest')
    expect(error.message).toMatch(
      /^The request is invalid\. Request: POST https:\/\/management\.azure\.com\/subscriptions\?api-version=2022-12-01\n/
    )
    expect(error.message).toContain('authorization: Bearer token-value')
    expect(error.message).toMatch(/\n\n\{"secret":"s"\}$/)
  })

  it('rewrites headers and JSON members of an answer it otherwise serves as the service does', async () => {
    await emu.setFaults([
      {
        host: 'management',
        rewrite: {
          headers: {
            'WWW-Authenticate': 'Bearer authorization_uri="https://evil.example"',
            location: 'https://evil.example/x'
          },
          json: { 'error.code': 'Tampered', 'extra.nextLink': 'https://evil.example/page' }
        },
        times: 1
      }
    ])
    const since = (await emu.requests()).length
    const res = await rawRequest(
      emu.info,
      'https://management.azure.com/subscriptions?api-version=2022-12-01'
    )
    // No token: ARM's 401, tampered.
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer authorization_uri="https://evil.example"')
    expect(res.headers.location).toBe('https://evil.example/x')
    const body = JSON.parse(res.body) as { error: { code: string; message: string }; extra: unknown }
    expect(body.error.code).toBe('Tampered')
    expect(body.error.message).toEqual(expect.any(String))
    expect(body.extra).toEqual({ nextLink: 'https://evil.example/page' })
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body))
    expect((await emu.requests(since)).map(e => e.fault)).toEqual(['rewrite'])
    const again = await rawRequest(
      emu.info,
      'https://management.azure.com/subscriptions?api-version=2022-12-01'
    )
    expect(JSON.parse(again.body)).not.toHaveProperty('extra')
  })
})

describe('request log', () => {
  it('records method, host, path, status, duration, caller and write — never secrets', async () => {
    const since = (await emu.requests()).length
    await runClient(emu.info, 'hsm-update', { name: HSM, patch: { tags: { logged: 'yes' } } })
    const entries = await emu.requests(since)
    expect(entries[0].index).toBe(since)
    const patch = entries.find(e => e.method === 'PATCH')
    expect(patch).toMatchObject({
      host: 'management.azure.com',
      status: 202,
      write: true,
      callerOid: emu.info.principalId
    })
    expect(typeof patch?.durationMs).toBe('number')
    expect(patch?.path).toMatch(/\/managedHSMs\/hsm-faults\?api-version=/)
    const token = entries.find(e => e.host === 'login.microsoftonline.com' && e.method === 'POST')
    expect(token?.write).toBe(false)
    const oidc = entries.find(e => e.host === 'pipelines.actions.githubusercontent.com')
    expect(oidc?.write).toBe(false)
    const polls = entries.filter(e => e.path.includes('managedHsmOperationResults'))
    expect(polls.length).toBeGreaterThan(0)
    // Location query secrets (t, c, s, h) are not logged; only harmless parameters are kept.
    expect(polls.every(e => /\?api-version=[^&]+$/.test(e.path))).toBe(true)

    const file = readFileSync(join(emu.info.stateDir, 'requests.jsonl'), 'utf8')
    expect(file.trim().split('\n').length).toBeGreaterThanOrEqual(entries.length)
    expect(file).not.toContain(emu.info.oidcRequestToken)
    expect(file).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.eyJ/)
    expect(file).not.toMatch(/client_assertion|authorization/i)
  })
})
