/** Jest runs TypeScript as ESM through ts-jest; `.js` suffixes in imports map back to the `.ts` sources. */
export default {
  clearMocks: true,
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  testTimeout: 120000,
  // Every run's job summary is kept and, after the suite, rendered and checked (summary-structure.ts).
  globalSetup: '<rootDir>/__tests__/support/summary-corpus-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/summary-corpus-teardown.ts'
}
