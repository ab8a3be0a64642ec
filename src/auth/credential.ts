/**
 * Sign-in with GitHub OIDC workload identity federation: no stored secret. The assertion callback asks the
 * runner for a fresh GitHub ID token every time Entra needs one, so a 30-minute HSM creation never outlives
 * its (short-lived) GitHub token.
 */
import { ClientAssertionCredential } from '@azure/identity'
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth'
import { AzureOperationError, errorMessage, serviceText } from '../shared/errors.js'
import { mask as registerMask } from '../shared/log.js'
import type { CloudEndpoints } from './clouds.js'
import { scopeFor } from './clouds.js'
import { recordEntraAnswers, type EntraFailure } from './entra-answers.js'
import { fetchGitHubIdToken } from './github-oidc.js'
import { DataPlaneAuth, type WithDataPlaneAuth } from './data-plane-auth.js'
import { sharedHttpClient } from '../shared/connections.js'

/** Claims of the presented GitHub token that help explain a federated-credential mismatch; none is secret. */
export interface PresentedIdentity {
  issuer?: string
  subject?: string
  audience?: string
}

export interface SignIn {
  credential: TokenCredential
  /** Object id (`oid`) of the signed-in service principal, from an access token. */
  principalId(): Promise<string>
  /** Gets the tokens for these resources concurrently, ahead of the calls that need them. */
  prefetch(resources: string[]): Promise<void>
}

export function signIn(opts: {
  tenantId: string
  clientId: string
  audience: string
  cloud: CloudEndpoints
  /** The GitHub ID token main.ts asked for while the run's modules loaded: the first assertion. */
  idToken?: Promise<string>
}): SignIn {
  let early = opts.idToken
  const presented: PresentedIdentity = {}
  // Identity wraps whatever the callback throws; keep ours so the user sees it, not the wrapper.
  let assertionError: AzureOperationError | undefined
  // MSAL asks for an assertion twice per token, even when it then answers from its cache. A GitHub token
  // fetched moments ago is reused while it is young and has minutes to live, so every assertion Entra sees
  // is fresh enough, however long the run, without a runner round trip per question.
  let recent: { token: string; fetchedAt: number; expiresAt: number } | undefined
  const fetchAssertion = async (): Promise<string> => {
    const now = Date.now()
    if (
      recent &&
      now - recent.fetchedAt < ASSERTION_REUSE_MS &&
      recent.expiresAt - now > ASSERTION_MIN_LIFE_MS
    )
      return recent.token
    let token: string
    try {
      const asked = early ?? fetchGitHubIdToken(opts.audience)
      early = undefined
      token = await asked
      assertionError = undefined
    } catch (e) {
      assertionError =
        e instanceof AzureOperationError
          ? e
          : new AzureOperationError(
              { service: 'GitHub OIDC', operation: 'get an ID token' },
              serviceText(errorMessage(e))
            )
      throw assertionError
    }
    mask(token)
    const claims = claimsOf(token)
    Object.assign(presented, claims)
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : now
    recent = { token, fetchedAt: now, expiresAt: exp }
    return token
  }
  // Concurrent sign-ins (one per service) share one request to the runner.
  let inflight: Promise<string> | undefined
  const getAssertion = (): Promise<string> => {
    inflight ??= fetchAssertion().finally(() => {
      inflight = undefined
    })
    return inflight
  }
  const entra = recordEntraAnswers()
  const inner = new ClientAssertionCredential(opts.tenantId, opts.clientId, getAssertion, {
    authorityHost: opts.cloud.authorityHost,
    httpClient: sharedHttpClient(),
    additionalPolicies: [{ policy: entra.policy, position: 'perCall' }]
  })
  let oid: string | undefined
  // One token per scope for the run: @azure/identity loses its cache when several services sign in at
  // once, and each pipeline asks again. A claims challenge (CAE) always goes to Entra.
  const tokens = new Map<string, Promise<AccessToken | null>>()
  const cachedToken = async (scopes: string | string[], options?: GetTokenOptions) => {
    // A token is for one tenant: a challenge naming another must not be answered from the sign-in's.
    const key = `${(options?.tenantId ?? opts.tenantId).toLowerCase()} ${[scopes].flat().join(' ')}`
    const hit = options?.claims ? undefined : tokens.get(key)
    const held = hit && (await hit.catch(() => null))
    if (held && held.expiresOnTimestamp - Date.now() > TOKEN_MIN_LIFE_MS) return held
    const fresh = inner.getToken(scopes, options)
    if (!options?.claims) tokens.set(key, fresh)
    fresh.catch(() => tokens.delete(key))
    return fresh
  }
  const credential: TokenCredential & WithDataPlaneAuth = {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      try {
        const token = await cachedToken(scopes, options)
        if (!token) throw new Error('Entra ID returned no access token')
        mask(token.token)
        // Every access token names the same principal: remember it instead of asking for one more token.
        const claimed = claimsOf(token.token).oid
        if (typeof claimed === 'string') oid ??= claimed
        return token
      } catch (e) {
        const tenantId = options?.tenantId ?? opts.tenantId
        if (tenantId.toLowerCase() !== opts.tenantId.toLowerCase())
          throw otherTenantError(tenantId, opts.tenantId, opts.clientId, scopes)
        throw (
          assertionError ??
          explainSignInFailure(e, {
            clientId: opts.clientId,
            tenantId,
            presented,
            scopes,
            answer: entra.failureFor(scopes)
          })
        )
      }
    }
  }
  // The data planes' authentication policies, one per host, on this sign-in's tenant and cloud.
  credential.dataPlaneAuth = new DataPlaneAuth(credential, opts.tenantId, opts.cloud)
  let principal: Promise<string> | undefined
  return {
    credential,
    principalId() {
      // CAE on, as the SDK pipelines ask, so this is the ARM token they use too (not a second one).
      principal ??= oid
        ? Promise.resolve(oid)
        : credential.getToken(scopeFor(opts.cloud.resourceManager), { enableCae: true }).then(() => {
            if (!oid) throw new Error('the ARM access token has no oid claim')
            return oid
          })
      return principal
    },
    prefetch(resources: string[]) {
      // Independent sign-ins at once; the clients' challenge policies then find the tokens cached.
      return Promise.all(resources.map(r => credential.getToken(scopeFor(r), { enableCae: true }))).then(
        () => undefined
      )
    }
  }
}

