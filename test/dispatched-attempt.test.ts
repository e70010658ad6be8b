// An attempt sent by Node's fetch is ended through the dispatcher it is sent with (no
// AbortController, no signal fetch follows): undici's own abort once the request is on a
// connection, fetch's handler told before that, a dispatch refused once it has ended.
// Each edge against a raw local server: what came back, and what the server saw.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortedError, createProlificClient, TimeoutError } from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const PAY = "/api/v1/bulk-bonus-payments/{id}/pay/";
const TOKEN = "dispatched-attempt-token";
const prolific = (timeoutMs: number) =>
  createProlificClient({ token: TOKEN, baseUrl: server.url, timeoutMs });
const pay = (client: ReturnType<typeof prolific>, id: string, extra = {}) =>
  client.POST(PAY, { params: { path: { id } }, ...extra });
const json: Array<[string, string]> = [["content-type", "application/json"]];
const paths = () => server.seen.map((r) => r.path);
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");
const globals = globalThis as unknown as Record<symbol, unknown>;

/**
 * The attempt timers (told apart by their delay) set and cleared while `run` runs; `run`
 * is given a function that says how many of them are cleared so far.
 */
async function attemptTimers(delay: number, run: (cleared: () => number) => Promise<void>) {
  const set = vi.spyOn(globalThis, "setTimeout");
  const clear = vi.spyOn(globalThis, "clearTimeout");
  const ours = () =>
    set.mock.calls.flatMap((call, i) => (call[1] === delay ? [set.mock.results[i]?.value] : []));
  const cleared = () => {
    const done = clear.mock.calls.map((call) => call[0]);
    return ours().filter((t) => done.includes(t)).length;
  };
  try {
    await run(cleared);
    return { set: ours().length, cleared: cleared() };
  } finally {
    set.mockRestore();
    clear.mockRestore();
  }
}

afterEach(() => vi.useRealTimers());

