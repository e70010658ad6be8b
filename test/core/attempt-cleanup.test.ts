// What an attempt leaves behind and how it ends when fetch does not: no listener on the
// caller's signal once a call is over (Node's fetch and an injected one), and an injected
// fetch that ignores its signal still ended by the deadline or the caller's abort.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AbortedError, createProlificClient, TimeoutError } from "../../src/index.js";
import { jsonAnswer, useHostileServer } from "../hostile-server.js";

const server = useHostileServer();
const PAY = "/api/v1/bulk-bonus-payments/{id}/pay/";
const TOKEN = "attempt-cleanup-token";
const pay = (client: ReturnType<typeof createProlificClient>, signal: AbortSignal) =>
  client.POST(PAY, { params: { path: { id: "c1" } }, signal });
const abortListeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;
/**
 * The listeners a call may leave: the client's Request follows the caller's signal with
 * its own listener, dropped only when the Request is collected (at most this many then).
 */
const REQUEST_LISTENERS = (() => {
  const signal = new AbortController().signal;
  new Request("http://127.0.0.1/", { signal });
  return abortListeners(signal);
})();
/** A fetch that never answers and never looks at the request's signal. */
const deafFetch = () => new Promise<Response>(() => {});

describe("the caller's signal after a call", () => {
  it("Node's fetch: no listener left after an answer, nor after a failed attempt", async () => {
    const client = createProlificClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 5_000 });
    const signal = new AbortController().signal;
    server.script(jsonAnswer(202, {}));
    const { response } = await pay(client, signal);
    expect(response.status).toBe(202);
    expect(abortListeners(signal)).toBeLessThanOrEqual(REQUEST_LISTENERS);

    server.script({ status: 0, hang: true });
    const timedOut = createProlificClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 200 });
    const other = new AbortController().signal;
    await expect(pay(timedOut, other)).rejects.toBeInstanceOf(TimeoutError);
    expect(abortListeners(other)).toBeLessThanOrEqual(REQUEST_LISTENERS);
    expect(server.seen).toHaveLength(2);
  });

  it("an injected fetch: no listener left after an answer", async () => {
    const client = createProlificClient({
      token: TOKEN,
      baseUrl: "https://api.example.test",
      fetch: async () => new Response("{}", { status: 202 }),
    });
    const signal = new AbortController().signal;
    const { response } = await pay(client, signal);
    expect(response.status).toBe(202);
    expect(abortListeners(signal)).toBeLessThanOrEqual(REQUEST_LISTENERS);
  });
});

describe("an injected fetch that ignores its signal", () => {
  const deaf = (timeoutMs: number) =>
    createProlificClient({
      token: TOKEN,
      baseUrl: "https://api.example.test",
      fetch: deafFetch,
      timeoutMs,
    });

  it("is ended by the deadline, with TimeoutError", async () => {
    const error = await pay(deaf(100), new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("is ended by the caller's abort, with AbortedError, long before the deadline", async () => {
    const caller = new AbortController();
    const call = pay(deaf(60_000), caller.signal).catch((e: unknown) => e);
    caller.abort();
    expect(await call).toBeInstanceOf(AbortedError);
  });
});
