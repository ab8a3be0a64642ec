/**
 * GitHub Actions OIDC: the runner-side request endpoint (what ACTIONS_ID_TOKEN_REQUEST_URL points
 * at, on pipelines.actions.githubusercontent.com) and the issuer's discovery document and JWKS
 * (token.actions.githubusercontent.com).
 */
import { randomUUID } from 'node:crypto'
import {
  numberSetting,
  type ControlRequest,
  type EmulatorContext,
  type Exchange,
  type Service,
  type ServiceModule
} from '../../core/context.js'
import { answer, exactHost, headerValue, isRecord, JSON_TYPE, send, sendJson } from '../../core/http.js'
import { DEFAULT_IDS } from '../../core/state.js'
import { loadOrCreateSigningKey, nowSeconds, publicJwk, signJwt, type SigningKey } from '../../core/tokens.js'
import { defaultRequestToken, newRequestToken, seedRequestTokens } from './request-tokens.js'

declare module '../../core/context.js' {
  interface SigningKeys {
    /** Signs GitHub's OIDC tokens. */
    github: SigningKey
  }
  interface Settings {
    /** Lifetime of GitHub OIDC tokens; negative issues tokens that are already expired. */
    oidcTokenLifetimeSeconds: number
  }
  interface EmulatorInfo {
    /** What the runner would put in ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
    oidcRequestUrl: string
    oidcRequestToken: string
    /** The subject and audience of the tokens the default request token gets. */
    oidcSubject: string
    oidcAudience: string
  }
}

export const GITHUB_ISSUER = DEFAULT_IDS.githubIssuer
export const OIDC_REQUEST_HOST = 'pipelines.actions.githubusercontent.com'
const RUNTIME = 'Kq7bQ2vXz9mTn4Lw8Ys3Rf6Hd1Jc5Pa0Ue2Gi7Ok9Nb3Vx'
const PLAN = '7d1c3b2a-9e8f-4a6b-b5c4-3d2e1f0a9b8c'
const JOB = 'e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8'

/** The URL a runner puts in ACTIONS_ID_TOKEN_REQUEST_URL (it already has a query string). */
export const OIDC_REQUEST_URL =
  `https://${OIDC_REQUEST_HOST}/${RUNTIME}/00000000-0000-0000-0000-000000000000` +
  `/_apis/distributedtask/hubs/Actions/plans/${PLAN}/jobs/${JOB}/idtoken?api-version=2.0`

const REPO = 'contoso/hsm-bootstrap'
const SHA = '4f6d1e9a2b7c3d8e5f0a1b2c3d4e5f6a7b8c9d0e'

/** GitHub's claim set for a job in environment `production` of contoso/hsm-bootstrap. */
function defaultClaims(): Record<string, unknown> {
  return {
    sub: DEFAULT_IDS.oidcSubject,
    ref: 'refs/heads/main',
    sha: SHA,
    repository: REPO,
    repository_owner: 'contoso',
    repository_owner_id: '98765432',
    run_id: '12345678901',
    run_number: '42',
    run_attempt: '1',
    repository_visibility: 'private',
    repository_id: '712345678',
    actor_id: '1234567',
    actor: 'octocat',
    workflow: 'Provision Managed HSM',
    head_ref: '',
    base_ref: '',
    event_name: 'workflow_dispatch',
    ref_protected: 'true',
    ref_type: 'branch',
    workflow_ref: `${REPO}/.github/workflows/provision.yml@refs/heads/main`,
    workflow_sha: SHA,
    job_workflow_ref: `${REPO}/.github/workflows/provision.yml@refs/heads/main`,
    job_workflow_sha: SHA,
    environment: 'production',
    environment_node_id: 'EN_kwDOKmN3Vs8AAAABcD3fQw',
    runner_environment: 'github-hosted'
  }
}

const UNAUTHORIZED_BODY = {
  $id: '1',
  innerException: null,
  message: "TF400813: The user '' is not authorized to access this resource.",
  typeName:
    'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server',
  typeKey: 'UnauthorizedRequestException',
  errorCode: 0,
  eventId: 3000
}

export function issueOidcToken(
  ctx: EmulatorContext,
  audience: string,
  overrides: Record<string, unknown>
): string {
  const iat = nowSeconds()
  const exp = iat + ctx.settings.oidcTokenLifetimeSeconds
  // Real tokens: nbf ten minutes before iat, exp five minutes after it.
  const claims = {
    jti: randomUUID(),
    ...defaultClaims(),
    aud: audience,
    ...overrides,
    iss: GITHUB_ISSUER,
    nbf: Math.min(iat - 600, exp - 300),
    exp,
    iat
  }
  return signJwt(claims, ctx.keys.github)
}

