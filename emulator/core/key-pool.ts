/**
 * RSA key pairs for the emulator's key creation, taken from a pool of pre-generated test keys
 * (emulator/fixtures/rsa-key-pool.json, made by scripts/make-rsa-key-pool.ts) while it lasts. Generating an
 * RSA-3072 key costs about 0.8 CPU-second, and the test suite creates keys by the hundred on two cores.
 *
 * Keys stay distinct within an emulator, as on Azure: each pooled key is handed out at most once per state
 * dir (the cursor is kept beside state.json, so a restarted emulator goes on where it stopped), and a size
 * whose pool is used up, or another public exponent, is generated. Two emulators hand out the same keys:
 * the keys are published test fixtures, never anything's secret.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  type KeyObject
} from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pool from '../fixtures/rsa-key-pool.json' with { type: 'json' }
import { writeFileAtomic } from './state.js'

export interface RsaKeyPair {
  privateKey: KeyObject
  publicKey: KeyObject
}

const generateKeyPairAsync = promisify(generateKeyPair)
const POOLED: Record<string, string[]> = pool.keys

/** Keys handed out per size; undefined until an emulator opens its state dir (in-process tests generate). */
let cursor: { file: string; taken: Record<string, number> } | undefined

/** Starts handing out pooled keys for the emulator whose state lives in `stateDir`. */
export function openKeyPool(stateDir: string): void {
  const file = join(stateDir, 'key-pool.json')
  const taken = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {}
  cursor = { file, taken }
}

function takePooled(bits: number, publicExponent: number): RsaKeyPair | undefined {
  const keys = POOLED[String(bits)]
  if (!cursor || !keys || publicExponent !== pool.publicExponent) return undefined
  const next = cursor.taken[bits] ?? 0
  if (next >= keys.length) return undefined
  cursor.taken[bits] = next + 1
  writeFileAtomic(cursor.file, JSON.stringify(cursor.taken))
  const privateKey = createPrivateKey({
    key: Buffer.from(keys[next] as string, 'base64'),
    format: 'der',
    type: 'pkcs8'
  })
  return { privateKey, publicKey: createPublicKey(privateKey) }
}

export async function rsaKeyPair(bits: number, publicExponent = 65537): Promise<RsaKeyPair> {
  return (
    takePooled(bits, publicExponent) ??
    (await generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent }))
  )
}

export function rsaKeyPairSync(bits: number, publicExponent = 65537): RsaKeyPair {
  return (
    takePooled(bits, publicExponent) ?? generateKeyPairSync('rsa', { modulusLength: bits, publicExponent })
  )
}
