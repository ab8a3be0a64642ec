/**
 * A small strict JSON reader. JSON.parse is not enough here: its error messages differ between Node versions,
 * quote the input (a private key given as a policy file would be echoed) and carry no line/column, it silently
 * keeps the last of two duplicate keys (two `allOf` in one block would vanish without a trace), and deep
 * nesting ends in a stack overflow. Values come out exactly as JSON.parse would build them.
 *
 * The text may be any file an input names, so nothing from it is ever quoted back: errors give a line and a
 * column, and paths are built from array indices and the keys the policy formats define (SCHEMA_KEYS) only.
 */

import { OPERATORS, type Finding, type JsonValue } from './types.js'

/** Deeper nesting than any sensible policy or test case; also keeps every recursive walk far from the stack limit. */
export const JSON_MAX_DEPTH = 32
/** Release policies and release-policy-test cases: the most JSON text read (a real policy is a few KB). */
export const POLICY_JSON_MAX_BYTES = 1024 * 1024

/**
 * Keys the release policy grammar, its 0.2 read form, release-policy-test cases and the default-provider
 * answer define. Only these may appear in a path or message; any other key name came from the input.
 */
const SCHEMA_KEYS: ReadonlySet<string> = new Set([
  'version',
  'anyOf',
  'allOf',
  'authority',
  'claim',
  ...OPERATORS,
  'condition',
  'value',
  'cases',
  'name',
  'issuer',
  'claims',
  'expect',
  'properties',
  'attestUri'
])

/** `"allOf"` for a key the formats define, undefined for any other (whose name is not to be repeated). */
export function knownKeyName(key: string): string | undefined {
  return SCHEMA_KEYS.has(key) ? JSON.stringify(key) : undefined
}

/** How an unknown key stands in a path: its name is never repeated. */
export const UNKNOWN_KEY = '<unknown key>'

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** 'json-syntax', or 'json-depth' for nesting beyond JSON_MAX_DEPTH. */
    readonly rule = 'json-syntax'
  ) {
    super(`${message} (line ${line}, column ${column})`)
    this.name = 'JsonSyntaxError'
  }
}

/** Where each key of an object read by readJson stands in the text, so a finding can point at it without naming it. */
const keyPositions = new WeakMap<object, Map<string, { line: number; column: number }>>()

/** A copy of an object (the legacy upgrade rebuilds them) keeps pointing at the original text. */
export function keepKeyPositions(from: object, to: object): void {
  const p = keyPositions.get(from)
  if (p) keyPositions.set(to, p)
}

/** ` at line L, column C` for a key of an object readJson built, or '' when the object did not come from text. */
export function keyPosition(obj: object, key: string): string {
  const p = keyPositions.get(obj)?.get(key)
  return p ? ` at line ${p.line}, column ${p.column}` : ''
}

export interface JsonReadResult {
  value: JsonValue
  /** Keys that appeared twice in one object; the later value wins, as with JSON.parse. */
  duplicateKeys: Finding[]
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * `$.anyOf[0]` + `allOf` → `$.anyOf[0].allOf`. A key outside SCHEMA_KEYS becomes `<unknown key>`: key names
 * read from a file are never echoed.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  if (!SCHEMA_KEYS.has(key)) return `${path}.${UNKNOWN_KEY}`
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  reader.skipSpace()
  const value = reader.value('$', 0)
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

  fail(message: string, at = this.pos, rule?: string): never {
    const { line, column } = this.position(at)
    throw new JsonSyntaxError(message, line, column, rule)
  }

  position(at: number): { line: number; column: number } {
    let line = 1
    let lineStart = 0
    for (let i = 0; i < at && i < this.s.length; i++) {
      if (this.s[i] === '\n') {
        line++
        lineStart = i + 1
      }
    }
    return { line, column: at - lineStart + 1 }
  }

  skipSpace(): void {
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++
      else break
    }
  }

  /** What stands at the current position, by class: JSON punctuation is shown, text from the input is not. */
  private describeHere(): string {
    if (this.atEnd()) return 'end of input'
    const c = this.s[this.pos]
    if ('{}[],:"'.includes(c)) return `'${c}'`
    if (/[A-Za-z]/.test(c)) return 'a letter'
    if (/[0-9]/.test(c)) return 'a digit'
    return 'another character'
  }

  value(path: string, depth: number): JsonValue {
    const c = this.s[this.pos]
    if ((c === '{' || c === '[') && depth >= JSON_MAX_DEPTH)
      this.fail(`nesting deeper than ${JSON_MAX_DEPTH} levels`, this.pos, 'json-depth')
    if (c === '{') return this.object(path, depth + 1)
    if (c === '[') return this.array(path, depth + 1)
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

  private object(path: string, depth: number): JsonValue {
    this.pos++ // {
    const out: Record<string, JsonValue> = {}
    const positions = new Map<string, { line: number; column: number }>()
    keyPositions.set(out, positions)
    this.skipSpace()
    if (this.s[this.pos] === '}') {
      this.pos++
      return out
    }
    for (;;) {
      this.skipSpace()
      if (this.s[this.pos] !== '"') this.fail(`expected a quoted key but found ${this.describeHere()}`)
      const at = this.position(this.pos)
      const key = this.string()
      this.skipSpace()
      if (this.s[this.pos] !== ':') this.fail(`expected ':' after a key but found ${this.describeHere()}`)
      this.pos++
      this.skipSpace()
      const keyPath = childPath(path, key)
      const v = this.value(keyPath, depth)
      if (positions.has(key)) {
        this.duplicates.push({
          path: keyPath,
          rule: 'duplicate-key',
          message: `the key at line ${at.line}, column ${at.column} appears earlier in this object too; only the last one would count`
        })
      }
      positions.set(key, at)
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

  private array(path: string, depth: number): JsonValue {
    this.pos++ // [
    const out: JsonValue[] = []
    this.skipSpace()
    if (this.s[this.pos] === ']') {
      this.pos++
      return out
    }
    for (;;) {
      this.skipSpace()
      out.push(this.value(childPath(path, out.length), depth))
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
          this.fail('bad escape (only \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', this.pos - 2)
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
