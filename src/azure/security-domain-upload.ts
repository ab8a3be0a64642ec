/**
 * Restoring a security domain into a new HSM over the data plane (protocol notes §2.3, §2.4): the HSM's
 * transfer key (GET /securitydomain/upload), the upload of the restore blob wrapped to it (POST, 202) and
 * the upload status (GET /securitydomain/upload/pending: InProgress until Success or Failed). All of it
 * needs the Managed HSM Administrator role, which the initial administrators hold.
 */
import { absentOn404 } from './call.js'
import type { ManagedHsmDataPlane } from './managed-hsm-data.js'
import { normaliseStatus, type StatusReport } from './security-domain-api.js'

const ADMIN_HINT = (_c: string | undefined, status: number | undefined): string | undefined =>
  status === 403
    ? "only a 'Managed HSM Administrator' can restore a security domain: list the signed-in identity (or 'self') in administrators when the HSM is created"
    : undefined

/** The transfer key: a JSON string holding an RSA JWK with x5c (what buildRestoreBlob takes). */
export async function getTransferKey(hsm: ManagedHsmDataPlane): Promise<string | object> {
  const r = await hsm.send<{ key_format?: string; transfer_key?: string | object }>(
    'read the transfer key for the security domain upload',
    'GET',
    '/securitydomain/upload',
    { hint: ADMIN_HINT }
  )
  if (!r.body?.transfer_key) throw new Error('the transfer-key answer holds no transfer_key')
  return r.body.transfer_key
}

/** Sends the restore blob (its JSON text); the HSM answers 202 and restores it in the background. */
export async function uploadSecurityDomain(hsm: ManagedHsmDataPlane, restoreBlob: string): Promise<void> {
  await hsm.send('upload the security domain (restore)', 'POST', '/securitydomain/upload', {
    body: { value: restoreBlob },
    ok: [200, 202],
    hint: (code, status) =>
      status === 400
        ? 'the HSM refuses an upload once it is active (it already holds a security domain)'
        : status === 409
          ? 'another security-domain operation is under way on this HSM; rerun in a few minutes'
          : ADMIN_HINT(code, status)
  })
}

/** The status of the last upload, or undefined when none was ever started. */
export async function uploadStatus(hsm: ManagedHsmDataPlane): Promise<StatusReport | undefined> {
  return absentOn404(async () => {
    const r = await hsm.send<{ status?: string; status_details?: string }>(
      'read the security domain upload status',
      'GET',
      '/securitydomain/upload/pending',
      { hint: ADMIN_HINT }
    )
    return normaliseStatus(r.body?.status, r.body?.status_details)
  })
}
