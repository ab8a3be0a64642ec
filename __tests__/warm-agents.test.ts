/**
 * Pre-connect (src/shared/warm-agents.ts, src/shared/connections.ts): a connection opened ahead is handed to the
 * first request to its host that needs one, once; a failed pre-connect leaves the request to open its own; and the
 * SDK's proxy rule (NO_PROXY included) picks the agent, so a bypassed host is pre-connected directly. Against a
 * local TLS server (a certificate from the emulator's CA) and a local CONNECT proxy in front of it: no network.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { connect as netConnect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createEmptyPipeline,
  createPipelineRequest,
  proxyPolicy,
  type Pipeline
} from '@azure/core-rest-pipeline'
import { CertificateAuthority } from '../emulator/core/ca.js'
import { Connections } from '../src/shared/connections.js'

const dir = mkdtempSync(join(tmpdir(), 'warm-agents-'))
let server: HttpsServer
let proxy: Server
let serverPort = 0
let proxyUrl = ''
let ca = ''
/** TLS sessions the server completed, and requests it answered, in order, with the host each named. */
let events: string[] = []
/** CONNECT targets to refuse once (502), as a proxy that cannot reach the host at that moment would. */
const refuseOnce = new Set<string>()
/** Every socket the server and the proxy hold: ended after the tests (kept-alive ones would hold the close). */
const held = new Set<{ destroy(): void }>()

beforeAll(async () => {
  const authority = await CertificateAuthority.open(dir)
  ca = readFileSync(authority.certPath, 'utf8')
  server = createHttpsServer(
    { SNICallback: (name, cb) => cb(null, authority.secureContext(name)) },
    (req, res) => {
      events.push(`request ${req.headers.host?.replace(/:\d+$/, '')}`)
      res.end('ok')
    }
  )
  server.on('connection', socket => held.add(socket))
  server.on('secureConnection', socket => events.push(`session ${socket.servername || '?'}`))
  server.listen(0)
  await once(server, 'listening')
  serverPort = (server.address() as AddressInfo).port
  proxy = createHttpServer()
  proxy.on('connect', (req, socket, head) => {
    held.add(socket)
    const target = req.url ?? ''
    events.push(`CONNECT ${target.replace(/:\d+$/, '')}`)
    if (refuseOnce.delete(target)) return socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    const upstream = netConnect(serverPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(socket).pipe(upstream)
    })
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  proxy.listen(0, '127.0.0.1')
  await once(proxy, 'listening')
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const socket of held) socket.destroy()
  await Promise.all([new Promise(r => server.close(r)), new Promise(r => proxy.close(r))])
  rmSync(dir, { recursive: true, force: true })
})

/** A run's connections with this proxy, NO_PROXY=localhost, trusting the test CA; and a pipeline like the SDK's. */
function setUp(): { connections: Connections; pipeline: Pipeline } {
  events = []
  const connections = new Connections({ HTTPS_PROXY: proxyUrl, NO_PROXY: 'localhost' }, { ca })
  const pipeline = createEmptyPipeline()
  pipeline.addPolicy(
    proxyPolicy(
      { host: 'http://127.0.0.1', port: Number(new URL(proxyUrl).port) },
      { customNoProxyList: ['localhost'] }
    )
  )
  return { connections, pipeline }
}

