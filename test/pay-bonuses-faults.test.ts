// payBonuses against a scripted fault server: every case asserts the typed outcome AND
// that the server saw exactly one pay request (Prolific pays again for every request).
// Time is a fake clock (fake-clock.ts): a timeout fires only on a request the server holds.
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  BadRequestError,
  ConnectionError,
  createProlificClient,
  DuplicatePayError,
  type PayOutcome,
  payBonuses,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from "../src/index.js";
import { settle, until, useFakeClock } from "./fake-clock.js";
import { type Fault, PAY_MESSAGE, startFaultServer, useFaultServer } from "./fault-server.js";

const TIMEOUT_MS = 150;
const server = useFaultServer();
useFakeClock();

const client = () =>
  createProlificClient({ token: "pay-token-123456", baseUrl: server.url, timeoutMs: TIMEOUT_MS });

async function payThrough(
  fault: Fault | undefined,
  id = "64a1b2c3d4e5f6a7b8c9d0e1",
): Promise<PayOutcome> {
  if (fault) server.script(fault);
  const { result: outcome } = await settle(server, (watch) => {
    const prolific = client();
    prolific.use(watch.middleware);
    return payBonuses(prolific, id);
  });
  expect(server.seen).toHaveLength(1);
  expect(server.seen[0]).toMatchObject({
    method: "POST",
    path: `/api/v1/bulk-bonus-payments/${id}/pay/`,
  });
  return outcome;
}

describe("payBonuses outcome per fault, one request each", () => {
  it("202 → accepted with the message", async () => {
    expect(await payThrough(undefined)).toEqual({
      outcome: "accepted",
      id: "64a1b2c3d4e5f6a7b8c9d0e1",
      status: 202,
      message: PAY_MESSAGE,
    });
  });

  it.each([
    [500, '{"error":"boom"}', { error: "boom" }],
    [502, "<html><body>Bad gateway</body></html>", "<html><body>Bad gateway</body></html>"],
    [503, "", undefined],
    [504, "upstream timed out", "upstream timed out"],
  ])("%s → unknown (ServerError), body kept", async (status, body, parsed) => {
    const outcome = await payThrough({ kind: "status", status, body });
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome !== "unknown") return;
    expect(outcome.error).toBeInstanceOf(ServerError);
    expect(outcome.error).toMatchObject({ status, body: parsed });
    expect(outcome.advice).toMatch(/Do not retry blindly/);
  });

  it("429 with Retry-After seconds → rejected (nothing paid), not retried", async () => {
    const outcome = await payThrough({
      kind: "status",
      status: 429,
      headers: { "retry-after": "3" },
    });
    expect(outcome.outcome).toBe("rejected");
    if (outcome.outcome === "rejected") expect(outcome.error).toBeInstanceOf(RateLimitError);
  });

  it("429 with Retry-After as a date → rejected, not retried", async () => {
    const when = new Date(Date.now() + 5000).toUTCString();
    const outcome = await payThrough({
      kind: "status",
      status: 429,
      headers: { "retry-after": when },
    });
    expect(outcome).toMatchObject({ outcome: "rejected", error: { status: 429 } });
  });

  it("slow headers past the timeout → unknown (TimeoutError)", async () => {
    const outcome = await payThrough({ kind: "slow-headers" });
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(TimeoutError);
  });

  it("a 202 whose body stalls past the timeout → accepted, message unknown", async () => {
    const outcome = await payThrough({ kind: "slow-body", status: 202 });
    expect(outcome).toMatchObject({ outcome: "accepted", status: 202, message: undefined });
  });

  it("a 500 whose body stalls → unknown", async () => {
    const outcome = await payThrough({ kind: "slow-body", status: 500 });
    expect(outcome.outcome).toBe("unknown");
  });

  it("connection reset before the headers → unknown (ConnectionError, may have been sent)", async () => {
    const outcome = await payThrough({ kind: "reset-before-headers" });
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome !== "unknown") return;
    expect(outcome.error).toBeInstanceOf(ConnectionError);
    expect(outcome.error).toMatchObject({ requestMayHaveBeenSent: true });
  });

  it("connection reset after 202 headers → accepted", async () => {
    const outcome = await payThrough({ kind: "reset-after-headers", status: 202 });
    expect(outcome).toMatchObject({ outcome: "accepted", message: undefined });
  });

  it("connection reset after 500 headers → unknown", async () => {
    const outcome = await payThrough({ kind: "reset-after-headers", status: 500 });
    expect(outcome.outcome).toBe("unknown");
  });

  it("malformed JSON on a 202 → accepted, the raw text as message", async () => {
    const outcome = await payThrough({ kind: "status", status: 202, body: '"Bulk bonus payment' });
    expect(outcome).toMatchObject({ outcome: "accepted", message: '"Bulk bonus payment' });
  });

  it("a 202 that is not JSON → accepted with the text", async () => {
    const outcome = await payThrough({
      kind: "status",
      status: 202,
      body: "OK",
      headers: { "content-type": "text/plain" },
    });
    expect(outcome).toMatchObject({ outcome: "accepted", message: "OK" });
  });

  it("an HTML 400 page → rejected (BadRequestError) with the page as body", async () => {
    const html = "<html><h1>400</h1></html>";
    const outcome = await payThrough({
      kind: "status",
      status: 400,
      body: html,
      headers: { "content-type": "text/html" },
    });
    expect(outcome).toMatchObject({ outcome: "rejected", error: { status: 400, body: html } });
    if (outcome.outcome === "rejected") expect(outcome.error).toBeInstanceOf(BadRequestError);
  });

  it("an empty 4xx → rejected, still an error value", async () => {
    const outcome = await payThrough({ kind: "status", status: 401, body: "" });
    expect(outcome.outcome).toBe("rejected");
    if (outcome.outcome !== "rejected") return;
    expect(outcome.error).toBeInstanceOf(UnauthorizedError);
    expect(outcome.error.message).toMatch(/^401 .*\(empty body\)$/);
  });

  it("a 200 instead of 202 → unknown (the server did something unexpected)", async () => {
    const outcome = await payThrough({ kind: "status", status: 200, body: '"done"' });
    expect(outcome.outcome).toBe("unknown");
  });

  it("connection refused → rejected: provably nothing was sent", async () => {
    const closed = await startFaultServer();
    const url = closed.url;
    await closed.close();
    const prolific = createProlificClient({
      token: "pay-token-123456",
      baseUrl: url,
      timeoutMs: TIMEOUT_MS,
    });
    const outcome = await payBonuses(prolific, "abc");
    expect(outcome).toMatchObject({
      outcome: "rejected",
      error: { code: "ECONNREFUSED", requestMayHaveBeenSent: false },
    });
  });
});

