/**
 * NIST SP 800-108 key derivation in counter mode with HMAC-SHA-512 (the security domain's
 * "sp108_kdf"). Each EncData item's 64-byte content key is derived from the master secret with the
 * item's tag as label and an empty context.
 */
import { createHmac } from 'node:crypto'

export const SD_KDF_NAME = 'sp108_kdf'

const HMAC_BITS = 512

function toBytes(value: Uint8Array | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value)
}

function be32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n >>> 0)
  return b
}

/**
 * K(i) = HMAC-SHA-512(key, BE32(i) || label || 0x00 || context || BE32(L)) for i = 1..ceil(L/512),
 * concatenated and truncated to L bits. L must be a positive multiple of 8.
 */
export function sp108_kdf(
  key: Uint8Array,
  label: Uint8Array | string,
  context: Uint8Array | string,
  lengthBits: number
): Buffer {
  if (!Number.isInteger(lengthBits) || lengthBits <= 0 || lengthBits % 8 !== 0 || lengthBits > 0xffffffff) {
    throw new RangeError('sp108_kdf: the output length must be a positive multiple of 8 bits')
  }
  if (key.length === 0) throw new RangeError('sp108_kdf: the key must not be empty')
  const fixed = Buffer.concat([toBytes(label), Buffer.from([0]), toBytes(context), be32(lengthBits)])
  const blocks: Buffer[] = []
  const count = Math.ceil(lengthBits / HMAC_BITS)
  for (let i = 1; i <= count; i++) {
    blocks.push(createHmac('sha512', key).update(be32(i)).update(fixed).digest())
  }
  return Buffer.concat(blocks).subarray(0, lengthBits / 8)
}

/** The A256CBC-HS512 content key (64 bytes) of the EncData item tagged `tag`. */
export function deriveItemKey(master: Uint8Array, tag: string): Buffer {
  return sp108_kdf(master, tag, '', 512)
}
