// Property test on random hostile servers: any status 100-599 (3xx with Location
// included), reason phrases, headers and bodies that echo secrets, nested, huge,
// compressed and endless bodies. Invariants: at most one pay request per payBonuses
// call; an outcome for every pay; "rejected" only when the server provably did not act
// (a final 4xx); no secret in any output; every call ends within its deadline plus a
// tolerance that holds on a loaded 2-core machine.
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AttemptEvent,
  createProlificClient,
  createRewardsClient,
  markRewards,
  PayoutsError,
  payBonuses,
} from "../src/index.js";
import {
  type RawAnswer,
  rewardsFor,
  type SeenRequest,
  startHostileServer,
} from "./hostile-server.js";

const TOKEN = "prop-canary-token-7f3e";
const JWT = "eyJ0eXAiOiJKV1QifQ.prop-canary-jwt.sig";
const PASSCODE = 73519;
// The secrets of each call: the Prolific token for pay; the JWT and passcode for mark.
const PAY_SECRETS = new RegExp(TOKEN);
const MARK_SECRETS = new RegExp(`${JWT.replaceAll(".", "\\.")}|(?<!\\d)${PASSCODE}(?!\\d)`);
const TOLERANCE_MS = 5000; // scheduling slack on a 2-core machine running six suites at once
const PAY_RUNS = 40;
const MARK_RUNS = 25;

/** A fresh server per run, so that no late request of one run is counted in another. */
async function withServer<T>(
  run: (server: Awaited<ReturnType<typeof startHostileServer>>) => Promise<T>,
) {
  const server = await startHostileServer();
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}
const BOMB = gzipSync(Buffer.alloc(20 * 2 ** 20)); // 20 MiB of zeros, about 20 KB
const DEEP = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;

type Body = { kind: string; answer: Partial<RawAnswer> };
const echo = `token ${TOKEN} jwt ${JWT} passcode ${PASSCODE}`;
const bodies = fc.constantFrom<Body>(
  { kind: "empty", answer: {} },
  {
    kind: "echo json",
    answer: { body: JSON.stringify({ detail: echo, passcode: PASSCODE, n: [PASSCODE] }) },
  },
  { kind: "echo text", answer: { body: `wrong passcode ${PASSCODE}; Token ${TOKEN}` } },
  { kind: "deep", answer: { body: DEEP } },
  { kind: "huge", answer: { body: "x".repeat(300_000) } },
  { kind: "bomb", answer: { body: BOMB, headers: [["content-encoding", "gzip"]] } },
  {
    kind: "bad gzip",
    answer: { body: "not gzip at all", headers: [["content-encoding", "gzip"]] },
  },
  { kind: "trickle", answer: { body: "{", trickle: " " } },
  { kind: "hang", answer: { hang: true } },
  { kind: "faithful", answer: {} }, // replaced by the requested rewards when answering a mark
);
const headerSets = fc.subarray<[string, string]>([
  ["x-request-id", `req ${TOKEN} ${JWT} ${PASSCODE}`],
  ["location", `http://127.0.0.1:9/steal?token=${TOKEN}&passcode=${PASSCODE}`],
  ["retry-after", "1"],
  ["link", '</next>; rel="next"'],
  [
    "sl-violations",
    JSON.stringify([{ location: ["body"], severity: "Error", code: 1, message: echo }]),
  ],
  ["content-type", "application/json"],
]);
const answers = fc
  .record({
    // Any status, with the ones that have bitten more often than chance would give them.
    status: fc.oneof(
      fc.integer({ min: 100, max: 599 }),
      fc.constantFrom(100, 103, 202, 301, 303, 307, 308, 400, 421, 429, 500, 503),
    ),
    finalStatus: fc.integer({ min: 200, max: 599 }),
    reason: fc.constantFrom("OK", `Echo ${TOKEN}`, `passcode ${PASSCODE}`, `${JWT}`),
    headers: headerSets,
    body: bodies,
  })
  .map(({ status, finalStatus, reason, headers, body }) => {
    // A 1xx is sent as an interim answer, then a final one.
    const final = status < 200 ? finalStatus : status;
    const raw = (request: SeenRequest): RawAnswer => {
      const faithful =
        body.kind === "faithful" && request.path.endsWith("bulk_update")
          ? JSON.stringify(rewardsFor(request))
          : undefined;
      return {
        status: final,
        interim: status < 200 ? status : undefined,
        reason,
        ...body.answer,
        body: faithful ?? body.answer.body,
        headers: [...headers, ...(body.answer.headers ?? [])],
      };
    };
    return { final, kind: body.kind, raw, label: `${status}/${final} ${body.kind}` };
  });

