import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; these suites mostly wait on
    // sockets, child processes and back-off timers, so a few run side by side.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", "test/**/*.pg.test.ts"],
          // A hang guard, not a speed check: a test that spawns a tool (tsc, Redocly, the
          // generator) or runs a property 300 times takes 1 s idle and over 5 s (Vitest's
          // default) on a machine busy with other work. No test's verdict rests on it.
          testTimeout: 30_000,
        },
      },
      {
        // Against a real PostgreSQL (Debian's package), one server per run.
        test: {
          name: "postgres",
          include: ["test/**/*.pg.test.ts"],
          globalSetup: ["test/ledger/postgres-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "types",
          include: [],
          typecheck: { enabled: true, only: true, include: ["test/**/*.test-d.ts"] },
        },
      },
      {
        test: {
          name: "contract",
          include: ["contract-tests/**/*.test.ts"],
          globalSetup: ["contract-tests/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Not part of `npm test`: needs Chromium and built docs (`npm run test:docs`).
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
