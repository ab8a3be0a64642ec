/**
 * Writes emulator/fixtures/rsa-key-pool.json: RSA key pairs the emulator hands out instead of generating one per
 * key creation (emulator/core/key-pool.ts). Test fixtures only: published, never used for anything real.
 * Run again to replace them: `npx tsx scripts/make-rsa-key-pool.ts`.
 */
import { generateKeyPair } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { promisify } from 'node:util'

const SIZES: Record<string, number> = { '2048': 48, '3072': 40, '4096': 12 }
const generate = promisify(generateKeyPair)

const pool: Record<string, string[]> = {}
for (const [bits, count] of Object.entries(SIZES)) {
  const pairs = await Promise.all(
    Array.from({ length: count }, () =>
      generate('rsa', { modulusLength: Number(bits), publicExponent: 65537 })
    )
  )
  pool[bits] = pairs.map(p => p.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'))
}
const note =
  'Test fixtures: RSA private keys (PKCS#8 DER, base64) published with the emulator, handed out by emulator/core/key-pool.ts. Never use them for anything real.'
writeFileSync(
  new URL('../emulator/fixtures/rsa-key-pool.json', import.meta.url),
  `${JSON.stringify({ note, publicExponent: 65537, keys: pool }, null, 1)}\n`
)
