/**
 * A preload (`node --import`, given through NODE_OPTIONS by the test harness) that serves the RSA-2048 key pairs a
 * run of dist/index.js generates (its security-domain wrapping keys) from published, pre-generated test keys
 * (emulator/fixtures/rsa-key-pool.json) instead of Node's generator: three keys per activation cost about 0.6
 * CPU-second, and the suite activates HSMs by the hundred on two cores. Everything the action does with the keys
 * (certificates, the download, the escrow, the recovery) is unchanged.
 *
 * Keys stay distinct within a test file: each is claimed once per emulator state dir (a file created with
 * O_EXCL under KEYGEN_POOL_CLAIMS), from the end of the list (the emulator hands out its keys from the start);
 * when the pool is used up, and for any other size or exponent, Node generates as before. Written to a temporary
 * folder at run time (no JS file in the repository), as scripts/attestation-preload.ts is. A test whose subject
 * is key generation runs without it (`keygenPool: false` in scripts/local-runner.ts).
 */
import { resolve } from 'node:path'
import { preloadFile } from './preload-file.js'

/** The pool the preload reads (the emulator's own fixture). */
export const KEYGEN_POOL_FILE = resolve('emulator/fixtures/rsa-key-pool.json')

const PRELOAD = `
import crypto from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
const file = process.env.KEYGEN_POOL_FILE;
const claims = process.env.KEYGEN_POOL_CLAIMS;
if (file && claims) {
  const keys = JSON.parse(readFileSync(file, 'utf8')).keys['2048'] ?? [];
  const claim = () => {
    mkdirSync(claims, { recursive: true });
    for (let i = keys.length - 1; i >= 0; i--) {
      try {
        closeSync(openSync(join(claims, String(i)), 'wx'));
        return keys[i];
      } catch {}
    }
  };
  const pooled = (type, o) => {
    if (type !== 'rsa' || o?.modulusLength !== 2048 || (o.publicExponent ?? 65537) !== 65537) return undefined;
    const der = claim();
    if (!der) return undefined;
    const privateKey = crypto.createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
    const publicKey = crypto.createPublicKey(privateKey);
    return [
      o.publicKeyEncoding ? publicKey.export(o.publicKeyEncoding) : publicKey,
      o.privateKeyEncoding ? privateKey.export(o.privateKeyEncoding) : privateKey
    ];
  };
  const generate = crypto.generateKeyPair;
  const fromPool = function (type, options, callback) {
    const pair = pooled(type, options);
    if (!pair) return generate.call(this, type, options, callback);
    process.nextTick(callback, null, pair[0], pair[1]);
  };
  fromPool[promisify.custom] = (type, options) =>
    new Promise((res, rej) =>
      fromPool(type, options, (e, publicKey, privateKey) => (e ? rej(e) : res({ publicKey, privateKey })))
    );
  crypto.generateKeyPair = fromPool;
  syncBuiltinESMExports();
}
`

const file = preloadFile('keygen-preload-', PRELOAD)

/** `--import <file URL>` of the preload (written on first use), for NODE_OPTIONS. */
export const keygenPreloadOptions = (): string => file.options()
