/**
 * Control API peeks: what another Azure client would read, without a second client. A test that only
 * needs to see the result of a run (the HSM as ARM shows it, an escrowed secret or blob) reads it here in
 * one local request, instead of starting a process that signs in and calls the SDK (__tests__ keep that
 * second client where it is the point). Unlike the rest of the control API these return values: the
 * emulator's secrets are test data, and the control API listens on loopback only.
 *
 *   GET /_emulator/peek/hsms/{resourceGroup}/{name}         the HSM as ARM's GET returns it (404 if none)
 *   GET /_emulator/peek/secrets/{vault}/{name}              {name, version, value, contentType?, tags?, enabled}
 *   GET /_emulator/peek/blobs/{account}/{container}/{blob}  the blob's content (Azurite's status if not 200)
 */
import type { ServerResponse } from 'node:http'
import type { EmulatorContext } from './context.js'
import { send, sendJson } from './http.js'
import { hsmJson } from '../services/managed-hsm/arm/wire.js'

export async function handlePeekControl(
  ctx: EmulatorContext,
  method: string,
  path: string,
  res: ServerResponse
): Promise<boolean> {
  if (!path.startsWith('/_emulator/peek/')) return false
  if (method !== 'GET') {
    sendJson(res, 405, { error: 'peeks are GET only' })
    return true
  }
  const parts = path.slice('/_emulator/peek/'.length).split('/').map(decodeURIComponent)
  const [kind, a, b] = parts
  if (kind === 'hsms' && parts.length === 3) {
    const hsm = ctx.state.data.hsms[b.toLowerCase()]
    if (!hsm || hsm.resourceGroup.toLowerCase() !== a.toLowerCase())
      sendJson(res, 404, { error: `no HSM '${b}' in resource group '${a}'` })
    else sendJson(res, 200, hsmJson(hsm))
    return true
  }
  if (kind === 'secrets' && parts.length === 3) {
    const secret = ctx.vaults.get(a)?.secrets[b.toLowerCase()]
    const current = secret?.versions.at(-1)
    if (!secret || !current) sendJson(res, 404, { error: `no secret '${b}' in vault '${a}'` })
    else
      sendJson(res, 200, {
        name: secret.name,
        version: current.version,
        value: current.value,
        contentType: current.contentType,
        tags: current.tags,
        enabled: current.attributes.enabled
      })
    return true
  }
  if (kind === 'blobs' && parts.length >= 4) {
    const s = await ctx.storage.ready
    if (!s.ok) {
      sendJson(res, 503, { error: `Azurite is not running: ${s.error.message}` })
      return true
    }
    const blobPath = '/' + parts.slice(1).map(encodeURIComponent).join('/')
    const { status, body } = await ctx.storage.readBlob(s.azurite, blobPath)
    if (status === 200) send(res, 200, body, { 'content-type': 'application/octet-stream' })
    else sendJson(res, status, { error: `Azurite answered ${status} for ${blobPath}` })
    return true
  }
  sendJson(res, 404, { error: `no peek ${path}` })
  return true
}
