/**
 * RSA key pairs for the in-process tests from the published test keys of emulator/fixtures/rsa-key-pool.json
 * (2048, 3072 and 4096 bits): each handed out once per test file (module registry), then Node's generator.
 * An RSA-4096 pair takes seconds of CPU to generate, and the security-domain tests want ten at a time.
 */
import { createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { generateWrappingKeys, type WrappingKey } from '../../src/security-domain/wrapping-keys.js'

const POOL = (
  JSON.parse(readFileSync(resolve('emulator/fixtures/rsa-key-pool.json'), 'utf8')) as {
    keys: Record<string, string[]>
  }
).keys
const taken = new Map<number, number>()
const generate = promisify(generateKeyPair)

/** A key pair as PKCS#8 and SPKI PEM: the next unused test key of that size, or a generated one. */
export async function pooledKeyPair(bits: number): Promise<{ privateKey: string; publicKey: string }> {
  const next = taken.get(bits) ?? 0
  const der = POOL[String(bits)]?.[next]
  if (!der)
    return generate('rsa', {
      modulusLength: bits,
      publicExponent: 0x10001,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
    })
  taken.set(bits, next + 1)
  const key = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' })
  return {
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()
  }
}

/** The action's wrapping keys (certificates made by src/security-domain/wrapping-keys.ts) on test key pairs. */
export function pooledWrappingKeys(count: number, bits: number): Promise<WrappingKey[]> {
  return generateWrappingKeys({ count, bits, keyPair: pooledKeyPair })
}
