// The README's shell blocks name only commands this repository has: each `npm run <script>`
// is a script of package.json and each `npx <bin>` one of its bins. (What the commands do
// is tested where they are built; this catches a README left behind by a rename.)
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const root = new URL("..", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const shellBlocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
const named = (pattern: RegExp) => [
  ...new Set(shellBlocks.flatMap((block) => [...block.matchAll(pattern)].map((m) => m[1]))),
];

it("the README has shell blocks, opening with the set-up and test commands", () => {
  expect(shellBlocks.length).toBeGreaterThan(3);
  expect(shellBlocks[0]).toMatch(/^npm ci && npm run mock\b/m);
  expect(shellBlocks[0]).toMatch(/^npm run setup && npm test\b/m);
});

it("every `npm run <script>` in them is a script of package.json", () => {
  const scripts = named(/\bnpm run ([\w:-]+)/g);
  expect(scripts).toContain("mock");
  expect(scripts.filter((s) => !(s! in pkg.scripts))).toEqual([]);
});

it("every `npx <bin>` in them is a bin of this package", () => {
  const bins = named(/\bnpx ([\w-]+)/g);
  expect(bins.length).toBeGreaterThan(0);
  expect(bins.filter((b) => !(b! in pkg.bin))).toEqual([]);
});
