/**
 * The Managed HSM key wire format: key ids, bundles, list items and deleted-key bundles as the service
 * answers them, its paged lists, and the KeyNotFound answer of a key lookup.
 */
import { collapse, fail, hsmOrigin, reply } from '../common.js'
import type { AreaRequest } from '../area.js'
import type { HsmData, KeyAttributesRecord, KeyRecord, KeyVersionRecord } from '../store.js'

export function keyId(r: AreaRequest, name: string, version?: string): string {
  return `${hsmOrigin(r)}/keys/${name}${version ? `/${version}` : ''}`
}

export function attributesJson(r: AreaRequest, a: KeyAttributesRecord): Record<string, unknown> {
  const p = r.hsm.properties
  return {
    enabled: a.enabled,
    ...(a.nbf !== undefined ? { nbf: a.nbf } : {}),
    ...(a.exp !== undefined ? { exp: a.exp } : {}),
    exportable: a.exportable,
    created: a.created,
    updated: a.updated,
    recoverableDays: p.softDeleteRetentionInDays,
    recoveryLevel: p.enablePurgeProtection ? 'CustomizedRecoverable' : 'CustomizedRecoverable+Purgeable'
  }
}

export function publicKeyJson(r: AreaRequest, key: KeyRecord, v: KeyVersionRecord): Record<string, unknown> {
  return { kid: keyId(r, key.name, v.version), kty: v.kty, key_ops: v.keyOps, ...v.publicJwk }
}

export function bundleJson(r: AreaRequest, key: KeyRecord, v: KeyVersionRecord): Record<string, unknown> {
  return {
    key: publicKeyJson(r, key, v),
    attributes: attributesJson(r, v.attributes),
    ...(Object.keys(v.tags).length ? { tags: v.tags } : {}),
    ...(v.releasePolicy ? { release_policy: v.releasePolicy } : {})
  }
}

export const releaseAttributesJson = attributesJson

export function deletedBundleJson(
  r: AreaRequest,
  rec: { key: KeyRecord; deletedDate: number; scheduledPurgeDate: number }
): Record<string, unknown> {
  const latest = rec.key.versions[rec.key.versions.length - 1]
  return {
    recoveryId: `${hsmOrigin(r)}/deletedkeys/${rec.key.name}`,
    deletedDate: rec.deletedDate,
    scheduledPurgeDate: rec.scheduledPurgeDate,
    ...bundleJson(r, rec.key, latest)
  }
}

export function itemJson(
  r: AreaRequest,
  key: KeyRecord,
  v: KeyVersionRecord,
  versioned: boolean
): Record<string, unknown> {
  return {
    kid: keyId(r, key.name, versioned ? v.version : undefined),
    attributes: attributesJson(r, v.attributes),
    ...(Object.keys(v.tags).length ? { tags: v.tags } : {})
  }
}

/** `{value, nextLink}` with `maxresults` (1..25, default 25) and a `$skiptoken`. */
export function page(r: AreaRequest, items: Record<string, unknown>[]): void {
  const params = r.ex.url.searchParams
  const max = Math.min(25, Math.max(1, Number(params.get('maxresults') ?? '') || 25))
  const skip = Math.max(0, Number(params.get('$skiptoken') ?? '') || 0)
  const value = items.slice(skip, skip + max)
  let nextLink: string | null = null
  if (skip + max < items.length) {
    const next = new URL(`${hsmOrigin(r)}${collapse(r.ex.url.pathname)}`)
    next.searchParams.set('api-version', r.apiVersion)
    next.searchParams.set('$skiptoken', String(skip + max))
    next.searchParams.set('maxresults', String(max))
    nextLink = next.toString()
  }
  reply(r, 200, { value, nextLink })
}

// ---------------------------------------------------------------------------------------------
// Validation

export const keyNotFound = (r: AreaRequest, name: string): void =>
  fail(
    r,
    404,
    'KeyNotFound',
    `A key with (name/id) ${name} was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`
  )

export function findVersion(
  r: AreaRequest,
  data: HsmData,
  name: string,
  version?: string
): { key: KeyRecord; v: KeyVersionRecord } | undefined {
  const key = data.keys[name.toLowerCase()]
  const v =
    key &&
    (version
      ? key.versions.find(x => x.version.toLowerCase() === version.toLowerCase())
      : key.versions[key.versions.length - 1])
  if (!key || !v) {
    keyNotFound(r, version ? `${name}/${version}` : name)
    return undefined
  }
  return { key, v }
}
