/**
 * The Tags API at a Managed HSM's scope: `{hsm id}/providers/Microsoft.Resources/tags/default` (azure-rest-api-specs
 * Microsoft.Resources `resources.json`, Tags_GetAtScope, Tags_CreateOrUpdateAtScope, Tags_UpdateAtScope,
 * Tags_DeleteAtScope). What Azure's built-in Tag Contributor may call: it changes the tags, and nothing else, of a
 * resource it has no other access to. Other scopes are not served here.
 */
import { isRecord, parseJsonBody } from '../../core/http.js'
import type { HsmRecord } from '../managed-hsm/records.js'
import { fail, recordedIdentity, reply, type ArmRequest } from './common.js'
import { findInGroup, notFound } from '../managed-hsm/arm/resource.js'
import { hsmId } from '../managed-hsm/arm/wire.js'

const OPERATIONS = ['Merge', 'Replace', 'Delete'] as const

/** True when the request was for the Tags API (answered here), false otherwise. */
export function handleTags(r: ArmRequest): boolean {
  const n = r.lower.length
  if (
    n < 4 ||
    r.lower[n - 4] !== 'providers' ||
    r.lower[n - 3] !== 'microsoft.resources' ||
    r.lower[n - 2] !== 'tags' ||
    r.lower[n - 1] !== 'default'
  )
    return false
  const scope = r.lower.slice(0, n - 4)
  const isHsm =
    scope.length === 8 &&
    scope[2] === 'resourcegroups' &&
    scope[4] === 'providers' &&
    scope[5] === 'microsoft.keyvault' &&
    scope[6] === 'managedhsms'
  if (!isHsm) {
    fail(r, 404, 'NotFound', `The path '${r.ex.url.pathname}' is not served here.`)
    return true
  }
  const rg = r.segs[3]
  const hsm = findInGroup(r, rg, r.segs[7])
  if (!hsm) {
    notFound(r, rg, r.segs[7])
    return true
  }
  answer(r, hsm)
  return true
}

function answer(r: ArmRequest, hsm: HsmRecord): void {
  const m = r.ex.method
  if (m === 'GET') return reply(r, 200, tagsJson(hsm))
  if (m === 'DELETE') {
    changed(r, hsm, {})
    return reply(r, 200)
  }
  if (m !== 'PUT' && m !== 'PATCH')
    return fail(r, 405, 'MethodNotAllowed', `The HTTP method '${m}' is not supported for this path.`)
  const body = parseJsonBody(r.ex.body)
  const properties = isRecord(body) ? body.properties : undefined
  const given = isRecord(properties) ? properties.tags : undefined
  const operation = isRecord(body) ? body.operation : undefined
  const op =
    m === 'PUT' ? 'Replace' : OPERATIONS.find(o => o.toLowerCase() === String(operation).toLowerCase())
  if (!isRecord(given) || !Object.values(given).every(v => typeof v === 'string') || op === undefined)
    return fail(
      r,
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.'
    )
  changed(r, hsm, apply(op, hsm.tags, given as Record<string, string>))
  reply(r, 200, tagsJson(hsm))
}

/**
 * Tag names are case-insensitive for operations (Microsoft Learn, "Use tags to organize your Azure resources"):
 * a name already there in another case keeps its spelling and takes the new value.
 */
function apply(
  op: (typeof OPERATIONS)[number],
  current: Record<string, string>,
  given: Record<string, string>
): Record<string, string> {
  if (op === 'Replace') return { ...given }
  const tags = { ...current }
  const existing = (name: string): string | undefined =>
    Object.keys(tags).find(k => k.toLowerCase() === name.toLowerCase())
  for (const [name, value] of Object.entries(given)) {
    const key = existing(name)
    if (op === 'Merge') tags[key ?? name] = value
    // Delete: by name, or by name and value when a value is given.
    else if (key !== undefined && (value === '' || tags[key] === value)) delete tags[key]
  }
  return tags
}

/** The HSM's new tags, recorded as a change by the caller (see emulator/README.md: unverified). */
function changed(r: ArmRequest, hsm: HsmRecord, tags: Record<string, string>): void {
  const by = recordedIdentity(r)
  hsm.tags = tags
  hsm.lastModifiedBy = by.by
  hsm.lastModifiedByType = by.type
  hsm.lastModifiedAt = Date.now()
  r.ctx.state.save()
}

/** The TagsResource the spec and the recorded answers show. */
function tagsJson(hsm: HsmRecord): Record<string, unknown> {
  return {
    id: `${hsmId(hsm)}/providers/Microsoft.Resources/tags/default`,
    name: 'default',
    type: 'Microsoft.Resources/tags',
    properties: { tags: hsm.tags }
  }
}
