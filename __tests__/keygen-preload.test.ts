/**
 * The test preload that serves a run's RSA-2048 key pairs from published test keys (scripts/keygen-preload.ts):
 * distinct keys within a claims folder, in the encodings asked for, and Node's generator once the pool is used up
 * or for another size.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KEYGEN_POOL_FILE, keygenPreloadOptions } from '../scripts/keygen-preload.js'

/** Generates `sizes` key pairs (PEM, as the action asks) in a process with the preload; returns their moduli. */
function moduli(pool: string, claims: string, sizes: number[]): string[] {
  const script = `
    import { generateKeyPair, createPublicKey } from 'node:crypto';
    import { promisify } from 'node:util';
    const out = [];
    for (const modulusLength of ${JSON.stringify(sizes)}) {
      const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength, publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      if (createPublicKey(privateKey).export({ format: 'jwk' }).n !== createPublicKey(publicKey).export({ format: 'jwk' }).n) throw new Error('pair mismatch');
      out.push(createPublicKey(publicKey).export({ format: 'jwk' }).n);
    }
    console.log(JSON.stringify(out));`
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: keygenPreloadOptions(),
      KEYGEN_POOL_FILE: pool,
      KEYGEN_POOL_CLAIMS: claims
    },
    encoding: 'utf8'
  })
  return JSON.parse(stdout) as string[]
}

const poolModuli = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { keys: Record<string, string[]> }).keys['2048'].map(
    der =>
      createPublicKey(
        createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' })
      ).export({
        format: 'jwk'
      }).n as string
  )

describe('keygen preload', () => {
  it('hands out distinct pool keys across processes sharing a claims folder, from the end of the list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keygen-claims-'))
    try {
      const all = poolModuli(KEYGEN_POOL_FILE)
      const first = moduli(KEYGEN_POOL_FILE, dir, [2048, 2048])
      const second = moduli(KEYGEN_POOL_FILE, dir, [2048])
      expect([...first, ...second]).toEqual([all[all.length - 1], all[all.length - 2], all[all.length - 3]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("generates once the pool is used up, and for other sizes (Node's generator)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'keygen-claims-'))
    try {
      const full = JSON.parse(readFileSync(KEYGEN_POOL_FILE, 'utf8')) as { keys: Record<string, string[]> }
      const small = join(dir, 'pool.json')
      writeFileSync(small, JSON.stringify({ keys: { '2048': full.keys['2048'].slice(0, 1) } }))
      const [pooled, generated] = moduli(small, join(dir, 'claims'), [2048, 2048])
      expect(pooled).toBe(poolModuli(small)[0])
      expect(poolModuli(KEYGEN_POOL_FILE)).not.toContain(generated)
      const [other] = moduli(small, join(dir, 'claims'), [3072])
      expect(Buffer.from(other, 'base64url').length * 8).toBe(3072)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
