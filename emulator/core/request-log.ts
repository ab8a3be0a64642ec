/**
 * Request log: one JSON line per request in `<stateDir>/requests.jsonl`, also kept in memory for
 * GET /_emulator/requests. Never bodies or headers; query strings keep only harmless parameters.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface RequestLogEntry {
  index: number
  time: string
  method: string
  host: string
  path: string
  status: number
  durationMs: number
  callerOid?: string
  /**
   * The first request on a new connection: milliseconds it waited for that connection, from the proxy's CONNECT
   * to the request's arrival (the connection's set-up, a connectMs fault included), before durationMs began; 0
   * when the connection was opened ahead and sat ready before the request came (a pre-connect; server.ts).
   */
  setupMs?: number
  /** Not GET/HEAD and not a token/OIDC request: what a "no writes on rerun" check counts. */
  write: boolean
  fault?: string
}

/** Query parameters that carry no secrets; everything else is dropped from logged paths. */
const SAFE_QUERY = new Set(['api-version', '$top', '$skiptoken', '$filter', 'maxresults', 'audience'])

export function loggablePath(url: URL): string {
  const kept = [...url.searchParams].filter(([k]) => SAFE_QUERY.has(k.toLowerCase()))
  if (kept.length === 0) return url.pathname
  return `${url.pathname}?${new URLSearchParams(kept).toString()}`
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = []
  /**
   * Connections accepted through the proxy (CONNECT), per host, since this emulator started: what a client's
   * connection reuse is judged by (a request log entry says nothing about the connection it came over).
   */
  readonly connections = new Map<string, number>()
  private readonly file: string

  constructor(stateDir: string) {
    this.file = join(stateDir, 'requests.jsonl')
    // Continue numbering after a restart with the same state dir.
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue
        try {
          this.entries.push(JSON.parse(line) as RequestLogEntry)
        } catch {
          // A torn last line after a crash is not worth failing the start for.
        }
      }
    }
  }

  connected(host: string): void {
    this.connections.set(host, (this.connections.get(host) ?? 0) + 1)
  }

  append(entry: Omit<RequestLogEntry, 'index' | 'time'> & { time?: string }): RequestLogEntry {
    const { time, ...rest } = entry
    const full: RequestLogEntry = {
      index: this.entries.length,
      time: time ?? new Date().toISOString(),
      ...rest
    }
    this.entries.push(full)
    appendFileSync(this.file, JSON.stringify(full) + '\n')
    return full
  }

  since(index = 0): RequestLogEntry[] {
    return this.entries.slice(Math.max(0, index))
  }

  get length(): number {
    return this.entries.length
  }
}
