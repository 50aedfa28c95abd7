import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The engines (dynalite, DynamoDB Local, the SES emulator) are real processes: keep parallelism
    // within what a 2-core CI machine runs comfortably.
    pool: 'forks',
    maxWorkers: 2,
  },
});
