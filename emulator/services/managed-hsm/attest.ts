/**
 * GET /keys/{name}[/{version}]/attestation: the key bundle with `attributes.attestation` (attestation.ts has
 * the source and the layout). Any caller with keys/read may ask (Microsoft's key attestation article:
 * MicrosoftDocs/azure-security-docs, articles/key-vault/managed-hsm/key-attestation.md). The api-version must
 * be 7.6 or a 7.6 preview; what Azure answers to an older one is unconfirmed (emulator/README.md).
 */
import { attestationAuthority, attestationMember } from './attestation.js'
import { badParameter, reply } from './common.js'
import type { AreaRequest } from './area.js'
import { bundleJson, findVersion } from './keys/wire.js'
import { authorize } from './rbac/authorize.js'
import { ACTIONS } from './rbac/roles.js'
import type { HsmData } from './store.js'

const ATTESTATION_API = /^(7\.(6|[7-9])|[89]\.\d+)(-preview(\.\d+)?)?$/

export async function attestKey(
  r: AreaRequest,
  data: HsmData,
  name: string,
  version?: string
): Promise<void> {
  if (!authorize(r, ACTIONS.keysRead, `/keys/${name}`)) return
  if (!ATTESTATION_API.test(r.apiVersion))
    return badParameter(r, `Key attestation is not available in api-version ${r.apiVersion}.`)
  const found = findVersion(r, data, name, version)
  if (!found) return
  const { key, v } = found
  const bundle = bundleJson(r, key, v)
  if (v.kty === 'RSA-HSM' && v.publicJwk.n && v.publicJwk.e) {
    const authority = await attestationAuthority(r.ctx.stateDir)
    const attestation = attestationMember(authority, {
      n: Buffer.from(v.publicJwk.n, 'base64url'),
      e: Buffer.from(v.publicJwk.e, 'base64url'),
      name: key.name,
      version: v.version,
      exportable: v.attributes.exportable,
      local: !v.imported
    })
    bundle.attributes = { attestation, ...(bundle.attributes as Record<string, unknown>) }
  }
  reply(r, 200, bundle)
}
