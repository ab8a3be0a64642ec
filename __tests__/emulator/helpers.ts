/**
 * Helpers for the emulator tests: run Microsoft's clients in a child process with the proxy
 * environment, and speak raw HTTPS through the proxy from the test process (CA passed explicitly,
 * since NODE_EXTRA_CA_CERTS only counts at process start).
 */
import { readFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import type { EmulatorInfo } from '../../emulator/testing.js'
import { callClient } from '../../scripts/client-pool.js'

const CLIENT = join(process.cwd(), '__tests__', 'emulator', 'clients', 'azure-client.mjs')

/** The environment the action gets: only the proxy, the CA and the runner's OIDC variables. */
export function clientEnv(info: EmulatorInfo, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    HTTPS_PROXY: info.proxy,
    NODE_EXTRA_CA_CERTS: info.caCert,
    ACTIONS_ID_TOKEN_REQUEST_URL: info.oidcRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: info.oidcRequestToken,
    EMU_TENANT_ID: info.tenantId,
    EMU_CLIENT_ID: info.clientId,
    EMU_SUBSCRIPTION_ID: info.subscriptionId,
    EMU_PRINCIPAL_ID: info.principalId,
    EMU_RESOURCE_GROUP: info.resourceGroup,
    EMU_LOCATION: info.location,
    ...extra
  }
}

/** Runs a command of clients/azure-client.mjs and returns its JSON result (scripts/client-pool.ts). */
export function runClient<T = Record<string, unknown>>(
  info: EmulatorInfo,
  command: string,
  args: Record<string, unknown> = {},
  env: Record<string, string> = {}
): Promise<T> {
  return callClient<T>(CLIENT, clientEnv(info, env), command, args)
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** One HTTPS request through the proxy's CONNECT tunnel; a refused CONNECT yields its status. */
export function rawRequest(
  info: EmulatorInfo,
  url: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    /** The proxy user the CONNECT names (the network the request comes from: the emulator's callerAddresses). */
    proxyUser?: string
  } = {}
): Promise<RawResponse> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const connect = httpRequest({
      host: '127.0.0.1',
      port: info.port,
      method: 'CONNECT',
      path: `${u.hostname}:443`,
      ...(init.proxyUser
        ? {
            headers: {
              'proxy-authorization': `Basic ${Buffer.from(`${init.proxyUser}:x`).toString('base64')}`
            }
          }
        : {})
    })
    connect.on('error', reject)
    connect.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy()
        return resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' })
      }
      const tls = tlsConnect({ socket, servername: u.hostname, ca: readFileSync(info.caCert) })
      tls.on('error', reject)
      const req = httpsRequest(
        {
          host: u.hostname,
          path: u.pathname + u.search,
          method: init.method ?? 'GET',
          headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
          createConnection: () => tls
        },
        response => {
          let body = ''
          response.setEncoding('utf8')
          response.on('data', (d: string) => (body += d))
          response.on('end', () => {
            tls.destroy()
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
          })
        }
      )
      req.on('error', reject)
      req.end(init.body)
    })
    connect.end()
  })
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>
}

export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))