/** Waits (up to 2 s) until `done` holds: the server logs a TLS session a moment after the client has it. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await done()); i++) await new Promise(r => setTimeout(r, 20))
}

const sessions = () => events.filter(e => e.startsWith('session')).length
const serverConnections = () => new Promise<number>(r => server.getConnections((_e, n) => r(n)))

async function get(c: { connections: Connections; pipeline: Pipeline }, host: string): Promise<number> {
  const url = `https://${host}:${serverPort}/`
  const res = await c.pipeline.sendRequest(c.connections.httpClient(), createPipelineRequest({ url }))
  return res.status
}

describe('pre-connect', () => {
  it('through the proxy: the connection opened ahead carries the first request, then stays alive', async () => {
    const c = setUp()
    await c.connections.preconnect([{ url: `https://warm.example:${serverPort}` }])
    await until(() => sessions() === 1)
    expect(events).toEqual(['CONNECT warm.example', 'session warm.example'])
    expect(await get(c, 'warm.example')).toBe(200)
    expect(await get(c, 'warm.example')).toBe(200)
    expect(events).toEqual([
      'CONNECT warm.example',
      'session warm.example',
      'request warm.example',
      'request warm.example'
    ])
    c.connections.close()
  })

  it('hands a warm connection out once: a second request at the same time opens its own', async () => {
    const c = setUp()
    await c.connections.preconnect([{ url: `https://once.example:${serverPort}` }])
    await Promise.all([get(c, 'once.example'), get(c, 'once.example')])
    expect(events.filter(e => e.startsWith('CONNECT'))).toEqual([
      'CONNECT once.example',
      'CONNECT once.example'
    ])
    expect(events.filter(e => e.startsWith('request'))).toHaveLength(2)
    c.connections.close()
  })

  it('a request that comes while its pre-connect is under way waits for it rather than opening another', async () => {
    const c = setUp()
    const opening = c.connections.preconnect([{ url: `https://early.example:${serverPort}` }])
    expect(await get(c, 'early.example')).toBe(200)
    await opening
    expect(events).toEqual(['CONNECT early.example', 'session early.example', 'request early.example'])
    c.connections.close()
  })

  it('a failed pre-connect (the proxy refuses the CONNECT) leaves the request to open its own', async () => {
    const c = setUp()
    refuseOnce.add(`refused.example:${serverPort}`)
    await c.connections.preconnect([{ url: `https://refused.example:${serverPort}` }])
    expect(events).toEqual(['CONNECT refused.example'])
    expect(await get(c, 'refused.example')).toBe(200)
    expect(events).toEqual([
      'CONNECT refused.example',
      'CONNECT refused.example',
      'session refused.example',
      'request refused.example'
    ])
    c.connections.close()
  })

  it('a host NO_PROXY names is pre-connected directly, and its request (sent directly by the SDK) takes it', async () => {
    const c = setUp()
    await c.connections.preconnect([{ url: `https://localhost:${serverPort}` }])
    await until(() => sessions() === 1)
    expect(events).toEqual(['session localhost'])
    expect(await get(c, 'localhost')).toBe(200)
    expect(await get(c, 'localhost')).toBe(200)
    expect(events).toEqual(['session localhost', 'request localhost', 'request localhost'])
    c.connections.close()
  })

  it('a direct pre-connect that fails (nothing listens there) leaves the request to connect as usual', async () => {
    const c = setUp()
    const closed = createHttpServer().listen(0)
    await once(closed, 'listening')
    const deadPort = (closed.address() as AddressInfo).port
    await new Promise(r => closed.close(r))
    await c.connections.preconnect([{ url: `https://localhost:${deadPort}` }])
    expect(events).toEqual([])
    // The failure is not kept as a connection: the host's request opens a fresh one (here refused as well).
    await expect(
      c.pipeline.sendRequest(
        c.connections.httpClient(),
        createPipelineRequest({ url: `https://localhost:${deadPort}/` })
      )
    ).rejects.toThrow(/ECONNREFUSED/)
    c.connections.close()
  })

  it("a request waiting for its token opens a connection ahead, to the run's own hosts only", async () => {
    const c = setUp()
    // Two requests held before the "token" (a policy after the pre-connect one), as a wave of reads is.
    let release: () => void = () => undefined
    const token = new Promise<void>(r => (release = r))
    c.pipeline.addPolicy({ name: 'token', sendRequest: async (req, next) => (await token, next(req)) })
    c.pipeline.addPolicy(c.connections.policy(), { phase: 'Serialize' })
    await c.connections.preconnect([{ url: `https://wave.example:${serverPort}` }])
    const wave = [get(c, 'wave.example'), get(c, 'wave.example'), get(c, 'other.example')]
    // The run's host gets a second connection while both wait; a host from elsewhere (an answer's link) none.
    await until(() => sessions() === 2)
    await new Promise(r => setTimeout(r, 100))
    expect(events.sort()).toEqual([
      'CONNECT wave.example',
      'CONNECT wave.example',
      'session wave.example',
      'session wave.example'
    ])
    release()
    expect(await Promise.all(wave)).toEqual([200, 200, 200])
    expect(events.filter(e => e.startsWith('CONNECT')).sort()).toEqual([
      'CONNECT other.example',
      'CONNECT wave.example',
      'CONNECT wave.example'
    ])
    c.connections.close()
  })

  it('close() ends the connections no request took', async () => {
    const c = setUp()
    await c.connections.preconnect([{ url: `https://unused.example:${serverPort}`, count: 2 }])
    await until(() => sessions() === 2)
    expect(events.sort()).toEqual([
      'CONNECT unused.example',
      'CONNECT unused.example',
      'session unused.example',
      'session unused.example'
    ])
    const before = await serverConnections()
    c.connections.close()
    await until(async () => before - (await serverConnections()) === 2)
    const after = await serverConnections()
    expect(before - after).toBe(2)
  })
})
