import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    // It imports its schema JSON without an import attribute, which Node's own loader rejects;
    // inlining lets Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
