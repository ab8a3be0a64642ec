/**
 * Key Vault secrets at https://{vault}.vault.azure.net (an RBAC vault with soft delete, 90 days,
 * purge allowed). Enough of the data plane for `@azure/keyvault-secrets` SecretClient: set, get
 * (latest or a version), update properties, list secrets / versions / deleted secrets (paged),
 * delete (soft), get / purge / recover deleted secrets. Error codes and texts are Key Vault's where
 * public material shows them (see the emulator README for what is confirmed).
 *
 * This file is the route table. Requests are checked in request.ts, secrets live in secrets.ts and
 * deleted.ts, answers are shaped in wire.ts; the vaults themselves are kept by store.ts.
 */
import type { EmulatorContext, Service, ServiceModule } from '../../core/context.js'
import { answer } from '../../core/http.js'
import { defaultPrincipalId } from '../entra/apps.js'
import { listDeleted, getDeleted, purgeDeleted, recoverDeleted } from './deleted.js'
import { authenticate, badParameter, fail, kvHeaders, type KvRequest } from './request.js'
import { deleteSecret, getSecret, listSecrets, listVersions, setSecret, updateSecret } from './secrets.js'

import { DEMO_VAULT, handleKeyVaultControl, KeyVaultStore, KV_HOST } from './store.js'

declare module '../../core/context.js' {
  interface ServiceStores {
    /** Key Vault vaults and their secrets (store.ts). */
    vaults: KeyVaultStore
  }
  interface EmulatorInfo {
    /** The pre-created Key Vault, e.g. https://kv-skr-escrow.vault.azure.net (no trailing slash). */
    keyVaultUrl: string
  }
}

export { KV_HOST }

const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/

function methodNotAllowed(r: KvRequest): void {
  fail(r, 405, 'MethodNotAllowed', `The HTTP method '${r.ex.method}' is not supported for this path.`)
}

function route(r: KvRequest): void {
  // Keep the empty segment of "/secrets/{name}/" (the SDK's "latest version" form).
  const raw = r.ex.url.pathname.replace(/^\/+/, '').split('/').map(decodeURIComponent)
  const segs = raw.length > 2 && raw[raw.length - 1] === '' ? raw.slice(0, -1) : raw
  const collection = segs[0]?.toLowerCase()
  const method = r.ex.method
  const name = segs[1]
  if (name !== undefined && name !== '' && !SECRET_NAME.test(name))
    return badParameter(r, `The request URI contains an invalid name: ${name}`)

  if (collection === 'secrets') {
    if (segs.length === 1 || (segs.length === 2 && name === '')) {
      return method === 'GET' ? listSecrets(r) : methodNotAllowed(r)
    }
    if (segs.length === 2) {
      if (method === 'PUT') return setSecret(r, name)
      if (method === 'GET') return getSecret(r, name, '')
      if (method === 'DELETE') return deleteSecret(r, name)
      if (method === 'PATCH') return updateSecret(r, name, '')
      return methodNotAllowed(r)
    }
    if (segs.length === 3) {
      const third = segs[2]
      if (third.toLowerCase() === 'versions')
        return method === 'GET' ? listVersions(r, name) : methodNotAllowed(r)
      if (method === 'GET') return getSecret(r, name, third)
      if (method === 'PATCH') return updateSecret(r, name, third)
      return methodNotAllowed(r)
    }
  }
  if (collection === 'deletedsecrets') {
    if (segs.length === 1) return method === 'GET' ? listDeleted(r) : methodNotAllowed(r)
    if (segs.length === 2) {
      if (method === 'GET') return getDeleted(r, name)
      if (method === 'DELETE') return purgeDeleted(r, name)
      return methodNotAllowed(r)
    }
    if (segs.length === 3 && segs[2].toLowerCase() === 'recover')
      return method === 'POST' ? recoverDeleted(r, name) : methodNotAllowed(r)
  }
  fail(r, 404, 'NotFound', `The requested path '${r.ex.url.pathname}' is not supported by this emulator.`)
}

/** A vault's host "resolves" only while the vault exists in the emulator's state. */
export function vaultResolves(host: string, ctx: EmulatorContext): boolean {
  return ctx.vaults.byHost(host) !== undefined
}

export const keyVaultService: Service = {
  name: 'key-vault',
  handle(ex, ctx) {
    const vault = ctx.vaults.byHost(ex.host)
    if (!vault) {
      // The vault was removed while a connection was still open: as if the name stopped resolving.
      ex.res.destroy()
      return
    }
    const headers = kvHeaders(ex, vault.location)
    const caller = authenticate(ex, ctx, headers, vault.tenantId)
    if (!caller) return
    const apiVersion = ex.url.searchParams.get('api-version')
    const r: KvRequest = { ex, ctx, vault, caller, apiVersion: apiVersion ?? '', headers }
    if (!apiVersion) return badParameter(r, 'The api-version query parameter is missing.')
    route(r)
  }
}

export const keyVaultModule: ServiceModule = {
  name: 'key-vault',
  routes: [{ match: host => KV_HOST.test(host), service: keyVaultService, resolves: vaultResolves }],
  open(ctx) {
    ctx.vaults = KeyVaultStore.open(ctx.stateDir, defaultPrincipalId(ctx.state))
  },
  info: () => ({ keyVaultUrl: `https://${DEMO_VAULT}.vault.azure.net` }),
  control: r => handleKeyVaultControl(r.ctx, r.method, r.path, r.body, r.res),
  /** GET /_emulator/peek/secrets/{vault}/{name}: {name, version, value, contentType?, tags?, enabled}. */
  peek(ctx, [kind, vaultName, name, ...rest], res) {
    if (kind !== 'secrets' || name === undefined || rest.length) return false
    const secret = ctx.vaults.get(vaultName)?.secrets[name.toLowerCase()]
    const current = secret?.versions.at(-1)
    if (!secret || !current) return answer(res, 404, { error: `no secret '${name}' in vault '${vaultName}'` })
    return answer(res, 200, {
      name: secret.name,
      version: current.version,
      value: current.value,
      contentType: current.contentType,
      tags: current.tags,
      enabled: current.attributes.enabled
    })
  }
}
