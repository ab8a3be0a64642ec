/**
 * Security-domain endpoints of the Managed HSM data plane. The download answers 202 with the security
 * domain in its body and no `status` (what trips generic pollers into "No status found in body"), so the
 * body is taken as it comes and the status is polled separately, accepting Success and Succeeded.
 */
import type { SecurityDomainJwk } from '../security-domain/index.js'
import type { ManagedHsmDataPlane } from './managed-hsm-data.js'

export type OperationStatus = 'InProgress' | 'Success' | 'Failed' | 'Unknown'

export interface StatusReport {
  status: OperationStatus
  details?: string
}

const ADMIN_HINT = (_c: string | undefined, status: number | undefined): string | undefined =>
  status === 403
    ? "only a 'Managed HSM Administrator' can download the security domain: list the signed-in identity (or 'self') in administrators when the HSM is created"
    : undefined

/** Sends the download request and returns the security domain text from the first answer. */
export async function downloadSecurityDomain(
  hsm: ManagedHsmDataPlane,
  certificates: SecurityDomainJwk[],
  required: number
): Promise<string> {
  const r = await hsm.send<{ value?: unknown }>(
    'download the security domain (activation)',
    'POST',
    '/securitydomain/download',
    {
      body: { certificates, required },
      ok: [200, 202],
      hint: ADMIN_HINT
    }
  )
  return securityDomainText(r.body?.value)
}

/** The service returns the file as JSON text; the spec's example shows base64. Accept both. */
export function securityDomainText(value: unknown): string {
  if (value && typeof value === 'object') return JSON.stringify(value)
  if (typeof value !== 'string' || value.length === 0)
    throw new Error('the download answer holds no security domain (no value)')
  if (value.trimStart().startsWith('{')) return value
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  if (decoded.trimStart().startsWith('{')) return decoded
  throw new Error('the download answer holds a value that is neither JSON nor base64 JSON')
}

export async function downloadStatus(hsm: ManagedHsmDataPlane): Promise<StatusReport> {
  return (await lastDownload(hsm)) ?? { status: 'Unknown', details: 'no download has been started' }
}

/**
 * The status of the last security-domain download, or undefined when none was ever started (the emulator
 * answers 404 then; what Azure answers is unverified, so a status-less 200 reads as Unknown, not as none).
 */
export async function lastDownload(hsm: ManagedHsmDataPlane): Promise<StatusReport | undefined> {
  const r = await hsm.send<{ status?: string; status_details?: string }>(
    'read the activation status',
    'GET',
    '/securitydomain/download/pending',
    { hint: ADMIN_HINT, ok: [200, 404] }
  )
  if (r.status === 404) return undefined
  return normaliseStatus(r.body?.status, r.body?.status_details)
}

/** Success and Succeeded are both terminal successes; an answer without status is not an error. */
export function normaliseStatus(status: string | undefined, details: string | undefined): StatusReport {
  const s = (status ?? '').toLowerCase()
  if (s === 'success' || s === 'succeeded') return { status: 'Success', details }
  if (s === 'failed') return { status: 'Failed', details }
  if (s === 'inprogress' || s === 'in progress') return { status: 'InProgress', details }
  return { status: 'Unknown', details }
}
