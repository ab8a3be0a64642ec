import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { TRANSIENT_LIMIT, waitUntil, type Poll } from '../src/azure/wait.js'
import { AzureOperationError, isTransient } from '../src/shared/errors.js'

/** A clock that only moves when the wait sleeps. */
function fakeClock() {
  let t = 1_000_000
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms
    },
    elapsed: (since: number) => t - since
  }
}

function failure(status?: number, extra: { code?: string; unreachable?: boolean } = {}) {
  return new AzureOperationError(
    { service: 'Managed HSM', operation: 'read the activation status', status, ...extra },
    'The service is currently unavailable.'
  )
}

/** Answers from a script: an Error is thrown, a boolean is a poll (true = done). */
function scripted(answers: Array<Error | boolean>) {
  let i = 0
  const read = jest.fn(async (): Promise<Poll<string>> => {
    const a = answers[Math.min(i++, answers.length - 1)]
    if (a instanceof Error) throw a
    return { value: 'ready', done: a, status: a ? 'Success' : 'InProgress' }
  })
  return read
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
  jest.restoreAllMocks()
})

const schedule = [2000, 5000, 10_000]

describe('waitUntil', () => {
  it('polls through transient read failures and logs each one with its status', async () => {
    const clock = fakeClock()
    const read = scripted([
      false,
      failure(503, { code: 'ServiceUnavailable' }),
      failure(undefined, { code: 'ECONNRESET', unreachable: true }),
      failure(429),
      false,
      true
    ])
    const value = await waitUntil(read, {
      what: 'activation',
      service: 'Managed HSM',
      deadline: clock.now() + 600_000,
      schedule,
      ...clock
    })
    expect(value).toBe('ready')
    expect(read).toHaveBeenCalledTimes(6)
    const failures = logged.filter(l => l.includes('a status read failed'))
    expect(failures).toEqual([
      '  activation: a status read failed (503 ServiceUnavailable); reading again in 5s (1 of 5 tolerated in a row)',
      '  activation: a status read failed (ECONNRESET: The service is currently unavailable.); reading again in 10s (2 of 5 tolerated in a row)',
      '  activation: a status read failed (429); reading again in 10s (3 of 5 tolerated in a row)'
    ])
  })

  it.each([
    ['a refusal (403)', failure(403)],
    ['a state the action reports (no status, not a network failure)', failure(undefined)],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'status')")]
  ])('fails at once on %s', async (_name, error) => {
    const clock = fakeClock()
    const read = scripted([false, error, true])
    await expect(
      waitUntil(read, { what: 'activation', service: 'Managed HSM', deadline: Infinity, schedule, ...clock })
    ).rejects.toBe(error)
    expect(read).toHaveBeenCalledTimes(2)
  })

  it(`gives up after ${TRANSIENT_LIMIT.failures} transient failures in a row, with the last one`, async () => {
    const clock = fakeClock()
    const errors = Array.from({ length: 10 }, (_, i) => failure(500 + i))
    const read = scripted([false, ...errors])
    await expect(
      waitUntil(read, { what: 'activation', service: 'Managed HSM', deadline: Infinity, schedule, ...clock })
    ).rejects.toBe(errors[TRANSIENT_LIMIT.failures - 1])
    expect(read).toHaveBeenCalledTimes(1 + TRANSIENT_LIMIT.failures)
  })

  it('gives up when the failures last longer than the limit, however few', async () => {
    const clock = fakeClock()
    const started = clock.now()
    const read = scripted([false, failure(503)])
    await expect(
      waitUntil(read, {
        what: 'creation',
        service: 'Azure Resource Manager',
        deadline: Infinity,
        schedule: [60_000],
        ...clock
      })
    ).rejects.toMatchObject({ details: { status: 503 } })
    // Failing since the second read (60 s in); given up at the first failure more than 2 minutes later,
    // the fourth, before the count limit.
    expect(read).toHaveBeenCalledTimes(5)
    expect(4).toBeLessThan(TRANSIENT_LIMIT.failures)
    expect(clock.elapsed(started)).toBe(60_000 + 180_000)
  })

  it('counts only failures in a row: a good read in between starts over', async () => {
    const clock = fakeClock()
    const burst = Array.from({ length: TRANSIENT_LIMIT.failures - 1 }, () => failure(503))
    const read = scripted([...burst, false, ...burst, true])
    await expect(
      waitUntil(read, { what: 'activation', service: 'Managed HSM', deadline: Infinity, schedule, ...clock })
    ).resolves.toBe('ready')
    expect(read).toHaveBeenCalledTimes(2 * burst.length + 2)
  })

  it('still ends at the deadline when the reads keep failing', async () => {
    const clock = fakeClock()
    const error = failure(503)
    const read = scripted([error])
    await expect(
      waitUntil(read, {
        what: 'activation',
        service: 'Managed HSM',
        deadline: clock.now() + 10_000,
        schedule,
        ...clock
      })
    ).rejects.toBe(error)
    // Reads at 0 s and 2 s are tolerated; the one at 7 s is not, since 10 s more would pass the deadline.
    expect(read).toHaveBeenCalledTimes(3)
  })
})

describe('isTransient', () => {
  it.each([
    [failure(408), true],
    [failure(429), true],
    [failure(500), true],
    [failure(503), true],
    [failure(undefined, { unreachable: true }), true],
    [failure(400), false],
    [failure(401), false],
    [failure(403), false],
    [failure(404), false],
    [failure(409), false],
    [failure(undefined), false],
    [new Error('read-back did not return what was written'), false]
  ])('%s → %s', (error, expected) => {
    expect(isTransient(error)).toBe(expected)
  })
})
