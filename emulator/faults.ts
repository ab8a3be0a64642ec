/**
 * Fault injection. Rules match a request by host and path (regular expressions) and optionally the
 * method, then answer with an Azure-shaped error status, reset the socket, or delay it. Rules come
 * from PUT /_emulator/faults or from `<stateDir>/faults.json`, re-read whenever the file changes.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
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
  /** How many matching requests to affect; unlimited when absent. */
  times?: number
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
    for (const key of ['status', 'retryAfter', 'latencyMs', 'times'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'number')
        return `rule ${i}: ${key} must be a number`
    }
    if (item.reset !== undefined && typeof item.reset !== 'boolean')
      return `rule ${i}: reset must be a boolean`
    try {
      if (typeof item.host === 'string') new RegExp(item.host)
      if (typeof item.path === 'string') new RegExp(item.path)
    } catch (e) {
      return `rule ${i}: ${(e as Error).message}`
    }
    if (item.status === undefined && !item.reset && item.latencyMs === undefined)
      return `rule ${i} needs status, reset or latencyMs`
    rules.push(item as FaultRule)
  }
  return rules
}

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
      if (r.remaining <= 0) continue
      if (r.host && !r.host.test(host)) continue
      if (r.path && !r.path.test(pathAndQuery)) continue
      if (r.rule.method && r.rule.method.toUpperCase() !== method.toUpperCase()) continue
      r.remaining -= 1
      return r.rule
    }
    return undefined
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
