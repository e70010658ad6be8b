// Writes generated/<api>.operations.json: the operations Prism's engine reads from
// specs/<api>.openapi.yaml (its own getHttpOperationsFromSpec: YAML parse, dereference,
// transform, bundle), so the mocks start without parsing the specs or loading the
// parsers (src/mock/operations.ts). The spec's SHA-256 goes with them: a spec edited
// since is parsed at start-up instead, so the mocks never serve a stale spec.
// Usage: node scripts/generate-mock-operations.mjs <root>   (reads <root>/specs, writes <root>/generated)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const root = resolve(process.argv[2] ?? ".");
const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require("@stoplight/prism-http");
const { version } = require("@stoplight/prism-http/package.json");

for (const api of ["prolific", "rewards"]) {
  const spec = join(root, "specs", `${api}.openapi.yaml`);
  const operations = await getHttpOperationsFromSpec(spec);
  const document = {
    generated: `by scripts/generate-mock-operations.mjs from specs/${api}.openapi.yaml with @stoplight/prism-http ${version}; do not edit`,
    prismHttp: version,
    specSha256: createHash("sha256").update(readFileSync(spec)).digest("hex"),
    operations,
  };
  writeFileSync(
    join(root, "generated", `${api}.operations.json`),
    `${JSON.stringify(document, null, 2)}\n`,
  );
  console.log(`mock operations: ${api} → ${operations.length}`);
}
