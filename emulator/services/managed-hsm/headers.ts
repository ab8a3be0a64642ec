/** Headers of the Managed HSM data plane's answers. */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http'

/** Headers of Managed HSM data-plane responses (protocol notes §7); x-ms-keyvault-network-info: network.ts. */
export function mhsmHeaders(req: IncomingMessage, region = 'westeurope'): OutgoingHttpHeaders {
  return {
    'cache-control': 'no-cache',
    'content-security-policy': "default-src 'self'",
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'x-ms-request-id': randomUUID(),
    'x-ms-keyvault-region': region,
    'x-ms-server-latency': '1',
    'x-ms-build-version': '1.0.20250415-1-5a9b3c7e-develop'
  }
}
