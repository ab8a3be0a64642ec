/**
 * The data planes' authentication (src/auth/data-plane-auth.ts) over Microsoft's own clients and a stub
 * transport that plays a Key Vault / Managed HSM: the token goes on the first request, and a challenge
 * naming another tenant or resource is still handled by the SDK's policy.
 */
import { describe, expect, it } from '@jest/globals'
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth'
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse
} from '@azure/core-rest-pipeline'
import { KeyClient } from '@azure/keyvault-keys'
import { SecretClient } from '@azure/keyvault-secrets'
import { DataPlaneAuth, preauthorizingPolicy, useAuthPolicy } from '../src/auth/data-plane-auth.js'

const HOME = '11111111-1111-4111-8111-111111111111'
const OTHER = '22222222-2222-4222-8222-222222222222'
const VAULT = 'https://kv-test.vault.azure.net'
const HSM = 'https://hsm-test.managedhsm.azure.net'
const CLOUD = { keyVaultSuffix: 'vault.azure.net', managedHsmSuffix: 'managedhsm.azure.net' }

/** Hands out `token:{tenant}:{scope}` and records what was asked. */
function stubCredential(): TokenCredential & { asked: { scope: string; tenantId?: string }[] } {
  const asked: { scope: string; tenantId?: string }[] = []
  return {
    asked,
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const scope = [scopes].flat().join(' ')
      asked.push({ scope, tenantId: options?.tenantId })
      return Promise.resolve({
        token: `token:${options?.tenantId ?? HOME}:${scope}`,
        expiresOnTimestamp: Date.now() + 3_600_000
      })
    }
  }
}

interface Seen {
  method: string
  url: string
  authorization?: string
  body?: string
  status: number
}

/**
 * A service in `tenant` for `resource`: 401 with the challenge for no token or any other token (as Key Vault
 * answers a token of another tenant), else `answer`.
 */
function stubService(
  tenant: string,
  resource: string,
  answer: (r: PipelineRequest) => unknown,
  challenge = `Bearer authorization="https://login.microsoftonline.com/${tenant}", resource="${resource}"`
): HttpClient & { seen: Seen[] } {
  const seen: Seen[] = []
  return {
    seen,
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const authorization = request.headers.get('authorization')
      const ok = authorization === `Bearer token:${tenant}:${resource}/.default`
      const status = ok ? 200 : 401
      seen.push({
        method: request.method,
        url: request.url,
        authorization,
        body: typeof request.body === 'string' ? request.body : undefined,
        status
      })
      const headers = createHttpHeaders({ 'content-type': 'application/json' })
      if (!ok) headers.set('www-authenticate', challenge)
      const body = ok ? answer(request) : { error: { code: 'Unauthorized', message: 'AKV10032' } }
      return Promise.resolve({ request, status, headers, bodyAsText: JSON.stringify(body) })
    }
  }
}

const secretAnswer = (r: PipelineRequest): unknown => ({
  value: typeof r.body === 'string' ? (JSON.parse(r.body) as { value: string }).value : 'stored',
  id: `${VAULT}/secrets/s/0123456789abcdef0123456789abcdef`,
  attributes: { enabled: true }
})
const keyAnswer = (): unknown => ({
  key: { kid: `${HSM}/keys/k/0123456789abcdef0123456789abcdef`, kty: 'RSA-HSM', n: 'AQAB', e: 'AQAB' },
  attributes: { enabled: true }
})

function secretClient(credential: TokenCredential, http: HttpClient, auth: DataPlaneAuth): SecretClient {
  const client = new SecretClient(VAULT, credential, { httpClient: http, retryOptions: { maxRetries: 0 } })
  expect(useAuthPolicy(client, auth.policyFor(VAULT))).toBe(true)
  return client
}

describe('the SDK clients take the policy', () => {
  it('KeyClient and SecretClient still keep their pipeline where useAuthPolicy finds it', () => {
    const credential = stubCredential()
    const policy = preauthorizingPolicy(credential)
    expect(useAuthPolicy(new KeyClient(HSM, credential), policy)).toBe(true)
    expect(useAuthPolicy(new SecretClient(VAULT, credential), policy)).toBe(true)
    expect(useAuthPolicy({}, policy)).toBe(false)
  })
})

describe('a resource in the sign-in tenant', () => {
  it('gets the token on the first request: no 401, no bodiless probe', async () => {
    const credential = stubCredential()
    const vault = stubService(HOME, 'https://vault.azure.net', secretAnswer)
    const client = secretClient(credential, vault, new DataPlaneAuth(credential, HOME, CLOUD))
    await client.setSecret('s', 'the value')
    await client.getSecret('s')
    expect(vault.seen.map(s => [s.method, s.status])).toEqual([
      ['PUT', 200],
      ['GET', 200]
    ])
    expect(vault.seen[0].body).toContain('the value')
    expect(credential.asked[0]).toEqual({ scope: 'https://vault.azure.net/.default', tenantId: HOME })
  })

  it('shares one policy between the clients of a host (the HSM data plane and KeyClient)', async () => {
    const credential = stubCredential()
    const auth = new DataPlaneAuth(credential, HOME, CLOUD)
    expect(auth.policyFor(`${HSM}/`, HOME)).toBe(auth.policyFor(HSM))
    expect(auth.policyFor(HSM)).not.toBe(auth.policyFor(VAULT))
    // Not pre-authorised: each client its own SDK policy, as the SDK builds it.
    expect(auth.policyFor(HSM, OTHER)).not.toBe(auth.policyFor(HSM, OTHER))
    const hsm = stubService(HOME, 'https://managedhsm.azure.net', keyAnswer)
    const keys = new KeyClient(HSM, credential, { httpClient: hsm, retryOptions: { maxRetries: 0 } })
    useAuthPolicy(keys, auth.policyFor(HSM, HOME.toUpperCase()))
    await keys.getKey('k')
    expect(hsm.seen.map(s => s.status)).toEqual([200])
    expect(hsm.seen[0].authorization).toBe(`Bearer token:${HOME}:https://managedhsm.azure.net/.default`)
  })
})

