/**
 * Azurite's blob service as a child process: the real Azure Storage REST implementation behind
 * `{account}.blob.core.windows.net`. It listens on a free loopback port over HTTPS (a certificate
 * for 127.0.0.1 from the emulator's CA; Azurite's `--oauth basic` accepts bearer tokens only over
 * HTTPS), keeps its data under `<stateDir>/azurite` and takes its accounts from `AZURITE_ACCOUNTS`.
 *
 * The child is a tiny bootstrap (`node -e`) around Azurite's own `BlobServerFactory`, configured by
 * Azurite's documented CLI flags. It adds what the emulator needs: a ready message with the port
 * over IPC, graceful close (Loki flushes its DB) on SIGTERM/SIGINT, on a `shutdown` message and when
 * the IPC channel drops (the emulator died: no orphans), and account refresh over IPC so a storage
 * account added at run time needs no restart.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:https'
import { checkServerIdentity } from 'node:tls'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { CertificateAuthority } from '../../core/ca.js'

const BOOTSTRAP = String.raw`
const cfg = JSON.parse(process.env.EMU_AZURITE);
delete process.env.EMU_AZURITE;
process.argv = [process.argv[0], cfg.root + '/blob/main.js', ...cfg.argv];
const send = m => { try { if (process.connected) process.send(m); } catch {} };
// Account stores re-read AZURITE_ACCOUNTS on refresh(): remember them for the IPC refresh below.
const AccountDataStore = require(cfg.root + '/common/AccountDataStore').default;
const stores = new Set();
const init = AccountDataStore.prototype.init;
AccountDataStore.prototype.init = function () { stores.add(this); return init.call(this); };
const { BlobServerFactory } = require(cfg.root + '/blob/BlobServerFactory');
let server, closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  const done = () => process.exit(0);
  setTimeout(done, 4000).unref();
  (server ? server.close() : Promise.resolve()).then(done, done);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);
process.on('message', m => {
  if (m && m.type === 'shutdown') shutdown();
  if (m && m.type === 'accounts') {
    process.env.AZURITE_ACCOUNTS = m.value;
    for (const s of stores) s.refresh();
    send({ type: 'accounts-ok', id: m.id });
  }
});
new BlobServerFactory().createServer().then(async s => {
  server = s;
  if (closing) return;
  await s.start();
  send({ type: 'ready', address: s.getHttpServerAddress() });
}).catch(e => {
  process.stderr.write('azurite failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
`

export interface AzuriteOptions {
  stateDir: string
  ca: CertificateAuthority
  /** The `AZURITE_ACCOUNTS` value: `name:base64key;name2:base64key2`. */
  accounts: string
  /** How long to wait for the ready message. */
  startTimeoutMs?: number
}

export interface AzuriteProcess {
  /** https://127.0.0.1:PORT */
  origin: string
  port: number
  pid: number
  /** Keep-alive agent trusting the emulator's CA; the only way the emulator talks to Azurite. */
  agent: Agent
  /** Replaces the account list (AZURITE_ACCOUNTS) in the running child. */
  setAccounts(accounts: string): Promise<void>
  /** Graceful stop: Azurite flushes its DB; SIGKILL after `graceMs`. Resolves once the child exited. */
  stop(graceMs?: number): Promise<void>
}

function azuriteRoot(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src')
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A child left by an emulator that was killed may still be flushing this state dir: let it finish. */
async function waitForPrevious(pidFile: string, timeoutMs = 5000): Promise<void> {
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return
  const isAzurite = (): boolean => {
    if (!alive(pid)) return false
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('BlobServerFactory')
    } catch {
      return process.platform !== 'linux'
    }
  }
  const deadline = Date.now() + timeoutMs
  while (isAzurite() && Date.now() < deadline) await new Promise(r => setTimeout(r, 50))
}

