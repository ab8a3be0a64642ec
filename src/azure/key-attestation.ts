/**
 * GET /keys/{name}[/{version}]/attestation (api-version 7.6): the key bundle with `attributes.attestation`
 * (src/attestation/ verifies it). Any role that can read the key may call it. A service or api-version without
 * the API answers an error, told apart from a refusal so the report can say "not available" rather than fail.
 */
import type { ManagedHsmDataPlane } from './managed-hsm-data.js'
import { AzureOperationError } from '../shared/errors.js'

/** The first api-version with key attestation (7.6-preview.1/.2 in the recordings). */
export const ATTESTATION_API_VERSION = '7.6'

export type KeyAttestationAnswer =
  { kind: 'answer'; body: unknown } | { kind: 'unavailable'; status: number; code?: string }

/** The attestation of `version`, or without one of the key's latest version (the path's version is optional). */
export async function fetchKeyAttestation(
  plane: ManagedHsmDataPlane,
  name: string,
  version?: string
): Promise<KeyAttestationAnswer> {
  const at = version === undefined ? '' : `/${encodeURIComponent(version)}`
  const path = `/keys/${encodeURIComponent(name)}${at}/attestation`
  try {
    const r = await plane.send('read the key attestation', 'GET', path, {
      query: { 'api-version': ATTESTATION_API_VERSION }
    })
    return { kind: 'answer', body: r.body }
  } catch (e) {
    // 400 (an api-version or path the service does not know) and 404 (no such route) say "no API here"; a 403
    // or a transient failure stays an error.
    if (e instanceof AzureOperationError && (e.details.status === 400 || e.details.status === 404))
      return { kind: 'unavailable', status: e.details.status, code: e.details.code }
    throw e
  }
}
