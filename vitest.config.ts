import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests live under tests/, mirroring src/ (DEVELOPERS.md, Tests).
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    // Each test file in its own worker: the runner tests write scratch trees and the site tests build
    // Astro; chosen on purpose (which also keeps Vitest's closing summary the last thing it prints).
    isolate: true,
    // It imports its schema JSON without an import attribute, which Node's own loader rejects;
    // inlining lets Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
