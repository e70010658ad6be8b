// What another team does: `npm pack`, install the tarball in a fresh project, compile
// a program that imports both clients, and run it against the mocks.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { mocks } from "./helpers.js";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "payouts-consumer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("installs from the packed tarball, type-checks and calls both mocks", async () => {
  // dist/ was built by the global setup.
  const { stdout: packed } = await run(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", work],
    { cwd: root },
  );
  const [manifest] = JSON.parse(packed.slice(packed.indexOf("["))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const shipped = manifest!.files.map((f) => f.path);
  expect(shipped).toEqual(
    expect.arrayContaining([
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/src/mock/index.js",
      "generated/prolific.ts",
      "specs/rewards.openapi.yaml",
      "specs/prolific.openapi.yaml",
    ]),
  );
  expect(shipped.filter((p) => /^(test|contract-tests|src|scripts)\//.test(p))).toEqual([]);
  const tarball = join(work, manifest!.filename);
  const publint = join(root, "node_modules/.bin/publint");
  const { stdout: lint } = await run(publint, ["run", tarball, "--strict"], { cwd: root });
  expect(lint).toContain("All good!");

  const app = join(work, "app");
  await run("mkdir", ["-p", app]);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "app", type: "module", private: true }),
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        strict: true,
        skipLibCheck: false,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        lib: ["ES2022", "DOM"],
      },
      files: ["consumer.ts"],
    }),
  );
  copyFileSync(new URL("./consumer/consumer.ts", import.meta.url), join(app, "consumer.ts"));
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], {
    cwd: app,
  });
  await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", app]);

  const { urls } = mocks();
  const { stdout } = await run(process.execPath, [
    join(app, "consumer.js"),
    urls.prolific,
    urls.rewards,
  ]);
  expect(JSON.parse(stdout)).toEqual({
    payStatus: 202,
    payMessage:
      "Bulk bonus payment with ID 8f14e45f-ceea-4d3a-9f2b-1a2b3c4d5e6f is being processed asynchronously. Payments will be completed shortly.",
    updateStatus: 200,
    bonus: "10.0",
    perPage: 20,
    total: 5,
  });

  // Prism's engine is an optional peer: without it the shipped command says how to get it.
  const mock = await run(join(app, "node_modules/.bin/payouts-mock"), [], { cwd: app }).catch(
    (e) => e,
  );
  expect(mock.code).toBe(1);
  expect(mock.stderr).toContain("npm install --save-dev @stoplight/prism-http@5.12.0");
}, 120_000);
