/**
 * Sign-in under faults, without the emulator: the GitHub ID token fetch retries what a rerun would fix
 * (408, 429, 5xx, broken connections) with bounded backoff and Retry-After, never a refusal; its failures
 * and Entra's read `<Service>: <operation> failed (<status> <code>): <message>` with a hint that fits.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline'
import { explainSignInFailure } from '../src/auth/credential.js'
import { recordEntraAnswers } from '../src/auth/entra-answers.js'
import { fetchGitHubIdToken } from '../src/auth/github-oidc.js'
import { parseRetryAfter } from '../src/shared/retry.js'

type Answer = (req: IncomingMessage, res: ServerResponse) => void
const TOKEN = 'header.payload.signature'

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
const ok = json(200, { value: TOKEN })
const reset: Answer = req => req.socket.destroy()
const unavailable = json(503, {
  error: { code: 'ServiceUnavailable', message: 'The service is currently unavailable.' }
})

let server: Server
let script: Answer[] = []
let seen: IncomingMessage[] = []
const saved = { ...process.env }

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req)
    // The last answer repeats: a fault that lasts.
    const answer = script.length > 1 ? script.shift()! : script[0]
    answer(req, res)
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
})
afterAll(() => new Promise<void>(r => server.close(() => r())))
afterEach(() => {
  process.env = { ...saved }
})

/** Runs a fetch against the scripted answers; waits are recorded, not slept. */
async function fetchWith(answers: Answer[], options: { budgetMs?: number; requestTimeoutMs?: number } = {}) {
  script = answers
  seen = []
  const port = (server.address() as AddressInfo).port
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `http://127.0.0.1:${port}/idtoken?api-version=2.0`
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
  const waits: number[] = []
  const result = fetchGitHubIdToken('api://AzureADTokenExchange', {
    ...options,
    sleep: async ms => {
      waits.push(ms)
    }
  })
  const token = await result.catch((e: Error) => e)
  return { token, waits, requests: seen.length }
}

