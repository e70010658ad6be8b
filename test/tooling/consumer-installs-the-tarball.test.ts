// What another team does: `npm pack`, install the tarball in a fresh project, compile
// a program that imports both clients, and run it against the mocks; a CommonJS program
// require()s it; every TypeScript block of the README compiles against it; and the
// README's vitest globalSetup example runs as written.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mocks } from "../../contract-tests/helpers.js";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "payouts-consumer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tsc = join(root, "node_modules/typescript/bin/tsc");

/** `npm pack` into `dir` (dist/ was built by the global setup): the tarball and its files. */
async function pack(dir: string) {
  const { stdout } = await run(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", dir],
    {
      cwd: root,
    },
  );
  const [manifest] = JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  return { tarball: join(dir, manifest!.filename), shipped: manifest!.files.map((f) => f.path) };
}

/** `files` of `dir` compiled strictly, as another team's NodeNext ES module project would. */
function writeTsconfig(dir: string, files: string[], skipLibCheck: boolean) {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        strict: true,
        skipLibCheck,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        lib: ["ES2022", "DOM"],
      },
      files,
    }),
  );
}

// One tarball, installed once in a fresh ES module project, for every test below.
const app = join(work, "app");
let shipped: string[] = [];
let tarball = "";
beforeAll(async () => {
  ({ tarball, shipped } = await pack(work));
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "app", type: "module", private: true }),
  );
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], {
    cwd: app,
  });
}, 120_000);

it("installs from the packed tarball, type-checks and calls both mocks", async () => {
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
  expect(shipped).toContain("LICENSE");
  // Source maps would point at src/, which is not shipped: there are none.
  expect(shipped.filter((p) => p.endsWith(".map"))).toEqual([]);
  const publint = join(root, "node_modules/.bin/publint");
  const { stdout: lint } = await run(publint, ["run", tarball, "--strict"], { cwd: root });
  expect(lint).toContain("All good!");

  writeTsconfig(app, ["consumer.ts"], false);
  copyFileSync(new URL("./consumer/consumer.ts", import.meta.url), join(app, "consumer.ts"));
  await run(process.execPath, [tsc, "-p", app]);

  // Every shipped command is a bin: any shipped script that starts with "#!" is one
  // (tsc copies the line into the .d.ts too; those are not commands).
  const installed = join(app, "node_modules/payouts-api");
  const bins = Object.values<string>(
    JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).bin,
  ).map((p) => p.replace(/^\.\//, ""));
  const scripts = shipped.filter(
    (p) => p.endsWith(".js") && readFileSync(join(installed, p), "utf8").startsWith("#!"),
  );
  expect(scripts.sort()).toEqual(bins.sort());
  for (const p of shipped.filter((p) => p.endsWith(".js"))) {
    expect(readFileSync(join(installed, p), "utf8"), p).not.toContain("sourceMappingURL");
  }

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

  // CommonJS: require("payouts-api") and require("payouts-api/mock") on this Node.
  copyFileSync(new URL("./consumer/consumer.cjs", import.meta.url), join(app, "consumer.cjs"));
  const cjs = await run(process.execPath, [join(app, "consumer.cjs"), urls.prolific, urls.rewards]);
  expect(JSON.parse(cjs.stdout)).toEqual({
    node: process.versions.node,
    // The mock's own JWT: it expires 30 days after it was issued.
    expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    ids: [369, 499, 504, 509, 514, 519], // the mock's seeded referral rewards
    pagingError: "function",
    startMocks: "function",
  });
  const expiresIn = Date.parse(JSON.parse(cjs.stdout).expiresAt) - Date.now();
  expect(Math.abs(expiresIn - 30 * 24 * 3600 * 1000)).toBeLessThan(3600 * 1000);

  // Prism's engine is an optional peer: without it the shipped command says how to get it.
  const mock = await run(join(app, "node_modules/.bin/payouts-mock"), [], { cwd: app }).catch(
    (e) => e,
  );
  expect(mock.code).toBe(1);
  expect(mock.stderr).toContain("npm install --save-dev --save-exact @stoplight/prism-http@5.12.0");
}, 120_000);

it("every TypeScript block of the README compiles against the packed tarball", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  const dir = join(app, "readme");
  mkdirSync(dir);
  const files = blocks.map((code, i) => {
    writeFileSync(join(dir, `block-${i + 1}.ts`), code);
    return `block-${i + 1}.ts`;
  });
  writeTsconfig(dir, files, true);
  // The globalSetup example imports vitest: the same one this repository uses.
  symlinkSync(join(root, "node_modules/vitest"), join(app, "node_modules/vitest"), "dir");

  const result = await run(process.execPath, [tsc, "-p", dir, "--noEmit"]).catch((e) => e);
  expect(String(result.stdout ?? ""), "README blocks must compile").toBe("");

  // The check can fail: a block using a name the package does not export is refused.
  writeFileSync(join(dir, files[0]!), `import { notExported } from "payouts-api";\n${blocks[0]}`);
  const broken = await run(process.execPath, [tsc, "-p", dir, "--noEmit"]).catch((e) => e);
  expect(String(broken.stdout)).toContain("notExported");
}, 120_000);

it("the README's vitest globalSetup example runs as written, with Prism's engine added", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("### The mocks in your vitest suite"),
    readme.indexOf("### State"),
  );
  // Each block starts with a comment naming its file: vitest.config.ts, the set-up, a test.
  const blocks = [...section.matchAll(/```ts\n\/\/ (\S+)\n([\s\S]*?)```/g)];
  expect(blocks.map((m) => m[1])).toEqual([
    "vitest.config.ts",
    "vitest.global-setup.ts",
    "rewards.test.ts",
  ]);
  const dir = join(app, "global-setup");
  mkdirSync(dir);
  for (const [, name, code] of blocks) writeFileSync(join(dir, name!), code!);
  // The same vitest as this repository's, and what `npm install -D -E
  // @stoplight/prism-http@5.12.0` adds (the repository's copy).
  const vitestLink = join(app, "node_modules/vitest");
  if (!existsSync(vitestLink)) symlinkSync(join(root, "node_modules/vitest"), vitestLink, "dir");
  mkdirSync(join(app, "node_modules/@stoplight"), { recursive: true });
  symlinkSync(
    join(root, "node_modules/@stoplight/prism-http"),
    join(app, "node_modules/@stoplight/prism-http"),
    "dir",
  );
  const vitest = join(root, "node_modules/vitest/vitest.mjs");
  const result = await run(process.execPath, [vitest, "run", "--root", dir], {
    cwd: dir,
    env: { ...process.env, CI: "1", NO_COLOR: "1", VITEST: undefined, VITEST_MODE: undefined },
  }).catch((e) => e);
  expect(String(result.stdout), String(result.stderr)).toMatch(/Tests\s+1 passed \(1\)/);
  expect(result.code ?? 0).toBe(0);
}, 120_000);