/**
 * A data-plane challenge named a tenant other than tenant-id: @azure/identity refuses to sign in there
 * unless told to (additionallyAllowedTenants), and so does this action, so a token never goes to a tenant
 * the workflow did not name.
 */
function otherTenantError(
  wanted: string,
  signedIn: string,
  clientId: string,
  scopes: string | string[]
): AzureOperationError {
  // It comes from a service's answer: shown only when it has the form of a tenant id or domain.
  wanted = /^[0-9A-Za-z.-]{1,100}$/.test(wanted) ? wanted : '(not a tenant id)'
  return new AzureOperationError(
    {
      service: 'Entra ID',
      operation: `sign in as ${clientId} in tenant ${wanted} for ${[scopes].flat().join(' ')}`,
      hint: `the resource belongs to tenant ${wanted}, but tenant-id is ${signedIn}: set tenant-id to the resource's tenant, or use a resource in tenant ${signedIn}`
    },
    `the service asked for a token issued by tenant ${wanted}; this action signs in to tenant-id ${signedIn} only`
  )
}

/** Decodes a JWT's payload without verifying it: only to read non-secret claims. */
export function claimsOf(jwt: string): Record<string, unknown> & PresentedIdentity & { oid?: unknown } {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
    const aud = Array.isArray(payload.aud) ? payload.aud.join(',') : payload.aud
    return {
      ...payload,
      issuer: String(payload.iss ?? ''),
      subject: String(payload.sub ?? ''),
      audience: String(aud ?? '')
    }
  } catch {
    return {}
  }
}

/**
 * The runner then hides the token in the step log, and the log module and the summary print it as `***`,
 * should anything ever hold it (an error that quotes the request); each token is registered once.
 */
function mask(token: string): void {
  registerMask(token)
}

/** How long a fetched GitHub ID token may be reused, and how much life it must have left. */
const ASSERTION_REUSE_MS = 60_000
const ASSERTION_MIN_LIFE_MS = 120_000
/** An access token is reused while it has at least this long to live. */
const TOKEN_MIN_LIFE_MS = 5 * 60_000

const AADSTS_HINTS: Record<string, (p: PresentedIdentity, clientId: string) => string> = {
  '70021': (p, c) => federatedHint(p, c),
  '700211': (p, c) => federatedHint(p, c),
  '700212': (p, c) => federatedHint(p, c),
  '700213': (p, c) => subjectHint(p, c),
  '7002138': (p, c) => `${subjectHint(p, c)} Matching is case-sensitive: copy the subject exactly.`,
  '700024': () =>
    'the GitHub ID token had expired when Entra checked it; the action fetches a new one per sign-in, so check the runner clock and rerun',
  '700016': (_p, c) =>
    `no application with client id ${c} exists in this tenant; check client-id and tenant-id`,
  '90002': () => 'the tenant was not found; check tenant-id (and cloud)'
}

