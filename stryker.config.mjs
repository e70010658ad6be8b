// StrykerJS over the money paths: `npm run test:mutation` (README, "Mutation score").
// @ts-check
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: ["src/core/**/*.ts", "src/prolific/**/*.ts", "src/rewards/**/*.ts", "src/ledger/**/*.ts"],
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  // Each mutant runs only the tests that reached it in the first (dry) run.
  coverageAnalysis: "perTest",
  plugins: ["@stryker-mutator/vitest-runner", "./mutation/error-message-ignorer.mjs"],
  ignorers: ["error-message-text"],
  // A run re-tests only mutants whose code or tests changed since the results file.
  // `npm run test:mutation` gives each folder its own, kept in git (mutation/incremental/);
  // a run by hand with other settings keeps its results out of them unless told.
  incremental: true,
  incrementalFile: "reports/mutation/incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: {
    allowColor: false,
    reportTests: false,
    reportMutants: false,
    skipFull: false,
  },
  thresholds: { high: 95, low: 90, break: 90 },
  // Longer than a test's hang guard in mutation runs (vitest.mutation.config.ts, 10 s), so a
  // mutant that makes a call hang fails that test and the runner goes on. Stryker's own
  // timeout ends the runner's process, whose restart (a fresh Vitest, PostgreSQL and the
  // mocks) costs more than the test: it stays for what never yields, a synchronous loop.
  timeoutMS: 15_000,
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
