/**
 * The client scripts (clients/*.mjs) as servers: a command goes to an idle server started with the same
 * script and environment, or to a new one, so that a test file loads Microsoft's SDKs once per concurrent
 * command rather than once per command. Each server runs one command at a time (commands a test runs at
 * once get servers of their own, as separate processes did), builds fresh credentials and clients for it,
 * and exits when unused (clients/serve.mjs). The result is the JSON document the one-shot form prints.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import type { Socket } from 'node:net'

/** Marks an answer among anything else a command writes to stdout. */
const ANSWER = '\u001eANSWER '
/** A server no test has used for this long exits (the pool stops handing it commands well before). */
const IDLE_EXIT_MS = 15_000

interface Server {
  child: ChildProcessWithoutNullStreams
  busy: boolean
  /** When it last answered: a server close to its idle exit is not handed another command. */
  lastUsed: number
  exited: boolean
  pending?: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void }
  output: string
}

const servers = new Map<string, Server[]>()
let nextId = 1

function start(script: string, env: Record<string, string>): Server {
  const child = spawn(
    process.execPath,
    [script, '--serve', JSON.stringify({ answer: ANSWER, idleExitMs: IDLE_EXIT_MS })],
    { env, stdio: ['pipe', 'pipe', 'pipe'] }
  )
  const server: Server = { child, busy: false, lastUsed: Date.now(), exited: false, output: '' }
  // An idle server must not keep a test process alive.
  child.unref()
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as Socket).unref?.()
  let buffer = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (d: string) => {
    buffer += d
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl)
      buffer = buffer.slice(nl + 1)
      if (!line.startsWith(ANSWER)) {
        server.output = (server.output + line + '\n').slice(-8000)
        continue
      }
      const { id, result } = JSON.parse(line.slice(ANSWER.length)) as { id: number; result: unknown }
      const p = server.pending
      if (p?.id !== id) continue
      server.pending = undefined
      server.busy = false
      server.lastUsed = Date.now()
      p.resolve(result)
    }
  })
  child.stderr.on('data', (d: Buffer) => (server.output = (server.output + d.toString()).slice(-8000)))
  child.on('exit', code => {
    server.exited = true
    server.pending?.reject(new Error(`client exited with ${code} before answering\n${server.output}`))
    server.pending = undefined
  })
  return server
}

/** Runs `command` of `script` with `args` in a process whose environment is `env`; resolves its JSON result. */
export function callClient<T>(
  script: string,
  env: Record<string, string>,
  command: string,
  args: Record<string, unknown>,
  timeoutMs = 60_000
): Promise<T> {
  const key = `${script}\n${JSON.stringify(env)}`
  const pool = (servers.get(key) ?? []).filter(s => !s.exited)
  servers.set(key, pool)
  // Well before the server's own idle exit, so a command never races it.
  const fresh = (s: Server) => Date.now() - s.lastUsed < IDLE_EXIT_MS / 2
  let server = pool.find(s => !s.busy && fresh(s))
  if (!server) {
    server = start(script, env)
    pool.push(server)
  }
  const chosen = server
  chosen.busy = true
  const id = nextId++
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      chosen.child.kill('SIGKILL')
      reject(new Error(`client ${command} did not answer within ${timeoutMs} ms\n${chosen.output}`))
    }, timeoutMs)
    chosen.pending = {
      id,
      resolve: v => {
        clearTimeout(timer)
        resolve(v as T)
      },
      reject: e => {
        clearTimeout(timer)
        reject(e)
      }
    }
    chosen.child.stdin.write(`${JSON.stringify({ id, command, args })}\n`)
  })
}
