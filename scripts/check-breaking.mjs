// Breaking-change gate: compares each specs/*.openapi.yaml with its version at a base git
// ref and fails, naming each change, on what breaks a consumer of the package (a removed
// operation, response field or enum value, a new required request field, a narrowed
// type, changed auth). The classification is api-smart-diff's (OpenAPI 3.1 aware: type
// arrays once normalized, request vs response context); only changes it resolves in an operation's
// context, the security requirements and the security schemes count, so a shared
// component is judged where it is used.
// A commit in base..HEAD whose message says "BREAKING CHANGE" accepts them: they are
// printed and the gate passes (Conventional Commits' marker for an intended break).
// Usage: node scripts/check-breaking.mjs --base <git ref>   (run from the repository root)
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { apiDiff } from "api-smart-diff";
import { parse } from "yaml";

const { values } = parseArgs({ options: { base: { type: "string" } } });
if (!values.base) {
  console.error("check:breaking: --base <git ref> is required (a release tag or a commit)");
  process.exit(2);
}
const git = (...args) =>
  execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
try {
  git("rev-parse", "--verify", "--quiet", `${values.base}^{commit}`);
} catch {
  console.error(`check:breaking: ${values.base} is not a commit here`);
  process.exit(2);
}

// OpenAPI 3.1 allows `type: integer` and `type: [integer, string]`; api-smart-diff
// judges scalar → array as a replacement (breaking) even when it only widens. With
// every schema type written as an array it compares the members instead. Example
// values are data, not schemas, and security schemes' `type` is not a schema type.
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const", "securitySchemes"]);
function typesAsArrays(node) {
  if (Array.isArray(node)) return node.map(typesAsArrays);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (DATA_KEYS.has(key)) return [key, value];
      if (key === "type" && typeof value === "string") return [key, [value]];
      return [key, typesAsArrays(value)];
    }),
  );
}

const counted = (path) =>
  path[0] === "paths" ||
  path[0] === "security" ||
  (path[0] === "components" && path[1] === "securitySchemes");
const show = (value) => (value === undefined ? "(none)" : JSON.stringify(value));

const current = readdirSync("specs").filter((f) => f.endsWith(".openapi.yaml"));
const before = git("ls-tree", "--name-only", `${values.base}:specs`)
  .split("\n")
  .filter((f) => f.endsWith(".openapi.yaml"));
const breaking = [];
for (const file of new Set([...before, ...current])) {
  if (!current.includes(file)) {
    breaking.push(`specs/${file}: the spec was removed`);
    continue;
  }
  if (!before.includes(file)) continue; // a new spec breaks nobody
  const old = parse(git("show", `${values.base}:specs/${file}`));
  const now = parse(readFileSync(`specs/${file}`, "utf8"));
  const result = apiDiff(typesAsArrays(old), typesAsArrays(now));
  const diffs = Array.isArray(result) ? result : (result.diffs ?? []);
  for (const d of diffs) {
    if (d.type !== "breaking" || !counted(d.path ?? [])) continue;
    breaking.push(
      `specs/${file}: ${d.action} ${d.path.join(" › ")}: ${show(d.before)} → ${show(d.after)}`,
    );
  }
}

console.log(`==> breaking-change gate: specs/ against ${values.base}`);
if (breaking.length === 0) {
  console.log("no breaking change");
  process.exit(0);
}
const accepted = git("log", "--format=%B", `${values.base}..HEAD`).includes("BREAKING CHANGE");
for (const line of breaking) console.log(`${accepted ? "ACCEPTED" : "BREAKING"} ${line}`);
if (accepted) {
  console.log(`${breaking.length} breaking change(s), accepted by a "BREAKING CHANGE" commit`);
  process.exit(0);
}
console.log(
  `${breaking.length} breaking change(s). If intended, say "BREAKING CHANGE" in the commit message.`,
);
process.exit(1);
