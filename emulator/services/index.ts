/**
 * The host table: which service answers which host name. Add a row to emulate another Azure
 * host (e.g. *.vault.azure.net, *.blob.core.windows.net). Hosts not listed here are refused at
 * CONNECT with 502, as a proxy does when it cannot reach a host.
 */
import type { HostRoute } from '../context.js'
import { ARM_HOST } from './arm-common.js'
import { armService } from './arm.js'
import { entraService, LOGIN_HOST } from './entra.js'
import { githubOidcService, OIDC_REQUEST_HOST } from './github-oidc.js'
import { managedHsmService, mhsmResolves, MHSM_HOST } from './managed-hsm/index.js'

const exact = (name: string) => (host: string) => host === name

export const HOST_ROUTES: HostRoute[] = [
  { match: exact(LOGIN_HOST), service: entraService },
  { match: exact(ARM_HOST), service: armService },
  { match: host => MHSM_HOST.test(host), service: managedHsmService, resolves: mhsmResolves },
  { match: exact('token.actions.githubusercontent.com'), service: githubOidcService },
  { match: exact(OIDC_REQUEST_HOST), service: githubOidcService }
]

export function findRoute(host: string): HostRoute | undefined {
  return HOST_ROUTES.find(r => r.match(host.toLowerCase()))
}
