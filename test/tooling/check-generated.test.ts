// Proves that a spec changed without regenerating fails the check, with a readable
// diff; and that the generation of the mocks' operations checks every schema Prism
// validates with against the draft-07 meta-schema, as Prism's Ajv would before its first
// use, and says so in generated/<api>.operations.json (the mocks then spare Prism's Ajv
// that check: src/mock/meta-schema-check.ts), stopping at a schema the meta-schema
// refuses. Works on a temporary copy; the real specs/ and generated/ are never touched.
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

const outcome = (running: Promise<{ stdout: string }>) =>
  running.then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error) => ({
      code: error.code as number,
      stdout: String(error.stdout),
      stderr: String(error.stderr),
    }),
  );
const check = () => outcome(run("bash", [join(root, "scripts/check-generated.sh"), copy]));
const generateOperations = () =>
  outcome(run(process.execPath, [join(root, "scripts/generate-mock-operations.mjs"), copy]));

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

it("writes the mocks' operations with the meta-schema their schemas were checked against", async () => {
  const result = await generateOperations();
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/prolific → 5 \(\d+ schemas valid draft-07\)/);
  const written = JSON.parse(readFileSync(join(copy, "generated/rewards.operations.json"), "utf8"));
  expect(written.schemasValidAgainst).toBe("http://json-schema.org/draft-07/schema#");
});

it("stops at a schema the draft-07 meta-schema refuses, naming where it is", async () => {
  const file = join(copy, "specs/rewards.openapi.yaml");
  const spec = readFileSync(file, "utf8");
  const passcode = "is refused.\n              type: integer\n              minimum: 0\n";
  expect(spec).toContain(passcode);
  writeFileSync(file, spec.replace(passcode, passcode.replace("minimum: 0", 'minimum: "0"')));
  const result = await generateOperations();
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("rewards bulk-update-reward-state request body application/json");
  expect(result.stderr).toContain("must be number");
});
