/**
 * The GitHub ID token, asked of the runner's token service (ACTIONS_ID_TOKEN_REQUEST_URL) directly rather
 * than through core.getIDToken: that retries only 502-504, for about ten seconds without pause, ignores
 * Retry-After, and hides the status and the service's message an outage report needs. Here 408, 429, 5xx
 * and broken connections are retried with backoff inside a fixed budget; a refusal is never retried.
 */
import { STATUS_CODES } from 'node:http'
import * as log from '../shared/log.js'
import {
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  proxyPolicy,
  type Pipeline
} from '@azure/core-rest-pipeline'
import { sharedHttpClient } from '../shared/connections.js'
import { AzureOperationError, errorMessage, serviceText } from '../shared/errors.js'
import { parseRetryAfter, retrying, sleep } from '../shared/retry.js'

const SERVICE = 'GitHub OIDC'
const OPERATION = 'get an ID token'

export const PERMISSION_HINT =
  "give the job 'permissions: id-token: write' (and 'contents: read'); " +
  'pull requests from forks get no ID token, so run this action on push, schedule or workflow_dispatch'
export const OUTAGE_HINT =
  "GitHub's token service kept failing after retries (https://www.githubstatus.com); rerun the job later"

export interface FetchOptions {
  /** Waits before the second, third, ... attempt when the service sends no Retry-After. */
  delaysMs?: number[]
  /** No retry is started that would wait past this many milliseconds after the first attempt. */
  budgetMs?: number
  /** Gives up on one attempt after this long without an answer (then retries it). */
  requestTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

const DEFAULTS: Required<FetchOptions> = {
  delaysMs: [1000, 2000, 4000],
  budgetMs: 30_000,
  requestTimeoutMs: 15_000,
  sleep
}

/** Why one attempt got no token. */
interface Failure {
  status?: number
  code?: string
  message: string
  /** The connection failed or timed out: no answer at all. */
  transport?: boolean
  retryAfterMs?: number
}

/** A GitHub ID token for `audience`; throws an AzureOperationError naming status, code and what to do. */
export async function fetchGitHubIdToken(audience: string, options: FetchOptions = {}): Promise<string> {
  const opts = { ...DEFAULTS, ...options }
  const { url, requestToken } = runnerEndpoint()
  const target = `${url}${url.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`
  const deadline = Date.now() + opts.budgetMs
  log.debug(`GitHub OIDC: ID token url is ${target}`)
  try {
    return await retrying(
      async () => {
        const outcome = await requestOnce(target, requestToken, opts.requestTimeoutMs)
        if (typeof outcome === 'string') return outcome
        throw new Failed(outcome)
      },
      {
        retriable: e => e instanceof Failed && isTransient(e.failure),
        delayMs: (n, e) => {
          const planned = opts.delaysMs[n - 1]
          return planned === undefined ? undefined : ((e as Failed).failure.retryAfterMs ?? planned)
        },
        deadline,
        onRetry: (e, wait) =>
          log.info(`GitHub OIDC: ${describe((e as Failed).failure)}; retrying in ${wait / 1000} s`),
        sleep: opts.sleep
      }
    )
  } catch (e) {
    throw e instanceof Failed ? failureError(e.failure) : e
  }
}

/** One attempt's failure, carried through the retry loop. */
class Failed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message)
  }
}

function describe(f: Failure): string {
  const head = [f.status, f.code].filter(Boolean).join(' ')
  return head ? `${head}: ${f.message}` : f.message
}

/** The runner sets both variables only for a job with `id-token: write`. */
function runnerEndpoint(): { url: string; requestToken: string } {
  const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL
  const requestToken = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  const missing = !url
    ? 'ACTIONS_ID_TOKEN_REQUEST_URL'
    : !requestToken
      ? 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
      : ''
  if (missing)
    throw new AzureOperationError(
      { service: SERVICE, operation: OPERATION, hint: PERMISSION_HINT },
      `the runner offers this job no ID token (${missing} is not set)`
    )
  return { url: url as string, requestToken: requestToken as string }
}

