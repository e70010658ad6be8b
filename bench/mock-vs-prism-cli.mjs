// Quick figure for issue 11 (not part of `npm test`; needs `npm run build` first):
// throughput and p50/p99 latency at 20 connections of `payouts-mock` (Prism's engine
// in-process, stateful) next to `prism mock` (the Prism CLI), in the same run, each
// server in its own process, both answering the same PATCH bulk_update.
//   node bench/mock-vs-prism-cli.mjs [seconds=5]
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";

const root = new URL("..", import.meta.url).pathname;
const seconds = Number(process.argv[2] ?? 5);
const CONNECTIONS = 20;
const body = JSON.stringify({ reward: { reward_ids: [499, 504], state: "paid", passcode: 1234 } });

function start(command, args, ready) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (c) => {
      out += c;
      const url = ready(out);
      if (url) resolve({ child, url, readyMs: Math.round(performance.now() - started) });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} exited ${code}:\n${out}`)));
  });
}

function once(agent, url) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/v1/finance/rewards/bulk_update`,
      {
        method: "PATCH",
        agent,
        headers: {
          authorization: "Bearer a.b.c",
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function load(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil)
    await Promise.all(Array.from({ length: CONNECTIONS }, () => once(agent, url)));
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) latencies.push(await once(agent, url));
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

const ours = await start(
  process.execPath,
  ["dist/src/mock/cli.js", "--prolific-port", "0", "--rewards-port", "0"],
  (out) => (out.includes("Ctrl-C") ? /rewards\s+(http:\/\/\S+)/.exec(out)?.[1] : undefined),
);
const prism = await start(
  process.execPath,
  [
    "node_modules/@stoplight/prism-cli/dist/index.js",
    "mock",
    "specs/rewards.openapi.yaml",
    "--port",
    "0",
    "--host",
    "127.0.0.1",
  ],
  (out) => /Prism is listening on (http:\/\/\S+)/.exec(out)?.[1],
);
try {
  const results = {
    "payouts-mock (in-process engine, stateful)": {
      readyMs: ours.readyMs,
      ...(await load(ours.url)),
    },
    "prism mock (CLI)": { readyMs: prism.readyMs, ...(await load(prism.url)) },
  };
  console.table(results);
} finally {
  ours.child.kill("SIGTERM");
  prism.child.kill("SIGTERM");
}
