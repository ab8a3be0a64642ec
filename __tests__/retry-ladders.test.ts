/**
 * The action's retry ladders on injected time: the delays each one waits, when it stops, and that a
 * service's Retry-After wins. The bundle runs them for real only under the reliability suites' time-scale
 * preload (scripts/preload.ts); their arithmetic is proven here, in milliseconds of test time.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { untilPropagated } from '../src/run/authorized.js'
import type { RunContext } from '../src/run/context.js'
import { escrowTo, type EscrowMetadata } from '../src/escrow/escrow.js'
import type { EscrowStore } from '../src/escrow/stores/store.js'
import { AzureOperationError } from '../src/shared/errors.js'
import { doubling, retrying } from '../src/shared/retry.js'

/** A clock that moves only when the code under test sleeps; `slept` lists the waits. */
function clock() {
  let t = 1_000_000
  const slept: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms)
      t += ms
    },
    slept
  }
}

const transient = (status = 503) =>
  new AzureOperationError({ service: 'Key Vault', operation: 'set secret', status }, 'busy')

/** Fails `failures` times with what `error` makes, then answers 'ok'. */
function failingThen<T>(failures: number, error: (n: number) => unknown, value: T) {
  let n = 0
  return jest.fn(async () => {
    if (n++ < failures) throw error(n)
    return value
  })
}

let logged: string[]
beforeEach(() => {
  logged = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    logged.push(String(chunk).trimEnd())
    return true
  })
})
afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

describe('retrying and doubling (src/shared/retry.ts)', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(doubling(1000, 15_000))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 15_000, 15_000
    ])
  })

  it('waits each planned delay, then answers', async () => {
    const c = clock()
    const fn = failingThen(3, () => new Error('x'), 'ok')
    await expect(
      retrying(fn, { retriable: () => true, delayMs: doubling(500, 4000), sleep: c.sleep, now: c.now })
    ).resolves.toBe('ok')
    expect(c.slept).toEqual([500, 1000, 2000])
    expect(fn).toHaveBeenCalledTimes(4)
  })

  it('starts no retry whose wait would end past the deadline', async () => {
    const c = clock()
    const error = new Error('still failing')
    const fn = failingThen(10, () => error, 'ok')
    await expect(
      retrying(fn, {
        retriable: () => true,
        delayMs: doubling(1000, 60_000),
        deadline: c.now() + 10_000,
        sleep: c.sleep,
        now: c.now
      })
    ).rejects.toBe(error)
    // 1 + 2 + 4 = 7 s; the next (8 s) would end at 15 s, past the 10 s deadline.
    expect(c.slept).toEqual([1000, 2000, 4000])
  })

  it('rethrows at once what is not worth another try', async () => {
    const c = clock()
    const error = new Error('refused')
    await expect(
      retrying(
        failingThen(1, () => error, 'ok'),
        {
          retriable: () => false,
          delayMs: () => 1000,
          sleep: c.sleep
        }
      )
    ).rejects.toBe(error)
    expect(c.slept).toEqual([])
  })
})

describe('untilPropagated (src/run/authorized.ts): a role assignment taking effect', () => {
  const ctx = (rolesChanged: boolean) => ({ facts: { rolesChanged } }) as unknown as RunContext
  const denied = (e: unknown) => (e as { status?: number }).status === 403
  const forbidden = () => Object.assign(new Error('Forbidden'), { status: 403 })

  it('retries a 403 after 1, 2, 4, 8 and then every 15 s, saying so each time', async () => {
    jest.useFakeTimers({ now: 1_000_000 })
    const fn = failingThen(6, forbidden, 'granted')
    const result = untilPropagated(ctx(true), denied, 'create the key: not authorized yet', fn)
    // Just short of each wait, no new try yet; at its end, one more.
    for (const [i, step] of [1000, 2000, 4000, 8000, 15_000, 15_000].entries()) {
      await jest.advanceTimersByTimeAsync(step - 1)
      expect(fn).toHaveBeenCalledTimes(i + 1)
      await jest.advanceTimersByTimeAsync(1)
      expect(fn).toHaveBeenCalledTimes(i + 2)
    }
    await expect(result).resolves.toBe('granted')
    expect(logged.map(l => /retrying in (\d+)s/.exec(l)?.[1])).toEqual(['1', '2', '4', '8', '15', '15'])
  })

  it('gives up once two minutes have gone by', async () => {
    jest.useFakeTimers({ now: 1_000_000 })
    const fn = failingThen(100, forbidden, 'granted')
    const result = untilPropagated(ctx(true), denied, 'not authorized yet', fn)
    const outcome = result.then(
      () => 'resolved',
      (e: Error) => e.message
    )
    await jest.advanceTimersByTimeAsync(200_000)
    expect(await outcome).toBe('Forbidden')
    // 1 + 2 + 4 + 8 + 15 × 7 = 120 s: the eighth 15 s wait would end past the two minutes.
    expect(fn).toHaveBeenCalledTimes(12)
  })

  it('takes a 403 as final when this run assigned no role', async () => {
    jest.useFakeTimers({ now: 1_000_000 })
    const fn = failingThen(1, forbidden, 'granted')
    await expect(untilPropagated(ctx(false), denied, 'not authorized yet', fn)).rejects.toThrow('Forbidden')
    expect(fn).toHaveBeenCalledTimes(1)
  })
})

describe('escrowTo (src/escrow/escrow.ts): a store that fails now and then', () => {
  const content = Buffer.from('{"EncData":"…"}')
  const metadata: EscrowMetadata = {
    kind: 'security-domain',
    hsm: 'hsm-1',
    sha256: createHash('sha256').update(content).digest('hex')
  }
  function store(failures: number): EscrowStore & { puts: number } {
    let puts = 0
    return {
      kind: 'key-vault-secret',
      url: 'https://kv.vault.azure.net/secrets/hsm-1-sd',
      get puts() {
        return puts
      },
      probe: async () => undefined,
      get: async () => (puts > failures ? { content, metadata: {} } : undefined),
      putIfAbsent: async () => {
        if (++puts <= failures) throw transient()
        return 'written'
      }
    } as unknown as EscrowStore & { puts: number }
  }

  it('waits 2 s, then 4 s, and writes once the store answers', async () => {
    const c = clock()
    const s = store(2)
    await expect(escrowTo(s, content, metadata, 'application/json', 3, c.sleep)).resolves.toBe('written')
    expect(c.slept).toEqual([2000, 4000])
    expect(logged.filter(l => /retrying \(\d\/2\)/.test(l))).toHaveLength(2)
  })

  it('fails after its three attempts', async () => {
    const c = clock()
    const s = store(5)
    await expect(escrowTo(s, content, metadata, 'application/json', 3, c.sleep)).rejects.toThrow('busy')
    expect(s.puts).toBe(3)
    expect(c.slept).toEqual([2000, 4000])
  })
})
