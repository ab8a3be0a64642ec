/**
 * The policy JSON reader (src/policy/json.ts readJson): every escape JSON defines decodes to its character,
 * and malformed text fails with a JsonSyntaxError that says what is wrong and where, describing the text it
 * found only by class (never echoing it).
 */
import { describe, expect, it } from '@jest/globals'
import { JsonSyntaxError, readJson } from '../../src/policy/json.js'

function syntaxError(text: string): string {
  try {
    readJson(text)
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e.message
    throw e
  }
  throw new Error('expected a JsonSyntaxError')
}

describe('readJson escapes', () => {
  it('decodes \\b \\f \\n \\r \\t and \\u escapes like JSON.parse', () => {
    const text = '"a\\bb\\fc\\nd\\re\\tf\\u00e9\\/"'
    expect(readJson(text).value).toBe('a\bb\fc\nd\re\tfé/')
    expect(readJson(text).value).toBe(JSON.parse(text))
  })

  it('refuses a \\u escape without four hex digits, at its position', () => {
    expect(syntaxError('"ab\\u12g4"')).toBe('bad \\u escape (line 1, column 6)')
  })

  it('refuses an unknown escape, pointing at its backslash', () => {
    expect(syntaxError('"ab\\x"')).toMatch(/^bad escape .* \(line 1, column 4\)$/)
  })
})

describe('readJson malformed text', () => {
  it('refuses an unterminated string, pointing at its opening quote', () => {
    expect(syntaxError('\n  "abc')).toBe('unterminated string (line 2, column 3)')
  })

  it('refuses a raw control character inside a string', () => {
    expect(syntaxError('"a\u0001b"')).toBe('control character in string (escape it) (line 1, column 3)')
  })

  it('describes an unexpected symbol as "another character" without echoing it', () => {
    const message = syntaxError('[1 #secret]')
    expect(message).toBe("expected ',' or ']' but found another character (line 1, column 4)")
    expect(message).not.toContain('secret')
  })
})
