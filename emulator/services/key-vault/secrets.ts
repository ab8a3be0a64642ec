/**
 * Secrets: set (a new version), get (latest or a version), update properties, delete (soft), and
 * the secret and version lists, with Key Vault's limits and error texts.
 */
import { randomBytes } from 'node:crypto'
import { isRecord, parseJsonBody } from '../../core/http.js'
import {
  RETENTION_DAYS,
  type DeletedSecretRecord,
  type SecretAttributes,
  type SecretRecord,
  type SecretVersion
} from './store.js'
import { authorize, badParameter, fail, nowSeconds, reply, type KvRequest } from './request.js'
import { bundle, deletedJson, item, latest, page } from './wire.js'

/** Confirmed: "Secret is beyond the maximum permitted length of 25600 characters." */
export const MAX_SECRET_LENGTH = 25600
const MAX_TAGS = 15
const MAX_TAG_NAME = 512
const MAX_TAG_VALUE = 256
const MAX_CONTENT_TYPE = 255
const VERSION = /^[0-9a-f]{32}$/i

const PROPERTY_INVALID = 'Property has invalid value\r\n'

function parseBody(r: KvRequest): Record<string, unknown> | undefined {
  const body = parseJsonBody(r.ex.body)
  if (body instanceof Error || !isRecord(body)) {
    badParameter(r, 'The request body is not a valid JSON object.')
    return undefined
  }
  return body
}

function checkTags(tags: unknown): Record<string, string> | undefined | false {
  if (tags === undefined || tags === null) return undefined
  if (!isRecord(tags)) return false
  const entries = Object.entries(tags)
  if (entries.length > MAX_TAGS) return false
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || k.length > MAX_TAG_NAME || v.length > MAX_TAG_VALUE) return false
  }
  return tags as Record<string, string>
}

function checkAttributes(value: unknown): Partial<SecretAttributes> | false {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) return false
  const out: Partial<SecretAttributes> = {}
  if (value.enabled !== undefined) {
    if (typeof value.enabled !== 'boolean') return false
    out.enabled = value.enabled
  }
  for (const k of ['nbf', 'exp'] as const) {
    if (value[k] !== undefined && value[k] !== null) {
      if (typeof value[k] !== 'number') return false
      out[k] = value[k]
    }
  }
  return out
}

const secretNotFound = (r: KvRequest, id: string): void =>
  fail(
    r,
    404,
    'SecretNotFound',
    `A secret with (name/id) ${id} was not found in this key vault. If you recently deleted this secret you may be able ` +
      'to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182'
  )

