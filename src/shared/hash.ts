import { createHash } from 'node:crypto'

/**
 * Hex SHA-256 (a string as UTF-8): names an escrowed object or a security domain in logs, outputs and
 * metadata without revealing it.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