describe('GitHub ID token fetch', () => {
  it('asks for the audience with the request token', async () => {
    const { token } = await fetchWith([ok])
    expect(token).toBe(TOKEN)
    expect(seen[0].url).toBe('/idtoken?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange')
    expect(seen[0].headers.authorization).toBe('Bearer request-token')
  })

  it('retries 500 and 503 with growing waits', async () => {
    const r = await fetchWith([json(500, {}), unavailable, ok])
    expect(r).toEqual({ token: TOKEN, waits: [1000, 2000], requests: 3 })
  })

  it('waits as long as Retry-After says on 429', async () => {
    const r = await fetchWith([json(429, { message: 'slow down' }, { 'retry-after': '3' }), ok])
    expect(r).toEqual({ token: TOKEN, waits: [3000], requests: 2 })
  })

  it('retries a reset connection', async () => {
    const r = await fetchWith([reset, ok])
    expect(r).toEqual({ token: TOKEN, waits: [1000], requests: 2 })
  })

  it('gives up on a lasting 503 after three retries, naming status, code and message, with no permission hint', async () => {
    const { token, waits, requests } = await fetchWith([unavailable])
    expect(waits).toEqual([1000, 2000, 4000])
    expect(requests).toBe(4)
    const message = (token as Error).message
    expect(message).toMatch(
      /^GitHub OIDC: get an ID token failed \(503 ServiceUnavailable\): The service is currently unavailable\.\n/
    )
    expect(message).toMatch(/What to do: GitHub's token service kept failing/)
    expect(message).not.toMatch(/id-token: write/)
  })

  it('does not start a retry that would wait past its budget', async () => {
    const r = await fetchWith([json(503, {}, { 'retry-after': '120' }), ok])
    expect(r.waits).toEqual([])
    expect(r.requests).toBe(1)
    expect((r.token as Error).message).toMatch(/failed \(503 ServiceUnavailable\): Service Unavailable/)
  })

  it.each([401, 403])('never retries %i and sends the user to the job permissions', async status => {
    const r = await fetchWith([
      json(status, { message: 'TF400813: not authorized', typeKey: 'Unauthorized' })
    ])
    expect(r.waits).toEqual([])
    expect(r.requests).toBe(1)
    expect((r.token as Error).message).toMatch(
      new RegExp(`failed \\(${status} Unauthorized\\): TF400813: not authorized\\n.*id-token: write`)
    )
  })

  it('gives up on an attempt that gets no answer in time, and retries it', async () => {
    const silent: Answer = () => undefined
    const r = await fetchWith([silent, ok], { requestTimeoutMs: 300 })
    expect(r).toEqual({ token: TOKEN, waits: [1000], requests: 2 })
  })

  it('times an attempt on its own clock: a process whose setTimeout runs fast does not cut it short', async () => {
    // The tests' time-scaling preload (scripts/preload.ts) speeds up setTimeout; a slow answer is still awaited.
    const realSetTimeout = globalThis.setTimeout
    // The server answers in this process too: its delay on the real clock.
    const slow: Answer = (req, res) => void realSetTimeout(() => ok(req, res), 400)
    globalThis.setTimeout = ((fn: () => void, ms?: number) =>
      realSetTimeout(fn, (ms ?? 0) / 1000)) as typeof setTimeout
    try {
      const r = await fetchWith([slow], { requestTimeoutMs: 2000 })
      expect(r).toEqual({ token: TOKEN, waits: [], requests: 1 })
    } finally {
      globalThis.setTimeout = realSetTimeout
    }
  })

  it('never retries 404, and has no permission hint for it', async () => {
    const r = await fetchWith([json(404, {})])
    expect(r.requests).toBe(1)
    expect((r.token as Error).message).toMatch(/failed \(404 NotFound\): Not Found$/)
  })

  it('without ACTIONS_ID_TOKEN_REQUEST_URL asks nothing and says to grant id-token: write', async () => {
    script = [ok]
    seen = []
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
    const sleeps: number[] = []
    const e = await fetchGitHubIdToken('aud', { sleep: async ms => void sleeps.push(ms) }).catch(
      (x: Error) => x
    )
    expect((e as Error).message).toMatch(
      /^GitHub OIDC: get an ID token failed: .*ACTIONS_ID_TOKEN_REQUEST_URL is not set\)\nWhat to do: .*id-token: write/
    )
    expect(seen).toHaveLength(0)
    expect(sleeps).toEqual([])
  })

  it('without ACTIONS_ID_TOKEN_REQUEST_TOKEN asks nothing and names that variable', async () => {
    seen = []
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = 'http://127.0.0.1:1/idtoken'
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    const e = await fetchGitHubIdToken('aud').catch((x: Error) => x)
    expect((e as Error).message).toMatch(
      /\(ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set\)\nWhat to do: .*id-token: write/
    )
    expect(seen).toHaveLength(0)
  })

  it('adds the audience as the first query parameter to a URL without one', async () => {
    script = [ok]
    seen = []
    const port = (server.address() as AddressInfo).port
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `http://127.0.0.1:${port}/idtoken`
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
    expect(await fetchGitHubIdToken('aud x')).toBe(TOKEN)
    expect(seen[0].url).toBe('/idtoken?audience=aud%20x')
  })

  it('does not retry a 200 that carries no token, and says so without a hint', async () => {
    const r = await fetchWith([json(200, { value: '' })])
    expect(r.requests).toBe(1)
    expect((r.token as Error).message).toBe(
      'GitHub OIDC: get an ID token failed: the answer (200) carries no token'
    )
  })

  it("quotes a gateway's page that is not JSON, shortened to one line, and names the status", async () => {
    const page: Answer = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end(`<html>\n  <b>Bad   gateway</b>\n${'x'.repeat(400)}</html>`)
    }
    const r = await fetchWith([page])
    expect(r.requests).toBe(4)
    const first = (r.token as Error).message.split('\n')[0]
    expect(first).toMatch(
      /^GitHub OIDC: get an ID token failed \(502 BadGateway\): <html> <b>Bad gateway<\/b> x+$/
    )
    expect(first.length).toBeLessThan(400)
  })

  it("falls back to the status text when Azure's error answer has blank code and message", async () => {
    const r = await fetchWith([json(500, { error: { code: ' ', message: '' } })])
    expect((r.token as Error).message).toMatch(/failed \(500 InternalServerError\): Internal Server Error\n/)
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })
})

