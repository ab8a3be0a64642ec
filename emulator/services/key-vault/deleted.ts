/**
 * Deleted secrets: the list, get, purge and recover.
 */
import { authorize, fail, reply, type KvRequest } from './request.js'
import { bundle, deletedJson, latest, page } from './wire.js'

const deletedNotFound = (r: KvRequest, name: string): void =>
  fail(r, 404, 'SecretNotFound', `Deleted Secret not found: ${name}`)

export function listDeleted(r: KvRequest): void {
  if (!authorize(r, 'readMetadata')) return
  const all = Object.values(r.vault.deletedSecrets)
    .sort((a, b) => a.secret.name.toLowerCase().localeCompare(b.secret.name.toLowerCase()))
    .map(d => deletedJson(r, d, true))
  const p = page(r, all, '/deletedsecrets')
  if (p) reply(r, 200, p)
}

export function getDeleted(r: KvRequest, name: string): void {
  if (!authorize(r, 'readMetadata', name)) return
  const d = r.vault.deletedSecrets[name.toLowerCase()]
  if (!d) return deletedNotFound(r, name)
  reply(r, 200, deletedJson(r, d, false))
}

export function purgeDeleted(r: KvRequest, name: string): void {
  if (!authorize(r, 'purge', name)) return
  const key = name.toLowerCase()
  if (!r.vault.deletedSecrets[key]) return deletedNotFound(r, name)
  delete r.vault.deletedSecrets[key]
  r.ctx.vaults.save()
  reply(r, 204)
}

export function recoverDeleted(r: KvRequest, name: string): void {
  if (!authorize(r, 'recover', name)) return
  const key = name.toLowerCase()
  const d = r.vault.deletedSecrets[key]
  if (!d) return deletedNotFound(r, name)
  delete r.vault.deletedSecrets[key]
  r.vault.secrets[key] = d.secret
  r.ctx.vaults.save()
  reply(r, 200, bundle(r, d.secret, latest(d.secret), false))
}
