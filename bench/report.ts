import type { OverheadRow } from "./client-overhead.js";
import type { StartupResult } from "./mock-startup.js";

interface Results {
  date: string;
  node: string;
  cpus: string;
  loadAverage: { before: number; after: number };
  settings: {
    rounds: number;
    callsPerRound: number;
    loadRounds: number;
    loadMs: number;
    startupRuns: number;
  };
  clientOverhead: OverheadRow[];
  mockStartup: StartupResult[];
  mocks: Array<{
    server: string;
    startupMs?: number;
    reqPerSec: number;
    p50Ms: number;
    p99Ms: number;
    requests: number;
    non2xx: number;
  }>;
}

// The targets, as ratios to bare openapi-fetch in the same round.
const TARGETS: Record<string, number> = {
  "createRewardsClient PATCH": 1.05,
  "createProlificClient POST": 1.05,
  markRewards: 1.15,
  "payBonuses (memory ledger)": 1.15,
};

const x = (n: number) => `${n.toFixed(2)}×`;

export function toMarkdown(r: Results): string {
  const { rounds, callsPerRound, loadRounds, loadMs, startupRuns } = r.settings;
  const listening = r.mockStartup.find((s) => s.mode === "static")?.listeningMs;
  const lines = [
    `Client overhead: median of ${rounds} interleaved rounds of ${callsPerRound} sequential calls per variant against a local node:http server in the same process; ratios are medians of same-round ratios. Wall time is what a caller waits; CPU time (client and server) is what the client costs, and stays put when other work shares the machine.`,
    "",
    "| Call | Variant | wall µs | vs raw fetch | vs openapi-fetch | CPU µs | CPU vs openapi-fetch | Target (vs openapi-fetch) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...r.clientOverhead.map((row) => {
      const target = TARGETS[row.name];
      const mark = (n: number) => (target === undefined ? "" : n <= target ? " ✓" : " ✗");
      const verdict =
        target === undefined
          ? ""
          : `≤ ${x(target)}: wall${mark(row.vsOpenapiFetch)}, CPU${mark(row.cpuVsOpenapiFetch)}`;
      return `| ${row.group} | ${row.name} | ${row.medianUs} | ${x(row.vsRawFetch)} | ${x(row.vsOpenapiFetch)} | ${row.cpuUs} | ${x(row.cpuVsOpenapiFetch)} | ${verdict} |`;
    }),
    "",
    `Mock start-up: a fresh Node process imports \`startMocks()\` (static, dynamic), starts both mocks and asks each for a known answer (the example submission; the seeded referral rewards), checked; ms since the process started. cli: \`payouts-mock\` spawned, ms since its spawn until it printed both URLs (listening) and both answered correctly. Medians of ${startupRuns} processes one after another. Ready = both answered correctly (target ≤ 500 ms). CPU is the process's user + system time by then, which stays put when other work shares the machine.`,
    "",
    "| Mode | Listening ms | Ready ms | min–max ready | CPU ms | CommonJS files | Process wall ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.mockStartup.map(
      (s) =>
        `| ${s.mode} | ${s.listeningMs} | ${s.readyMs} | ${s.minReadyMs}–${s.maxReadyMs} | ${s.cpuMs ?? "–"} | ${s.filesLoaded ?? "–"} | ${s.processWallMs ?? "–"} |`,
    ),
    "",
    `Mocks: PATCH bulk_update (the seed's body) at 20 connections from a separate process, ${loadRounds} alternating rounds of ${loadMs} ms each (medians). Start-up (to listening): \`startMocks()\` both APIs, from the table above; the CLI one, from its spawn.`,
    "",
    "| Server | Start-up ms | Requests/s | p50 ms | p99 ms | Non-2xx |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...r.mocks.map(
      (m) =>
        `| ${m.server} | ${m.startupMs ?? listening} | ${m.reqPerSec} | ${m.p50Ms} | ${m.p99Ms} | ${m.non2xx}/${m.requests} |`,
    ),
    "",
    `${r.date}, Node ${r.node}, ${r.cpus}, load average ${r.loadAverage.before.toFixed(1)} → ${r.loadAverage.after.toFixed(1)}. Reproduce: \`npm run bench\`.`,
    "",
  ];
  return lines.join("\n");
}
