/**
 * Jest's order, with one change for a run that knows no timings yet (a fresh clone, CI): Jest then starts the
 * largest files first; this starts the reliability tier first (its files wait the longest: crashes, faults,
 * concurrency, two to three minutes each), then the end-to-end tier, then the in-process tests, largest first
 * within each, so that no long file starts last and runs on alone. With timings from an earlier run, Jest's own
 * longest-first order is kept.
 */
import Sequencer from '@jest/test-sequencer'

const rank = test =>
  /[\\/]__tests__[\\/]reliability[\\/]/.test(test.path)
    ? 0
    : test.context.config.displayName?.name === 'unit'
      ? 2
      : 1

export default class TierFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    if (sorted.some(t => t.duration != null)) return sorted
    return sorted
      .map((test, i) => ({ test, i }))
      .sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i)
      .map(({ test }) => test)
  }
}
