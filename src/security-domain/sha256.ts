import { createHash } from 'node:crypto'

/** Hex SHA-256 of the SD text (UTF-8), to identify an SD in logs and outputs without revealing it. */
export function sdSha256(text: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
    .digest('hex')
}
