// Run in a child process (against dist/, which the tooling setup builds) by
// what-static-mocks-load.test.ts: starts static mocks, has each answer its usual
// requests (reads, a set-up and a mark with bodies to validate, a 422), and reports the
// answers, which packages' CommonJS files were loaded by then (Prism and its libraries
// are CommonJS) and which deferred libraries were not; then a 401, and a dynamic answer
// for a fixed seed. With PRELOAD=1
// Prism's whole package (its index) and faker are required first, so nothing is
// deferred or left out: the answers must be the same either way.
import { createRequire } from "node:module";
import { isStandIn } from "../../dist/src/mock/defer-modules.js";
import { startMocks } from "../../dist/src/mock/index.js";

const prism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
if (process.env.PRELOAD === "1") {
  prism("@stoplight/prism-http");
  prism("@faker-js/faker");
}

// Files really loaded: a deferred library's stand-in (defer-modules.ts) is not.
const loadedFiles = () =>
  Object.entries(prism.cache).flatMap(([file, module]) => (isStandIn(module) ? [] : [file]));
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
  standIns: standIns(),
};
// A refused token is the one static answer that needs a deferred library (lodash/fp).
staticAnswers.push(await call(rewards, "GET", "/api/v1/finance/rewards?by_kind=referral", ""));
const standInsAfter401 = standIns();
await staticMocks.stop();

const dynamic = await startMocks({ dynamic: true, seed: "load-probe" });
const dynamicAnswer = await call(
  dynamic.urls.rewards,
  "GET",
  "/api/v1/finance/rewards?by_kind=referral",
  "Bearer probe.jwt.token",
);
await dynamic.stop();
console.log(
  JSON.stringify({
    afterStatic,
    staticAnswers,
    standInsAfter401,
    dynamicAnswer,
    fakerFilesAfterDynamic: filesOf("@faker-js/faker"),
  }),
);
