import { describe, expect, it } from '@jest/globals'
import { randomBytes, randomInt } from 'node:crypto'
import {
  combineShares,
  decodeShare,
  encodeShare,
  ShamirError,
  splitSecret,
  type ShamirErrorCode
} from '../../src/security-domain/shamir.js'
import { subsetsOf } from './helpers.js'

function shamirCode(fn: () => unknown): ShamirErrorCode | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof ShamirError) return e.code
    throw e
  }
  return undefined
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1)
    ;[a[i], a[j]] = [a[j] as T, a[i] as T]
  }
  return a
}

describe('share encoding', () => {
  it('packs (x << 9) | v as uint16 little-endian', () => {
    const share = encodeShare(3, [0, 256, 5])
    expect([...share]).toEqual([0x00, 0x06, 0x00, 0x07, 0x05, 0x06])
    expect(decodeShare(share)).toEqual({ x: 3, values: [0, 256, 5] })
  })

  it('rejects words with different x, x = 0, values > 256 and odd lengths', () => {
    expect(shamirCode(() => decodeShare(Buffer.from([0x00, 0x02, 0x00, 0x04])))).toBe('MALFORMED_SHARE')
    expect(shamirCode(() => decodeShare(Buffer.from([0x05, 0x00])))).toBe('MALFORMED_SHARE')
    expect(shamirCode(() => decodeShare(Buffer.from([0x01, 0x03])))).toBe('MALFORMED_SHARE') // x=1, v=257
    expect(shamirCode(() => decodeShare(Buffer.from([0x01])))).toBe('MALFORMED_SHARE')
  })
})

describe('split and combine over GF(257)', () => {
  for (let k = 2; k <= 10; k++) {
    it(`k = ${k}: any k of ${k + 2} shares recover a 32-byte secret, in any order`, () => {
      const secret = randomBytes(32)
      const n = k + 2
      const shares = splitSecret(secret, n, k)
      expect(shares).toHaveLength(n)
      shares.forEach((s, i) => {
        expect(s).toHaveLength(64)
        expect(decodeShare(s).x).toBe(i + 1)
      })
      const all = subsetsOf(n, k)
      // Every subset for small k; a random sample of 40 for large k keeps the test fast.
      const picked = all.length <= 60 ? all : shuffle(all).slice(0, 40)
      for (const subset of picked) {
        const chosen = shuffle(subset.map(i => shares[i] as Buffer))
        expect(combineShares(chosen, k).equals(secret)).toBe(true)
      }
    })
  }

  it('uses exactly the first k shares when more are given', () => {
    const secret = randomBytes(32)
    const shares = splitSecret(secret, 5, 3)
    const garbage = encodeShare(
      5,
      Array.from({ length: 32 }, () => 1)
    )
    expect(combineShares([shares[0]!, shares[1]!, shares[2]!, garbage], 3).equals(secret)).toBe(true)
  })

  it('handles secret bytes 0 and 255 and share values of 256', () => {
    const secret = Buffer.from(Array.from({ length: 32 }, (_, i) => (i % 2 ? 255 : 0)))
    let saw256 = false
    for (let round = 0; round < 50; round++) {
      const shares = splitSecret(secret, 10, 4)
      saw256 ||= shares.some(s => decodeShare(s).values.includes(256))
      expect(combineShares(shares.slice(3, 7), 4).equals(secret)).toBe(true)
    }
    expect(saw256).toBe(true)
  })

  it('k-1 shares do not determine the secret (they fit more than one secret)', () => {
    // With k-1 shares fixed, every candidate secret byte is consistent: combine the k-1 real
    // shares with forged k-th shares and see that the result takes many values.
    const secret = randomBytes(1)
    const shares = splitSecret(secret, 3, 3)
    const outcomes = new Set<number>()
    for (let v = 0; v < 257; v++) {
      try {
        outcomes.add(combineShares([shares[0]!, shares[1]!, encodeShare(3, [v])], 3)[0] as number)
      } catch {
        // a forged share may interpolate to 256
      }
    }
    expect(outcomes.size).toBe(256)
  })
})

describe('combine failures', () => {
  const secret = randomBytes(32)
  const shares = splitSecret(secret, 5, 3)

  it('fewer than k shares', () => {
    expect(shamirCode(() => combineShares(shares.slice(0, 2), 3))).toBe('TOO_FEW_SHARES')
    expect(() => combineShares(shares.slice(0, 2), 3)).toThrow(/2 share\(s\) given, 3 required/)
  })

  it('duplicate x', () => {
    expect(shamirCode(() => combineShares([shares[0]!, shares[1]!, shares[0]!], 3))).toBe('DUPLICATE_X')
  })

  it('shares of different lengths', () => {
    expect(shamirCode(() => combineShares([shares[0]!, shares[1]!, shares[2]!.subarray(0, 62)], 3))).toBe(
      'LENGTH_MISMATCH'
    )
  })

  it('an interpolated value of 256', () => {
    // Degree 1 through (1, 0) and (2, 1): f(0) = 2·0 − 1 = −1 ≡ 256.
    expect(shamirCode(() => combineShares([encodeShare(1, [0]), encodeShare(2, [1])], 2))).toBe('NOT_A_BYTE')
  })

  it('a subset mixing two splits of the same secret does not give the secret', () => {
    const again = splitSecret(secret, 5, 3)
    let wrong = 0
    for (let round = 0; round < 20; round++) {
      try {
        if (!combineShares([shares[0]!, shares[1]!, again[2]!], 3).equals(secret)) wrong++
      } catch (e) {
        expect(e).toBeInstanceOf(ShamirError)
        wrong++
      }
    }
    expect(wrong).toBe(20)
  })

  it('refuses split parameters outside 2 ≤ k ≤ n ≤ 126', () => {
    expect(shamirCode(() => splitSecret(secret, 3, 4))).toBe('INVALID_ARGUMENT')
    expect(shamirCode(() => splitSecret(secret, 3, 1))).toBe('INVALID_ARGUMENT')
    expect(shamirCode(() => splitSecret(secret, 127, 2))).toBe('INVALID_ARGUMENT')
  })
})