export function setSecret(r: KvRequest, name: string): void {
  if (!authorize(r, 'setSecret', name)) return
  const key = name.toLowerCase()
  if (r.vault.deletedSecrets[key]) {
    return fail(
      r,
      409,
      'Conflict',
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, ` +
        'the secret can only be recovered or purged.',
      'ObjectIsDeletedButRecoverable'
    )
  }
  const body = parseBody(r)
  if (!body) return
  if (typeof body.value !== 'string') return badParameter(r, PROPERTY_INVALID)
  if (body.value.length > MAX_SECRET_LENGTH) {
    return badParameter(
      r,
      `Secret is beyond the maximum permitted length of ${MAX_SECRET_LENGTH} characters.`,
      'SecretTooLarge'
    )
  }
  const tags = checkTags(body.tags)
  const attrs = checkAttributes(body.attributes)
  const contentType = body.contentType ?? undefined
  if (
    tags === false ||
    attrs === false ||
    (contentType !== undefined && (typeof contentType !== 'string' || contentType.length > MAX_CONTENT_TYPE))
  )
    return badParameter(r, PROPERTY_INVALID)
  const now = nowSeconds()
  const version: SecretVersion = {
    version: randomBytes(16).toString('hex'),
    value: body.value,
    ...(contentType !== undefined ? { contentType: contentType as string } : {}),
    ...(tags ? { tags } : {}),
    attributes: { enabled: attrs.enabled ?? true, nbf: attrs.nbf, exp: attrs.exp, created: now, updated: now }
  }
  const secret = (r.vault.secrets[key] ??= { name, versions: [] })
  secret.versions.push(version)
  r.ctx.vaults.save()
  reply(r, 200, bundle(r, secret, version))
}

function findVersion(r: KvRequest, name: string, version: string): [SecretRecord, SecretVersion] | undefined {
  const secret = r.vault.secrets[name.toLowerCase()]
  if (!secret) return undefined
  if (!version) return [secret, latest(secret)]
  const v = secret.versions.find(x => x.version === version.toLowerCase())
  return v ? [secret, v] : undefined
}

export function getSecret(r: KvRequest, name: string, version: string): void {
  if (!authorize(r, 'getSecret', name)) return
  if (version && !VERSION.test(version))
    return badParameter(r, `The request URI contains an invalid version: ${version}`)
  const found = findVersion(r, name, version)
  if (!found) return secretNotFound(r, version ? `${name}/${version}` : name)
  const [secret, v] = found
  if (!v.attributes.enabled) {
    return fail(r, 403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled')
  }
  reply(r, 200, bundle(r, secret, v))
}

export function updateSecret(r: KvRequest, name: string, version: string): void {
  if (!authorize(r, 'update', name)) return
  const found = findVersion(r, name, version)
  if (!found) return secretNotFound(r, version ? `${name}/${version}` : name)
  const body = parseBody(r)
  if (!body) return
  const tags = checkTags(body.tags)
  const attrs = checkAttributes(body.attributes)
  if (tags === false || attrs === false) return badParameter(r, PROPERTY_INVALID)
  if (
    body.contentType !== undefined &&
    (typeof body.contentType !== 'string' || body.contentType.length > MAX_CONTENT_TYPE)
  )
    return badParameter(r, PROPERTY_INVALID)
  const [secret, v] = found
  if (typeof body.contentType === 'string') v.contentType = body.contentType
  if (tags) v.tags = tags
  if (attrs.enabled !== undefined) v.attributes.enabled = attrs.enabled
  if (attrs.nbf !== undefined) v.attributes.nbf = attrs.nbf
  if (attrs.exp !== undefined) v.attributes.exp = attrs.exp
  v.attributes.updated = nowSeconds()
  r.ctx.vaults.save()
  reply(r, 200, bundle(r, secret, v, false))
}

export function deleteSecret(r: KvRequest, name: string): void {
  if (!authorize(r, 'delete', name)) return
  const key = name.toLowerCase()
  const secret = r.vault.secrets[key]
  if (!secret) return secretNotFound(r, name)
  const now = nowSeconds()
  const deleted: DeletedSecretRecord = {
    secret,
    deletedDate: now,
    scheduledPurgeDate: now + RETENTION_DAYS * 86400
  }
  delete r.vault.secrets[key]
  r.vault.deletedSecrets[key] = deleted
  r.ctx.vaults.save()
  reply(r, 200, deletedJson(r, deleted, false))
}

export function listSecrets(r: KvRequest): void {
  if (!authorize(r, 'readMetadata')) return
  const all = Object.values(r.vault.secrets)
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .map(s => item(r, s, latest(s), false))
  const p = page(r, all, '/secrets')
  if (p) reply(r, 200, p)
}

export function listVersions(r: KvRequest, name: string): void {
  if (!authorize(r, 'readMetadata', name)) return
  const secret = r.vault.secrets[name.toLowerCase()]
  const all = secret
    ? [...secret.versions]
        .sort((a, b) => a.version.localeCompare(b.version))
        .map(v => item(r, secret, v, true))
    : []
  const p = page(r, all, `/secrets/${secret?.name ?? name}/versions`)
  if (p) reply(r, 200, p)
}
