// The Vitest projects StrykerJS runs for each mutant (`npm run test:mutation`): the suites
// that exercise the money paths in the test process, where Stryker sees which test
// reached which mutant. Picked by name: tooling (tools and CLIs run as processes, which
// report no coverage to Stryker), types and browser are left out.
import { defineConfig } from "vitest/config";
import { QuickFilesFirst } from "./mutation/quick-files-first.js";
import base from "./vitest.config.js";

const MUTATION_PROJECTS = ["unit", "postgres", "contract"];
// A mutant that makes a call hang (a deadline never set, a body never ended) fails its
// test at this hang guard instead of the suites' 30 s: such mutants were most of a run's
// time. Still about three times what the slowest test takes on a busy machine, so a test
// that merely runs slow under Stryker does not fail here.
const MUTANT_HANG_GUARD_MS = 10_000;

const projects = (base.test?.projects ?? [])
  .filter(
    (project) =>
      typeof project === "object" &&
      "test" in project &&
      MUTATION_PROJECTS.includes(String(project.test?.name)),
  )
  .map((project) =>
    typeof project === "object" && "test" in project
      ? { ...project, test: { ...project.test, testTimeout: MUTANT_HANG_GUARD_MS } }
      : project,
  );

export default defineConfig({
  test: { ...base.test, projects, sequence: { sequencer: QuickFilesFirst } },
});
