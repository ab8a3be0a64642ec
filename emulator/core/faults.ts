/**
 * Fault injection. Rules match a request by host and path (regular expressions) and optionally the
 * method, then answer with an Azure-shaped error status, reset the socket, delay it, or tamper with the
 * service's answer (a header or a JSON member replaced: an answer Azure would not give, standing for a
 * compromised path or service, to test that the client refuses it). Rules come from PUT /_emulator/faults
 * or from `<stateDir>/faults.json`, re-read whenever the file changes.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { isRecord } from './http.js'

export interface FaultRule {
  /** Regular expression matched (case-insensitively) against the host name. */
  host?: string
  /** Regular expression matched against the path including the query string. */
  path?: string
  method?: string
  /** Answer with this status (e.g. 429, 500, 503) and an Azure-shaped error body. */
  status?: number
  /** Seconds for the Retry-After header (with 429/503). */
  retryAfter?: number
  code?: string
  message?: string
  /** Destroy the socket instead of answering. */
  reset?: boolean
  /** Delay, then serve normally (or apply status/reset). */
  latencyMs?: number
  /**
   * Delay each new connection to a matching host (the proxy's answer to CONNECT, before the TLS handshake): a
   * network's connection set-up (TCP, CONNECT, TLS), which a kept-alive connection does not pay again. A rule
   * with only connectMs leaves the requests alone; `path` and `method` cannot match a CONNECT, so it needs neither.
   */
  connectMs?: number
  /** How many matching requests to affect; unlimited when absent. */
  times?: number
  /**
   * With `status`: the error message then quotes the request it refuses (method, URL, every header, the
   * body), as a service echoing a bad request might; a client must not print the secrets it holds.
   */
  quoteRequest?: boolean
  /** Serve normally, then change the answer: these headers replaced, these JSON members set. */
  rewrite?: Rewrite
}

export interface Rewrite {
  /** Header name (any case) to value; replaces the service's header of that name. */
  headers?: Record<string, string>
  /** Dotted path into the JSON body (`properties.hsmUri`, `value.0.name`, `nextLink`) to value. */
  json?: Record<string, unknown>
}

interface ActiveRule {
  rule: FaultRule
  host?: RegExp
  path?: RegExp
  remaining: number
}

export function validateRules(value: unknown): FaultRule[] | string {
  if (!Array.isArray(value)) return 'faults must be a JSON array of rules'
  const rules: FaultRule[] = []
  for (const [i, item] of value.entries()) {
    if (!isRecord(item)) return `rule ${i} is not an object`
    for (const key of ['host', 'path', 'method', 'code', 'message'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'string')
        return `rule ${i}: ${key} must be a string`
    }
    for (const key of ['status', 'retryAfter', 'latencyMs', 'connectMs', 'times'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'number')
        return `rule ${i}: ${key} must be a number`
    }
    for (const key of ['reset', 'quoteRequest'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'boolean')
        return `rule ${i}: ${key} must be a boolean`
    }
    if (item.rewrite !== undefined) {
      const rw = item.rewrite
      if (!isRecord(rw)) return `rule ${i}: rewrite must be an object`
      if (
        rw.headers !== undefined &&
        !(isRecord(rw.headers) && Object.values(rw.headers).every(v => typeof v === 'string'))
      )
        return `rule ${i}: rewrite.headers must map header names to strings`
      if (rw.json !== undefined && !isRecord(rw.json)) return `rule ${i}: rewrite.json must be an object`
    }
    try {
      if (typeof item.host === 'string') new RegExp(item.host)
      if (typeof item.path === 'string') new RegExp(item.path)
    } catch (e) {
      return `rule ${i}: ${(e as Error).message}`
    }
    if (
      item.status === undefined &&
      !item.reset &&
      item.latencyMs === undefined &&
      item.connectMs === undefined &&
      item.rewrite === undefined
    )
      return `rule ${i} needs status, reset, latencyMs, connectMs or rewrite`
    if (item.connectMs !== undefined && (item.path !== undefined || item.method !== undefined))
      return `rule ${i}: connectMs delays connections, which have a host but no path or method`
    rules.push(item as FaultRule)
  }
  return rules
}

/** A rule that is only a connection delay leaves requests alone. */
const affectsRequests = (rule: FaultRule): boolean =>
  rule.status !== undefined || !!rule.reset || rule.latencyMs !== undefined || rule.rewrite !== undefined

