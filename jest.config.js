/** @type {import('jest').Config} */
module.exports = {
  // The node environment, plus main-realm typed arrays so onnxruntime-node works in-process.
  testEnvironment: '<rootDir>/test/jest-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }] },
  // Clip fixtures are generated once per run and shared by every test file (test/fixtures).
  globalSetup: '<rootDir>/test/fixtures/globalSetup.ts',
  testTimeout: 120000,
};
