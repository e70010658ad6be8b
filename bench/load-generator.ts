// Run as its own process by mocks.ts, so the load it makes does not share a core's
// event loop with the server it measures. Argument: JSON {url, method, path, headers,
// body, connections, warmupMs, durationMs}. Prints JSON {requests, non2xx, reqPerSec,
// p50Ms, p99Ms} on stdout.
import { Agent, request } from "node:http";

interface Plan {
  url: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
}

const plan = JSON.parse(process.argv[2] ?? "{}") as Plan;
const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });
const target = new URL(plan.path, plan.url);

function once(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        agent,
        method: plan.method,
        headers: { ...plan.headers, "content-length": Buffer.byteLength(plan.body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(plan.body);
  });
}

async function worker(until: number, latencies: number[] | undefined, statuses: number[]) {
  while (performance.now() < until) {
    const started = performance.now();
    const status = await once();
    if (latencies) {
      latencies.push(performance.now() - started);
      statuses.push(status);
    }
  }
}

async function main() {
  const run = (ms: number, latencies?: number[], statuses: number[] = []) => {
    const until = performance.now() + ms;
    return Promise.all(
      Array.from({ length: plan.connections }, () => worker(until, latencies, statuses)),
    );
  };
  await run(plan.warmupMs);
  const latencies: number[] = [];
  const statuses: number[] = [];
  const started = performance.now();
  await run(plan.durationMs, latencies, statuses);
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const result = {
    requests: latencies.length,
    non2xx: statuses.filter((s) => s < 200 || s > 299).length,
    reqPerSec: Math.round((latencies.length * 1000) / elapsedMs),
    p50Ms: Math.round(at(0.5) * 10) / 10,
    p99Ms: Math.round(at(0.99) * 10) / 10,
  };
  agent.destroy();
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