function federatedHint(p: PresentedIdentity, clientId: string): string {
  return (
    `add a federated credential to the app registration ${clientId} with issuer '${p.issuer ?? '?'}', ` +
    `subject '${p.subject ?? '?'}' and audience '${p.audience ?? '?'}' (the values this run presented)`
  )
}

/**
 * A subject no credential matches. A job without `environment:` presents its branch, tag or pull request as
 * the subject; trusting that widens the credential to whoever can push there, so the first advice is to run
 * the job in an environment (whose protection rules then guard the sign-in) and trust that.
 */
function subjectHint(p: PresentedIdentity, clientId: string): string {
  const m = /^(repo:[^:]+\/[^:]+):(ref|pull_request)\b/.exec(p.subject ?? '')
  if (!m || (p.subject ?? '').includes(':environment:')) return federatedHint(p, clientId)
  return (
    `this job has no 'environment:', so it presented subject '${p.subject ?? '?'}', which names a ` +
    `${m[2] === 'ref' ? 'branch or tag' : 'pull request'} and not an environment. First give the job ` +
    `'environment: NAME' (with the environment's protection rules) and add a federated credential to the app ` +
    `registration ${clientId} with subject '${m[1]}:environment:NAME', issuer '${p.issuer ?? '?'}' and audience ` +
    `'${p.audience ?? '?'}'; only if this job must run without an environment, ${federatedHint(p, clientId)}`
  )
}

export interface SignInFailureContext {
  clientId: string
  tenantId: string
  presented: PresentedIdentity
  scopes: string | string[]
  /** What Entra answered to the failed token request, when it answered. */
  answer?: EntraFailure
}

const ENTRA_OUTAGE_HINT =
  'Entra ID kept failing after retries (https://azure.status.microsoft); rerun the job later (every step is safe to rerun)'

/**
 * `Entra ID: sign in as … failed (<status> <code>): <message>`. The code is the AADSTS code of a refusal
 * (what the README and Microsoft's docs explain), or the OAuth error of an outage (429, 5xx), where the
 * AADSTS number says nothing a user can act on and no configuration hint applies.
 */
export function explainSignInFailure(e: unknown, c: SignInFailureContext): Error {
  if (e instanceof AzureOperationError) return e
  const message = errorMessage(e)
  const status = c.answer?.status ?? statusCodeOf(e)
  const outage = status !== undefined && (status === 429 || status >= 500)
  const aadsts = /AADSTS(\d+)/.exec(message)?.[1]
  const code = !outage && aadsts ? `AADSTS${aadsts}` : (c.answer?.error ?? (aadsts && `AADSTS${aadsts}`))
  const hint = outage
    ? ENTRA_OUTAGE_HINT
    : aadsts
      ? AADSTS_HINTS[aadsts]?.(c.presented, c.clientId)
      : undefined
  return new AzureOperationError(
    {
      service: 'Entra ID',
      operation: `sign in as ${c.clientId} in tenant ${c.tenantId} for ${[c.scopes].flat().join(' ')}`,
      status,
      code: code || undefined,
      requestId: c.answer?.requestId ?? /Trace ID: ([0-9a-f]{8}-[0-9a-f-]+)/i.exec(message)?.[1],
      hint
    },
    serviceText(serviceMessage(message))
  )
}

/**
 * Entra's own text (`AADSTS…: …`, or the description MSAL quotes) without the ids and timestamps MSAL
 * repeats around it; the request id has its own line.
 */
function serviceMessage(message: string): string {
  const text =
    /AADSTS\d+:[^\r\n]*/.exec(message)?.[0] ??
    / - Description: (.*?) - Correlation ID: /.exec(message)?.[1] ??
    message.split('\n')[0]
  return text.replace(/\s+Trace ID:.*$/, '').trim() || message.trim()
}

/** The HTTP status @azure/identity's AuthenticationError carries (other credential types throw it). */
function statusCodeOf(e: unknown): number | undefined {
  const status = (e as { statusCode?: unknown } | undefined)?.statusCode
  return typeof status === 'number' && status > 0 ? status : undefined
}
