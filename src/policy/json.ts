/**
 * A small strict JSON reader. JSON.parse is not enough here: its error messages differ between Node versions
 * and carry no line/column, and it silently keeps the last of two duplicate keys (two `allOf` in one block would
 * vanish without a trace). Values come out exactly as JSON.parse would build them.
 */

import type { Finding, JsonValue } from './types.js'

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(`${message} (line ${line}, column ${column})`)
    this.name = 'JsonSyntaxError'
  }
}

export interface JsonReadResult {
  value: JsonValue
  /** Keys that appeared twice in one object; the later value wins, as with JSON.parse. */
  duplicateKeys: Finding[]
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `$.anyOf[0]` + `allOf` → `$.anyOf[0].allOf`; keys that are not identifiers use `["x-ms-…"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  reader.skipSpace()
  const value = reader.value('$')
  reader.skipSpace()
  if (!reader.atEnd()) reader.fail('unexpected text after the JSON value')
  return { value, duplicateKeys: reader.duplicates }
}

class Reader {
  private pos = 0
  readonly duplicates: Finding[] = []

  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.pos >= this.s.length
  }

  fail(message: string, at = this.pos): never {
    let line = 1
    let lineStart = 0
    for (let i = 0; i < at && i < this.s.length; i++) {
      if (this.s[i] === '\n') {
        line++
        lineStart = i + 1
      }
    }
    throw new JsonSyntaxError(message, line, at - lineStart + 1)
  }

  skipSpace(): void {
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++
      else break
    }
  }

  private describeHere(): string {
    if (this.atEnd()) return 'end of input'
    return `'${this.s[this.pos]}'`
  }

  value(path: string): JsonValue {
    const c = this.s[this.pos]
    if (c === '{') return this.object(path)
    if (c === '[') return this.array(path)
    if (c === '"') return this.string()
    if (c === '-' || (c >= '0' && c <= '9')) return this.number()
    if (this.s.startsWith('true', this.pos)) return this.literal('true', true)
    if (this.s.startsWith('false', this.pos)) return this.literal('false', false)
    if (this.s.startsWith('null', this.pos)) return this.literal('null', null)
    return this.fail(`expected a JSON value but found ${this.describeHere()}`)
  }

  private literal<T extends JsonValue>(word: string, v: T): T {
    this.pos += word.length
    return v
  }

  private object(path: string): JsonValue {
    this.pos++ // {
    const out: Record<string, JsonValue> = {}
    const seen = new Set<string>()
    this.skipSpace()
    if (this.s[this.pos] === '}') {
      this.pos++
      return out
    }
    for (;;) {
      this.skipSpace()
      if (this.s[this.pos] !== '"') this.fail(`expected a quoted key but found ${this.describeHere()}`)
      const key = this.string()
      this.skipSpace()
      if (this.s[this.pos] !== ':') this.fail(`expected ':' after key ${JSON.stringify(key)}`)
      this.pos++
      this.skipSpace()
      const keyPath = childPath(path, key)
      const v = this.value(keyPath)
      if (seen.has(key)) {
        this.duplicates.push({
          path: keyPath,
          rule: 'duplicate-key',
          message: `key ${JSON.stringify(key)} appears more than once in this object; only the last one would count`
        })
      }
      seen.add(key)
      // defineProperty so a key named __proto__ stays an ordinary own property, as JSON.parse makes it
      setOwn(out, key, v)
      this.skipSpace()
      const c = this.s[this.pos]
      if (c === ',') {
        this.pos++
        continue
      }
      if (c === '}') {
        this.pos++
        return out
      }
      this.fail(`expected ',' or '}' but found ${this.describeHere()}`)
    }
  }

  private array(path: string): JsonValue {
    this.pos++ // [
    const out: JsonValue[] = []
    this.skipSpace()
    if (this.s[this.pos] === ']') {
      this.pos++
      return out
    }
    for (;;) {
      this.skipSpace()
      out.push(this.value(childPath(path, out.length)))
      this.skipSpace()
      const c = this.s[this.pos]
      if (c === ',') {
        this.pos++
        continue
      }
      if (c === ']') {
        this.pos++
        return out
      }
      this.fail(`expected ',' or ']' but found ${this.describeHere()}`)
    }
  }

  private string(): string {
    const start = this.pos
    this.pos++ // opening quote
    let out = ''
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string', start)
      const ch = this.s[this.pos]
      const code = ch.charCodeAt(0)
      if (ch === '"') {
        this.pos++
        return out
      }
      if (code < 0x20) this.fail('control character in string (escape it)')
      if (ch !== '\\') {
        out += ch
        this.pos++
        continue
      }
      const esc = this.s[this.pos + 1]
      this.pos += 2
      switch (esc) {
        case '"':
        case '\\':
        case '/':
          out += esc
          break
        case 'b':
          out += '\b'
          break
        case 'f':
          out += '\f'
          break
        case 'n':
          out += '\n'
          break
        case 'r':
          out += '\r'
          break
        case 't':
          out += '\t'
          break
        case 'u': {
          const hex = this.s.slice(this.pos, this.pos + 4)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape')
          out += String.fromCharCode(parseInt(hex, 16))
          this.pos += 4
          break
        }
        default:
          this.fail(`bad escape '\\${esc ?? ''}'`, this.pos - 2)
      }
    }
  }

  private number(): number {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.s.slice(this.pos))
    if (!m) this.fail('malformed number')
    this.pos += m[0].length
    return Number(m[0])
  }
}

/** Compact JSON with object keys sorted (ordinal), arrays kept in order: the form Managed HSM returns policies in. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value))
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep)
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort(compareOrdinal)) {
      setOwn(out, key, sortKeysDeep((value as Record<string, unknown>)[key]))
    }
    return out
  }
  return value
}

export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Own enumerable property, safe for any key (a plain assignment to `__proto__` would change the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
}