describe('a resource in another tenant: the challenge path', () => {
  it('follows the challenge to the tenant it names, resending the body, without a second challenge', async () => {
    const credential = stubCredential()
    const vault = stubService(OTHER, 'https://vault.azure.net', secretAnswer)
    const client = secretClient(credential, vault, new DataPlaneAuth(credential, HOME, CLOUD))
    const written = await client.setSecret('s', 'the value')
    expect(written.value).toBe('the value')
    expect(vault.seen.map(s => [s.method, s.status])).toEqual([
      ['PUT', 401],
      ['PUT', 200]
    ])
    expect(vault.seen[1].body).toContain('the value')
    expect(vault.seen[1].authorization).toBe(`Bearer token:${OTHER}:https://vault.azure.net/.default`)
    // From now on the SDK's policy holds the challenged tenant (and its token): one request each.
    await Promise.all([client.getSecret('s'), client.getSecret('s')])
    expect(vault.seen.slice(2).map(s => [s.authorization, s.status])).toEqual([
      [`Bearer token:${OTHER}:https://vault.azure.net/.default`, 200],
      [`Bearer token:${OTHER}:https://vault.azure.net/.default`, 200]
    ])
    expect(credential.asked.map(a => a.tenantId)).toEqual([HOME, OTHER])
  })

  it('lets concurrent first requests meet the challenge once, each resent with its own body', async () => {
    const credential = stubCredential()
    const vault = stubService(OTHER, 'https://vault.azure.net', secretAnswer)
    const client = secretClient(credential, vault, new DataPlaneAuth(credential, HOME, CLOUD))
    const [a, b, c] = await Promise.all([
      client.setSecret('a', 'value a'),
      client.setSecret('b', 'value b'),
      client.getSecret('s')
    ])
    expect([a.value, b.value, c.value]).toEqual(['value a', 'value b', 'stored'])
    const served = vault.seen.filter(s => s.status === 200)
    expect(served.map(s => s.body ?? '')).toEqual(
      expect.arrayContaining([expect.stringContaining('value a'), expect.stringContaining('value b'), ''])
    )
    expect(served.find(s => s.method === 'GET')?.body).toBeUndefined()
    expect(credential.asked.filter(a => a.tenantId === OTHER)).toHaveLength(1)
  })

  it("keeps the SDK's check that the challenge names the host's own resource", async () => {
    const credential = stubCredential()
    const vault = stubService(OTHER, 'https://attacker.example', secretAnswer)
    const client = secretClient(credential, vault, new DataPlaneAuth(credential, HOME, CLOUD))
    await expect(client.getSecret('s')).rejects.toThrow(/does not match the requested domain/)
    expect(credential.asked.map(a => a.scope)).toEqual(['https://vault.azure.net/.default'])
  })

  it('does not pre-authorise an HSM that ARM reports in another tenant: the SDK asks the service', async () => {
    const credential = stubCredential()
    const auth = new DataPlaneAuth(credential, HOME, CLOUD)
    const hsm = stubService(OTHER, 'https://managedhsm.azure.net', keyAnswer)
    const keys = new KeyClient(HSM, credential, { httpClient: hsm, retryOptions: { maxRetries: 0 } })
    useAuthPolicy(keys, auth.policyFor(HSM, OTHER))
    await keys.getKey('k')
    expect(hsm.seen.map(s => [s.authorization, s.status])).toEqual([
      [undefined, 401],
      [`Bearer token:${OTHER}:https://managedhsm.azure.net/.default`, 200]
    ])
  })

  it('leaves a claims challenge (no resource named) to the SDK, which asks the service for the resource', async () => {
    const credential = stubCredential()
    const claims = Buffer.from('{"access_token":{"nbf":{"essential":true}}}').toString('base64')
    let calls = 0
    const inner = stubService(HOME, 'https://vault.azure.net', secretAnswer)
    const vault: HttpClient = {
      sendRequest: r =>
        calls++ === 0
          ? Promise.resolve({
              request: r,
              status: 401,
              headers: createHttpHeaders({
                'www-authenticate': `Bearer realm="", error="insufficient_claims", claims="${claims}"`
              }),
              bodyAsText: ''
            })
          : inner.sendRequest(r)
    }
    const client = secretClient(credential, vault, new DataPlaneAuth(credential, HOME, CLOUD))
    expect((await client.getSecret('s')).value).toBe('stored')
    expect(inner.seen.map(s => [s.authorization === undefined, s.status])).toEqual([
      [true, 401],
      [false, 200]
    ])
  })

  it('knows no resource for a host outside the cloud: the SDK policy alone', async () => {
    const credential = stubCredential()
    const auth = new DataPlaneAuth(credential, HOME, CLOUD)
    const policy = auth.policyFor('https://kv-test.vault.usgovcloudapi.net')
    const seen: (string | undefined)[] = []
    await policy.sendRequest(
      { headers: createHttpHeaders(), body: null } as unknown as PipelineRequest,
      r => {
        seen.push(r.headers.get('authorization'))
        return Promise.resolve({ request: r, status: 200, headers: createHttpHeaders() })
      }
    )
    expect(seen).toEqual([undefined])
    expect(credential.asked).toEqual([])
  })
})
