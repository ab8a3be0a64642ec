/** The one place registered secrets are hidden (shared/secrets.ts): every value, everywhere it occurs. */
import { describe, expect, it } from '@jest/globals'
import { hideSecrets, registerSecret } from '../src/shared/secrets.js'

describe('hideSecrets', () => {
  it('leaves text alone before anything is registered', () => {
    expect(hideSecrets('token abc')).toBe('token abc')
  })

  it('hides every occurrence of every registered value, a value holding another leaving no tail', () => {
    expect(registerSecret('abc')).toBe(true)
    expect(registerSecret('abc')).toBe(false)
    registerSecret('xxabcyy')
    registerSecret('a.b*c')
    expect(hideSecrets('1 abc 2 xxabcyy 3 abcabc 4 a.b*c 5 aXbYc')).toBe('1 *** 2 *** 3 ****** 4 *** 5 aXbYc')
  })

  it('keeps up with values registered later, among many long ones', () => {
    const tokens = Array.from({ length: 40 }, (_, i) => `eyJ${'q'.repeat(i)}${i}.${'z'.repeat(600)}.sig${i}`)
    for (const t of tokens) registerSecret(t)
    const text = tokens.map((t, i) => `line ${i}: Bearer ${t}`).join('\n')
    const hidden = hideSecrets(text)
    for (const t of tokens) expect(hidden).not.toContain(t)
    expect(hidden.split('\n')[7]).toBe('line 7: Bearer ***')
  })
})
