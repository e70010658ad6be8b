// Prism's proxy, in-process: forwards each generated request to the provider as it is
// (valid or not: `errors: false`, so Prism never answers for the provider) and checks
// the answer against the spec, as `prism proxy` does. (Which class a request is in is
// decided by the generated validators, which agree with Prism's request validation.)
import { createInstance } from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import { silentLogger } from "../silent-logger.js";

export interface Sent {
  method: string;
  /** The concrete path, e.g. "/api/v1/bulk-bonus-payments/abc/pay/". */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Diagnostic {
  path?: string[];
  code?: string | number;
  message: string;
  /** 0 error, 1 warning (e.g. an undocumented non-2xx status). */
  severity: number;
}

export interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** What Prism found wrong with the answer (status, content type, headers, body). */
  answerViolations: Diagnostic[];
}

export function createProxy(upstream: string, operations: IHttpOperation[]) {
  const prism = createInstance(
    {
      isProxy: true,
      upstream: new URL(upstream),
      upstreamProxy: undefined,
      errors: false,
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      mock: { dynamic: false },
    },
    { logger: silentLogger },
  );
  return {
    /** Sends one request; rejects when the provider gave no answer (unreachable, reset). */
    async send(request: Sent): Promise<Exchange> {
      const result = await prism.request(
        {
          method: request.method.toLowerCase() as never,
          url: { path: request.path },
          headers: request.headers,
          // Sent as JSON text: Prism would send a string body raw and drop a falsy one.
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        },
        operations,
      )();
      if (result._tag === "Left") throw result.left;
      const { output, validations } = result.right;
      return {
        status: output.statusCode,
        headers: Object.fromEntries(
          Object.entries(output.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
        ),
        body: output.body,
        answerViolations: validations.output as Diagnostic[],
      };
    },
  };
}