function shown(value: unknown, events: AttemptEvent[] = []): string {
  const error = (value as { error?: unknown }).error as Error | undefined;
  return [
    JSON.stringify(value),
    inspect(value, { depth: 8 }),
    String(error),
    error?.stack,
    JSON.stringify(events),
    inspect(events, { depth: 8 }),
  ].join("\n");
}

describe("random hostile servers", () => {
  it(`payBonuses: one request, an outcome, rejected only on a 4xx, no secret, on time (${PAY_RUNS} runs)`, async () => {
    const TIMEOUT_MS = 250;
    await fc.assert(
      fc.asyncProperty(answers, (answer) =>
        withServer(async (server) => {
          server.otherwise(answer.raw);
          const client = createProlificClient({
            token: TOKEN,
            baseUrl: server.url,
            timeoutMs: TIMEOUT_MS,
            maxResponseBytes: 256 * 1024,
          });
          const started = Date.now();
          const outcome = await payBonuses(client, "64a1b2c3d4e5f6a7b8c9d0e1"); // must not throw
          const label = `${answer.label} → ${outcome.outcome}`;
          expect(Date.now() - started, label).toBeLessThan(TIMEOUT_MS + TOLERANCE_MS);
          // At most one; exactly one once the server answered (a timeout may beat the request).
          expect(server.seen.length, label).toBeLessThanOrEqual(1);
          if (outcome.outcome !== "unknown") expect(server.seen, label).toHaveLength(1);
          expect(["accepted", "rejected", "unknown"]).toContain(outcome.outcome);
          if (outcome.outcome === "rejected")
            expect(answer.final, label).toBeGreaterThanOrEqual(400);
          if (outcome.outcome === "rejected") expect(answer.final, label).toBeLessThan(500);
          if (outcome.outcome === "accepted") expect(answer.final, label).toBe(202);
          if (outcome.outcome !== "accepted") expect(outcome.error).toBeInstanceOf(PayoutsError);
          expect(shown(outcome)).not.toMatch(PAY_SECRETS);
        }),
      ),
      { numRuns: PAY_RUNS },
    );
  }, 60_000);

  it(`markRewards: a typed result, at most maxAttempts requests, no secret, within its cap (${MARK_RUNS} runs)`, async () => {
    const TOTAL_MS = 700;
    const MAX_ATTEMPTS = 3;
    await fc.assert(
      fc.asyncProperty(
        fc.array(answers, { minLength: MAX_ATTEMPTS, maxLength: MAX_ATTEMPTS }),
        (script) =>
          withServer(async (server) => {
            server.script(...script.map((a) => a.raw));
            const client = createRewardsClient({
              token: JWT,
              baseUrl: server.url,
              timeoutMs: 200,
              maxResponseBytes: 256 * 1024,
            });
            const events: AttemptEvent[] = [];
            const started = Date.now();
            const result = await markRewards(
              client,
              { rewardIds: [499, 504], state: "paid", passcode: PASSCODE },
              {
                totalTimeoutMs: TOTAL_MS,
                maxAttempts: MAX_ATTEMPTS,
                baseDelayMs: 1,
                maxDelayMs: 5,
                onAttempt: (e) => events.push(e),
              },
            );
            expect(Date.now() - started).toBeLessThan(TOTAL_MS + TOLERANCE_MS);
            expect(server.seen.length, script.map((a) => a.label).join(" · ")).toBeLessThanOrEqual(
              MAX_ATTEMPTS,
            );
            expect(events.length).toBe(result.attempts);
            if (result.ok) {
              const last = script[result.attempts - 1];
              expect(last?.final).toBeGreaterThanOrEqual(200);
              expect(last?.final).toBeLessThan(300);
              expect(typeof result.complete).toBe("boolean");
            } else {
              expect(result.error).toBeInstanceOf(PayoutsError);
            }
            const text = shown(result, events);
            expect(
              text.match(new RegExp(`.{0,120}(${MARK_SECRETS.source}).{0,40}`, "s"))?.[0],
            ).toBeUndefined();
          }),
      ),
      { numRuns: MARK_RUNS },
    );
  }, 60_000);
});