export class FaultStore {
  private rules: ActiveRule[] = []
  private readonly file: string
  private fileStamp = ''

  constructor(stateDir: string) {
    this.file = join(stateDir, 'faults.json')
    this.reloadIfChanged()
  }

  set(rules: FaultRule[]): void {
    this.rules = rules.map(rule => ({
      rule,
      host: rule.host ? new RegExp(rule.host, 'i') : undefined,
      path: rule.path ? new RegExp(rule.path) : undefined,
      remaining: rule.times ?? Number.POSITIVE_INFINITY
    }))
  }

  clear(): void {
    this.set([])
    if (existsSync(this.file)) rmSync(this.file)
    this.fileStamp = ''
  }

  list(): (FaultRule & { remaining: number | null })[] {
    return this.rules.map(r => ({ ...r.rule, remaining: Number.isFinite(r.remaining) ? r.remaining : null }))
  }

  /** Returns the first rule that applies to this request and uses up one of its `times`. */
  take(method: string, host: string, pathAndQuery: string): FaultRule | undefined {
    this.reloadIfChanged()
    for (const r of this.rules) {
      if (r.remaining <= 0 || !affectsRequests(r.rule)) continue
      if (r.host && !r.host.test(host)) continue
      if (r.path && !r.path.test(pathAndQuery)) continue
      if (r.rule.method && r.rule.method.toUpperCase() !== method.toUpperCase()) continue
      r.remaining -= 1
      return r.rule
    }
    return undefined
  }

  /** The delay of a new connection to `host` (the first connectMs rule for it, using up one of its `times`). */
  takeConnect(host: string): number {
    this.reloadIfChanged()
    for (const r of this.rules) {
      if (r.remaining <= 0 || r.rule.connectMs === undefined) continue
      if (r.host && !r.host.test(host)) continue
      r.remaining -= 1
      return r.rule.connectMs
    }
    return 0
  }

  private reloadIfChanged(): void {
    if (!existsSync(this.file)) return
    const st = statSync(this.file)
    const stamp = `${st.mtimeMs}:${st.size}`
    if (stamp === this.fileStamp) return
    this.fileStamp = stamp
    try {
      const rules = validateRules(JSON.parse(readFileSync(this.file, 'utf8')))
      if (typeof rules === 'string') throw new Error(rules)
      this.set(rules)
    } catch (e) {
      process.stderr.write(`emulator: ignoring ${this.file}: ${(e as Error).message}\n`)
    }
  }
}

/**
 * Makes `res` answer as the service does, but with `rw` applied: the service's writeHead and end are held
 * back, the body's JSON members and the headers replaced, and the length recomputed. For services that
 * answer in one writeHead and end (every service but the blob stream).
 */
export function tamper(res: ServerResponse, rw: Rewrite): void {
  const writeHead = res.writeHead.bind(res) as (status: number, headers: OutgoingHttpHeaders) => void
  const end = res.end.bind(res) as (body: Buffer) => void
  let head: [number, OutgoingHttpHeaders] = [200, {}]
  res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) => {
    head = [status, { ...(headers ?? {}) }]
    return res
  }) as typeof res.writeHead
  res.end = ((chunk?: unknown) => {
    let body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(typeof chunk === 'string' ? chunk : '')
    const [status, headers] = head
    if (rw.json && body.length) {
      try {
        const value = JSON.parse(body.toString('utf8')) as unknown
        for (const [path, v] of Object.entries(rw.json)) setMember(value, path.split('.'), v)
        body = Buffer.from(JSON.stringify(value))
      } catch {
        // not JSON: left as the service wrote it
      }
    }
    for (const [name, v] of Object.entries(rw.headers ?? {})) {
      for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k]
      headers[name.toLowerCase()] = v
    }
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-length') delete headers[k]
    writeHead(status, { ...headers, 'content-length': body.length })
    end(body)
    return res
  }) as typeof res.end
}

function setMember(target: unknown, path: string[], value: unknown): void {
  let node = target as Record<string, unknown>
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1]] = value
}

/** The request as a service that quotes it would: method, URL, every header, then the body. */
export function quotedRequest(req: IncomingMessage, host: string, body: Buffer): string {
  const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${[v].flat().join(', ')}`)
  return [
    `${req.method ?? 'GET'} https://${host}${req.url ?? '/'}`,
    ...headers,
    '',
    body.toString('utf8')
  ].join('\n')
}
