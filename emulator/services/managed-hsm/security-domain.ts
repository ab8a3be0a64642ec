/**
 * Security domain area (/securitydomain/...). Reachable before activation, as on the real service.
 * Download, upload and their status endpoints arrive in a later phase; until then they answer 501.
 */
import { azureError, sendJson } from '../../http.js'
import type { DataPlaneArea } from './index.js'

export const securityDomainArea: DataPlaneArea = {
  name: 'security-domain',
  matches: path => /^\/securitydomain(\/|$)/i.test(path),
  allowedBeforeActivation: true,
  handle({ ex, headers }) {
    sendJson(
      ex.res,
      501,
      azureError('NotImplemented', 'Security domain operations are not emulated yet.'),
      headers
    )
  }
}
