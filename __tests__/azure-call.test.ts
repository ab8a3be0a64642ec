/**
 * azure/call.ts: how a failed call becomes an AzureOperationError a person can act on, whatever shape the SDK
 * gave it (a RestError with or without a parsed body, a plain Error), and the hints that go with it.
 */
import { describe, expect, it } from '@jest/globals'
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineResponse
} from '@azure/core-rest-pipeline'
import { absentOn404, asAzureError, authorizationHint, azureCall, statusOf } from '../src/azure/call.js'
import { AzureOperationError } from '../src/shared/errors.js'

const URL_ = 'https://contoso.managedhsm.azure.net/keys/k'

function restError(
  status: number,
  body: string,
  headers: Record<string, string> = {},
  requestHeaders: Record<string, string> = {}
): RestError {
  const request = createPipelineRequest({ url: URL_, headers: createHttpHeaders(requestHeaders) })
  const response: PipelineResponse = {
    status,
    headers: createHttpHeaders(headers),
    bodyAsText: body,
    request
  }
  return new RestError(`answered ${status}`, { statusCode: status, request, response })
}

const details = (e: Error) => (e as AzureOperationError).details

describe('asAzureError', () => {
  it("reads Azure's code and message from the answer's text when the SDK parsed no details", () => {
    const e = asAzureError(
      'Managed HSM',
      'read key k',
      restError(409, '{"error":{"code":"Conflict","message":"the key is being deleted"}}', {
        'x-ms-request-id': 'rid-1'
      })
    )
    expect(details(e)).toMatchObject({ status: 409, code: 'Conflict', requestId: 'rid-1' })
    expect(e.message).toContain('the key is being deleted')
  })

  it("falls back to the client's request id, and to the SDK's message when the answer says nothing", () => {
    const e = asAzureError(
      'Managed HSM',
      'read key k',
      restError(400, 'not json', {}, { 'x-ms-client-request-id': 'client-7' })
    )
    expect(details(e)).toMatchObject({ status: 400, requestId: 'client-7' })
    expect(e.message).toContain('answered 400')
  })

  it('gives a refused token, a missing permission and an outage each their own default hint', () => {
    const hintFor = (status: number) =>
      details(
        asAzureError(
          'ARM',
          'read',
          restError(status, '{"error":{"code":"X","message":"m"}}', { 'x-ms-request-id': 'r' })
        )
      ).hint
    expect(hintFor(401)).toMatch(/access token was refused; check tenant-id/)
    expect(hintFor(403)).toMatch(/lacks permission for this operation/)
    expect(hintFor(503)).toMatch(/ARM kept failing after retries; rerun the job later/)
    expect(hintFor(400)).toBeUndefined()
  })

  it("asks a hint function with Azure's code and status, and a plain Error keeps its message", () => {
    const seen: unknown[] = []
    const hint = (code: string | undefined, status: number | undefined) => {
      seen.push([code, status])
      return code === 'Forbidden' ? 'grant the role' : undefined
    }
    const e = asAzureError(
      'Key Vault',
      'write secret',
      restError(403, '{"error":{"code":"Forbidden","message":"no"}}', { 'x-ms-request-id': 'r' }),
      hint
    )
    expect(details(e).hint).toBe('grant the role')
    expect(seen).toEqual([['Forbidden', 403]])
    const plain = asAzureError('Blob storage', 'read blob', new Error('stream ended early'), 'check the URL')
    expect(plain).toBeInstanceOf(AzureOperationError)
    expect(details(plain)).toMatchObject({
      service: 'Blob storage',
      operation: 'read blob',
      hint: 'check the URL'
    })
    expect(plain.message).toContain('stream ended early')
  })

  it('passes an AzureOperationError through unchanged', () => {
    const first = asAzureError('ARM', 'read', new Error('x'))
    expect(asAzureError('other', 'other', first)).toBe(first)
  })
})

describe('statusOf and absentOn404', () => {
  it('reads the status of an AzureOperationError, a RestError, and none of anything else', () => {
    expect(statusOf(asAzureError('ARM', 'read', restError(404, '', { 'x-ms-request-id': 'r' })))).toBe(404)
    expect(statusOf(restError(429, ''))).toBe(429)
    expect(statusOf(new Error('x'))).toBeUndefined()
  })

  it('turns 404 into undefined and passes every other failure on', async () => {
    expect(await absentOn404(async () => Promise.reject(restError(404, '')))).toBeUndefined()
    expect(await absentOn404(async () => 'there')).toBe('there')
    await expect(
      absentOn404(async () => Promise.reject(restError(500, 'x', { 'x-ms-request-id': 'r' })))
    ).rejects.toThrow(/answered 500/)
  })

  it('azureCall names the service and operation of what failed', async () => {
    await expect(
      azureCall('Managed HSM', 'create key k', async () => {
        throw restError(400, '{"error":{"code":"BadParameter","message":"bad size"}}', {
          'x-ms-request-id': 'r'
        })
      })
    ).rejects.toMatchObject({
      details: { service: 'Managed HSM', operation: 'create key k', code: 'BadParameter' }
    })
  })
})

describe('authorizationHint', () => {
  const refused = (scope: string) =>
    `The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.KeyVault/managedHSMs/write' over scope '${scope}' or the scope is invalid.`

  it('names the subscription-scope custom role for a refusal at subscription scope', () => {
    const hint = authorizationHint(refused('/subscriptions/00000000-0000-0000-0000-000000000000'))
    expect(hint).toMatch(/may not perform Microsoft\.KeyVault\/managedHSMs\/write at subscription scope/)
    expect(hint).toMatch(/Managed HSM SKR subscription operator/)
  })

  it('names the scope and the permissions table for any other scope', () => {
    const scope =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/h'
    expect(authorizationHint(refused(scope))).toMatch(
      new RegExp(`at ${scope.replace(/[./]/g, '\\$&')}: assign the role`)
    )
  })

  it('says nothing when the message has no action of the expected shape', () => {
    expect(authorizationHint('AuthorizationFailed: no details')).toBeUndefined()
    expect(authorizationHint(refused('not a scope'))).toBeUndefined()
  })
})

describe('a data plane that refuses the runner for its network', () => {
  const refusal = (inner: string) =>
    restError(
      403,
      JSON.stringify({
        error: {
          code: 'Forbidden',
          message: 'Client address is not authorized …',
          innererror: { code: inner }
        }
      }),
      { 'x-ms-request-id': 'r-1' }
    )

  it('says what to do: the HSM’s own inputs, or the store’s network rules', () => {
    expect(details(asAzureError('Managed HSM', 'read keys', refusal('ForbiddenByFirewall'))).hint).toContain(
      "jit-runner-access: 'true'"
    )
    expect(details(asAzureError('Key Vault', 'read secret', refusal('ForbiddenByFirewall'))).hint).toContain(
      "allow it in that resource's network rules"
    )
    expect(
      details(asAzureError('Managed HSM', 'read keys', refusal('ForbiddenByConnection'))).hint
    ).toContain('public network access of the HSM is Disabled')
  })
})
