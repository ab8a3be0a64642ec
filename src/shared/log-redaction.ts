/**
 * The Azure SDKs log whole requests at verbose level (AZURE_LOG_LEVEL), and behind a proxy their sanitizer
 * walks into the agent's sockets, where the raw `Authorization: Bearer …` header and token bodies sit.
 * Every SDK log line passes through here before it is written and loses anything shaped like a bearer
 * token or a JWT. The runner masks registered tokens too, but only in its own log, and the SDK's stderr can
 * end up elsewhere (a local run, a log shipped as an artifact).
 */
import { format } from 'node:util'
import { AzureLogger } from '@azure/logger'
import { neutraliseLines } from './log.js'

/** `Bearer <token>` in a header, whatever the token's shape (an opaque token is secret too). */
const BEARER = /\b(Bearer\s+)[\w\-.~+/]+=*/gi
/** A compact JWS or JWE (three or five base64url parts, the first a JSON header: `eyJ…`). */
const JWT = /eyJ[\w-]+(?:\.[\w-]*){2,4}/g

export function redactSecrets(text: string): string {
  return text.replace(BEARER, '$1[redacted]').replace(JWT, '[redacted JWT]')
}

let installed = false

/**
 * Routes every Azure SDK log line through redactSecrets and the log module's neutraliser (the runner reads
 * stderr for workflow commands as it reads stdout); the lines still go where they went before.
 */
export function installAzureLogRedaction(): void {
  if (installed) return
  installed = true
  const write = AzureLogger.log.bind(AzureLogger)
  // One formatted string, so the original writer has no placeholders left to expand.
  AzureLogger.log = (...args: unknown[]) => write(neutraliseLines(redactSecrets(format(...args))))
}
