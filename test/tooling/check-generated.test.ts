// Proves that a spec changed without regenerating fails the check, with a readable
// diff. Works on a temporary copy; the real specs/ and generated/ are never touched.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), "payouts-gen-"));
for (const dir of ["specs", "generated"])
  cpSync(join(root, dir), join(copy, dir), { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const check = () =>
  run("bash", [join(root, "scripts/check-generated.sh"), copy]).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error) => ({
      code: error.code as number,
      stdout: String(error.stdout),
      stderr: String(error.stderr),
    }),
  );

it("passes when generated/ matches the specs", async () => {
  const result = await check();
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain("generated/ is up to date");
});

it("fails with the diff when a spec changed without regenerating", async () => {
  const file = join(copy, "specs/rewards.openapi.yaml");
  const spec = readFileSync(file, "utf8");
  writeFileSync(
    file,
    spec.replace("        - pending\n", "        - pending\n        - cancelled\n"),
  );
  const result = await check();
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^\+.*"cancelled"/m);
  expect(result.stderr).toContain("run 'npm run generate'");
});
