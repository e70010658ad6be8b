// A local HTTP server on 127.0.0.1 that answers each request with the next scripted
// fault, then with a healthy answer for the path. It records every request it sees, and
// says which one it is holding back (a stall), so a test on a fake clock knows when the
// client is waiting on nothing but time (see fake-clock.ts).
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./listen-on-loopback.js";
import { useServer } from "./use-server.js";

export type Fault =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "reset-before-headers" }
  | { kind: "reset-after-headers"; status: number }
  /** Headers after `delayMs` (on the test's clock); without it, never: a stall. */
  | { kind: "slow-headers"; delayMs?: number }
  /** Headers and a first chunk at once, the rest after `delayMs`; without it, never. */
  | { kind: "slow-body"; status: number; delayMs?: number };

/** What the server is holding back from one request. */
export type Held = "headers" | "body";

export interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/** A reward as DRVN lists it, with the given id and state. */
export function rewardOf(id: number, state: string) {
  return {
    id,
    bonus: "10.0",
    completed_at: "2025-11-10T00:00:00.000Z",
    referee: party(497),
    referrer: party(496),
    state,
  };
}

/** The answer a faithful server gives to a bulk update: the requested rewards, in the requested state. */
function rewardsAnswer(requestBody: string): string {
  let ids: unknown = [499];
  let state: unknown = "paid";
  try {
    ({ reward_ids: ids, state } = JSON.parse(requestBody).reward);
  } catch {}
  const list = Array.isArray(ids) ? ids : [];
  return JSON.stringify({ rewards: list.map((id) => rewardOf(Number(id), String(state))) });
}

export const PAY_MESSAGE = "Bulk bonus payment with ID abc is being processed asynchronously.";

function party(id: number) {
  return {
    id,
    financial_company_id: null,
    first_name: "A",
    last_name: "B",
    profile_id: 1,
    referral_code: "012345",
  };
}

/** The healthy answer for each request, used once the script has run out. */
function healthy(
  path: string,
  requestBody: string,
): { status: number; body: string; headers?: Record<string, string> } {
  if (path.endsWith("/pay/")) return { status: 202, body: JSON.stringify(PAY_MESSAGE) };
  if (path.endsWith("/bonus-payments/")) {
    return {
      status: 201,
      body: JSON.stringify({ id: "64a1b2c3d4e5f6a7b8c9d0e1", total_amount: 1190 }),
    };
  }
  const body = rewardsAnswer(requestBody);
  const total = String(JSON.parse(body).rewards.length);
  return { status: 200, body, headers: { "per-page": "20", total } };
}

export async function startFaultServer() {
  const script: Fault[] = [];
  const seen: Seen[] = [];
  // By index in `seen`: what the server holds back from that request while it is open.
  const held = new Map<number, Held>();
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const answer = (
    fault: Fault | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    requestBody: string,
    index: number,
  ) => {
    const hold = (what: Held, ms: number | undefined, then: () => void) => {
      held.set(index, what);
      res.on("close", () => held.delete(index));
      if (ms !== undefined)
        later(ms, () => {
          held.delete(index);
          if (!res.destroyed) then();
        });
    };
    const path = req.url ?? "";
    const ok = healthy(path, requestBody);
    const json = { "content-type": "application/json" };
    if (!fault) {
      res.writeHead(ok.status, { ...json, ...ok.headers }).end(ok.body);
      return;
    }
    switch (fault.kind) {
      case "status":
        res.writeHead(fault.status, { ...json, ...fault.headers }).end(fault.body ?? "");
        return;
      case "reset-before-headers":
        req.socket.destroy();
        return;
      case "reset-after-headers":
        // Reset once the client has the headers: the next tick of the test's clock.
        res.writeHead(fault.status, { ...json, "content-length": "5000" });
        res.write(ok.body.slice(0, 10));
        hold("body", 1, () => req.socket.destroy());
        return;
      case "slow-headers":
        hold("headers", fault.delayMs, () =>
          res.writeHead(ok.status, { ...json, ...ok.headers }).end(ok.body),
        );
        return;
      case "slow-body":
        res.writeHead(fault.status, { ...json, ...ok.headers });
        res.write(ok.body.slice(0, 10));
        hold("body", fault.delayMs, () => res.end(ok.body.slice(10)));
        return;
    }
  };

  const server = createServer(async (req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const index =
      seen.push({
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      }) - 1;
    answer(script.shift(), req, res, body, index);
  });
  const url = await listenOnLoopback(server);

  return {
    url,
    /** Requests seen so far, in order. */
    seen,
    /** Faults for the next requests, one each; afterwards every request is answered healthily. */
    script(...faults: Fault[]) {
      script.push(...faults);
    },
    inFlight: () => inFlight,
    /** What the server holds back from the latest request, if it is holding it. */
    holdingLatest: (): Held | undefined => held.get(seen.length - 1),
    reset() {
      script.length = 0;
      seen.length = 0;
      held.clear();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

export type FaultServer = Awaited<ReturnType<typeof startFaultServer>>;

/**
 * One fault server for the calling test file: started before its tests, its script and
 * log cleared after each, closed after all. The handle is filled in once it listens.
 */
export const useFaultServer = (): FaultServer => useServer(startFaultServer);

/** Every fault kind the suites draw from; the slow ones stall until the client gives up. */
export function faultCatalogue(): Record<string, Fault> {
  return {
    "500": { kind: "status", status: 500, body: '{"error":"boom"}' },
    "502 html page": {
      kind: "status",
      status: 502,
      body: "<html><body>Bad gateway</body></html>",
      headers: { "content-type": "text/html" },
    },
    "503": { kind: "status", status: 503 },
    "504": { kind: "status", status: 504, body: "" },
    "429 retry-after 0 s": { kind: "status", status: 429, headers: { "retry-after": "0" } },
    "slow headers": { kind: "slow-headers" },
    "slow body": { kind: "slow-body", status: 200 },
    "reset before headers": { kind: "reset-before-headers" },
    "reset after headers": { kind: "reset-after-headers", status: 200 },
    "malformed json": { kind: "status", status: 500, body: '{"error": {"status": 5' },
  };
}
