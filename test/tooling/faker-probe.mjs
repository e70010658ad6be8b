// Run in a child process (against dist/, which the contract setup builds) by
// faker-is-deferred.test.ts: starts the mocks, says whether
// faker's files were loaded, and prints a dynamic answer for a fixed seed. With
// PRELOAD_FAKER=1 the real faker is required first, so nothing is deferred.
import { createRequire } from "node:module";
import { startMocks } from "../../dist/src/mock/index.js";

const require = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
// The whole of faker is some 1,900 files; its English locale alone (which Prism's Postman
// importer loads) some 160.
const fakerLoaded = () =>
  Object.keys(require.cache).filter((p) => p.includes("/@faker-js/faker/")).length > 1000;
if (process.env.PRELOAD_FAKER === "1") require("@faker-js/faker");

const staticMocks = await startMocks();
const afterStatic = fakerLoaded();
await staticMocks.stop();

const dynamic = await startMocks({ dynamic: true, seed: "faker-probe" });
const answer = await fetch(`${dynamic.urls.rewards}/api/v1/finance/rewards?by_kind=referral`, {
  headers: { Authorization: "Bearer probe.jwt.token" },
});
const body = await answer.json();
await dynamic.stop();
console.log(
  JSON.stringify({ afterStatic, afterDynamic: fakerLoaded(), status: answer.status, body }),
);
