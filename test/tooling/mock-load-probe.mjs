// Run in a child process (against dist/, which the tooling setup builds) by
// what-static-mocks-load.test.ts: starts static mocks, has each answer its usual
// requests (reads, a set-up and a mark with bodies to validate, a 422), and reports the
// answers, which packages' CommonJS files were loaded by then (Prism and its libraries
// are CommonJS) and which deferred libraries were not, which lodash method files were
// served from lodash.js, and whether Prism's Ajv checked schemas against the meta-schema;
// then a 401, an engine on an edited copy of a spec (read at start-up, so Ajv checks
// again; its schemas declared JSON Schema 2020-12), and a dynamic answer for a fixed
// seed. With PRELOAD=1
// Prism's whole package (its index) and faker are required first, so nothing is
// deferred or left out: the answers must be the same either way.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStandIn } from "../../dist/src/mock/defer-modules.js";
import { createEngine } from "../../dist/src/mock/engine.js";
import { specFile, startMocks } from "../../dist/src/mock/index.js";
import { loadPrism } from "../../dist/src/mock/load-prism.js";
import { isSharedLodash } from "../../dist/src/mock/share-lodash.js";

const prism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
if (process.env.PRELOAD === "1") {
  prism("@stoplight/prism-http");
  prism("@faker-js/faker");
}

// Files really loaded: a deferred library's stand-in (defer-modules.ts) is not, nor is a
// lodash method file served from lodash.js (share-lodash.ts).
const loadedFiles = () =>
  Object.entries(prism.cache).flatMap(([file, module]) =>
    isStandIn(module) || isSharedLodash(module) ? [] : [file],
  );
const sharedLodash = () =>
  Object.entries(prism.cache)
    .filter(([, module]) => isSharedLodash(module))
    .map(([file]) => file.replace(/.*\/node_modules\//, ""))
    .sort();
const metaSchema = () => {
  const { instances, checking, compiledMetaSchemas } = loadPrism().metaSchemaCheck;
  return { instances, checking, compiledMetaSchemas };
};
/** Names of the packages with at least one file loaded, sorted. */
const packagesLoaded = () => {
  const names = loadedFiles().flatMap((file) => {
    const found = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    return found ? [found[1]] : [];
  });
  return [...new Set(names)].sort();
};
/** Files of the deferred libraries still not loaded (their stand-ins), relative to node_modules. */
const standIns = () =>
  Object.entries(prism.cache)
    .filter(([, module]) => isStandIn(module))
    .map(([file]) => file.replace(/.*\/node_modules\//, ""))
    .sort();
const filesOf = (name) =>
  loadedFiles().filter((file) => file.includes(`/node_modules/${name}/`)).length;

async function call(base, method, path, authorization, body) {
  const response = await fetch(base + path, {
    method,
    headers: { authorization, ...(body && { "content-type": "application/json" }) },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const staticMocks = await startMocks();
const { prolific, rewards } = staticMocks.urls;
const staticAnswers = [
  await call(prolific, "GET", "/api/v1/submissions/625d4a831bcda2d59ac5a251/", "Token t"),
  await call(prolific, "POST", "/api/v1/submissions/bonus-payments/", "Token t", {
    study_id: "60d5f1a2b3c4d5e6f7a8b9c0",
    csv_bonuses: "60d5f1a2b3c4d5e6f7a8b9c1,4.25\n60d5f1a2b3c4d5e6f7a8b9c2,4.25",
  }),
  await call(prolific, "POST", "/api/v1/submissions/bonus-payments/", "Token t", { study_id: 1 }),
  await call(rewards, "GET", "/api/v1/finance/rewards?by_kind=referral", "Bearer a.b.c"),
  await call(rewards, "PATCH", "/api/v1/finance/rewards/bulk_update", "Bearer a.b.c", {
    reward: { reward_ids: [369], state: "paid", passcode: 1234 },
  }),
];
const afterStatic = {
  packages: packagesLoaded(),
  fakerFiles: filesOf("@faker-js/faker"),
  lodashFiles: loadedFiles()
    .filter((file) => file.includes("/node_modules/lodash/"))
    .map((file) => file.replace(/.*\/node_modules\//, "")),
  sharedLodash: sharedLodash(),
  standIns: standIns(),
  metaSchema: metaSchema(),
};
// A refused token is the one static answer that needs a deferred library (lodash/fp).
staticAnswers.push(await call(rewards, "GET", "/api/v1/finance/rewards?by_kind=referral", ""));
const standInsAfter401 = standIns();
await staticMocks.stop();

// A spec edited since `npm run generate` is read at start-up, its schemas unchecked: from
// then on Prism's Ajv checks every schema it compiles against the meta-schema again.
// Declaring JSON Schema 2020-12 as its dialect, it is validated by Prism's 2020-12 Ajv,
// made on that first use (lazy-ajv-drafts.ts): a bad body and a bad date (ajv-formats).
const dir = mkdtempSync(join(tmpdir(), "payouts-load-probe-"));
const edited = join(dir, "rewards.openapi.yaml");
const spec = readFileSync(specFile("rewards"), "utf8");
const dialect = "jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema";
writeFileSync(edited, spec.replace(/^openapi: (.*)$/m, `openapi: $1\n${dialect}`));
const editedEngine = await createEngine({ specFile: edited }, { dynamic: false });
const laterDrafts = () =>
  loadedFiles()
    .filter((file) => /\/ajv\/dist\/20(19|20)\.js$/.test(file))
    .map((file) => file.replace(/.*\/node_modules\//, ""));
const headers = { authorization: "Bearer a.b.c", "content-type": "application/json" };
const ask = (method, path, query, body) =>
  editedEngine
    .answer({ method, path, query, headers, body }, {})
    .then(({ status, requestViolations }) => ({ status, requestViolations }));
const laterDraftsBefore = laterDrafts();
const editedAnswers = [
  await ask(
    "PATCH",
    "/api/v1/finance/rewards/bulk_update",
    {},
    {
      reward: { reward_ids: [369, "x"], state: "bogus", passcode: -1 },
    },
  ),
  await ask(
    "PATCH",
    "/api/v1/finance/rewards/bulk_update",
    {},
    {
      reward: { reward_ids: [369], state: "paid", passcode: 1234 },
    },
  ),
  await ask("GET", "/api/v1/finance/rewards", { by_kind: "referral", from_date: "2024-02-30" }),
  await ask("GET", "/api/v1/finance/rewards", { by_kind: "referral", from_date: "2024-02-29" }),
];
rmSync(dir, { recursive: true, force: true });
const afterEditedSpec = {
  answers: editedAnswers,
  laterDraftsBefore,
  laterDrafts: laterDrafts(),
  metaSchema: metaSchema(),
};

const dynamic = await startMocks({ dynamic: true, seed: "load-probe" });
const dynamicAnswer = await call(
  dynamic.urls.rewards,
  "GET",
  "/api/v1/finance/rewards?by_kind=referral",
  "Bearer probe.jwt.token",
);
await dynamic.stop();

// Anyone else requiring Ajv's 2020-12 class or ajv-formats gets the real one.
const fromPrism = createRequire(prism.resolve("./validator/validators/utils.js"));
const othersGet = [fromPrism("ajv/dist/2020").default.name, fromPrism("ajv-formats").name];
console.log(
  JSON.stringify({
    afterStatic,
    staticAnswers,
    standInsAfter401,
    afterEditedSpec,
    dynamicAnswer,
    fakerFilesAfterDynamic: filesOf("@faker-js/faker"),
    othersGet,
  }),
);
