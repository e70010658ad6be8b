// A raw TCP server on 127.0.0.1 that answers each HTTP request with exactly the bytes a
// test scripted: any status and reason phrase, any headers (Location, echoed secrets),
// compressed or endless bodies. It records every request it sees. Raw sockets, so a
// hostile answer is not tidied up by node:http.
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { listenOnLoopback } from "./listen-on-loopback.js";
import { useServer } from "./use-server.js";

export interface RawAnswer {
  status: number;
  reason?: string;
  headers?: Array<[string, string]>;
  body?: Buffer | string;
  /** After the body (or the headers, when there is none), keep sending this chunk every 20 ms until the client hangs up. */
  trickle?: string;
  /** The Content-Length sent instead of the body's own (a body cut short, or stalled). */
  declaredLength?: number;
  /** Sent first as an interim (1xx) response. */
  interim?: number;
  /** Send nothing at all: the request hangs until the client gives up. */
  hang?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export async function startHostileServer() {
  const script: Array<RawAnswer | ((request: SeenRequest) => RawAnswer)> = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  // Sockets that carried a request: reset ends those. A socket the client opened ahead
  // and has not used yet is left open, or the next test's request would meet its close.
  const asked = new WeakSet<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let fallback: (request: SeenRequest) => RawAnswer = () => ({ status: 404, body: "" });

  const respond = (socket: Socket, request: SeenRequest) => {
    const next = script.shift() ?? fallback;
    const answer = typeof next === "function" ? next(request) : next;
    if (answer.hang) return;
    const body = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
    const lines: string[] = [];
    if (answer.interim) lines.push(`HTTP/1.1 ${answer.interim} Interim`, "", "");
    lines.push(`HTTP/1.1 ${answer.status} ${answer.reason ?? "Status"}`);
    for (const [name, value] of answer.headers ?? []) lines.push(`${name}: ${value}`);
    if (answer.declaredLength !== undefined) lines.push(`content-length: ${answer.declaredLength}`);
    else if (answer.trickle === undefined) lines.push(`content-length: ${body.length}`);
    lines.push("connection: close", "", "");
    socket.write(lines.join("\r\n"));
    socket.write(body);
    if (answer.trickle === undefined) {
      socket.end();
      return;
    }
    const tick = setInterval(() => {
      if (socket.destroyed) clearInterval(tick);
      else socket.write(answer.trickle ?? "");
    }, 20);
    timers.add(tick);
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = Buffer.alloc(0);
    let answered = false;
    socket.on("data", (chunk: Buffer) => {
      if (answered) return;
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [requestLine = "", ...headerLines] = buffer.subarray(0, end).toString().split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers["content-length"] ?? 0);
      if (buffer.length < end + 4 + length) return;
      answered = true;
      asked.add(socket);
      const [method = "", path = ""] = requestLine.split(" ");
      const request = {
        method,
        path,
        headers,
        body: buffer.subarray(end + 4, end + 4 + length).toString(),
      };
      seen.push(request);
      respond(socket, request);
    });
  });
  const url = await listenOnLoopback(server);

  return {
    url,
    seen,
    /** Answers for the next requests, one each; then `otherwise` (default: an empty 404). */
    script(...answers: Array<RawAnswer | ((request: SeenRequest) => RawAnswer)>) {
      script.push(...answers);
    },
    otherwise(answer: (request: SeenRequest) => RawAnswer) {
      fallback = answer;
    },
    reset() {
      script.length = 0;
      seen.length = 0;
      fallback = () => ({ status: 404, body: "" });
      for (const t of timers) clearInterval(t);
      for (const s of sockets) if (asked.has(s)) s.destroy();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

export type HostileServer = Awaited<ReturnType<typeof startHostileServer>>;

/** One hostile server for the calling test file, reset after each test, closed after all. */
export const useHostileServer = (): HostileServer => useServer(startHostileServer);

/** A faithful bulk-update answer for the request's ids and state. */
export function rewardsFor(request: SeenRequest, state?: string) {
  const { reward } = JSON.parse(request.body) as {
    reward: { reward_ids: number[]; state: string };
  };
  return {
    rewards: reward.reward_ids.map((id) => ({
      id,
      bonus: "10.0",
      completed_at: "2025-11-10T00:00:00.000Z",
      referee: null,
      referrer: null,
      state: state ?? reward.state,
    })),
  };
}

export const jsonAnswer = (
  status: number,
  body: unknown,
  headers: Array<[string, string]> = [],
): RawAnswer => ({
  status,
  reason: "OK",
  headers: [["content-type", "application/json"], ...headers],
  body: JSON.stringify(body),
});