function handleIdTokenRequest(ex: Exchange, ctx: EmulatorContext): void {
  ex.tokenRequest = true
  if (ex.method !== 'GET') return send(ex.res, 405, undefined)
  const auth = headerValue(ex.req, 'authorization') ?? ''
  const token = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim()
  const entry = token ? ctx.state.data.oidcRequestTokens[token] : undefined
  if (!entry) return sendJson(ex.res, 401, UNAUTHORIZED_BODY)
  const audience = ex.url.searchParams.get('audience') ?? `https://github.com/${REPO.split('/')[0]}`
  sendJson(ex.res, 200, { value: issueOidcToken(ctx, audience, entry.claims) })
}

function discovery(): Record<string, unknown> {
  return {
    issuer: GITHUB_ISSUER,
    jwks_uri: `${GITHUB_ISSUER}/.well-known/jwks`,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: [
      'sub',
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'nbf',
      'ref',
      'sha',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'enterprise',
      'enterprise_id',
      'run_id',
      'run_number',
      'run_attempt',
      'actor',
      'actor_id',
      'workflow',
      'workflow_ref',
      'workflow_sha',
      'head_ref',
      'base_ref',
      'event_name',
      'ref_type',
      'ref_protected',
      'environment',
      'environment_node_id',
      'job_workflow_ref',
      'job_workflow_sha',
      'repository_visibility',
      'runner_environment',
      'issuer_scope'
    ],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid']
  }
}

export const githubOidcService: Service = {
  name: 'github-oidc',
  tokenRequest: () => true,
  handle(ex, ctx) {
    if (ex.host === OIDC_REQUEST_HOST) {
      if (
        /\/_apis\/distributedtask\/hubs\/actions\/plans\/[^/]+\/jobs\/[^/]+\/idtoken$/i.test(ex.url.pathname)
      )
        return handleIdTokenRequest(ex, ctx)
      return send(ex.res, 404, undefined)
    }
    ex.tokenRequest = true
    if (ex.method !== 'GET') return send(ex.res, 405, undefined)
    const headers = { 'cache-control': 'public, max-age=3600' }
    if (ex.url.pathname === '/.well-known/openid-configuration')
      return sendJson(ex.res, 200, discovery(), headers)
    if (ex.url.pathname === '/.well-known/jwks')
      return sendJson(ex.res, 200, { keys: [publicJwk(ctx.keys.github, { alg: 'RS256' })] }, headers)
    send(ex.res, 404, 'Not Found', { 'content-type': JSON_TYPE })
  }
}

const loadKey = (stateDir: string): Promise<SigningKey> =>
  loadOrCreateSigningKey(stateDir, 'github-oidc', 'token.actions.githubusercontent.com', 'uuid')

/** Control API: POST /_emulator/oidc/request-tokens {"claims"?} mints a request token with extra claims. */
function handleRequestTokenControl({ ctx, method, path, body, res }: ControlRequest): boolean {
  if (path !== '/_emulator/oidc/request-tokens' || method !== 'POST') return false
  const claims = isRecord(body) && isRecord(body.claims) ? body.claims : {}
  const token = newRequestToken()
  ctx.state.data.oidcRequestTokens[token] = { claims, createdAt: Date.now() }
  ctx.state.save()
  return answer(res, 201, { token })
}

export const githubOidcModule: ServiceModule = {
  name: 'github-oidc',
  routes: [
    { match: exactHost('token.actions.githubusercontent.com'), service: githubOidcService },
    { match: exactHost(OIDC_REQUEST_HOST), service: githubOidcService }
  ],
  seed: seedRequestTokens,
  settings: { oidcTokenLifetimeSeconds: numberSetting },
  prepare: async stateDir => void (await loadKey(stateDir)),
  async open(ctx) {
    ctx.keys.github = await loadKey(ctx.stateDir)
  },
  info: ctx => ({
    oidcRequestUrl: OIDC_REQUEST_URL,
    oidcRequestToken: defaultRequestToken(ctx.state),
    oidcSubject: DEFAULT_IDS.oidcSubject,
    oidcAudience: DEFAULT_IDS.oidcAudience
  }),
  control: handleRequestTokenControl
}
