import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    // Real processes on a 2-core machine: generous limits, while every wait inside a test is on a condition.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
