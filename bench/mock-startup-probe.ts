// One fresh process: start both mocks, then ask each for a known answer and check it.
// Prints one JSON line: milliseconds since this process started (Node's time origin)
// until both mocks listened and until both had answered correctly, the CPU time spent
// by then, and how many CommonJS files were loaded. Run by mock-startup.ts, never alone
// in a measurement (its parent runs it several times and takes medians).
import { request } from "node:http";
import { createRequire } from "node:module";
import { startMocks } from "../src/mock/index.js";

// The spec's example submission, and the seeded referral rewards of DRVN.
const SUBMISSION = "625d4a831bcda2d59ac5a251";

// node:http rather than fetch: fetch loads undici on first use, a cost of the client.
function get(url: string, authorization: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { authorization } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

const dynamic = process.argv[2] === "dynamic";
const mocks = await startMocks({ dynamic });
const listeningMs = performance.now();
const [submission, rewards] = await Promise.all([
  get(`${mocks.urls.prolific}/api/v1/submissions/${SUBMISSION}/`, "Token probe-token"),
  get(`${mocks.urls.rewards}/api/v1/finance/rewards?by_kind=referral`, "Bearer probe.jwt.token"),
]);
const readyMs = performance.now();
const cpu = process.cpuUsage();
await mocks.stop();
// Static: the example submission and the seeded rewards. Dynamic: generated data of the
// documented shape (the contract suite checks it against the spec).
const correct =
  submission.status === 200 &&
  rewards.status === 200 &&
  Array.isArray(rewards.body.rewards) &&
  (dynamic
    ? typeof submission.body.id === "string"
    : submission.body.id === SUBMISSION &&
      Array.isArray(submission.body.bonus_payments) &&
      rewards.body.rewards.length > 0);
if (!correct) {
  console.error(JSON.stringify({ submission, rewards }));
  process.exit(1);
}
console.log(
  JSON.stringify({
    listeningMs: Math.round(listeningMs),
    readyMs: Math.round(readyMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    filesLoaded: Object.keys(createRequire(import.meta.url).cache).length,
  }),
);
