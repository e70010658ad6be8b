// Client overhead: the same three calls made by raw fetch, by bare openapi-fetch, and by
// this package (client and helpers), in interleaved rounds against one local server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import createClient from "openapi-fetch";
import type { paths as ProlificPaths } from "../generated/prolific.js";
import type { paths as RewardsPaths } from "../generated/rewards.js";
import * as api from "../src/index.js";
import { SEED_MARK_BODY, startLocalServer } from "./local-server.js";

export type Group = "PATCH mark" | "POST pay" | "POST set-up";
type Baseline = "raw fetch" | "openapi-fetch";

interface Variant {
  group: Group;
  name: string;
  /** One call; throws unless it got the success answer. */
  call: () => Promise<void>;
}

export interface OverheadRow {
  group: Group;
  name: string;
  /** Median over rounds of the mean time per call in a round, microseconds. */
  medianUs: number;
  /** Median over rounds of (this variant / raw fetch) in the same round. */
  vsRawFetch: number;
  /** Median over rounds of (this variant / bare openapi-fetch) in the same round. */
  vsOpenapiFetch: number;
  /** The same three for this process's CPU time (client and server): steadier than wall
   * time when other work shares the machine. */
  cpuUs: number;
  cpuVsRawFetch: number;
  cpuVsOpenapiFetch: number;
}

const TOKEN = "bench-token-0123456789";
const MARK = "/api/v1/finance/rewards/bulk_update";
const SET_UP = "/api/v1/submissions/bonus-payments/";
const SET_UP_BODY = {
  study_id: "60d5f1a2b3c4d5e6f7a8b9c0",
  csv_bonuses: ["p1,4.25", "p2,1.00", "p3,0.50", "p4,12.00", "p5,3.33"].join("\n"),
};
const BONUSES = SET_UP_BODY.csv_bonuses.split("\n").map((row) => {
  const [participantId, amount] = row.split(",") as [string, string];
  return { participantId, amount };
});

function expect(ok: boolean, what: string) {
  if (!ok) throw new Error(`bench: ${what} did not get its success answer`);
}

// Ledgers are picked up from the public API when it exports them (issue 10).
type LedgerFactory = (...args: unknown[]) => unknown;
const exported = api as unknown as Record<string, LedgerFactory | undefined>;

