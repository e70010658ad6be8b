// Class 6: hostile bodies end in a typed outcome within the deadline: deeply nested
// JSON, compression bombs, bodies past the size cap, bodies that never end.
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createProlificClient,
  createRewardsClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DuplicatePayError,
  markRewards,
  payBonuses,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { jsonAnswer, type RawAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const ID = "64a1b2c3d4e5f6a7b8c9d0e1";
// About 400 KB of JSON nested 200 000 deep: JSON.parse copes, recursion does not.
const DEEP = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(80_000)}1${"}".repeat(80_000)}`;
const json: Array<[string, string]> = [["content-type", "application/json"]];
let bomb: Buffer; // 100 MiB of zeros in about 100 KB of gzip

beforeAll(() => {
  bomb = gzipSync(Buffer.alloc(100 * 2 ** 20), { level: 9 });
});

const prolific = (extra = {}) =>
  createProlificClient({ token: "hostile-body-token", baseUrl: server.url, ...extra });
const rewards = (extra = {}) =>
  createRewardsClient({ token: "jwt.hostile.body", baseUrl: server.url, ...extra });

describe("deeply nested error bodies", () => {
  it.each([
    ["500 → unknown", 500, "unknown", DEEP],
    ["400 → rejected", 400, "rejected", DEEP_OBJECT],
  ])("pay %s, no RangeError, the id not left in flight", async (_name, status, expected, body) => {
    server.script({ status, headers: json, body });
    const client = prolific();
    const outcome = await payBonuses(client, ID);
    expect(outcome.outcome).toBe(expected);
    expect(() => JSON.stringify(outcome)).not.toThrow();
    expect(server.seen).toHaveLength(1);
    server.otherwise(() => jsonAnswer(202, "ok"));
    if (expected === "unknown") {
      const again = await payBonuses(client, ID).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(DuplicatePayError);
      expect((again as DuplicatePayError).previous).toBe("unknown");
    } else {
      expect((await payBonuses(client, ID)).outcome).toBe("accepted");
    }
  });

  it("markRewards 422 with a nested body: a typed error that prints and serialises", async () => {
    server.script({ status: 422, headers: json, body: DEEP_OBJECT });
    const result = await markRewards(rewards(), {
      rewardIds: [499],
      state: "paid",
      passcode: 1234,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(result)).toContain("[nested too deep]");
    expect(String(result.error)).toMatch(/^ValidationError: 422/);
    expect(server.seen).toHaveLength(1);
  });
});

describe("the size cap, counted after decompression", () => {
  it("a 100 MiB gzip bomb ends markRewards with ResponseTooLargeError, well within its cap", async () => {
    server.script({
      status: 200,
      headers: [...json, ["content-encoding", "gzip"]],
      body: bomb,
    });
    const started = Date.now();
    const result = await markRewards(
      rewards(),
      { rewardIds: [499], state: "paid" },
      { totalTimeoutMs: 5000, baseDelayMs: 1 },
    );
    const elapsed = Date.now() - started;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(ResponseTooLargeError);
    expect(server.seen).toHaveLength(1); // not retried: the same server would send it again
    expect(elapsed).toBeLessThan(5000 + 2000);
  }, 30_000);

  it("maxResponseBytes: a body one byte over is refused; at the cap it is read", async () => {
    const reward = (n: number) => {
      const body = JSON.stringify({ rewards: [{ id: 499, state: "paid", note: "" }] });
      const note = "x".repeat(n - body.length);
      return JSON.stringify({ rewards: [{ id: 499, state: "paid", note }] });
    };
    server.script(
      { status: 200, headers: json, body: reward(1001) },
      { status: 200, headers: json, body: reward(1000) },
    );
    const client = rewards({ maxResponseBytes: 1000 });
    const over = await markRewards(client, { rewardIds: [499], state: "paid" }, { maxAttempts: 1 });
    expect(over.ok || over.error).toBeInstanceOf(ResponseTooLargeError);
    const at = await markRewards(client, { rewardIds: [499], state: "paid" });
    expect(at.ok).toBe(true);
    expect(server.seen).toHaveLength(2);
  });

  it(`the default cap (${DEFAULT_MAX_RESPONSE_BYTES} bytes) applies to the raw client too`, async () => {
    server.script({ status: 500, body: "x".repeat(DEFAULT_MAX_RESPONSE_BYTES + 1) });
    const attempt = rewards().GET("/api/v1/finance/rewards/bulk_update" as never);
    await expect(attempt).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(server.seen).toHaveLength(1);
  });

  it("pay: a 202 with an oversized body is still accepted (the status decides)", async () => {
    server.script({ status: 202, body: "x".repeat(5000) });
    const outcome = await payBonuses(prolific({ maxResponseBytes: 100 }), ID);
    expect(outcome.outcome).toBe("accepted");
    expect(server.seen).toHaveLength(1);
  });

  it("pay: a 500 with a gzip bomb is unknown, not a crash", async () => {
    server.script({ status: 500, headers: [["content-encoding", "gzip"]], body: bomb });
    const outcome = await payBonuses(prolific(), ID);
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(ResponseTooLargeError);
  });
});

describe("bodies that never end", () => {
  it("markRewards: a trickling 200 ends with TimeoutError by the call's cap", async () => {
    server.otherwise(
      (): RawAnswer => ({ status: 200, headers: json, body: '{"rewards":[', trickle: " " }),
    );
    const started = Date.now();
    const result = await markRewards(
      rewards({ timeoutMs: 60_000 }),
      { rewardIds: [499], state: "paid" },
      { totalTimeoutMs: 1000 },
    );
    expect(result.ok || result.error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1000 + 2000);
    expect(server.seen.length).toBeGreaterThanOrEqual(1);
  });

  it("pay: a trickling 500 ends as unknown by the attempt's timeout", async () => {
    server.script({ status: 500, body: "{", trickle: " " });
    const outcome = await payBonuses(prolific({ timeoutMs: 500 }), ID);
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
  });
});
