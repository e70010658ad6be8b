// `npm run test:mutation` ends with the score per folder from Stryker's results files
// (mutation/scores.mjs); these reports are shaped like Stryker's JSON, with only what it reads.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("as a program: prints the table, exits 1 under the threshold or on a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "scores-"));
    const good = join(dir, "good.json");
    const bad = join(dir, "bad.json");
    writeFileSync(good, JSON.stringify(report({ "src/core/a.ts": ["Killed"] })));
    writeFileSync(bad, JSON.stringify(report({ "src/ledger/a.ts": ["Survived"] })));
    const run = (...files: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync("node", ["mutation/scores.mjs", ...files], { encoding: "utf8" }),
        };
      } catch (error) {
        const { status, stdout, stderr } = error as {
          status: number;
          stdout: string;
          stderr: string;
        };
        return { code: status, out: stdout + stderr };
      }
    };
    expect(run(good)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/src\/core\s+1\s+0\s+100\.0 %/),
    });
    expect(run(good, bad)).toMatchObject({
      code: 1,
      out: expect.stringContaining("under 90 %: src/ledger"),
    });
    expect(run(join(dir, "missing.json"))).toMatchObject({
      code: 1,
      out: expect.stringContaining("missing.json"),
    });
  });
});
