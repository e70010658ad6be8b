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
  // Results are kept in git; a run re-tests only mutants whose code or tests changed.
  incremental: true,
  incrementalFile: "mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: {
    allowColor: false,
    reportTests: false,
    reportMutants: false,
    skipFull: false,
  },
  thresholds: { high: 95, low: 90, break: 90 },
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
