/**
 * Secrets registered with the runner's masker (`::add-mask::`, through the log module, which then prints
 * them as `***` itself), each the moment it exists in this run: generated or read wrapping private keys, a downloaded or
 * read security domain, key backups. Nothing is logged between a secret's creation and its mask, so even a
 * line that escaped the log module could not race it. Access tokens and GitHub ID tokens are masked where
 * they are obtained (auth/credential.ts).
 */
import { mask as register } from '../shared/log.js'

/** Registers every line of a secret with the runner's masker, since a multi-line value is matched whole. */
export function maskSecret(value: string): void {
  for (const part of value.split(/[\r\n]+|\.(?=[A-Za-z0-9_-]{16})/)) {
    const t = part.trim()
    if (t.length >= 16 && !t.startsWith('-----')) register(t)
  }
}

/** Masks the encrypted parts of a security domain (compact JWEs) so no fragment reaches a log. */
export function maskSecurityDomain(sdText: string): void {
  for (const m of sdText.matchAll(/"(?:compact_jwe|enc_key)"\s*:\s*"([^"]+)"/g)) {
    for (const segment of m[1].split('.')) if (segment.length >= 16) register(segment)
  }
}

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g

/**
 * Whatever an escrow object holds, masked as it is read: the private keys of a wrapping-key bundle, the
 * encrypted parts of a security domain, a key backup. Applied to every object read from a store, intact or
 * not, before the caller can log anything about it.
 */
export function maskEscrowContent(content: Buffer, metadata: Record<string, string> = {}): void {
  const text = content.toString('utf8')
  for (const key of text.match(PRIVATE_KEY) ?? []) maskSecret(key)
  if (/"(?:compact_jwe|enc_key)"/.test(text)) maskSecurityDomain(text)
  if (metadata.kind === 'key-backup') maskSecret(content.toString('base64url'))
}
