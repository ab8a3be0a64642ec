/**
 * A preload (`node --import`, given through NODE_OPTIONS by the test harness) that shortens the action's own
 * pauses in the tests: every timer of a second or more fires after a twentieth of it. Against the emulator's
 * instant Azure, those pauses wait for nothing: the activation lease's settle (1.5 s, twice per activation),
 * the key's settle after a create (2 s), the SDKs' retry back-offs. Shorter timers (socket and stream
 * bookkeeping) and Date.now are left alone, and so are deadlines built on AbortSignal.timeout (Node's own
 * timers): a run's clock is the real one, only its sleeps are short.
 *
 * The Jest global set-up turns it on for every run of the suite (FAST_WAITS_ENV); a test whose subject is the
 * waiting itself (two runs racing through the settle, a token outliving its lifetime) asks runAction for
 * `realWaits`, as does a caller that brings its own clock (scripts/preload.ts's BENCH_TIME_SCALE). The bench and
 * the demo run outside Jest and always wait for real. dist/index.js reads no variable that changes its waits
 * (bundle-env.test.ts): only this code, loaded before the bundle, does. Written to a temporary folder at run
 * time (no JS file in the repository).
 */
import { preloadFile } from './preload-file.js'

/** Set (to 1) by the Jest global set-up: runAction then adds this preload unless told `realWaits`. */
export const FAST_WAITS_ENV = 'ACTION_FAST_WAITS'

/** Timers at least this long are shortened ... */
export const FAST_WAITS_FROM_MS = 1000
/** ... to this fraction of their length. */
export const FAST_WAITS_FACTOR = 20

const PRELOAD = `
import { promisify } from 'node:util';
const realSetTimeout = globalThis.setTimeout;
const shorten = ms => { const n = Number(ms) || 0; return n >= ${FAST_WAITS_FROM_MS} ? n / ${FAST_WAITS_FACTOR} : ms; };
const setTimeout = function setTimeout(fn, ms, ...args) { return realSetTimeout(fn, shorten(ms), ...args); };
setTimeout[promisify.custom] = (ms, value) => new Promise(r => realSetTimeout(() => r(value), shorten(ms)));
globalThis.setTimeout = setTimeout;
`

const file = preloadFile('fast-waits-preload-', PRELOAD)

/** `--import <file URL>` of the preload (written on first use), for NODE_OPTIONS. */
export const fastWaitsPreloadOptions = (): string => file.options()

export const removeFastWaitsPreload = (): void => file.remove()