describe("the deadline", () => {
  it("before the headers: TimeoutError, the one request seen", async () => {
    server.otherwise(() => ({ status: 0, hang: true }));
    const error = await pay(prolific(300), "h1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(
      /^POST \/api\/v1\/bulk-bonus-payments\/h1\/pay\//,
    );
    expect(paths()).toEqual(["/api/v1/bulk-bonus-payments/h1/pay/"]);
  });

  it("fired by a faked timer while the clock stands still: TimeoutError all the same", async () => {
    server.otherwise(() => ({ status: 0, hang: true }));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const result = pay(prolific(60_000), "h2").catch((e: unknown) => e);
    while (server.seen.length < 1) await new Promise((resolve) => setImmediate(resolve));
    vi.advanceTimersByTime(60_000);
    expect(await result).toBeInstanceOf(TimeoutError);
  });

  it("during a body with no length (the counting wrapper): TimeoutError", async () => {
    server.script({ status: 200, headers: json, body: '"', trickle: "x" });
    const error = await pay(prolific(400), "b1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
  });

  it("of a body never read: the body ends with TimeoutError when it is read later", async () => {
    // 4096 bytes promised, a space every 20 ms: the last byte is not in by the deadline.
    server.script({ status: 200, headers: json, body: "{", declaredLength: 4096, trickle: " " });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { response } = await pay(prolific(60_000), "n1", { parseAs: "stream" });
    vi.advanceTimersByTime(60_000); // the deadline passes while nobody reads
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe("the caller's abort", () => {
  it("already aborted: AbortedError with the caller's reason, nothing sent", async () => {
    const reason = new Error("given up before calling");
    const error = await pay(prolific(60_000), "a0", { signal: AbortSignal.abort(reason) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe(reason);
    expect(server.seen).toHaveLength(0);
  });

  it("while the headers are awaited: AbortedError with the caller's reason", async () => {
    server.otherwise(() => ({ status: 0, hang: true }));
    const controller = new AbortController();
    const reason = new Error("given up while waiting");
    const result = pay(prolific(60_000), "a1", { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    while (server.seen.length < 1) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    const error = await result;
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe(reason);
  });

  it("during a counted body: AbortedError, not the deadline", async () => {
    server.script({ status: 200, headers: json, body: '"', trickle: "x" });
    const controller = new AbortController();
    const client = prolific(60_000);
    client.use({ onResponse: () => controller.abort("stop reading") });
    const error = await pay(client, "a2", { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe("stop reading");
  });
});

describe("the attempt's timer", () => {
  it("ends with the answer's last byte, even when the body is never read", async () => {
    server.script(jsonAnswer(202, "accepted"));
    const timers = await attemptTimers(59_998, async (cleared) => {
      const { response } = await pay(prolific(59_998), "t1", { parseAs: "stream" });
      expect(response.status).toBe(202);
      // Cleared once undici has the whole body (turns after the headers), not at 59.998 s.
      const started = Date.now();
      while (cleared() === 0 && Date.now() - started < 5000)
        await new Promise((resolve) => setImmediate(resolve));
      expect(response.bodyUsed).toBe(false);
    });
    expect(timers).toEqual({ set: 1, cleared: 1 });
  });

  it("ends when fetch fails before any answer (a refused connection)", async () => {
    const closed = createProlificClient({
      token: TOKEN,
      baseUrl: "http://127.0.0.1:9",
      timeoutMs: 59_997,
    });
    const timers = await attemptTimers(59_997, async () => {
      await expect(pay(closed, "t2")).rejects.toMatchObject({ name: "ConnectionError" });
    });
    expect(timers).toEqual({ set: 1, cleared: 1 });
  });
});

describe("concurrent calls on one client", () => {
  it("each has its own deadline and its own caller: one times out, one is aborted, one answers", async () => {
    server.otherwise((request) =>
      request.path.includes("/ok/") ? jsonAnswer(202, "accepted") : { status: 0, hang: true },
    );
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const client = prolific(60_000);
    const controller = new AbortController();
    const slow = pay(client, "slow").catch((e: unknown) => e);
    const stopped = pay(client, "stopped", { signal: controller.signal }).catch((e: unknown) => e);
    while (server.seen.length < 2) await new Promise((resolve) => setImmediate(resolve));
    controller.abort("only this one");
    expect(await stopped).toBeInstanceOf(AbortedError);
    const ok = await pay(client, "ok");
    expect(ok.response.status).toBe(202);
    expect(ok.data).toBe("accepted");
    vi.advanceTimersByTime(60_000); // only the slow call is still waiting
    expect(await slow).toBeInstanceOf(TimeoutError);
    expect(paths().sort()).toEqual([
      "/api/v1/bulk-bonus-payments/ok/pay/",
      "/api/v1/bulk-bonus-payments/slow/pay/",
      "/api/v1/bulk-bonus-payments/stopped/pay/",
    ]);
  });
});

describe("ended before undici connected the request", () => {
  it("fetch rejects at once, and the request is aborted when it would be written: nothing sent", async () => {
    server.otherwise(() => jsonAnswer(202, "accepted"));
    // A dispatcher that holds requests back, as a pool with no free connection does.
    const real = globals[GLOBAL_DISPATCHER] as {
      dispatch(options: unknown, handler: unknown): boolean;
    };
    const held: Array<() => void> = [];
    const errors: unknown[] = [];
    globals[GLOBAL_DISPATCHER] = {
      dispatch(options: unknown, handler: { onError(error: Error): void }) {
        const onError = handler.onError.bind(handler);
        handler.onError = (error) => {
          errors.push(error);
          onError(error);
        };
        held.push(() => real.dispatch(options, handler));
        return true;
      },
    };
    try {
      const error = await pay(prolific(300), "held").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(held).toHaveLength(1);
      held[0]?.(); // a connection frees up: the request is aborted before it is written
      while (errors.length < 1) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      globals[GLOBAL_DISPATCHER] = real;
    }
    expect(errors[0]).toMatchObject({ name: "AbortError", message: "ended before sending" });
    // The same server answers the next request: the held one never reached it.
    expect((await pay(prolific(5000), "after")).response.status).toBe(202);
    expect(paths()).toEqual(["/api/v1/bulk-bonus-payments/after/pay/"]);
  });
});