describe('Entra sign-in failures', () => {
  const TRACE = '3f2b8c1d-4e5a-4b6c-9d7e-0f1a2b3c4d5e'
  const CORRELATION = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
  /** The message MSAL builds from Entra's JSON error (what @azure/identity passes on). */
  const msal = (error: string, code: number, text: string) =>
    `${error}: Error(s): ${code} - Timestamp: 2025-01-01 00:00:00Z - Description: AADSTS${code}: ${text} ` +
    `Trace ID: ${TRACE} Correlation ID: ${CORRELATION} Timestamp: 2025-01-01 00:00:00Z - ` +
    `Correlation ID: ${CORRELATION} - Trace ID: ${TRACE}`
  const context = {
    clientId: 'c1',
    tenantId: 't1',
    presented: {
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:o/r:ref:x',
      audience: 'a'
    },
    scopes: 'https://management.azure.com/.default'
  }

  it('names an outage by status and OAuth error, with the request id and no configuration hint', () => {
    const e = explainSignInFailure(
      new Error(msal('temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.')),
      { ...context, answer: { status: 503, error: 'temporarily_unavailable', requestId: TRACE } }
    )
    expect(e.message).toBe(
      'Entra ID: sign in as c1 in tenant t1 for https://management.azure.com/.default failed ' +
        '(503 temporarily_unavailable): AADSTS90033: A transient error has occurred. Please try again.\n' +
        `Azure request id: ${TRACE}\n` +
        'What to do: Entra ID kept failing after retries (https://azure.status.microsoft); rerun the job later (every step is safe to rerun)'
    )
  })

  it('names a refusal by status and AADSTS code, with the federated-credential hint', () => {
    const e = explainSignInFailure(
      new Error(
        msal(
          'invalid_client',
          700213,
          "No matching federated identity record found for presented assertion subject 'repo:o/r:ref:x'."
        )
      ),
      { ...context, answer: { status: 401, error: 'invalid_client', requestId: TRACE } }
    )
    expect(e.message).toMatch(
      /failed \(401 AADSTS700213\): AADSTS700213: No matching federated identity record/
    )
    // A job without environment: the environment first, then (only without one) a credential for the branch.
    expect(e.message).toMatch(
      /What to do: this job has no 'environment:'.* subject 'repo:o\/r:environment:NAME'.*only if this job must run without an environment, add a federated credential .* subject 'repo:o\/r:ref:x'/
    )
  })

  it('without a recorded answer still finds the trace id in the message', () => {
    const e = explainSignInFailure(
      new Error(msal('invalid_client', 700024, 'Client assertion is not within its valid time range.')),
      context
    )
    expect(e.message).toMatch(/failed \(AADSTS700024\): AADSTS700024: Client assertion/)
    expect(e.message).toContain(`Azure request id: ${TRACE}`)
  })

  it('records the status, OAuth error and request id of the last failed token request per scope', async () => {
    const answers = recordEntraAnswers()
    const scope = 'https://vault.azure.net/.default'
    const request = createPipelineRequest({
      url: 'https://login.microsoftonline.com/t1/oauth2/v2.0/token',
      method: 'POST',
      body: new URLSearchParams({ scope, grant_type: 'client_credentials' }).toString()
    })
    const answer = (status: number, body: unknown) => async () => ({
      request,
      status,
      headers: createHttpHeaders({ 'x-ms-request-id': TRACE }),
      bodyAsText: JSON.stringify(body)
    })
    await answers.policy.sendRequest(request, answer(503, { error: 'temporarily_unavailable' }))
    expect(answers.failureFor([scope])).toEqual({
      status: 503,
      error: 'temporarily_unavailable',
      requestId: TRACE
    })
    expect(answers.failureFor('https://storage.azure.com/.default')).toBeUndefined()
    await answers.policy.sendRequest(request, answer(200, { access_token: 'x' }))
    expect(answers.failureFor(scope)).toBeUndefined()
  })
})
