/**
 * Shamir secret sharing over GF(257) in the security domain's "shamir_share" encoding.
 *
 * Every secret byte is shared on its own polynomial of degree threshold-1 whose constant term is
 * the byte. Values live in [0, 256], so they need 9 bits; a share is an array of uint16 LE words
 * `(x << 9) | value`, one per secret byte, all with the share's x (1..126).
 */
import { randomInt } from 'node:crypto'

export const SHAMIR_PRIME = 257
export const MAX_SHARE_X = 126
export const SHAMIR_ALGORITHM = 'shamir_share'

export type ShamirErrorCode =
  'INVALID_ARGUMENT' | 'MALFORMED_SHARE' | 'TOO_FEW_SHARES' | 'DUPLICATE_X' | 'LENGTH_MISMATCH' | 'NOT_A_BYTE'

export class ShamirError extends Error {
  readonly code: ShamirErrorCode
  constructor(code: ShamirErrorCode, message: string) {
    super(message)
    this.name = 'ShamirError'
    this.code = code
  }
}

export interface DecodedShare {
  x: number
  values: number[]
}

const mod = (a: number): number => ((a % SHAMIR_PRIME) + SHAMIR_PRIME) % SHAMIR_PRIME

/** a^(p-2) mod p: the inverse by Fermat's little theorem (a ≠ 0). */
function inverse(a: number): number {
  let result = 1
  let base = mod(a)
  for (let e = SHAMIR_PRIME - 2; e > 0; e >>= 1) {
    if (e & 1) result = (result * base) % SHAMIR_PRIME
    base = (base * base) % SHAMIR_PRIME
  }
  return result
}

export function encodeShare(x: number, values: readonly number[]): Buffer {
  if (!Number.isInteger(x) || x < 1 || x > MAX_SHARE_X) {
    throw new ShamirError('INVALID_ARGUMENT', `share x must be an integer in 1..${MAX_SHARE_X}`)
  }
  const out = Buffer.alloc(values.length * 2)
  values.forEach((v, j) => {
    if (!Number.isInteger(v) || v < 0 || v >= SHAMIR_PRIME) {
      throw new ShamirError('INVALID_ARGUMENT', `share value at byte ${j} is outside 0..256`)
    }
    out.writeUInt16LE((x << 9) | v, j * 2)
  })
  return out
}

/** Decodes a share buffer; every word must carry the same non-zero x. */
export function decodeShare(share: Uint8Array): DecodedShare {
  if (share.length === 0 || share.length % 2 !== 0) {
    throw new ShamirError('MALFORMED_SHARE', 'a share is a non-empty array of 16-bit words')
  }
  const buf = Buffer.from(share.buffer, share.byteOffset, share.byteLength)
  const values: number[] = []
  let x = -1
  for (let j = 0; j < buf.length / 2; j++) {
    const word = buf.readUInt16LE(j * 2)
    const wx = word >> 9
    const v = word & 0x1ff
    if (x === -1) x = wx
    else if (wx !== x) throw new ShamirError('MALFORMED_SHARE', `share words disagree on x (byte ${j})`)
    if (v >= SHAMIR_PRIME)
      throw new ShamirError('MALFORMED_SHARE', `share value at byte ${j} is outside 0..256`)
    values.push(v)
  }
  if (x < 1 || x > MAX_SHARE_X)
    throw new ShamirError('MALFORMED_SHARE', `share x ${x} is outside 1..${MAX_SHARE_X}`)
  return { x, values }
}

/**
 * Splits `secret` into `count` shares (x = 1..count, in order) of which any `threshold` recover it.
 * Coefficients are uniform in [0, 256] from the CSPRNG, as the format's reference encoder does.
 */
export function splitSecret(secret: Uint8Array, count: number, threshold: number): Buffer[] {
  if (secret.length === 0) throw new ShamirError('INVALID_ARGUMENT', 'the secret must not be empty')
  if (!Number.isInteger(count) || count < 2 || count > MAX_SHARE_X) {
    throw new ShamirError('INVALID_ARGUMENT', `the share count must be an integer in 2..${MAX_SHARE_X}`)
  }
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > count) {
    throw new ShamirError('INVALID_ARGUMENT', 'the threshold must be an integer in 2..share count')
  }
  const shares: number[][] = Array.from({ length: count }, () => [])
  for (const byte of secret) {
    const coefficients = [byte]
    for (let d = 1; d < threshold; d++) coefficients.push(randomInt(0, SHAMIR_PRIME))
    for (let i = 0; i < count; i++) {
      const x = i + 1
      // Horner's rule, highest degree first.
      let y = 0
      for (let d = threshold - 1; d >= 0; d--) y = (y * x + (coefficients[d] as number)) % SHAMIR_PRIME
      ;(shares[i] as number[]).push(y)
    }
  }
  return shares.map((values, i) => encodeShare(i + 1, values))
}

/**
 * Recovers the secret from the first `threshold` shares by Lagrange interpolation at x = 0. Fails on
 * fewer shares than the threshold, repeated x, shares of different lengths, or an interpolated
 * value of 256 (which no byte can be, so the shares do not belong to the same secret).
 */
export function combineShares(shares: ReadonlyArray<Uint8Array | DecodedShare>, threshold: number): Buffer {
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new ShamirError('INVALID_ARGUMENT', 'the threshold must be an integer ≥ 2')
  }
  if (shares.length < threshold) {
    throw new ShamirError('TOO_FEW_SHARES', `${shares.length} share(s) given, ${threshold} required`)
  }
  const used = shares.slice(0, threshold).map(s => (s instanceof Uint8Array ? decodeShare(s) : s))
  const xs = used.map(s => s.x)
  const seen = new Set<number>()
  for (const x of xs) {
    if (seen.has(x)) throw new ShamirError('DUPLICATE_X', `two shares have the same x (${x})`)
    seen.add(x)
  }
  const length = (used[0] as DecodedShare).values.length
  if (used.some(s => s.values.length !== length)) {
    throw new ShamirError('LENGTH_MISMATCH', 'the shares have different lengths')
  }
  // l_i(0) = Π_{j≠i} x_j / (x_j − x_i)
  const weights = xs.map((xi, i) => {
    let num = 1
    let den = 1
    xs.forEach((xj, j) => {
      if (j === i) return
      num = (num * xj) % SHAMIR_PRIME
      den = (den * mod(xj - xi)) % SHAMIR_PRIME
    })
    return (num * inverse(den)) % SHAMIR_PRIME
  })
  const secret = Buffer.alloc(length)
  for (let b = 0; b < length; b++) {
    let acc = 0
    used.forEach((s, i) => {
      acc = (acc + (s.values[b] as number) * (weights[i] as number)) % SHAMIR_PRIME
    })
    if (acc > 255) {
      throw new ShamirError(
        'NOT_A_BYTE',
        `byte ${b} interpolates to 256: these shares do not belong together`
      )
    }
    secret[b] = acc
  }
  return secret
}
