/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }] },
  // Clip fixtures are generated once per run and shared by every test file (test/fixtures).
  globalSetup: '<rootDir>/test/fixtures/globalSetup.ts',
  testTimeout: 120000,
};