function variants(baseUrl: string, ledgerDir: string): Variant[] {
  const json = { "content-type": "application/json" };
  const bare = (scheme: string) =>
    createClient<RewardsPaths & ProlificPaths>({
      baseUrl,
      headers: { Authorization: `${scheme} ${TOKEN}` },
    });
  const bareRewards = bare("Bearer");
  const bareProlific = bare("Token");
  const rewards = api.createRewardsClient({ token: TOKEN, baseUrl });
  const prolific = api.createProlificClient({ token: TOKEN, baseUrl });
  let payId = 0;
  const nextId = () => `bench${(++payId).toString(36)}`;
  const payPath = "/api/v1/bulk-bonus-payments/{id}/pay/" as const;

  const list: Variant[] = [
    {
      group: "PATCH mark",
      name: "raw fetch",
      call: async () => {
        const res = await fetch(`${baseUrl}${MARK}`, {
          method: "PATCH",
          headers: { ...json, Authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify(SEED_MARK_BODY),
        });
        expect(res.ok && Array.isArray(((await res.json()) as { rewards: [] }).rewards), "PATCH");
      },
    },
    {
      group: "PATCH mark",
      name: "openapi-fetch",
      call: async () => {
        const { data } = await bareRewards.PATCH(MARK, { body: SEED_MARK_BODY });
        expect(Array.isArray(data?.rewards), "PATCH");
      },
    },
    {
      group: "PATCH mark",
      name: "createRewardsClient PATCH",
      call: async () => {
        const { data } = await rewards.PATCH(MARK, { body: SEED_MARK_BODY });
        expect(Array.isArray(data?.rewards), "PATCH");
      },
    },
    {
      group: "PATCH mark",
      name: "markRewards",
      call: async () => {
        const { reward } = SEED_MARK_BODY;
        const result = await api.markRewards(rewards, {
          rewardIds: reward.reward_ids,
          state: reward.state,
          passcode: reward.passcode,
        });
        expect(result.ok, "markRewards");
      },
    },
    {
      group: "POST pay",
      name: "raw fetch",
      call: async () => {
        const res = await fetch(`${baseUrl}/api/v1/bulk-bonus-payments/${nextId()}/pay/`, {
          method: "POST",
          headers: { Authorization: `Token ${TOKEN}` },
        });
        expect(res.status === 202 && typeof (await res.json()) === "string", "pay");
      },
    },
    {
      group: "POST pay",
      name: "openapi-fetch",
      call: async () => {
        const { response } = await bareProlific.POST(payPath, {
          params: { path: { id: nextId() } },
        });
        expect(response.status === 202, "pay");
      },
    },
    {
      group: "POST pay",
      name: "createProlificClient POST",
      call: async () => {
        const { response } = await prolific.POST(payPath, { params: { path: { id: nextId() } } });
        expect(response.status === 202, "pay");
      },
    },
    payVariant("payBonuses (memory ledger)", prolific, nextId, exported.memoryLedger?.()),
  ];
  if (exported.fileLedger) {
    list.push(
      payVariant("payBonuses (file ledger)", prolific, nextId, exported.fileLedger(ledgerDir)),
    );
  }
  list.push(
    {
      group: "POST set-up",
      name: "raw fetch",
      call: async () => {
        const res = await fetch(`${baseUrl}${SET_UP}`, {
          method: "POST",
          headers: { ...json, Authorization: `Token ${TOKEN}` },
          body: JSON.stringify(SET_UP_BODY),
        });
        expect(
          res.status === 201 && typeof ((await res.json()) as { id: string }).id === "string",
          "set-up",
        );
      },
    },
    {
      group: "POST set-up",
      name: "openapi-fetch",
      call: async () => {
        const { data } = await bareProlific.POST(SET_UP, { body: SET_UP_BODY });
        expect(typeof data?.id === "string", "set-up");
      },
    },
    {
      group: "POST set-up",
      name: "createBonusPayments",
      call: async () => {
        const result = await api.createBonusPayments(prolific, {
          studyId: SET_UP_BODY.study_id,
          bonuses: BONUSES,
        });
        expect(result.ok, "createBonusPayments");
      },
    },
  );
  return list;
}

function payVariant(
  name: string,
  client: api.ProlificClient,
  nextId: () => string,
  ledger: unknown,
): Variant {
  // Without an exported memoryLedger the default (in-memory, per client) is used.
  const options = (ledger === undefined ? {} : { ledger }) as api.PayOptions;
  return {
    group: "POST pay",
    name,
    call: async () => {
      const outcome = await api.payBonuses(client, nextId(), options);
      expect(outcome.outcome === "accepted", name);
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Runs `rounds` rounds (plus one discarded warm-up); each round runs every variant for
 * `callsPerRound` sequential calls, starting at a different variant each round so no
 * variant always runs first or last.
 */
export async function measureClientOverhead(
  rounds: number,
  callsPerRound: number,
  groups?: readonly string[],
  skip?: readonly string[],
) {
  const server = await startLocalServer();
  const ledgerDir = mkdtempSync(join(tmpdir(), "payouts-bench-ledger-"));
  try {
    const all = variants(server.url, ledgerDir).filter(
      (v) => (!groups || groups.includes(v.group)) && !skip?.includes(v.name),
    );
    const wall = new Map<Variant, number[]>(all.map((v) => [v, []]));
    const cpu = new Map<Variant, number[]>(all.map((v) => [v, []]));
    for (let round = 0; round <= rounds; round++) {
      for (let k = 0; k < all.length; k++) {
        const variant = all[(k + round) % all.length]!;
        const cpuStart = process.cpuUsage();
        const started = performance.now();
        for (let i = 0; i < callsPerRound; i++) await variant.call();
        const us = ((performance.now() - started) * 1000) / callsPerRound;
        const { user, system } = process.cpuUsage(cpuStart);
        if (round > 0) {
          wall.get(variant)!.push(us);
          cpu.get(variant)!.push((user + system) / callsPerRound);
        }
      }
    }
    const of = (times: Map<Variant, number[]>, group: Group, name: Baseline) =>
      times.get(all.find((v) => v.group === group && v.name === name)!)!;
    const ratio = (times: number[], base: number[]) =>
      round2(median(times.map((t, r) => t / base[r]!)));
    const rows: OverheadRow[] = all.map((v) => {
      const w = wall.get(v)!;
      const c = cpu.get(v)!;
      return {
        group: v.group,
        name: v.name,
        medianUs: Math.round(median(w)),
        vsRawFetch: ratio(w, of(wall, v.group, "raw fetch")),
        vsOpenapiFetch: ratio(w, of(wall, v.group, "openapi-fetch")),
        cpuUs: Math.round(median(c)),
        cpuVsRawFetch: ratio(c, of(cpu, v.group, "raw fetch")),
        cpuVsOpenapiFetch: ratio(c, of(cpu, v.group, "openapi-fetch")),
      };
    });
    return { rows, requestsSeen: Object.fromEntries(server.seen) };
  } finally {
    await server.close();
    rmSync(ledgerDir, { recursive: true, force: true });
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
