/** Shared helpers for the security-domain tests (not a test file itself). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export function fixture(name: string): string {
  return readFileSync(join(process.cwd(), '__tests__', 'security-domain', 'fixtures', name), 'utf8')
}

export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex')
}

export const SEGMENT = { header: 0, encryptedKey: 1, iv: 2, ciphertext: 3, tag: 4 } as const

/** Flips one bit of one byte of a compact JWE segment, keeping the text canonical base64url. */
export function flipByte(compact: string, segment: number, byteIndex = 0): string {
  const parts = compact.split('.')
  const bytes = Buffer.from(parts[segment] as string, 'base64url')
  const i = byteIndex < 0 ? bytes.length + byteIndex : byteIndex
  bytes[i] = (bytes[i] as number) ^ 0x01
  parts[segment] = bytes.toString('base64url')
  return parts.join('.')
}

/** All k-element subsets of [0, n). */
export function subsetsOf(n: number, k: number): number[][] {
  const out: number[][] = []
  const walk = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc])
      return
    }
    for (let i = start; i < n; i++) walk(i + 1, [...acc, i])
  }
  walk(0, [])
  return out
}

export function deepClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
