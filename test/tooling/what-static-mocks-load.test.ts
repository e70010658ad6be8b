// What a process that starts the static mocks loads, and that leaving the rest out
// changes no answer. Prism's spec readers (http-spec, postman-collection with faker's
// locale, the $ref parser, YAML) are not needed: the operations come from generated/.
// Prism's logger (pino) is not used. Faker, json-schema-faker and seedrandom (dynamic
// answers only), node-fetch with the proxy agents (forwarding only), lodash/fp (a refused
// token's answer only), @stoplight/json (callbacks only) and mime-types (a media type
// named without its slash only) are deferred until used
// (src/mock/defer-modules.ts). The lodash method files merge-allof requires are served
// from the lodash.js Prism loads (src/mock/share-lodash.ts), and Prism's Ajv does not
// compile the draft-07 meta-schema to check the schemas `npm run generate` already
// checked (src/mock/meta-schema-check.ts); its Ajv for drafts 2019-09 and 2020-12 is made
// on first use (src/mock/lazy-ajv-drafts.ts). A regression here is what slows the mocks'
// start-up; this test checks what is loaded and compiled, never how long it takes.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

const file = new URL("./mock-load-probe.mjs", import.meta.url).pathname;

async function probe(env: Record<string, string> = {}) {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [file],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (e, out) => (e ? reject(e) : resolve(out)),
    ),
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

// Each package here was reviewed as needed by a static answer: Prism's router,
// validators (Ajv, allOf merging, media types) and mocker (negotiation, examples, the
// sampler for schemas without an example, chalk for its log lines), and what those
// require as they load.
const STATIC_PACKAGES = [
  "@stoplight/json-schema-merge-allof",
  "@stoplight/json-schema-sampler",
  "@stoplight/prism-core",
  "@stoplight/prism-http",
  "@stoplight/types",
  "accepts",
  "ajv",
  "ajv-formats",
  "ansi-styles",
  "caseless",
  "chalk",
  "compute-gcd",
  "compute-lcm",
  "content-type",
  "fast-deep-equal",
  "fast-uri",
  "fp-ts",
  "has-flag",
  "json-schema-compare",
  "json-schema-traverse",
  "lodash",
  "media-typer",
  "negotiator",
  "parse-multipart-data",
  "supports-color",
  "type-is",
  "uri-template-lite",
  "validate.io-array",
  "validate.io-function",
  "validate.io-integer",
  "validate.io-integer-array",
  "validate.io-number",
  "whatwg-mimetype",
];

const LEFT_OUT = [
  "@stoplight/http-spec",
  "@stoplight/json",
  "seedrandom",
  "postman-collection",
  "@stoplight/json-schema-ref-parser",
  "@stoplight/yaml",
  "js-yaml",
  "pino",
  "@faker-js/faker",
  "json-schema-faker",
  "node-fetch",
  "http-proxy-agent",
  "https-proxy-agent",
  "mime-types",
  "mime-db",
];

describe("what the static mocks load", () => {
  it("Prism's engine and its validators, nothing else; the answers are those of Prism loaded whole", async () => {
    const [lean, whole] = await Promise.all([probe(), probe({ PRELOAD: "1" })]);
    // The probe sees what is loaded: with Prism's index required first, all of it is.
    for (const name of LEFT_OUT) expect(whole.afterStatic.packages).toContain(name);
    for (const name of LEFT_OUT) expect(lean.afterStatic.packages).not.toContain(name);
    expect(lean.afterStatic.packages).toEqual(STATIC_PACKAGES);
    expect(lean.afterStatic.fakerFiles).toBe(0);
    const deferred = [
      "@faker-js/faker/dist/cjs/index.js",
      "@stoplight/json/index.cjs.js",
      "http-proxy-agent/dist/index.js",
      "https-proxy-agent/dist/index.js",
      "json-schema-faker/dist/main.cjs",
      "lodash/fp.js",
      "mime-types/index.js",
      "node-fetch/lib/index.js",
      "seedrandom/index.js",
    ];
    expect(lean.afterStatic.standIns).toEqual(deferred);
    // lodash is loaded once, whole; Prism loaded whole loads about 200 of its files.
    expect(lean.afterStatic.lodashFiles).toEqual(["lodash/lodash.js"]);
    expect(lean.afterStatic.sharedLodash).toHaveLength(17);
    expect(whole.afterStatic.sharedLodash).toEqual([]);
    expect(whole.afterStatic.lodashFiles.length).toBeGreaterThan(150);
    // The static answers (a 422 among them) compiled their schemas without the meta-schema;
    // with Prism loaded whole its Ajv is not reached and checks as usual.
    expect(lean.afterStatic.metaSchema).toEqual({
      instances: 2,
      checking: false,
      compiledMetaSchemas: 0,
    });
    expect(whole.afterStatic.metaSchema.checking).toBe(true);
    // A spec edited since generation turns the check back on, and it is made.
    expect(lean.afterEditedSpec.metaSchema.checking).toBe(true);
    expect(lean.afterEditedSpec.metaSchema.compiledMetaSchemas).toBeGreaterThan(0);
    // Ajv for drafts 2019-09 and 2020-12 is loaded only when a schema declares one (the
    // edited spec declares 2020-12), and then validates as Prism's own: a wrong body and
    // a date that does not exist (ajv-formats) refused alike, right ones accepted.
    expect(lean.afterEditedSpec.laterDraftsBefore).toEqual([]);
    expect(lean.afterEditedSpec.laterDrafts).toEqual(["ajv/dist/2020.js"]);
    expect(whole.afterEditedSpec.laterDraftsBefore).toEqual([
      "ajv/dist/2019.js",
      "ajv/dist/2020.js",
    ]);
    const statuses = lean.afterEditedSpec.answers.map((a: { status: number }) => a.status);
    expect(statuses).toEqual([422, 200, 422, 200]);
    expect(lean.afterEditedSpec.answers[2].requestViolations[0].code).toBe("format");
    expect(lean.afterEditedSpec.answers).toEqual(whole.afterEditedSpec.answers);
    expect(lean.othersGet).toEqual(["Ajv2020", "formatsPlugin"]);
    expect(lean.standInsAfter401).toEqual(deferred.filter((f) => f !== "lodash/fp.js"));
    expect(whole.afterStatic.standIns).toEqual([]);
    expect(lean.staticAnswers.map((a: { status: number }) => a.status)).toEqual([
      200, 201, 422, 200, 200, 401,
    ]);
    // A set-up's id is new each time (a random ObjectId); the rest must be the same.
    const sameness = (answers: Array<{ body: { id?: string } }>) =>
      answers.map((a, i) => (i === 1 ? { ...a, body: { ...a.body, id: "new" } } : a));
    expect(lean.staticAnswers[1].body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(sameness(lean.staticAnswers)).toEqual(sameness(whole.staticAnswers));
    // Dynamic mode loads json-schema-faker on its first answer, set up as Prism set it up
    // (the options noted while deferred), and answers as with everything loaded up front.
    expect(lean.dynamicAnswer.status).toBe(200);
    expect(lean.dynamicAnswer.body.rewards.length).toBeGreaterThan(0);
    expect(lean.dynamicAnswer).toEqual(whole.dynamicAnswer);
  }, 90_000);
});
