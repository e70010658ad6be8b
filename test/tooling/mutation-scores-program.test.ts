// mutation/scores.mjs as `npm run test:mutation` runs it, a child process: the table on
// stdout, exit 1 under the threshold or when a results file is missing. How it counts is
// tested in-process by test/mutation/scores.test.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const report = (file: string, statuses: string[]) => ({
  files: { [file]: { mutants: statuses.map((status) => ({ status })) } },
});

it("prints the table, exits 1 under the threshold or on a missing file", () => {
  const dir = mkdtempSync(join(tmpdir(), "scores-"));
  const good = join(dir, "good.json");
  const bad = join(dir, "bad.json");
  writeFileSync(good, JSON.stringify(report("src/core/a.ts", ["Killed"])));
  writeFileSync(bad, JSON.stringify(report("src/ledger/a.ts", ["Survived"])));
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
