import { defineConfig } from "vitest/config";

// A hang guard, not a speed check: a test that spawns a process or runs a property 300
// times takes 1 s idle and over 5 s (Vitest's default) on a machine busy with other work.
// No test's verdict rests on it.
const hangGuard = { testTimeout: 30_000, hookTimeout: 30_000 };
// Each worker imports the clients, the validators and Prism's engine once for all the
// files it runs, not once per file (that was half of `npm test`'s CPU time). No suite
// mocks modules or globals; the ones that pollute Object.prototype restore it at once.
const sharedImports = { isolate: false };

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
          exclude: ["test/browser/**", "test/tooling/**", "test/**/*.pg.test.ts"],
          ...sharedImports,
          ...hangGuard,
        },
      },
      {
        // Against a real PostgreSQL (Debian's package), one server per run.
        test: {
          name: "postgres",
          include: ["test/**/*.pg.test.ts"],
          globalSetup: ["test/ledger/postgres-global-setup.ts"],
          ...sharedImports,
          ...hangGuard,
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
          ...sharedImports,
          ...hangGuard,
        },
      },
      {
        // Not part of `npm test` (`npm run test:tooling`, and CI): suites of the tools, most
        // run as processes, each seconds long — npm pack and install, tsc, the CLIs, the
        // generator and its validators against Prism's, git, the provider verifier and its
        // fuzzer. Their setup builds dist/ and starts the mocks for the tarball's programs.
        test: {
          name: "tooling",
          include: ["test/tooling/**/*.test.ts"],
          globalSetup: ["test/tooling/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Not part of `npm test`: needs Chromium and built docs (`npm run test:docs`).
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          ...hangGuard,
        },
      },
    ],
  },
});