describe("no second pay of the same id by accident", () => {
  it("refuses to pay an accepted id again; payAgain sends exactly one more", async () => {
    const prolific = client();
    expect((await payBonuses(prolific, "id-1")).outcome).toBe("accepted");
    await expect(payBonuses(prolific, "id-1")).rejects.toThrow(DuplicatePayError);
    expect(server.seen).toHaveLength(1);
    expect((await payBonuses(prolific, "id-1", { payAgain: true })).outcome).toBe("accepted");
    expect(server.seen).toHaveLength(2);
  });

  it("refuses a pay of an id whose outcome is unknown", async () => {
    const prolific = client();
    server.script({ kind: "status", status: 503 });
    expect((await payBonuses(prolific, "id-2")).outcome).toBe("unknown");
    await expect(payBonuses(prolific, "id-2")).rejects.toMatchObject({ previous: "unknown" });
    expect(server.seen).toHaveLength(1);
  });

  it("allows a new pay after a definite rejection", async () => {
    const prolific = client();
    server.script({ kind: "status", status: 429 });
    expect((await payBonuses(prolific, "id-3")).outcome).toBe("rejected");
    expect((await payBonuses(prolific, "id-3")).outcome).toBe("accepted");
    expect(server.seen).toHaveLength(2);
  });

  it("of two concurrent pays of one id, exactly one is sent", async () => {
    const prolific = client();
    server.script({ kind: "slow-headers", delayMs: 30 });
    const { result: results } = await settle(server, async (watch) => {
      prolific.use(watch.middleware);
      return Promise.allSettled([payBonuses(prolific, "id-4"), payBonuses(prolific, "id-4")]);
    });
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(server.seen).toHaveLength(1);
  });

  it("another client is another ledger (the guard is per client)", async () => {
    await payBonuses(client(), "id-5");
    await payBonuses(client(), "id-5");
    expect(server.seen).toHaveLength(2);
  });
});

describe("caller's abort", () => {
  it("after sending → unknown (AbortedError), one request", async () => {
    server.script({ kind: "slow-headers" });
    const controller = new AbortController();
    const pending = payBonuses(
      createProlificClient({ token: "pay-token-123456", baseUrl: server.url }),
      "id-6",
      {
        signal: controller.signal,
      },
    );
    // Aborted once the server holds the request: it was sent, and no timer decides.
    await until(() => server.holdingLatest() === "headers");
    controller.abort();
    const outcome = await pending;
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") expect(outcome.error).toBeInstanceOf(AbortedError);
    expect(server.seen).toHaveLength(1);
  });

  it("already aborted → refused before sending", async () => {
    await expect(payBonuses(client(), "id-7", { signal: AbortSignal.abort() })).rejects.toThrow(
      AbortedError,
    );
    expect(server.seen).toHaveLength(0);
  });
});
