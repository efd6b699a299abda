import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests drive the built binary in tmux; they share one tmux server.
    fileParallelism: true,
    pool: 'forks',
  },
});