/**
 * The token request's pipeline: no retry policy (fetchGitHubIdToken retries, within its budget) and no redirect
 * (the runner's token service answers itself), the proxy as every Azure request of the run has it (HTTPS_PROXY
 * and NO_PROXY, core-rest-pipeline's rules), over the run's shared connections. Not @actions/http-client: its
 * module loads the bundled undici at every start (about a tenth of a CPU-second) for this one request.
 */
let pipeline: Pipeline | undefined
function tokenPipeline(): Pipeline {
  if (!pipeline) {
    pipeline = createEmptyPipeline()
    pipeline.addPolicy(proxyPolicy())
  }
  return pipeline
}

/** One GET of the token: the token, or why there is none. */
async function requestOnce(url: string, requestToken: string, timeoutMs: number): Promise<string | Failure> {
  // AbortSignal.timeout: a deadline on Node's own timers, whatever a test's clock does to setTimeout.
  const deadline = AbortSignal.timeout(timeoutMs)
  const request = createPipelineRequest({
    url,
    method: 'GET',
    abortSignal: deadline,
    headers: createHttpHeaders({
      accept: 'application/json',
      authorization: `Bearer ${requestToken}`,
      'user-agent': 'actions/oidc-client'
    }),
    // The runner's URL is HTTPS; a plain one (a local token service) is used as given, as the toolkit does.
    allowInsecureConnection: url.startsWith('http:')
  })
  try {
    const res = await tokenPipeline().sendRequest(sharedHttpClient(), request)
    const body = res.bodyAsText ?? ''
    if (res.status === 200) return tokenIn(body) ?? { message: 'the answer (200) carries no token' }
    return {
      status: res.status,
      ...describeAnswer(res.status, body),
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after'))
    }
  } catch (e) {
    if (deadline.aborted)
      return { code: 'ETIMEDOUT', message: `no answer within ${timeoutMs / 1000} s`, transport: true }
    return { code: (e as NodeJS.ErrnoException).code, message: errorMessage(e), transport: true }
  }
}

function tokenIn(body: string): string | undefined {
  const value = (parseJson(body) as { value?: unknown } | undefined)?.value
  return typeof value === 'string' && value ? value : undefined
}

/** Retried: no answer, a timeout, throttling or a server error. 401/403/404 and the rest are final. */
export function isTransient(f: { status?: number; transport?: boolean }): boolean {
  if (f.transport) return true
  const s = f.status ?? 0
  return s === 408 || s === 429 || s >= 500
}

/**
 * Code and message of an error answer: GitHub's ({message, typeKey}, as Azure DevOps answers) or Azure's
 * ({error: {code, message}}); otherwise the status text and the start of the body.
 */
function describeAnswer(status: number, body: string): { code: string; message: string } {
  const json = parseJson(body) as Record<string, unknown> | undefined
  const inner = (json?.error && typeof json.error === 'object' ? json.error : json) as
    Record<string, unknown> | undefined
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
  const reason = STATUS_CODES[status] ?? 'Error'
  return {
    code: text(inner?.code) ?? text(json?.typeKey) ?? reason.replace(/[^A-Za-z]/g, ''),
    // A body that is not JSON (a proxy's or gateway's page) is quoted, shortened, as the message.
    message:
      text(inner?.message) ?? (json ? undefined : text(body)?.replace(/\s+/g, ' ').slice(0, 300)) ?? reason
  }
}

function failureError(f: Failure): AzureOperationError {
  const hint =
    f.status === 401 || f.status === 403 ? PERMISSION_HINT : isTransient(f) ? OUTAGE_HINT : undefined
  return new AzureOperationError(
    { service: SERVICE, operation: OPERATION, status: f.status, code: f.code, hint },
    serviceText(f.message)
  )
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
