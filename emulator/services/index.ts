/**
 * The host table: which service answers which host name. Add a row to emulate another Azure
 * host (e.g. *.vault.azure.net, *.blob.core.windows.net). Hosts not listed here are refused at
 * CONNECT with 502, as a proxy does when it cannot reach a host.
 */
import type { HostRoute } from '../core/context.js'
import { ARM_HOST } from './arm/common.js'
import { armService } from './arm/index.js'
import { attestationService, isMaaHost } from './attestation/index.js'
import { BLOB_HOST, blobResolves, blobService } from './blob/index.js'
import { entraService, LOGIN_HOST } from './entra/index.js'
import { githubOidcService, OIDC_REQUEST_HOST } from './github-oidc/index.js'
import { GRAPH_HOST, graphService } from './graph/index.js'
import { KV_HOST, keyVaultService, vaultResolves } from './key-vault/index.js'
import { managedHsmService, mhsmResolves, MHSM_HOST } from './managed-hsm/index.js'

const exact = (name: string) => (host: string) => host === name

export const HOST_ROUTES: HostRoute[] = [
  { match: exact(LOGIN_HOST), service: entraService },
  { match: exact(ARM_HOST), service: armService },
  { match: exact(GRAPH_HOST), service: graphService },
  { match: host => MHSM_HOST.test(host), service: managedHsmService, resolves: mhsmResolves },
  { match: exact('token.actions.githubusercontent.com'), service: githubOidcService },
  { match: exact(OIDC_REQUEST_HOST), service: githubOidcService },
  // Microsoft Azure Attestation shared providers: shared{abbr}.{abbr}.attest.azure.net
  { match: isMaaHost, service: attestationService },
  // Key Vault vaults ({vault}.vault.azure.net) and storage accounts (Azurite behind the proxy).
  { match: host => KV_HOST.test(host), service: keyVaultService, resolves: vaultResolves },
  { match: host => BLOB_HOST.test(host), service: blobService, resolves: blobResolves }
]

export function findRoute(host: string): HostRoute | undefined {
  return HOST_ROUTES.find(r => r.match(host.toLowerCase()))
}
