// What redaction keeps of a value's shape: arrays stay arrays (an error body's list of
// problems is still a list), a cycle ends in "[Circular]" instead of looping, and a
// secret inside an array is replaced like anywhere else. Through the client where the
// data comes from a server; the cycle, which JSON cannot carry, on redact() itself.
import { describe, expect, it } from "vitest";
import { REDACTED, redact } from "../src/core/redact.js";
import { createRewardsClient, markRewards } from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaGFwZXMifQ.c2lnbmF0dXJl";

describe("redaction keeps the shape", () => {
  it("an error body's arrays stay arrays, with secrets replaced inside them", async () => {
    server.otherwise(() =>
      jsonAnswer(422, { errors: [{ password: "hunter2" }, `bad token ${JWT}`, 7], ok: [] }),
    );
    const client = createRewardsClient({ token: JWT, baseUrl: server.url });
    const result = await markRewards(client, { rewardIds: [1], state: "paid" }, { maxAttempts: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const body = (result.error as unknown as { body: { errors: unknown[]; ok: unknown[] } }).body;
    expect(Array.isArray(body.errors)).toBe(true);
    expect(Array.isArray(body.ok)).toBe(true);
    expect(body).toEqual({
      errors: [{ password: REDACTED }, `bad token ${REDACTED}`, 7],
      ok: [],
    });
  });

  it("a cycle becomes [Circular]; the copy is not the original", () => {
    const value: Record<string, unknown> = { name: "a", list: [1] };
    value.self = value;
    (value.list as unknown[]).push(value);
    const copy = redact(value) as Record<string, unknown>;
    expect(copy).toEqual({ name: "a", list: [1, "[Circular]"], self: "[Circular]" });
    expect(copy).not.toBe(value);
  });
});
