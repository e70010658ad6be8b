// Randomized fault sequences (fast-check). Properties:
// - a pay call never sends more than one request;
// - an update call ends in success or a typed error within its time cap, sends the
//   same body on every attempt, and leaves nothing pending (no request in flight, no
//   attempt after it returned, however long the clock then runs).
// Time is a fake clock (fake-clock.ts): the cap is checked exactly, and a healthy answer
// can never lose a race against a timeout on a busy machine.
import fc from "fast-check";
import { expect, it, vi } from "vitest";
import { createProlificClient, PayoutsError, payBonuses } from "../src/index.js";
import { settle, until, useFakeClock } from "./fake-clock.js";
import { faultCatalogue, useFaultServer } from "./fault-server.js";
import { markThrough } from "./mark-through.js";

const TIMEOUT_MS = 40;
const TOTAL_CAP_MS = 400;
const catalogue = faultCatalogue();
const payFaults = { ...catalogue, "202": { kind: "status", status: 202, body: '"ok"' } } as const;
const fault = fc.constantFrom(...Object.keys(catalogue));

const server = useFaultServer();
useFakeClock();

/** Nothing left: no request open at the server, no late request however long the clock runs. */
async function expectNothingPending(requests: number) {
  await until(() => server.inFlight() === 0);
  await vi.advanceTimersByTimeAsync(TOTAL_CAP_MS * 10);
  expect(server.seen).toHaveLength(requests);
}

it("pay: exactly one request per pay call, whatever the fault", async () => {
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(payFaults)), async (name) => {
      server.reset();
      server.script(payFaults[name as keyof typeof payFaults]);
      const { result: outcome } = await settle(server, (watch) => {
        const client = createProlificClient({
          token: "prop-token-123456",
          baseUrl: server.url,
          timeoutMs: TIMEOUT_MS,
        });
        client.use(watch.middleware);
        return payBonuses(client, `bulk-${calls++}`);
      });
      expect(["accepted", "rejected", "unknown"]).toContain(outcome.outcome);
      expect(server.seen).toHaveLength(1);
      await expectNothingPending(1);
    }),
    { numRuns: 30 },
  );
}, 60_000);

it("update: success or a typed error within the cap, same body each attempt, nothing pending", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fault, { maxLength: 6 }),
      fc.integer({ min: 1, max: 5 }),
      async (names, maxAttempts) => {
        server.reset();
        server.script(...names.map((n) => catalogue[n]!));
        const { result, elapsedMs } = await markThrough(
          server,
          { token: "prop.jwt.token", timeoutMs: TIMEOUT_MS },
          { rewardIds: [7, 8], state: "pending" },
          { maxAttempts, baseDelayMs: 1, maxDelayMs: 10, totalTimeoutMs: TOTAL_CAP_MS },
        );
        expect(elapsedMs).toBeLessThanOrEqual(TOTAL_CAP_MS);
        if (result.ok) {
          expect(result.attempts).toBe(Math.min(names.length, maxAttempts - 1) + 1);
        } else {
          expect(result.error).toBeInstanceOf(PayoutsError);
        }
        expect(result.attempts).toBeLessThanOrEqual(maxAttempts);
        expect(server.seen).toHaveLength(result.attempts);
        expect(new Set(server.seen.map((r) => r.body))).toEqual(
          new Set(['{"reward":{"reward_ids":[7,8],"state":"pending"}}']),
        );
        await expectNothingPending(result.attempts);
      },
    ),
    { numRuns: 30 },
  );
}, 60_000);
