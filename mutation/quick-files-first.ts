// The order of test files in a mutation run (vitest.mutation.config.ts). Stryker stops a
// mutant's run at its first failing test, so the files likeliest to fail it soonest go
// first: the unit suite before contract and postgres (Vitest's default puts projects in
// name order: contract first), then a file that failed for an earlier mutant, then the
// quickest by its last duration (Vitest's default runs the longest first, to spread one
// run over its workers; Stryker gives a run one worker).
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const PROJECT_ORDER = ["unit", "contract", "postgres"];

export class QuickFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const rank = (file: TestSpecification) => {
      const key = `${file.project.name}:${relative(config.root, file.moduleId)}`;
      const last = cache.getFileTestResults(key);
      const project = PROJECT_ORDER.indexOf(file.project.name);
      return {
        project: project === -1 ? PROJECT_ORDER.length : project,
        failedFirst: last?.failed ? 0 : 1,
        // Before any run of the file: its size stands in for its duration.
        cost: last?.duration ?? cache.getFileStats(key)?.size ?? 0,
      };
    };
    const ranked = files.map((file) => ({ file, ...rank(file) }));
    ranked.sort(
      (a, b) => a.project - b.project || a.failedFirst - b.failedFirst || a.cost - b.cost,
    );
    return ranked.map(({ file }) => file);
  }
}
