// The control surface under `/__mock/` on each mock's own port, for teams in any language:
//   GET /__mock/requests[?operationId=&method=&processed=]   the journal
//   DELETE /__mock/requests                                   empty the journal
//   POST /__mock/reset                                        state, journal and faults back to the start
//   GET /__mock/state                                         what the mock remembers
//   GET|POST|DELETE /__mock/faults                            armed faults; POST {"operationId","fault","times"}
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ArmedFaults } from "./faults.js";
import type { Journal } from "./journal.js";
import { readBody } from "./read-request.js";
import type { MockState } from "./state.js";

interface Parts {
  journal: Journal;
  faults: ArmedFaults;
  state?: MockState;
}

const reply = (response: ServerResponse, status: number, body?: unknown) => {
  response.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  response.end(body === undefined ? undefined : JSON.stringify(body));
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(request));
  } catch {
    return undefined;
  }
}

export async function control(
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  parts: Parts,
) {
  const { journal, faults, state } = parts;
  const route = `${request.method} ${url.pathname}`;
  switch (route) {
    case "GET /__mock/requests": {
      const q = url.searchParams;
      const processed = q.get("processed");
      return reply(response, 200, {
        requests: journal.list({
          operationId: q.get("operationId") ?? undefined,
          method: q.get("method") ?? undefined,
          processed: processed === null ? undefined : processed === "true",
        }),
      });
    }
    case "DELETE /__mock/requests":
      journal.clear();
      return reply(response, 204);
    case "POST /__mock/reset":
      journal.clear();
      faults.clear();
      state?.reset();
      return reply(response, 204);
    case "GET /__mock/state":
      return reply(response, 200, state ? state.snapshot() : { stateful: false });
    case "GET /__mock/faults":
      return reply(response, 200, { faults: faults.list() });
    case "DELETE /__mock/faults":
      faults.clear();
      return reply(response, 204);
    case "POST /__mock/faults": {
      const armed = faults.arm(await readJson(request));
      if ("error" in armed) return reply(response, 400, { error: armed.error });
      return reply(response, 201, armed);
    }
    default:
      return reply(response, 404, {
        error: `no control route ${route}; see GET /__mock/requests, POST /__mock/reset, GET /__mock/state, POST /__mock/faults`,
      });
  }
}
