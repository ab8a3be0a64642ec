/**
 * Wrapping-key generation side by side, in the same invocation: the action's generateWrappingKeys (Node's
 * native generator on libuv's thread pool, certificates built with node-forge and signed natively) against
 * the equivalent sequential `openssl req -newkey rsa:3072 -nodes -x509` commands, and node-forge's pure-JS
 * generator (forced with forge.options.usePureJavaScript: by default forge hands generation to Node's native
 * code) for a smaller count, in a child process so a slow key cannot hold the benchmark.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { generateWrappingKeys } from '../../src/security-domain/wrapping-keys.js'

const run = promisify(execFile)

export interface Timing {
  wallMs: number
  /** User + system CPU time, all threads; undefined when it could not be measured. */
  cpuMs?: number
}

/** In-process; process.cpuUsage() covers every thread of the process, the libuv pool included. */
export async function timeNode(count: number, bits: number): Promise<Timing> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const keys = await generateWrappingKeys({ count, bits })
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  if (keys.length !== count) throw new Error(`generateWrappingKeys returned ${keys.length} keys`)
  return { wallMs, cpuMs: (used.user + used.system) / 1000 }
}

/**
 * One `openssl req` per key, one after another. CPU time comes from /usr/bin/time when it exists (Node
 * cannot read a child's rusage); it adds a fork per command, under a millisecond.
 */
export async function timeOpenssl(openssl: string, count: number, bits: number): Promise<Timing> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-openssl-'))
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
  let cpuMs: number | undefined = gnuTime ? 0 : undefined
  try {
    const started = performance.now()
    for (let i = 1; i <= count; i++) {
      const args = [
        'req',
        '-newkey',
        `rsa:${bits}`,
        '-nodes',
        '-x509',
        '-days',
        '365',
        '-subj',
        `/CN=SKR wrapping key ${i}`,
        '-keyout',
        join(dir, `k${i}.pem`),
        '-out',
        join(dir, `c${i}.pem`)
      ]
      if (gnuTime) {
        const { stderr } = await run(gnuTime, ['-f', 'BENCHCPU %U %S', openssl, ...args])
        const m = /BENCHCPU ([\d.]+) ([\d.]+)/.exec(stderr)
        cpuMs = m && cpuMs !== undefined ? cpuMs + (Number(m[1]) + Number(m[2])) * 1000 : undefined
      } else await run(openssl, args)
    }
    return { wallMs: performance.now() - started, cpuMs }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The child: pure-JS key pair + self-signed SHA-256 certificate, one per line of output (ms each). */
const FORGE_CHILD = `
const forge = require(process.env.FORGE_PATH);
forge.options.usePureJavaScript = true;
const bits = Number(process.env.BITS), count = Number(process.env.COUNT);
for (let i = 1; i <= count; i++) {
  const t = performance.now();
  const keys = forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 365 * 86400000);
  cert.setSubject([{ name: 'commonName', value: 'SKR wrapping key ' + i }]);
  cert.setIssuer([{ name: 'commonName', value: 'SKR wrapping key ' + i }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  forge.pki.certificateToPem(cert);
  process.stdout.write(String(performance.now() - t) + '\\n');
}
`

export interface ForgeResult {
  /** ms per key, one entry per key finished. */
  perKey: number[]
  timedOut: boolean
}

export async function timeForge(count: number, bits: number, timeoutMs: number): Promise<ForgeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-forge-'))
  const file = join(dir, 'forge-child.cjs')
  writeFileSync(file, FORGE_CHILD)
  const forgePath = createRequire(import.meta.url).resolve('node-forge')
  const child = spawn(process.execPath, [file], {
    env: { PATH: process.env.PATH ?? '', FORGE_PATH: forgePath, BITS: String(bits), COUNT: String(count) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', d => (out += d))
  child.stderr.on('data', d => (err += d))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  const code = await new Promise<number | null>(r => child.on('close', c => r(c)))
  clearTimeout(timer)
  rmSync(dir, { recursive: true, force: true })
  if (code !== 0 && !timedOut)
    throw new Error(`node-forge child exited ${code}: ${err.trim().split('\n')[0]}`)
  return {
    perKey: out.split('\n').filter(Boolean).map(Number),
    timedOut
  }
}
