/**
 * Jest runs TypeScript as ESM, its types stripped by esbuild (__tests__/support/transform.mjs); `.js` suffixes in
 * imports map back to the `.ts` sources.
 * Three tiers, each a project a developer can run alone (`npm run test:unit`, `test:e2e`, `test:reliability`;
 * `npm test` runs all): unit (in-process), e2e (the emulator, and dist/index.js run as the runner runs it)
 * and reliability (faults, crashes, concurrency, leaks through the bundle).
 */
const common = {
  clearMocks: true,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': '<rootDir>/__tests__/support/transform.mjs' }
}

/** The files of the e2e tier outside __tests__/e2e/: they start the emulator or the demo. */
const E2E_ELSEWHERE = [
  '<rootDir>/__tests__/emulator/',
  '<rootDir>/__tests__/summary-render.test.ts',
  '<rootDir>/__tests__/demo.test.ts'
]

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [
        ...common.testPathIgnorePatterns,
        '<rootDir>/__tests__/e2e/',
        '<rootDir>/__tests__/reliability/',
        ...E2E_ELSEWHERE
      ]
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/__tests__/e2e/**/*.test.ts',
        ...E2E_ELSEWHERE.map(p => (p.endsWith('/') ? `${p}**/*.test.ts` : p))
      ]
    },
    { ...common, displayName: 'reliability', testMatch: ['<rootDir>/__tests__/reliability/**/*.test.ts'] }
  ],
  // Most of an e2e file's time is spent waiting on sockets, child processes and the action's own fixed waits
  // (the long reliability files mostly sleep): five files at once on two cores. Jest would take one; 3 took
  // 1,164 s, 4 took 911 s for the same suite on the same loaded machine; on a quiet one, fresh clones of
  // 2026-12-08: 4 workers 484 and 495 s, 5 workers 445 s, 6 workers 461 s. Each file has its own emulator,
  // ports and folders (__tests__/isolation.test.ts).
  maxWorkers: 5,
  // A fresh clone knows no timings: the long-waiting reliability files start first (support/sequencer.mjs).
  testSequencer: '<rootDir>/__tests__/support/sequencer.mjs',
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  testTimeout: 120000,
  // Every run's job summary is kept and, after the suite, rendered and checked (summary-structure.ts).
  globalSetup: '<rootDir>/__tests__/support/summary-corpus-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/summary-corpus-teardown.ts'
}
