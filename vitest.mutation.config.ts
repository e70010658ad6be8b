// The Vitest projects StrykerJS runs for each mutant (`npm run test:mutation`): the suites
// that exercise the money paths in the test process, where Stryker sees which test
// reached which mutant. Picked by name: tooling (tools and CLIs run as processes, which
// report no coverage to Stryker), types and browser are left out.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

const MUTATION_PROJECTS = ["unit", "postgres", "contract"];

const projects = (base.test?.projects ?? []).filter(
  (project) =>
    typeof project === "object" &&
    "test" in project &&
    MUTATION_PROJECTS.includes(String(project.test?.name)),
);

export default defineConfig({ test: { ...base.test, projects } });
