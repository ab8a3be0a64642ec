/** GitHub OIDC and Entra ID, driven by @actions/core and @azure/identity with no test-only options. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto'
import { startEmulator, type RunningEmulator } from '../../emulator/testing.js'
import { rawRequest, runClient } from './helpers.js'

let emu: RunningEmulator

beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

interface ClientError {
  error?: { name: string; message: string }
}

async function tokenError(
  env: Record<string, string> = {},
  args: Record<string, unknown> = {}
): Promise<string> {
  const out = await runClient<ClientError>(
    emu.info,
    'token',
    { scopes: ['https://management.azure.com/.default'], ...args },
    env
  )
  expect(out.error).toBeDefined()
  return out.error?.message ?? ''
}

async function requestTokenFor(claims: Record<string, unknown>): Promise<string> {
  return (
    await emu.control<{ token: string }>('/oidc/request-tokens', {
      method: 'POST',
      body: JSON.stringify({ claims })
    })
  ).token
}

describe('GitHub OIDC', () => {
  it('issues a GitHub-shaped ID token for the requested audience, verifiable with the JWKS', async () => {
    const { claims } = await runClient<{ claims: Record<string, unknown> }>(emu.info, 'id-token', {
      audience: 'api://AzureADTokenExchange'
    })
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'api://AzureADTokenExchange',
      sub: emu.info.oidcSubject,
      repository: 'contoso/hsm-bootstrap',
      repository_owner: 'contoso',
      environment: 'production',
      runner_environment: 'github-hosted'
    })
    const iat = claims.iat as number
    expect(claims.exp).toBe(iat + 300)
    expect(claims.nbf as number).toBeLessThan(iat)

    const discovery = await rawRequest(
      emu.info,
      'https://token.actions.githubusercontent.com/.well-known/openid-configuration'
    )
    const { jwks_uri, issuer } = JSON.parse(discovery.body)
    expect(issuer).toBe('https://token.actions.githubusercontent.com')
    const jwks = JSON.parse((await rawRequest(emu.info, jwks_uri)).body) as {
      keys: (JsonWebKey & { kid: string })[]
    }

    // Fetch a raw token the way a runner step would, and check its signature against the published key.
    const res = await rawRequest(
      emu.info,
      `${emu.info.oidcRequestUrl}&audience=api%3A%2F%2FAzureADTokenExchange`,
      {
        headers: { authorization: `Bearer ${emu.info.oidcRequestToken}` }
      }
    )
    const token = JSON.parse(res.body).value as string
    const [h, p, s] = token.split('.')
    const header = JSON.parse(Buffer.from(h, 'base64url').toString())
    const jwk = jwks.keys.find(k => k.kid === header.kid)
    expect(jwk).toBeDefined()
    const ok = createVerify('RSA-SHA256')
      .update(`${h}.${p}`)
      .verify(createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), Buffer.from(s, 'base64url'))
    expect(ok).toBe(true)
  })

  it('refuses a request without the runner request token', async () => {
    const res = await rawRequest(emu.info, `${emu.info.oidcRequestUrl}&audience=x`, {
      headers: { authorization: 'Bearer nope' }
    })
    expect(res.status).toBe(401)
    expect(res.body).not.toContain('value')
  })
})

describe('Entra ID metadata', () => {
  it('serves instance discovery and the tenant OpenID configuration with the real issuer form', async () => {
    const tenant = emu.info.tenantId
    const disco = await rawRequest(
      emu.info,
      `https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`
    )
    const d = JSON.parse(disco.body)
    expect(d.tenant_discovery_endpoint).toBe(
      `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`
    )
    expect(d.metadata[0].aliases).toContain('login.windows.net')
    const cfg = JSON.parse((await rawRequest(emu.info, d.tenant_discovery_endpoint)).body)
    expect(cfg.issuer).toBe(`https://login.microsoftonline.com/${tenant}/v2.0`)
    expect(cfg.token_endpoint).toBe(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`)
    const keys = JSON.parse((await rawRequest(emu.info, cfg.jwks_uri)).body)
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' })
    expect(keys.keys[0].kid).toBe(keys.keys[0].x5t)
  })
})

describe('client assertion sign-in', () => {
  it('gets ARM and Managed HSM tokens for the app service principal', async () => {
    const out = await runClient<{ tokens: { scope: string; claims: Record<string, unknown> }[] }>(
      emu.info,
      'token',
      {
        scopes: ['https://management.azure.com/.default', 'https://managedhsm.azure.net/.default']
      }
    )
    const [armToken, hsmToken] = out.tokens
    for (const t of out.tokens) {
      expect(t.claims).toMatchObject({
        iss: `https://sts.windows.net/${emu.info.tenantId}/`,
        tid: emu.info.tenantId,
        oid: emu.info.principalId,
        appid: emu.info.clientId,
        idtyp: 'app'
      })
      expect((t.claims.exp as number) - (t.claims.iat as number)).toBe(3599)
    }
    expect(armToken.claims.aud).toBe('https://management.azure.com')
    expect(hsmToken.claims.aud).toBe('https://managedhsm.azure.net')
    expect(hsmToken.claims.xms_cc).toBeUndefined()
    // Every GitHub token fetch and token request is logged, and none counts as a write.
    const log = await emu.requests()
    const tokenPosts = log.filter(e => e.host === 'login.microsoftonline.com' && e.method === 'POST')
    expect(tokenPosts.length).toBeGreaterThanOrEqual(2)
    expect(tokenPosts.every(e => e.status === 200 && !e.write && e.callerOid === emu.info.principalId)).toBe(
      true
    )
  })

  it('marks CAE-capable tokens with xms_cc', async () => {
    const out = await runClient<{ tokens: { claims: Record<string, unknown> }[] }>(emu.info, 'token', {
      scopes: ['https://managedhsm.azure.net/.default'],
      cae: true
    })
    expect(out.tokens[0].claims.xms_cc).toEqual(['cp1'])
  })

  it('reports a subject that no federated credential matches (AADSTS700213)', async () => {
    const token = await requestTokenFor({ sub: 'repo:contoso/hsm-bootstrap:ref:refs/heads/feature' })
    const msg = await tokenError({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: token })
    expect(msg).toMatch(
      /AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso\/hsm-bootstrap:ref:refs\/heads\/feature'\. Check your federated identity credential Subject, Audience and Issuer/
    )
  })

  it('reports a subject that differs only in case (AADSTS7002138)', async () => {
    const token = await requestTokenFor({ sub: 'repo:Contoso/hsm-bootstrap:environment:production' })
    const msg = await tokenError({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: token })
    expect(msg).toMatch(
      /AADSTS7002138: .*matches with case-insensitive comparison, but not with case-sensitive comparison/
    )
  })

  it('reports an audience mismatch (AADSTS700212) and an issuer mismatch (AADSTS700211)', async () => {
    expect(await tokenError({}, { audience: 'api://SomethingElse' })).toMatch(
      /AADSTS700212: No matching federated identity record found for presented assertion audience 'api:\/\/SomethingElse'/
    )
    const other = '7f3e2d1c-0b9a-4e8d-9c7b-6a5f4e3d2c1b'
    await emu.control(`/apps/${other}`, {
      method: 'PUT',
      body: JSON.stringify({
        federatedCredentials: [
          { issuer: 'https://token.actions.githubusercontent.com/contoso', subject: emu.info.oidcSubject }
        ]
      })
    })
    expect(await tokenError({ EMU_CLIENT_ID: other })).toMatch(
      /AADSTS700211: No matching federated identity record found for presented assertion issuer 'https:\/\/token\.actions\.githubusercontent\.com'/
    )
  })

  it('signs in an app registered through the control API with its own principal', async () => {
    const clientId = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d'
    const principalId = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
    await emu.control(`/apps/${clientId}`, {
      method: 'PUT',
      body: JSON.stringify({
        principalId,
        federatedCredentials: [
          {
            issuer: 'https://token.actions.githubusercontent.com',
            subject: emu.info.oidcSubject,
            audiences: ['api://AzureADTokenExchange']
          }
        ]
      })
    })
    const out = await runClient<{ tokens: { claims: Record<string, unknown> }[] }>(
      emu.info,
      'token',
      { scopes: ['https://management.azure.com/.default'] },
      { EMU_CLIENT_ID: clientId }
    )
    expect(out.tokens[0].claims).toMatchObject({ appid: clientId, oid: principalId })
  })

  it('reports an unknown application (AADSTS700016)', async () => {
    expect(await tokenError({ EMU_CLIENT_ID: '11111111-2222-4333-8444-555555555555' })).toMatch(
      /AADSTS700016: Application with identifier '11111111-2222-4333-8444-555555555555' was not found in the directory 'Contoso'/
    )
  })

  it('reports an expired assertion (AADSTS700024)', async () => {
    await emu.setSettings({ oidcTokenLifetimeSeconds: -120 })
    try {
      const msg = await tokenError()
      expect(msg).toMatch(
        /AADSTS700024: Client assertion is not within its valid time range\. Current time: \d{4}-\d\d-\d\dT[\d:.]+Z, assertion valid from [\d\-T:.]+Z, expiry time of assertion [\d\-T:.]+Z\./
      )
    } finally {
      await emu.setSettings({ oidcTokenLifetimeSeconds: 300 })
    }
  })

  it("answers token errors in Entra's JSON shape", async () => {
    const form = new URLSearchParams({
      client_id: emu.info.clientId,
      scope: 'https://management.azure.com/.default',
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'not-a-jwt'
    })
    const res = await rawRequest(
      emu.info,
      `https://login.microsoftonline.com/${emu.info.tenantId}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': 'abc-123' },
        body: form.toString()
      }
    )
    expect(res.status).toBe(400)
    const body = JSON.parse(res.body)
    expect(Object.keys(body).sort()).toEqual(
      [
        'correlation_id',
        'error',
        'error_codes',
        'error_description',
        'error_uri',
        'timestamp',
        'trace_id'
      ].sort()
    )
    expect(body.error_codes).toEqual([50027])
    expect(body.correlation_id).toBe('abc-123')
    expect(body.error_description).toMatch(
      /^AADSTS50027: .* Trace ID: [0-9a-f-]{36} Correlation ID: abc-123 Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/
    )
  })

  it('requires a /.default scope', async () => {
    const msg = await tokenError({}, { scopes: ['https://management.azure.com/user_impersonation'] })
    expect(msg).toMatch(
      /AADSTS1002012: The provided value for scope https:\/\/management\.azure\.com\/user_impersonation is not valid/
    )
  })
})
