/**
 * Secure Key Release: POST /keys/{name}[/{version}]/release {"target":"<MAA token>","nonce"?,"enc"?}.
 * The caller needs keys/release/action; the token must verify against the emulated attestation
 * provider named by its `iss`, that provider must be an authority of the key's policy, and the
 * policy must admit the token's claims (witness/release-policy). The answer is a JWS signed by
 * the emulator's HSM release chain, carrying the key wrapped to the token's runtime key (skr.ts in this folder).
 *
 * Texts: "Target environment attestation statement cannot be verified." (403 Forbidden) is the
 * live service's (azure-sdk-for-net KeyClientLiveTests ignores exactly that error); "Target
 * environment attestation does not meet key release policy requirements." is from third-party code
 * handling the policy-denied case.
 */
import { createSign } from 'node:crypto'
import { isRecord } from '../../core/http.js'
import { buildKeyHsm, RELEASE_ENCS, type ReleaseEnc } from './skr.js'
import { verifyAttestationToken } from '../attestation/index.js'
import { releaseSigningChain, sha1Hex, x5t, x5tS256 } from './certs.js'
import { badParameter, fail, jsonBody, nowSeconds, reply } from './common.js'
import type { AreaRequest } from './area.js'
import { findVersion, keyId, publicKeyJson, releaseAttributesJson } from './keys/wire.js'
import { authorize } from './rbac/authorize.js'
import { ACTIONS } from './rbac/roles.js'
import type { HsmData } from './store.js'
import { policyReleases, sameAuthority } from './witness/release-policy/evaluate.js'
import { storedPolicy } from './witness/release-policy/read.js'

export const CANNOT_VERIFY = 'Target environment attestation statement cannot be verified.'
export const POLICY_NOT_MET = 'Target environment attestation does not meet key release policy requirements.'

/** The first RSA key in `x-ms-runtime.keys` whose key_ops include encrypt (the vTPM ephemeral key). */
function runtimeEncryptionKey(claims: Record<string, unknown>): Record<string, unknown> | undefined {
  const runtime = claims['x-ms-runtime']
  const keys = isRecord(runtime) && Array.isArray(runtime.keys) ? runtime.keys : []
  return keys.find(
    (k): k is Record<string, unknown> =>
      isRecord(k) &&
      k.kty === 'RSA' &&
      typeof k.n === 'string' &&
      typeof k.e === 'string' &&
      Array.isArray(k.key_ops) &&
      k.key_ops.includes('encrypt')
  )
}

function policyAuthorities(policy: unknown): string[] {
  if (!isRecord(policy) || !Array.isArray(policy.anyOf)) return []
  return policy.anyOf.filter(isRecord).map(b => String(b.authority ?? ''))
}

export async function releaseKey(
  r: AreaRequest,
  data: HsmData,
  name: string,
  version?: string
): Promise<void> {
  if (!authorize(r, ACTIONS.keysRelease, `/keys/${name}`)) return
  const found = findVersion(r, data, name, version)
  if (!found) return
  const { key, v } = found
  const body = jsonBody(r)
  if (!body) return
  if (typeof body.target !== 'string' || !body.target)
    return badParameter(r, "The 'target' parameter (the attestation token) is required.")
  const enc = (body.enc ?? 'CKM_RSA_AES_KEY_WRAP') as ReleaseEnc
  if (!RELEASE_ENCS.includes(enc))
    return badParameter(
      r,
      `Invalid 'enc' value '${String(body.enc)}'. Supported: ${RELEASE_ENCS.join(', ')}.`
    )
  if (body.nonce !== undefined && typeof body.nonce !== 'string')
    return badParameter(r, "'nonce' must be a string.")

  const a = v.attributes
  if (!a.exportable || !v.releasePolicy)
    return badParameter(
      r,
      `Key '${key.name}' is not exportable; only exportable keys with a release policy can be released.`
    )
  if (!a.enabled) return fail(r, 403, 'Forbidden', 'Operation release is not allowed on a disabled key.')
  const now = nowSeconds()
  if (a.exp !== undefined && a.exp <= now)
    return fail(r, 403, 'Forbidden', 'Operation release is not allowed on an expired key.')
  if (a.nbf !== undefined && a.nbf > now)
    return fail(r, 403, 'Forbidden', 'Operation release is not allowed on a key that is not yet valid.')

  const check = await verifyAttestationToken(r.ctx, body.target)
  if (!check.ok) return fail(r, 403, 'Forbidden', CANNOT_VERIFY)
  const policy = storedPolicy(v.releasePolicy.data)
  // The HSM only trusts attestation authorities the policy names.
  if (!policyAuthorities(policy).some(auth => sameAuthority(auth, check.issuer)))
    return fail(r, 403, 'Forbidden', CANNOT_VERIFY)
  if (!policyReleases(policy, check.claims, check.issuer)) return fail(r, 403, 'Forbidden', POLICY_NOT_MET)
  const target = runtimeEncryptionKey(check.claims)
  if (!target) {
    return badParameter(
      r,
      'The attestation token carries no RSA key with the encrypt operation in x-ms-runtime.keys to wrap the released key to.'
    )
  }

  const keyHsm = buildKeyHsm(Buffer.from(v.material, 'base64'), target, enc)
  const payload = {
    request: {
      'api-version': r.apiVersion,
      enc,
      kid: keyId(r, key.name, v.version),
      ...(typeof body.nonce === 'string' ? { nonce: body.nonce } : {})
    },
    response: {
      key: {
        key: { ...publicKeyJson(r, key, v), key_hsm: keyHsm },
        attributes: releaseAttributesJson(r, a),
        tags: v.tags,
        release_policy: { data: v.releasePolicy.data, immutable: v.releasePolicy.immutable }
      }
    }
  }
  const { privateKeyPem, chain } = await releaseSigningChain(r.ctx.stateDir)
  const header = {
    alg: 'RS256',
    kid: sha1Hex(chain[0]),
    x5t: x5t(chain[0]),
    'x5t#S256': x5tS256(chain[0]),
    typ: 'JWT',
    x5c: chain.map(c => c.toString('base64'))
  }
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o), 'utf8').toString('base64url')
  const input = `${b64(header)}.${b64(payload)}`
  const signature = createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')
  reply(r, 200, { value: `${input}.${signature}` })
}
