/**
 * A preload for runs of dist/index.js that measure it or test it against the clock (`node --import`, given
 * through NODE_OPTIONS by the caller: the bundle itself reads no such variable). It records
 * process.resourceUsage().maxRSS (KiB) at exit when BENCH_RSS_FILE is set, and, when BENCH_TIME_SCALE is set,
 * runs the process's clock that many times faster (Date.now and setTimeout only): a 15 s poll interval passes
 * in 15/scale s. scripts/bench.ts measures polling with it; the reliability suites run retry ladders through
 * the bundle with it. Written to a temporary folder at run time (no JS file in the repository).
 */
import { preloadFile } from './preload-file.js'

const PRELOAD = `
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
const rssFile = process.env.BENCH_RSS_FILE;
if (rssFile) process.on('exit', () => {
  try { writeFileSync(rssFile, String(process.resourceUsage().maxRSS)); } catch {}
});
const scale = Number(process.env.BENCH_TIME_SCALE || '1');
if (scale > 1) {
  const realNow = Date.now;
  const t0 = realNow();
  Date.now = () => t0 + (realNow() - t0) * scale;
  const realSetTimeout = globalThis.setTimeout;
  const scaled = function setTimeout(fn, ms, ...args) { return realSetTimeout(fn, (Number(ms) || 0) / scale, ...args); };
  scaled[promisify.custom] = (ms, value) => new Promise(r => realSetTimeout(() => r(value), (Number(ms) || 0) / scale));
  globalThis.setTimeout = scaled;
}
`

const file = preloadFile('bench-preload-', PRELOAD)

/** `--import <file URL>` of the preload (written on first use), for NODE_OPTIONS. */
export const preloadOptions = (): string => file.options()

export const removePreload = (): void => file.remove()
