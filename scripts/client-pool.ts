/**
 * Client scripts as servers (the second clients of the tests and the demo: scripts/azure-client.ts,
 * __tests__/emulator/clients/*.mjs): a request goes to an idle server started with the same command line and
 * environment, or to a new one, so that a test file loads Microsoft's SDKs once per concurrent request rather
 * than once per request (about a CPU-second each). A server handles one request at a time (requests made at
 * once get servers of their own, as separate processes did), builds fresh credentials and clients for each,
 * and exits when unused. The protocol: the server is started with `--serve {"answer", "idleExitMs"}` appended
 * to its command line, reads one JSON request per line on stdin, `{"id", ...request}`, and writes
 * `<answer>{"id", "result"}` on a line of its own; anything else it writes is kept for error messages.
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

/**
 * An idle server must not keep its parent alive (a test process, the demo); one that owes an answer must,
 * or a script awaiting only that answer would end before it.
 */
function holdOpen(server: Server, hold: boolean): void {
  const { child } = server
  for (const h of [child, child.stdin, child.stdout, child.stderr] as unknown as Socket[])
    if (hold) h.ref?.()
    else h.unref?.()
}
let nextId = 1

function start(command: string[], env: Record<string, string>): Server {
  const child = spawn(
    process.execPath,
    [...command, '--serve', JSON.stringify({ answer: ANSWER, idleExitMs: IDLE_EXIT_MS })],
    { env, stdio: ['pipe', 'pipe', 'pipe'] }
  )
  const server: Server = { child, busy: false, lastUsed: Date.now(), exited: false, output: '' }
  holdOpen(server, false)
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

/**
 * Sends `request` to a server started as `node ...command --serve …` with environment `env`; resolves its
 * result. `label` names the request in a timeout's message.
 */
export function callServer<T>(
  command: string[],
  env: Record<string, string>,
  request: Record<string, unknown>,
  label: string,
  timeoutMs = 60_000
): Promise<T> {
  const key = `${JSON.stringify(command)}\n${JSON.stringify(env)}`
  const pool = (servers.get(key) ?? []).filter(s => !s.exited)
  servers.set(key, pool)
  // Well before the server's own idle exit, so a request never races it.
  const fresh = (s: Server) => Date.now() - s.lastUsed < IDLE_EXIT_MS / 2
  let server = pool.find(s => !s.busy && fresh(s))
  if (!server) {
    server = start(command, env)
    pool.push(server)
  }
  const chosen = server
  chosen.busy = true
  holdOpen(chosen, true)
  const id = nextId++
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      chosen.child.kill('SIGKILL')
      reject(new Error(`client ${label} did not answer within ${timeoutMs} ms\n${chosen.output}`))
    }, timeoutMs)
    chosen.pending = {
      id,
      resolve: v => {
        clearTimeout(timer)
        holdOpen(chosen, false)
        resolve(v as T)
      },
      reject: e => {
        clearTimeout(timer)
        holdOpen(chosen, false)
        reject(e)
      }
    }
    chosen.child.stdin.write(`${JSON.stringify({ ...request, id })}\n`)
  })
}

/** Runs `command` of a client script (`node script command json-args` in the one-shot form); its JSON result. */
export function callClient<T>(
  script: string,
  env: Record<string, string>,
  command: string,
  args: Record<string, unknown>,
  timeoutMs = 60_000
): Promise<T> {
  return callServer<T>([script], env, { command, args }, command, timeoutMs)
}
