// Answers whose Content-Length is within maxResponseBytes (no Content-Encoding) are read
// without the counting wrapper: Node's fetch itself holds such a body to its length.
// What must not change: the deadline over the body, the caller's abort, typed errors
// only (never undici's TypeError or DOMException), a pay ending "unknown", no timer left.
import { describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  ConnectionError,
  createProlificClient,
  payBonuses,
  ResponseTooLargeError,
  TimeoutError,
} from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const ID = "64a1b2c3d4e5f6a7b8c9d0e1";
const PAY = "/api/v1/bulk-bonus-payments/{id}/pay/";
const json: Array<[string, string]> = [["content-type", "application/json"]];
const prolific = (extra = {}) =>
  createProlificClient({ token: "framed-body-token", baseUrl: server.url, ...extra });
// The attempt's timer, told apart by its delay: undici's own timers come and go beside it.
const LONG_MS = 59_999;
async function expectAttemptTimerCleared(run: () => Promise<void>) {
  const set = vi.spyOn(globalThis, "setTimeout");
  const clear = vi.spyOn(globalThis, "clearTimeout");
  try {
    await run();
    const ours = set.mock.calls.flatMap((call, i) =>
      call[1] === LONG_MS ? [set.mock.results[i]?.value] : [],
    );
    expect(ours).toHaveLength(1);
    expect(clear.mock.calls.map((call) => call[0])).toContain(ours[0]);
  } finally {
    set.mockRestore();
    clear.mockRestore();
  }
}
// Headers promise 4096 bytes; the body sends one, then a space every 20 ms, for ever.
const stalled = { status: 500, headers: json, body: "{", declaredLength: 4096, trickle: " " };
// Headers promise 200 bytes; the server closes after 6.
const cutShort = { status: 500, headers: json, body: '{"mess', declaredLength: 200 };

describe("a framed body that stalls after its headers", () => {
  it("pay ends unknown with TimeoutError within the deadline, one request sent", async () => {
    server.script(stalled);
    const started = Date.now();
    const outcome = await payBonuses(prolific({ timeoutMs: 500 }), ID);
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(500 + 2000);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v1/bulk-bonus-payments/${ID}/pay/`,
    ]);
  });

  it.each([200, 500])(
    "the raw client's POST, a %i, rejects with TimeoutError (openapi-fetch's read)",
    async (status) => {
      server.script({ ...stalled, status });
      const error = await prolific({ timeoutMs: 500 })
        .POST(PAY, { params: { path: { id: ID } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toMatch(/^POST \/api\/v1\/bulk-bonus-payments\//);
    },
  );

  it("the caller's abort during the body read: AbortedError carrying the caller's reason", async () => {
    server.script(stalled);
    const client = prolific({ timeoutMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error("caller gave up while the body trickled");
    // Headers are in when openapi-fetch runs onResponse; the body is read after it.
    client.use({ onResponse: () => controller.abort(reason) });
    const error = await client
      .POST(PAY, { params: { path: { id: ID } }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe(reason);
    expect(server.seen).toHaveLength(1);
  });

  it("a body taken as a stream is still ended by the deadline, with TimeoutError", async () => {
    server.script({ ...stalled, status: 200 });
    const { response } = await prolific({ timeoutMs: 500 }).POST(PAY, {
      params: { path: { id: ID } },
      parseAs: "stream",
    });
    const error = await new Response(response.body).text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe("a framed body cut short of its Content-Length", () => {
  it("pay ends unknown with ConnectionError, not undici's TypeError", async () => {
    server.script(cutShort);
    const outcome = await payBonuses(prolific(), ID);
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(ConnectionError);
    expect(server.seen).toHaveLength(1);
  });

  it("the raw client's POST rejects with ConnectionError", async () => {
    server.script(cutShort);
    const error = await prolific()
      .POST(PAY, { params: { path: { id: ID } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TypeError);
  });
});

describe("a complete framed body", () => {
  it("is parsed, and the attempt's timer ends with the read (a long timeoutMs)", async () => {
    const body = { message: "Bulk bonus payment is being processed asynchronously." };
    server.script(jsonAnswer(202, body));
    const client = prolific({ timeoutMs: LONG_MS });
    await expectAttemptTimerCleared(async () => {
      const { data, response } = await client.POST(PAY, { params: { path: { id: ID } } });
      expect(response.status).toBe(202);
      expect(data).toEqual(body);
      expect(response.bodyUsed).toBe(true);
    });
  });

  it.each([
    [204, 17],
    [202, 0],
  ])("a %i naming a length of %i: nothing to read, its timer cleared", async (status, length) => {
    server.script({ status, headers: json, body: "", declaredLength: length });
    await expectAttemptTimerCleared(async () => {
      const { response } = await prolific({ timeoutMs: LONG_MS }).POST(PAY, {
        params: { path: { id: ID } },
      });
      expect(response.status).toBe(status);
    });
    expect(server.seen).toHaveLength(1);
  });

  it("read twice: the second read fails as a used body does, typed", async () => {
    server.script(jsonAnswer(200, { ok: 1 }));
    const { response } = await prolific().POST(PAY, {
      params: { path: { id: ID } },
      parseAs: "stream",
    });
    const clone = response.clone();
    expect(await response.json()).toEqual({ ok: 1 });
    expect(await clone.text()).toBe('{"ok":1}');
    const again = await response.text().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Error);
  });

  it("its body looked at while a read holds it: the locked stream, not a throw", async () => {
    server.script(jsonAnswer(200, { ok: 2 }));
    const { response } = await prolific().POST(PAY, {
      params: { path: { id: ID } },
      parseAs: "stream",
    });
    const reading = response.json();
    expect(response.body?.locked).toBe(true);
    expect(await reading).toEqual({ ok: 2 });
  });

  it("a declared length over maxResponseBytes is still counted: ResponseTooLargeError", async () => {
    server.script({ status: 200, headers: json, body: `"${"x".repeat(500)}"` });
    const error = await prolific({ maxResponseBytes: 100 })
      .POST(PAY, { params: { path: { id: ID } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });
});
