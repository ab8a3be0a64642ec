/**
 * CLI: `npm run emulator -- [--state-dir DIR] [--port N] [--provisioning-seconds N]
 * [--activation-seconds N] [--rbac-propagation-seconds N]
 * [--key-creation-seconds N] [--backup-seconds N] [--network-rule-seconds N] [--region-seconds N]`.
 * Prints exactly one JSON line on stdout once it listens, then serves until SIGTERM/SIGINT. Diagnostics go to stderr.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Settings } from './core/context.js'
import { startServer } from './core/server.js'
import { SERVICES } from './services/index.js'

const FLAGS = [
  'state-dir',
  'port',
  'provisioning-seconds',
  'activation-seconds',
  'rbac-propagation-seconds',
  'key-creation-seconds',
  'backup-seconds',
  'network-rule-seconds',
  'region-seconds'
] as const
type Flag = (typeof FLAGS)[number]

function parseArgs(argv: string[]): Partial<Record<Flag, string>> {
  const out: Partial<Record<Flag, string>> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [name, inline] = arg.replace(/^--/, '').split(/=(.*)/s, 2)
    if (!arg.startsWith('--') || !FLAGS.includes(name as Flag)) throw new Error(`unknown argument: ${arg}`)
    const value = inline ?? argv[++i]
    if (value === undefined) throw new Error(`missing value for --${name}`)
    out[name as Flag] = value
  }
  return out
}

function number(args: Partial<Record<Flag, string>>, flag: Flag, fallback: number): number {
  const raw = args[flag]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} must be a non-negative number`)
  return n
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const stateDir = resolve(args['state-dir'] ?? mkdtempSync(join(tmpdir(), 'azure-emulator-')))
  const settings: Settings = {
    provisioningSeconds: number(args, 'provisioning-seconds', 3),
    activationSeconds: number(args, 'activation-seconds', 2),
    rbacPropagationSeconds: number(args, 'rbac-propagation-seconds', 0),
    keyCreationSeconds: number(args, 'key-creation-seconds', 0),
    backupSeconds: number(args, 'backup-seconds', 2),
    networkRuleSeconds: number(args, 'network-rule-seconds', 0),
    callerAddresses: {},
    failNextBackupJob: false,
    oidcTokenLifetimeSeconds: 300,
    accessTokenLifetimeSeconds: 3599,
    accessTokenSkewSeconds: 300,
    failNextCreate: false,
    failNextActivation: false,
    regionSeconds: number(args, 'region-seconds', 3),
    failNextRegion: false,
    dataPlaneRegion: '',
    replicationLagSeconds: 0,
    enforceRbac: false
  }
  const server = await startServer({ stateDir, port: number(args, 'port', 0), settings, services: SERVICES })
  process.stdout.write(JSON.stringify(server.info) + '\n')
  const stop = (): void => {
    // close() caps open keep-alive tunnels at 0.5 s and waits for Azurite to flush and exit
    // (SIGKILL after 5 s); this is only the last resort.
    server.close().finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 6000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch(e => {
  process.stderr.write(`emulator failed to start: ${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
