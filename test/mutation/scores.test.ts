// `npm run test:mutation` ends with the score per folder from Stryker's results files
// (mutation/scores.mjs); these reports are shaped like Stryker's JSON, with only what it
// reads. The script as a program: test/tooling/mutation-scores-program.test.ts.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script, without types
import { scoreTable } from "../../mutation/scores.mjs";

const report = (files: Record<string, string[]>) => ({
  files: Object.fromEntries(
    Object.entries(files).map(([file, statuses]) => [
      file,
      { mutants: statuses.map((status) => ({ status })) },
    ]),
  ),
});

describe("mutation scores per folder", () => {
  it("counts killed and timed out as detected, survived and uncovered as not, the rest not at all", () => {
    const { text, ok } = scoreTable([
      report({
        "src/core/a.ts": ["Killed", "Killed", "Timeout", "Survived", "Ignored"],
        "src/core/errors/b.ts": ["Killed", "NoCoverage", "CompileError", "RuntimeError"],
      }),
      report({ "src/rewards/c.ts": ["Killed", "Killed", "Killed", "Killed", "Killed"] }),
    ]);
    const lines = text.split("\n");
    expect(lines[1]).toMatch(/^src\/core\s+6\s+2\s+66\.7 %$/);
    expect(lines[2]).toMatch(/^src\/rewards\s+5\s+0\s+100\.0 %$/);
    expect(lines[3]).toMatch(/^all\s+11\s+2\s+81\.8 %$/);
    expect(lines[4]).toBe("under 90 %: src/core");
    expect(ok).toBe(false);
  });

  it("holds at exactly the threshold, and not with nothing measured", () => {
    const nine = [...Array(9).fill("Killed"), "Survived"];
    expect(scoreTable([report({ "src/ledger/x.ts": nine })]).ok).toBe(true);
    expect(scoreTable([report({ "src/ledger/x.ts": nine })], 90.1).ok).toBe(false);
    expect(scoreTable([]).ok).toBe(false);
  });
});
