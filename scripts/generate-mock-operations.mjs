// Writes generated/<api>.operations.json: the operations Prism's engine reads from
// specs/<api>.openapi.yaml (its own getHttpOperationsFromSpec: YAML parse, dereference,
// transform, bundle), so the mocks start without parsing the specs or loading the
// parsers (src/mock/operations.ts). The spec's SHA-256 goes with them: a spec edited
// since is parsed at start-up instead, so the mocks never serve a stale spec.
// Every schema Prism validates with (parameters, headers, bodies of requests and answers)
// is checked here against the draft-07 meta-schema, with the Ajv Prism uses, as Prism's
// Ajv would check it before its first use; the file says so, and the mocks then spare
// Prism's Ajv that check (src/mock/meta-schema-check.ts). An invalid schema fails here.
// Usage: node scripts/generate-mock-operations.mjs <root>   (reads <root>/specs, writes <root>/generated)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const root = resolve(process.argv[2] ?? ".");
const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require("@stoplight/prism-http");
const { version } = require("@stoplight/prism-http/package.json");
const prismRequire = createRequire(
  require.resolve("@stoplight/prism-http/dist/validator/validators/utils.js"),
);
const Ajv = prismRequire("ajv").default;
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
// Prism's rule (validators/utils.js): these drafts get their own Ajv; all else the draft-07 one.
const OTHER_DRAFTS = /^https?:\/\/json-schema.org\/draft\/(2019-09|2020-12)\/schema#?$/;
// Prism's own options (validators/utils.js); the meta-schema check does not depend on them.
const ajv = new Ajv({
  allErrors: true,
  allowUnionTypes: true,
  allowMatchingProperties: true,
  strict: false,
});

/** The schemas Prism compiles from, each with where it is; Prism's own composites of
 * them (an object of the parameters, allOf merged) are valid when these are. */
function* schemasOf(operation) {
  const { request = {}, responses = [] } = operation;
  for (const where of ["path", "query", "headers", "cookie"])
    for (const param of request[where] ?? [])
      if (param.schema) yield [`${where} ${param.name}`, param.schema];
  for (const content of request.body?.contents ?? [])
    if (content.schema) yield [`request body ${content.mediaType}`, content.schema];
  for (const response of responses) {
    for (const header of response.headers ?? [])
      if (header.schema) yield [`${response.code} header ${header.name}`, header.schema];
    for (const content of response.contents ?? [])
      if (content.schema) yield [`${response.code} body ${content.mediaType}`, content.schema];
  }
}

function checkSchemas(api, operations) {
  let count = 0;
  for (const operation of operations)
    for (const [where, schema] of schemasOf(operation)) {
      // Prism checks a schema declaring 2019-09 or 2020-12 with that draft's Ajv, left checking.
      if (OTHER_DRAFTS.test(String(schema.$schema))) continue;
      if (!ajv.validateSchema(schema))
        throw new Error(`${api} ${operation.iid} ${where}: ${ajv.errorsText(ajv.errors)}`);
      count++;
    }
  return count;
}

for (const api of ["prolific", "rewards"]) {
  const spec = join(root, "specs", `${api}.openapi.yaml`);
  const operations = await getHttpOperationsFromSpec(spec);
  const schemas = checkSchemas(api, operations);
  const document = {
    generated: `by scripts/generate-mock-operations.mjs from specs/${api}.openapi.yaml with @stoplight/prism-http ${version}; do not edit`,
    prismHttp: version,
    specSha256: createHash("sha256").update(readFileSync(spec)).digest("hex"),
    schemasValidAgainst: DRAFT_07,
    operations,
  };
  writeFileSync(
    join(root, "generated", `${api}.operations.json`),
    `${JSON.stringify(document, null, 2)}\n`,
  );
  console.log(`mock operations: ${api} → ${operations.length} (${schemas} schemas valid draft-07)`);
}
