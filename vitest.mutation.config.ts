// The Vitest projects StrykerJS runs for each mutant (`npm run test:mutation`): the suites
// that exercise the money paths in the test process, where Stryker sees which test
// reached which mutant. Projects are picked by name (types, browser and tooling check no
// money-path code at run time); a project's `name` added here is all it takes.
import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config.js";

const MUTATION_PROJECTS = ["unit", "postgres", "contract"];

// Slow suites of those projects that reach the money paths only through child processes
// (which report no coverage to Stryker) or not at all: they would only be rerun, whole,
// for every mutant that loads with a module. Leaving a test out can only lower the score.
const NOT_FOR_MUTANTS = [
  "contract-tests/consumer-installs-the-tarball.test.ts", // npm pack + npm install
  "contract-tests/mock-cli-stops-cleanly.test.ts", // the mock CLI, spawned
  "contract-tests/faker-is-deferred.test.ts", // a spawned probe of src/mock
  "contract-tests/fuzz-finds-hidden-drift.test.ts", // src/verify
  "contract-tests/verify-cannot-lie.test.ts", // src/verify
  "contract-tests/provider-verification-catches-drift.test.ts", // src/verify
  "test/ledger/ledger-cli.test.ts", // payouts-ledger, spawned
  "test/check-breaking.test.ts", // scripts/, spawned
  "test/check-generated.test.ts",
  "test/lint-catches-bad-examples.test.ts",
];

const projects = (base.test?.projects ?? []).flatMap((project) => {
  if (typeof project !== "object" || !("test" in project) || !project.test) return [];
  const { test } = project;
  if (!MUTATION_PROJECTS.includes(test.name as string)) return [];
  return [
    {
      ...project,
      test: { ...test, exclude: [...(test.exclude ?? configDefaults.exclude), ...NOT_FOR_MUTANTS] },
    },
  ];
});

export default defineConfig({ test: { ...base.test, projects } });
