/**
 * The suite's short pauses (scripts/fast-waits-preload.ts), in a child Node process as the runs get them: a
 * timer of a second or more is cut to a twentieth, a shorter one and Node's own deadlines are not.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { FAST_WAITS_ENV as SET_UP } from './support/summary-corpus-setup.js'
import {
  FAST_WAITS_ENV,
  FAST_WAITS_FACTOR,
  fastWaitsPreloadOptions,
  removeFastWaitsPreload
} from '../scripts/fast-waits-preload.js'

afterAll(() => removeFastWaitsPreload())

/** Runs `code` (an ES module) with the preload; returns its stdout, parsed. */
function withPreload(code: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: fastWaitsPreloadOptions() },
    encoding: 'utf8'
  })
  return JSON.parse(out) as Record<string, unknown>
}

describe('the fast-waits preload', () => {
  it('is turned on by the variable the global set-up sets', () => {
    expect(SET_UP).toBe(FAST_WAITS_ENV)
  })

  it('shortens timers of a second or more, and only those', () => {
    const r = withPreload(`
      const timers = { long: setTimeout(() => {}, 2000), short: setTimeout(() => {}, 500), edge: setTimeout(() => {}, 1000) };
      const delays = Object.fromEntries(Object.entries(timers).map(([k, t]) => [k, t._idleTimeout]));
      for (const t of Object.values(timers)) clearTimeout(t);
      console.log(JSON.stringify(delays));
    `)
    expect(r).toEqual({ long: 2000 / FAST_WAITS_FACTOR, short: 500, edge: 1000 / FAST_WAITS_FACTOR })
  })

  it('shortens the promisified form too, and leaves AbortSignal.timeout whole', () => {
    const r = withPreload(`
      import { promisify } from 'node:util';
      const deadline = AbortSignal.timeout(1500);
      const slept = await Promise.race([
        promisify(setTimeout)(3000).then(() => 'sleep'),
        new Promise(r => deadline.addEventListener('abort', () => r('deadline')))
      ]);
      console.log(JSON.stringify({ first: slept, deadlinePassed: deadline.aborted }));
    `)
    // 3 s become 150 ms and end first; the 1.5 s deadline, on Node's own timers, has not passed yet.
    expect(r).toEqual({ first: 'sleep', deadlinePassed: false })
  })
})
