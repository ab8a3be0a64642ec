/**
 * The Key Vault secret wire format: attributes, SecretBundle, SecretItem, deleted-secret answers, and
 * the paged lists (maxresults, an opaque $skiptoken).
 */
import { isRecord } from '../../core/http.js'
import {
  RETENTION_DAYS,
  vaultUrl,
  type DeletedSecretRecord,
  type SecretAttributes,
  type SecretRecord,
  type SecretVersion
} from './store.js'
import { badParameter, type KvRequest } from './request.js'

const MAX_RESULTS = 25
const RECOVERY_LEVEL = 'Recoverable+Purgeable'

function attributesJson(a: SecretAttributes): Record<string, unknown> {
  return {
    enabled: a.enabled,
    ...(a.nbf !== undefined ? { nbf: a.nbf } : {}),
    ...(a.exp !== undefined ? { exp: a.exp } : {}),
    created: a.created,
    updated: a.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays: RETENTION_DAYS
  }
}

const secretId = (r: KvRequest, s: SecretRecord, v?: SecretVersion): string =>
  `${vaultUrl(r.vault)}/secrets/${s.name}${v ? `/${v.version}` : ''}`

export const latest = (s: SecretRecord): SecretVersion => s.versions[s.versions.length - 1]

/** SecretBundle; `withValue` false for update/recover answers. */
export function bundle(
  r: KvRequest,
  s: SecretRecord,
  v: SecretVersion,
  withValue = true
): Record<string, unknown> {
  return {
    ...(withValue ? { value: v.value } : {}),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    id: secretId(r, s, v),
    attributes: attributesJson(v.attributes),
    ...(v.tags ? { tags: v.tags } : {})
  }
}

/** SecretItem (lists): no value; `id` without a version for /secrets, with one for /versions. */
export function item(
  r: KvRequest,
  s: SecretRecord,
  v: SecretVersion,
  versioned: boolean
): Record<string, unknown> {
  return {
    id: secretId(r, s, versioned ? v : undefined),
    attributes: attributesJson(v.attributes),
    ...(v.tags ? { tags: v.tags } : {}),
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {})
  }
}

export function deletedJson(r: KvRequest, d: DeletedSecretRecord, asItem: boolean): Record<string, unknown> {
  const v = latest(d.secret)
  return {
    recoveryId: `${vaultUrl(r.vault)}/deletedsecrets/${d.secret.name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    ...(asItem ? item(r, d.secret, v, false) : bundle(r, d.secret, v, false))
  }
}

// ---- paging ------------------------------------------------------------------------------

/** `maxresults` (1..25, default 25) and the opaque `$skiptoken` (base64url JSON, like Key Vault's). */
export function page<T>(
  r: KvRequest,
  all: T[],
  path: string
): { value: T[]; nextLink: string | null } | undefined {
  const raw = r.ex.url.searchParams.get('maxresults')
  const max = raw === null ? MAX_RESULTS : Number(raw)
  if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    badParameter(r, `The value of the maxresults parameter must be between 1 and ${MAX_RESULTS}.`)
    return undefined
  }
  let start = 0
  const token = r.ex.url.searchParams.get('$skiptoken')
  if (token) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
      start = isRecord(parsed) ? Number(parsed.NextMarker) : NaN
    } catch {
      start = NaN
    }
    if (!Number.isInteger(start) || start < 0) {
      badParameter(r, 'The $skiptoken parameter is invalid.')
      return undefined
    }
  }
  const value = all.slice(start, start + max)
  const next = start + max
  if (next >= all.length) return { value, nextLink: null }
  const skip = Buffer.from(JSON.stringify({ NextMarker: String(next), TargetLocation: 0 })).toString(
    'base64url'
  )
  const params = new URLSearchParams({ 'api-version': r.apiVersion })
  const nextLink = `${vaultUrl(r.vault)}:443${path}?${params.toString()}&$skiptoken=${skip}&maxresults=${max}`
  return { value, nextLink }
}
