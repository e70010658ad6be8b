// Class 7: any thrown value becomes a typed error, and every pay call that may have sent
// ends in an outcome, never a throw. The injected fetch forwards to a real server (so
// the request is seen) and then throws whatever the case says.
import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  createProlificClient,
  createRewardsClient,
  markRewards,
  PayoutsError,
  payBonuses,
} from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const ID = "64a1b2c3d4e5f6a7b8c9d0e1";

const throwing: Array<[string, () => unknown]> = [
  ["Object.create(null)", () => Object.create(null)],
  ["null", () => null],
  ["undefined", () => undefined],
  ["a string", () => "boom"],
  ["a number", () => 42],
  ["a symbol", () => Symbol("boom")],
  [
    "an object whose toString throws",
    () => ({
      toString: () => {
        throw new Error("no");
      },
    }),
  ],
  [
    "a Proxy whose every trap throws",
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("trap");
          },
          getPrototypeOf: () => {
            throw new Error("trap");
          },
        },
      ),
  ],
  [
    "an Error with a cyclic cause",
    () => {
      const e = new Error("cyclic");
      (e as { cause?: unknown }).cause = e;
      return e;
    },
  ],
];

/** A fetch that sends the request for real, then throws instead of answering. */
const sendThenThrow = (value: () => unknown) => async (request: Request) => {
  await fetch(request);
  throw value();
};

describe("payBonuses: an outcome, never a throw", () => {
  it.each(throwing)("fetch throws %s after sending → unknown", async (_name, value) => {
    server.otherwise(() => jsonAnswer(202, "ok"));
    const client = createProlificClient({
      token: "thrown-token",
      baseUrl: server.url,
      fetch: sendThenThrow(value),
    });
    const outcome = await payBonuses(client, ID);
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(PayoutsError);
    expect(() => JSON.stringify(outcome)).not.toThrow();
    expect(server.seen).toHaveLength(1);
  });
});

describe("markRewards and the raw client: a typed error", () => {
  it.each(throwing)("fetch throws %s → ConnectionError, retried as one", async (_name, value) => {
    server.otherwise(() => jsonAnswer(500, {}));
    const client = createRewardsClient({
      token: "jwt.thrown",
      baseUrl: server.url,
      fetch: sendThenThrow(value),
    });
    const result = await markRewards(
      client,
      { rewardIds: [499], state: "paid" },
      { maxAttempts: 2, baseDelayMs: 1 },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(ConnectionError);
      expect(String(result.error)).toMatch(/^ConnectionError: PATCH/);
    }
    expect(server.seen).toHaveLength(2);
  });

  it.each(throwing)(
    "raw client: fetch throws %s → rejects with a PayoutsError",
    async (_name, value) => {
      server.otherwise(() => jsonAnswer(202, "ok"));
      const client = createProlificClient({
        token: "thrown-token",
        baseUrl: server.url,
        fetch: sendThenThrow(value),
      });
      const error = await client
        .POST("/api/v1/bulk-bonus-payments/{id}/pay/", { params: { path: { id: ID } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).requestMayHaveBeenSent).toBe(true);
      expect(server.seen).toHaveLength(1);
    },
  );
});
