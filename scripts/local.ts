/**
 * `npm run local`: runs the action with your own inputs against the embedded emulator, as the runner would
 * (dist/index.js, inputs as INPUT_*), prints the job log and the outputs, and writes the job summary (its
 * Markdown and the page GitHub would show) to files it names. Exits with the action's exit code.
 *
 *   npm run local -- --input hsm-name=my-hsm --input steps=provision,activate
 *   npm run local -- --inputs my-inputs.yml --input mode=plan
 *
 * Inputs the emulator decides (tenant-id, client-id, subscription-id, resource-group, location, and the
 * escrow stores when the run needs them and none are given) are filled in and printed; anything given wins.
 * --state DIR keeps the emulator's Azure between invocations (apply, then verify the same HSM).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { startEmulator } from '../emulator/testing.js'
import { baseInputs, cleanup, keysVaultUrl, runAction, type EmulatorInfo } from './local-runner.js'
import { jobLog, summariesHtml } from './job-view.js'

const USAGE = `usage: npm run local -- [--inputs FILE.yml] [--input NAME=VALUE]... [--state DIR] [--out DIR]

  --inputs FILE   a YAML mapping of input names to values (a workflow step's 'with:' block; a mapping
                  with a 'with:' key is read from there)
  --input N=V     one input (repeatable; wins over --inputs); write a newline in V as \\n
  --state DIR     keep the emulator's Azure in DIR, so a later invocation sees the same HSM
  --out DIR       where to write summary.md and summary.html (default: a new temporary directory)`

interface Args {
  inputs: Record<string, string>
  state?: string
  out?: string
}

/** The command line; throws with the usage for anything it does not understand. */
function parseArgs(argv: string[]): Args {
  const fromFile: Record<string, string> = {}
  const given: Record<string, string> = {}
  let state: string | undefined
  let out: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`)
      return v
    }
    if (arg === '--inputs') Object.assign(fromFile, readInputsFile(value()))
    else if (arg === '--input') {
      const v = value()
      const eq = v.indexOf('=')
      if (eq <= 0) throw new Error(`--input ${v}: write NAME=VALUE\n${USAGE}`)
      given[v.slice(0, eq).trim()] = v.slice(eq + 1).replace(/\\n/g, '\n')
    } else if (arg === '--state') state = resolve(value())
    else if (arg === '--out') out = resolve(value())
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE)
    else throw new Error(`unknown argument '${arg}'\n${USAGE}`)
  }
  return { inputs: { ...fromFile, ...given }, state, out }
}

/** A YAML mapping of inputs (or a step with a `with:` mapping); values as the runner passes them, strings. */
function readInputsFile(path: string): Record<string, string> {
  const doc = parse(readFileSync(path, 'utf8')) as unknown
  const map = isMapping(doc) && isMapping(doc.with) ? doc.with : doc
  if (!isMapping(map)) throw new Error(`${path}: expected a mapping of input names to values`)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(map)) out[k] = v === null || v === undefined ? '' : String(v)
  return out
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * The inputs that only the emulator can decide, where not given: its identities, resource group and region,
 * and escrow stores on its own storage account and a second vault (split custody) when the run escrows.
 */
async function withEmulatorInputs(
  info: EmulatorInfo,
  given: Record<string, string>
): Promise<{ inputs: Record<string, string>; filled: string[] }> {
  const hsm = given['hsm-name'] || 'local-hsm'
  const fill: Record<string, string> = { ...baseInputs(info, hsm) }
  const mode = (given.mode || 'apply').toLowerCase()
  const steps = (given.steps || 'all').toLowerCase()
  const escrows =
    ['recover', 'verify-security-domain'].includes(mode) ||
    (['apply', 'plan', 'verify'].includes(mode) && /\b(all|activate)\b/.test(steps))
  if (escrows) {
    fill['security-domain-store'] =
      `${info.storageAccountUrl}/${info.storageContainer}/${hsm}/security-domain.json`
    if (!given['wrapping-certificates'])
      fill['wrapping-key-store'] = `${await keysVaultUrl(info)}/secrets/${hsm}-wrapping-key`
  }
  const filled = Object.keys(fill).filter(k => given[k] === undefined)
  return { inputs: { ...fill, ...given }, filled }
}

function driftStatus(json: string): string {
  try {
    const r = JSON.parse(json) as { status?: unknown; counts?: Record<string, unknown> }
    const counts = Object.entries(r.counts ?? {})
      .map(([k, n]) => `${String(n)} ${k}`)
      .join(', ')
    return `status ${String(r.status)}${counts ? ` (${counts})` : ''}`
  } catch {
    return 'not JSON'
  }
}

async function main(): Promise<number> {
  let args: Args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e))
    return 2
  }
  if (args.state) mkdirSync(args.state, { recursive: true })
  console.log('Starting the local Azure emulator ...')
  const emu = await startEmulator({ stateDir: args.state, provisioningSeconds: 2, activationSeconds: 1 })
  try {
    const { inputs, filled } = await withEmulatorInputs(emu.info, args.inputs)
    console.log(`Emulator ready (state in ${emu.info.stateDir}).`)
    if (filled.length > 0)
      console.log(`Filled in for the emulator:\n${filled.map(k => `  ${k}: ${inputs[k]}`).join('\n')}`)
    console.log('\nJob log, as the runner groups it:\n')
    const run = await runAction(emu.info, inputs, { keygenPool: false })
    console.log(jobLog(run))
    const out = args.out ?? mkdtempSync(join(tmpdir(), 'managed-hsm-skr-local-'))
    mkdirSync(out, { recursive: true })
    console.log('\nOutputs:')
    for (const [k, v] of Object.entries(run.outputs)) {
      if (k !== 'drift') {
        console.log(`  ${k}=${v}`)
        continue
      }
      // The drift report is long JSON: its status here, the whole of it in a file.
      const file = join(out, 'drift.json')
      writeFileSync(file, v)
      console.log(`  drift: ${driftStatus(v)} (the whole report: ${file})`)
    }
    const md = join(out, 'summary.md')
    const html = join(out, 'summary.html')
    writeFileSync(md, run.summary)
    const title = `${inputs['hsm-name']} (${inputs.mode || 'apply'})`
    writeFileSync(
      html,
      await summariesHtml('managed-hsm-skr: local run', [{ title, code: run.code, summary: run.summary }])
    )
    console.log(`\nJob summary: ${md}\nRendered as GitHub shows it: ${html}`)
    console.log(`The action exited with ${String(run.code)}.`)
    cleanup(run)
    return run.code ?? 1
  } finally {
    await emu.stop()
  }
}

main().then(
  code => (process.exitCode = code),
  e => {
    console.error(e)
    process.exitCode = 1
  }
)
