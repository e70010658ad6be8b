// One mock = one node:http server: `/__mock/…` is the control surface; every other request
// goes through Prism's engine, then the state, then any fault, and into the journal.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { control } from "./control.js";
import type { Answer, Engine, EngineAnswer, EngineRequest } from "./engine.js";
import { ArmedFaults, type FaultName, isFault, processes } from "./faults.js";
import { Journal, type JournalEntry } from "./journal.js";
import { type Preferences, parsePrefer } from "./prefer.js";
import { BodyTooLargeError, readRequest } from "./read-request.js";
import type { MockState } from "./state.js";

export interface MockServerOptions {
  engine: Engine;
  /** Undefined in dynamic mode: answers are generated, nothing is remembered. */
  state?: MockState;
  /** How long `slow-body` holds back the second half of an answer. */
  slowBodyMs: number;
}

export interface MockServer {
  server: Server;
  journal: Journal;
  faults: ArmedFaults;
  state?: MockState;
  /** Closes the server and every open connection, held ones (timeout-after) included. */
  close(): Promise<void>;
}

const problem = (status: number, title: string, detail: string, extra = {}): Answer => ({
  status,
  headers: { "content-type": "application/problem+json" },
  body: { type: "https://payouts-api/mock#MOCK", title, status, detail, ...extra },
});

function send(response: ServerResponse, answer: Answer, body = serialize(answer)) {
  response.writeHead(answer.status, answer.headers);
  response.end(body);
}

const serialize = ({ body, headers }: Answer): string | undefined =>
  body === undefined
    ? undefined
    : /json/i.test(headers["content-type"] ?? "")
      ? JSON.stringify(body)
      : String(body);

export function createMockServer(options: MockServerOptions): MockServer {
  const { engine, state, slowBodyMs } = options;
  const journal = new Journal();
  const faults = new ArmedFaults(engine.operationIds);
  const sockets = new Set<Socket>();
  const held = new Set<NodeJS.Timeout>();

  /** Prism's answer, then the state's (checked against the spec), for a request that may be processed. */
  async function answer(
    prism: EngineAnswer,
    engineRequest: EngineRequest,
    preferences: Preferences,
    entry: JournalEntry,
  ): Promise<Answer> {
    const ok = prism.status >= 200 && prism.status < 300;
    if (!state || !prism.operationId || prism.requestViolations.length > 0 || !ok) return prism;
    const documented = (code: number) => engine.answer(engineRequest, { code });
    const { query, headers, body } = engineRequest;
    const request = { operationId: prism.operationId, params: prism.params, query, headers, body };
    if (state.authorize && !state.authorize(request)) return documented(401);
    const result = state.handle(request);
    if (result === undefined) return prism;
    entry.processed = true;
    entry.flags.push(...(result.flags ?? []));
    if ("documented" in result) return documented(result.documented);
    // A team's `Prefer: example=…` (or `dynamic=true`) picks the body; the state changed all the same.
    const { code, example, dynamic } = preferences;
    if (code !== undefined || example !== undefined || dynamic !== undefined) return prism;
    const violations = engine.check(prism.operationId, result.answer);
    if (violations.length === 0) return result.answer;
    console.error(
      `payouts-mock: REFUSED a stateful answer to ${prism.operationId} that breaks the spec:`,
      violations,
    );
    entry.flags.push("refused-answer");
    return problem(
      500,
      "The mock's state produced an answer that breaks the spec",
      "Refused, not served: a bug in payouts-api's mock.",
      { violations },
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://mock");
    if (url.pathname.startsWith("/__mock/"))
      return control(url, request, response, { journal, faults, state });
    const engineRequest = await readRequest(url, request);
    const prefer = parsePrefer(engineRequest.headers.prefer);
    const arrived = { time: new Date().toISOString(), ...engineRequest };
    if ("error" in prefer) {
      const entry = journal.record(arrived);
      entry.status = 422;
      return send(response, problem(422, "Invalid Prefer header", prefer.error));
    }
    const { fault: oneOff, ...preferences } = prefer;
    // Routed once without state, to know the operation before deciding on a fault.
    const prism = await engine.answer(engineRequest, preferences);
    const entry = journal.record({ ...arrived, operationId: prism.operationId });
    if (oneOff !== undefined && !isFault(oneOff)) {
      entry.status = 422;
      return send(response, problem(422, "Unknown fault", `Prefer fault=${oneOff} is not a fault`));
    }
    const fault: FaultName | undefined = oneOff ?? faults.take(prism.operationId);
    if (fault) entry.fault = fault;
    if (fault === "reset-before") return request.socket.destroy();
    if (fault === "status-503")
      return reply(
        entry,
        response,
        problem(503, "Service Unavailable", "fault status-503 armed in the mock"),
      );
    if (fault === "status-429") {
      const limited = problem(429, "Too Many Requests", "fault status-429 armed in the mock");
      return reply(entry, response, {
        ...limited,
        headers: { ...limited.headers, "retry-after": "1" },
      });
    }
    if (!processes(fault)) return;
    const final = await answer(prism, engineRequest, preferences, entry);
    if (fault === "reset-after") return request.socket.destroy();
    if (fault === "timeout-after") return; // the socket is held until the client gives up or the mock closes
    if (fault === "slow-body") return slow(entry, response, final);
    reply(entry, response, withViolations(final, prism));
  }

  function withViolations(final: Answer, prism: EngineAnswer): Answer {
    if (final !== prism || prism.requestViolations.length === 0) return final;
    return {
      ...final,
      headers: { ...final.headers, "sl-violations": JSON.stringify(prism.requestViolations) },
    };
  }

  function reply(entry: JournalEntry, response: ServerResponse, final: Answer) {
    entry.status = final.status;
    send(response, final);
  }

  function slow(entry: JournalEntry, response: ServerResponse, final: Answer) {
    entry.status = final.status;
    const body = serialize(final) ?? "";
    const half = Math.ceil(body.length / 2);
    response.writeHead(final.status, {
      ...final.headers,
      "content-length": String(Buffer.byteLength(body)),
    });
    response.write(body.slice(0, half));
    const timer = setTimeout(() => {
      held.delete(timer);
      response.end(body.slice(half));
    }, slowBodyMs);
    held.add(timer);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      send(
        response,
        error instanceof BodyTooLargeError
          ? problem(413, "Payload Too Large", error.message)
          : problem(500, "Mock failure", error instanceof Error ? error.message : String(error)),
      );
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  return {
    server,
    journal,
    faults,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of held) clearTimeout(timer);
        state?.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