/** Starts Azurite's blob service; resolves once it listens (about 1 s, mostly module loading). */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteProcess> {
  const dir = join(options.stateDir, 'azurite')
  mkdirSync(dir, { recursive: true })
  const pidFile = join(dir, 'azurite.pid')
  const certFile = join(dir, 'tls-cert.pem')
  const keyFile = join(dir, 'tls-key.pem')
  // Reissued on every start (a few ms): the certificate always matches the current CA and key.
  const { certPem, keyPem } = options.ca.ipServerCertificate('127.0.0.1')
  writeFileSync(certFile, certPem)
  writeFileSync(keyFile, keyPem, { mode: 0o600 })
  await waitForPrevious(pidFile)

  const argv = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--location',
    dir,
    '--silent',
    '--disableTelemetry',
    // @azure/storage-blob 12.32 sends x-ms-version 2026-04-06, newer than Azurite 3.35 knows (2025-11-05).
    '--skipApiVersionCheck',
    '--oauth',
    'basic',
    '--cert',
    certFile,
    '--key',
    keyFile
  ]
  const env: NodeJS.ProcessEnv = { ...process.env }
  // No tsx loader, proxy or test CA in the child.
  for (const k of [
    'NODE_OPTIONS',
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'NODE_EXTRA_CA_CERTS'
  ])
    delete env[k]
  env.AZURITE_ACCOUNTS = options.accounts
  env.EMU_AZURITE = JSON.stringify({ root: azuriteRoot(), argv })

  const child: ChildProcess = spawn(process.execPath, ['-e', BOOTSTRAP], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc']
  })
  if (child.pid) writeFileSync(pidFile, String(child.pid))
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    const text = d.toString()
    stderr = (stderr + text).slice(-4000)
    process.stderr.write(text.replace(/^(?=.)/gm, 'azurite: '))
  })
  // The emulator exiting for any reason takes Azurite with it (the IPC drop also does).
  const onExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
  process.once('exit', onExit)
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => {
      process.removeListener('exit', onExit)
      try {
        if (readFileSync(pidFile, 'utf8').trim() === String(child.pid)) rmSync(pidFile)
      } catch {
        // already gone
      }
      resolve()
    })
  )

  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Azurite did not start within ${options.startTimeoutMs ?? 30000} ms\n${stderr}`))
    }, options.startTimeoutMs ?? 30000)
    const onMessage = (m: unknown): void => {
      const msg = m as { type?: string; address?: string }
      if (msg?.type === 'ready' && msg.address) {
        clearTimeout(timer)
        child.off('message', onMessage)
        resolve(msg.address)
      }
    }
    child.on('message', onMessage)
    child.once('exit', code => {
      clearTimeout(timer)
      reject(new Error(`Azurite exited with ${code} before it was ready\n${stderr}`))
    })
  })
  const port = Number(new URL(address).port)
  const agent = new Agent({
    keepAlive: true,
    // Azurite closes a connection idle for 5 s (DEFAULT_BLOB_KEEP_ALIVE_TIMEOUT; its --blobKeepAliveTimeout flag
    // is never read): an idle one reused just then ends in "socket hang up" (seen in a fresh-clone run). Node's
    // agent drops a free connection once it has been idle this long, before Azurite does.
    timeout: 4000,
    ca: options.ca.certPem,
    maxSockets: 64,
    // Requests carry the Azure Host header (Azurite reads the account from it), from which Node
    // would take the name to verify: the certificate is for the loopback address we dial.
    checkServerIdentity: (_host, cert) => checkServerIdentity('127.0.0.1', cert)
  })

  let nextId = 0
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    agent,
    setAccounts(accounts) {
      const id = ++nextId
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off('message', onMessage)
          reject(new Error('Azurite did not acknowledge the account refresh'))
        }, 5000)
        const onMessage = (m: unknown): void => {
          const msg = m as { type?: string; id?: number }
          if (msg?.type === 'accounts-ok' && msg.id === id) {
            clearTimeout(timer)
            child.off('message', onMessage)
            resolve()
          }
        }
        child.on('message', onMessage)
        child.send({ type: 'accounts', value: accounts, id })
      })
    },
    async stop(graceMs = 5000) {
      agent.destroy()
      if (child.exitCode !== null || child.signalCode !== null) return exited
      if (child.connected) child.send({ type: 'shutdown' })
      else child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    }
  }
}
