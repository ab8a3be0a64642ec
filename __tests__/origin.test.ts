/**
 * Where the action sends a token: a client's own origin only (azure/origin.ts), and an HSM's data plane only
 * at `https://{name}.{suffix}/` whatever ARM names as its URI (azure/managed-hsm-arm.ts isHsmUri).
 */
import { describe, expect, it } from '@jest/globals'
import {
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type PipelineRequest
} from '@azure/core-rest-pipeline'
import { ForeignOriginError, keepToOrigin } from '../src/azure/origin.js'
import { isHsmUri } from '../src/azure/managed-hsm-arm.js'

/** A pipeline with the policy and a transport that records what it was asked to send. */
function pipelineTo(origin: string): { send: (url: string) => Promise<number>; sent: string[] } {
  const sent: string[] = []
  const pipeline = createEmptyPipeline()
  keepToOrigin(pipeline, origin)
  const client: HttpClient = {
    sendRequest: async (request: PipelineRequest) => {
      sent.push(request.url)
      return { request, status: 200, headers: createHttpHeaders() }
    }
  }
  const send = async (url: string) =>
    (await pipeline.sendRequest(client, createPipelineRequest({ url, method: 'GET' }))).status
  return { send, sent }
}

describe('keepToOrigin', () => {
  it("sends what stays on the client's origin", async () => {
    const p = pipelineTo('https://management.azure.com')
    await expect(p.send('https://management.azure.com/subscriptions?api-version=1')).resolves.toBe(200)
    await expect(p.send('https://MANAGEMENT.azure.com:443/x')).resolves.toBe(200)
    expect(p.sent).toHaveLength(2)
  })

  it.each([
    'https://evil.example/operations/1',
    'https://management.azure.com.evil.example/x',
    'http://management.azure.com/x',
    'https://management.azure.com:8443/x',
    'https://login.microsoftonline.com/x'
  ])('refuses %s, naming it, and sends nothing', async url => {
    const p = pipelineTo('https://management.azure.com')
    const refused = p.send(url)
    await expect(refused).rejects.toBeInstanceOf(ForeignOriginError)
    await expect(refused).rejects.toThrow(`refused to send a request to ${url}`)
    expect(p.sent).toEqual([])
  })
})

describe('isHsmUri', () => {
  const suffix = 'managedhsm.azure.net'
  it.each([
    ['https://hsm-1.managedhsm.azure.net/', true],
    ['https://hsm-1.managedhsm.azure.net', true],
    ['https://HSM-1.managedhsm.azure.net/', true],
    ['https://hsm-2.managedhsm.azure.net/', false],
    ['https://hsm-1.managedhsm.azure.net.evil.example/', false],
    ['https://evil.example/hsm-1.managedhsm.azure.net/', false],
    ['http://hsm-1.managedhsm.azure.net/', false],
    ['https://hsm-1.managedhsm.azure.net:443/', false],
    ['https://user@hsm-1.managedhsm.azure.net/', false],
    ['https://hsm-1.managedhsm.azure.net/keys', false],
    ['https://hsm-1.managedhsm.azure.net/?x=1', false],
    ['https://hsm-1.managedhsm.azure.net/#x', false],
    ['https://hsm-1.managedhsm.usgovcloudapi.net/', false],
    ['not a url', false]
  ])('%s: %s', (uri, ok) => {
    expect(isHsmUri(uri, 'hsm-1', suffix)).toBe(ok)
  })
  it('follows the cloud', () => {
    expect(
      isHsmUri('https://hsm-1.managedhsm.usgovcloudapi.net/', 'hsm-1', 'managedhsm.usgovcloudapi.net')
    ).toBe(true)
  })
})
