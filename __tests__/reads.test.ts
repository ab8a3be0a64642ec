/**
 * run/reads.ts: one read per resource for a run. A read started early is joined, not repeated; a failure reaches
 * one caller (as its own read would have) and the next caller reads again; a write forgets everything.
 */
import { describe, expect, it } from '@jest/globals'
import { Reads } from '../src/run/reads.js'

function counter(results: Array<number | Error>) {
  let calls = 0
  return {
    read: async (): Promise<number> => {
      const r = results[Math.min(calls, results.length - 1)]
      calls++
      if (r instanceof Error) throw r
      return r
    },
    calls: () => calls
  }
}

describe('Reads', () => {
  it('joins a prefetched read instead of sending it again', async () => {
    const reads = new Reads(true)
    const c = counter([1, 2])
    await reads.prefetch('hsm', c.read)
    expect(await reads.once('hsm', c.read)).toBe(1)
    expect(await reads.once('hsm', c.read)).toBe(1)
    expect(c.calls()).toBe(1)
  })

  it('hands a failed prefetch to the first caller only, then reads again', async () => {
    const reads = new Reads(true)
    const c = counter([new Error('403 Forbidden'), 7])
    expect(await reads.prefetch('key', c.read)).toBeUndefined()
    await expect(reads.once('key', c.read)).rejects.toThrow('403 Forbidden')
    expect(c.calls()).toBe(1)
    expect(await reads.once('key', c.read)).toBe(7)
    expect(c.calls()).toBe(2)
  })

  it('does not keep a failure a caller already received', async () => {
    const reads = new Reads(true)
    const c = counter([new Error('503'), 5])
    await expect(reads.once('x', c.read)).rejects.toThrow('503')
    expect(await reads.once('x', c.read)).toBe(5)
  })

  it('reads again after forget() (a write happened)', async () => {
    const reads = new Reads(true)
    const c = counter([1, 2])
    expect(await reads.once('a', c.read)).toBe(1)
    reads.forget()
    expect(await reads.once('a', c.read)).toBe(2)
  })

  it('when disabled, every call reads and prefetch sends nothing', async () => {
    const reads = new Reads(false)
    const c = counter([1, 2, 3])
    expect(await reads.prefetch('a', c.read)).toBeUndefined()
    expect(c.calls()).toBe(0)
    expect(await reads.once('a', c.read)).toBe(1)
    expect(await reads.once('a', c.read)).toBe(2)
  })

  it('keeps a synchronous throw of the read for its caller', async () => {
    const reads = new Reads(true)
    const boom = (): Promise<number> => {
      throw new Error('bad url')
    }
    await expect(reads.once('b', boom)).rejects.toThrow('bad url')
  })

  it('hands out a read made on a held assumption only once it holds, and reads again when it does not', async () => {
    const confirm = (ok: boolean) => {
      let settle: (v: boolean) => void = () => undefined
      const until = new Promise<boolean>(r => (settle = r))
      return { until, settle: () => settle(ok) }
    }
    // Confirmed: joined, not read again.
    const yes = new Reads(true)
    const shown = confirm(true)
    yes.hold(shown.until)
    const a = counter([1, 2])
    void yes.prefetch('roles', a.read)
    const joined = yes.once('roles', a.read)
    shown.settle()
    expect(await joined).toBe(1)
    expect(a.calls()).toBe(1)
    // Refused: the held read's failure goes to nobody; the caller that joined it and later callers read again.
    const no = new Reads(true)
    const notShown = confirm(false)
    no.hold(notShown.until)
    const b = counter([new Error('not sent: ARM does not show the HSM active'), 5])
    void no.prefetch('roles', b.read)
    const waiting = no.once('roles', b.read)
    notShown.settle()
    expect(await waiting).toBe(5)
    expect(await no.once('roles', b.read)).toBe(5)
    expect(b.calls()).toBe(2)
    // A read started after the hold ended is an ordinary one.
    const c = counter([8])
    expect(await no.once('keys', c.read)).toBe(8)
  })
})
