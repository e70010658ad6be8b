// Randomized fault sequences (fast-check). Properties:
// - a pay call never sends more than one request;
// - an update call ends in success or a typed error within its time cap, sends the
//   same body on every attempt, and leaves nothing pending (no request in flight,
//   no attempt after it returned).
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  createProlificClient,
  createRewardsClient,
  markRewards,
  PayoutsError,
  payBonuses,
} from "../src/index.js";
import { faultCatalogue, useFaultServer } from "./fault-server.js";

const TIMEOUT_MS = 40;
const TOTAL_CAP_MS = 400;
const SLACK_MS = 250;
const catalogue = faultCatalogue(TIMEOUT_MS);
const payFaults = { ...catalogue, "202": { kind: "status", status: 202, body: '"ok"' } } as const;
const fault = fc.constantFrom(...Object.keys(catalogue));

const server = useFaultServer();

const settled = () => new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS));

it("pay: exactly one request per pay call, whatever the fault", async () => {
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(payFaults)), async (name) => {
      server.reset();
      server.script(payFaults[name as keyof typeof payFaults]);
      const client = createProlificClient({
        token: "prop-token-123456",
        baseUrl: server.url,
        timeoutMs: TIMEOUT_MS,
      });
      const outcome = await payBonuses(client, `bulk-${calls++}`);
      expect(["accepted", "rejected", "unknown"]).toContain(outcome.outcome);
      await settled();
      expect(server.seen).toHaveLength(1);
      expect(server.inFlight()).toBe(0);
    }),
    { numRuns: 30 },
  );
});

it("update: success or a typed error within the cap, same body each attempt, nothing pending", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fault, { maxLength: 6 }),
      fc.integer({ min: 1, max: 5 }),
      async (names, maxAttempts) => {
        server.reset();
        server.script(...names.map((n) => catalogue[n]!));
        const client = createRewardsClient({
          token: "prop.jwt.token",
          baseUrl: server.url,
          timeoutMs: TIMEOUT_MS,
        });
        const started = performance.now();
        const result = await markRewards(
          client,
          { rewardIds: [7, 8], state: "pending" },
          { maxAttempts, baseDelayMs: 1, maxDelayMs: 10, totalTimeoutMs: TOTAL_CAP_MS },
        );
        expect(performance.now() - started).toBeLessThan(TOTAL_CAP_MS + SLACK_MS);
        if (result.ok) {
          expect(result.attempts).toBe(Math.min(names.length, maxAttempts - 1) + 1);
        } else {
          expect(result.error).toBeInstanceOf(PayoutsError);
        }
        expect(result.attempts).toBeLessThanOrEqual(maxAttempts);
        const seenAtReturn = server.seen.length;
        expect(seenAtReturn).toBe(result.attempts);
        expect(new Set(server.seen.map((r) => r.body))).toEqual(
          new Set(['{"reward":{"reward_ids":[7,8],"state":"pending"}}']),
        );
        await settled();
        expect(server.seen).toHaveLength(seenAtReturn);
        expect(server.inFlight()).toBe(0);
      },
    ),
    { numRuns: 30 },
  );
}, 60_000);
