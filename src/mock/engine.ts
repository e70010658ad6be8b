// Prism's own HTTP engine (@stoplight/prism-http), in-process: it routes a request, checks
// its security and its parameters and body against the spec, and mocks the answer the spec
// documents (examples, `Prefer` choices, or generated data in dynamic mode). The engine also
// checks any answer against the spec, which is how stateful answers are held to it.
import type { IHttpOperation } from "@stoplight/types";
import { loadPrism, type Prism } from "./load-prism.js";
import { loadOperations } from "./operations.js";
import type { Preferences } from "./prefer.js";

export interface EngineRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface EngineAnswer extends Answer {
  /** The matched operation's `operationId`; undefined when no route matched. */
  operationId?: string;
  /** Path parameters of the matched operation, decoded. */
  params: Record<string, string>;
  /** Prism's findings on the request (security and validation); empty when it passed. */
  requestViolations: Violation[];
}

export interface Engine {
  /** The spec's operation ids. */
  operationIds: string[];
  answer(request: EngineRequest, preferences: Preferences): Promise<EngineAnswer>;
  /** What in `answer` breaks the spec of `operationId` (errors only). */
  check(operationId: string, answer: Answer): Violation[];
  /** The operation as Prism read it from the spec. */
  operation(operationId: string): IHttpOperation | undefined;
  /** The named JSON examples of one documented answer, e.g. ("sign-in", 200). */
  examples(operationId: string, status: number): Record<string, unknown>;
}

// Prism logs through pino; the mocks report through their journal instead.
const noop = () => {};
type Logger = Parameters<Prism["createInstance"]>[1]["logger"];
const silentLogger: Logger = new Proxy(
  {},
  { get: (_, key) => (key === "child" ? () => silentLogger : noop) },
) as Logger;

const SEVERITY = ["Error", "Warning", "Information", "Hint"];

const toViolation =
  (prefix: string) =>
  (d: { path?: string[]; severity: number; code?: string | number; message: string }) => ({
    location: [prefix, ...(d.path ?? [])],
    severity: SEVERITY[d.severity] ?? String(d.severity),
    code: d.code,
    message: d.message,
  });

function pathParams(template: string, path: string): Record<string, string> {
  const names = template.split("/");
  const values = path.split("/");
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const match = /^\{(.+)\}$/.exec(name);
    const value = values[i];
    if (match?.[1] && value !== undefined) params[match[1]] = decodeURIComponent(value);
  });
  return params;
}

type IHttpRequest = import("@stoplight/prism-http").IHttpRequest;

const stringHeaders = (headers: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));

export interface EngineSpec {
  /** The OpenAPI document. */
  specFile: string;
  /** Its operations as `npm run generate` wrote them (used while the spec is unchanged). */
  generatedFile?: string;
}

export async function createEngine(
  spec: EngineSpec,
  mode: { dynamic: boolean; seed?: string },
): Promise<Engine> {
  const prism = loadPrism();
  const { route, validator } = prism;
  const { operations, schemasChecked } = await loadOperations(spec, prism);
  prism.metaSchemaCheck.served(schemasChecked);
  const instance = prism.createInstance(
    {
      validateRequest: true,
      // Prism's own answers are the spec's examples; stateful ones are checked by `check`.
      validateResponse: false,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: mode.dynamic, seed: mode.seed },
    },
    { logger: silentLogger },
  );
  const byId = new Map(operations.map((op) => [op.iid ?? op.id, op]));

  type PrismError = Error & { status?: number; additional?: { headers?: Record<string, unknown> } };
  const problem = (error: PrismError): EngineAnswer => ({
    status: error.status ?? 500,
    headers: {
      "content-type": "application/problem+json",
      ...stringHeaders(error.additional?.headers),
    },
    body: prism.ProblemJsonError.toProblemJson(error),
    params: {},
    requestViolations: [],
  });

  return {
    operationIds: [...byId.keys()],
    async answer(request, preferences) {
      const input = {
        method: request.method.toLowerCase() as IHttpRequest["method"],
        url: { path: request.path, query: request.query },
        headers: request.headers,
        body: request.body,
      };
      const routed = route({ resources: operations, input });
      if (routed._tag === "Left") return problem(routed.left);
      const operation: IHttpOperation = routed.right;
      const mock = {
        dynamic: preferences.dynamic ?? mode.dynamic,
        seed: preferences.seed ?? mode.seed,
        code: preferences.code,
        exampleKey: preferences.example,
      };
      // Prism merges this per-request config over the instance's (as its server does for `Prefer`).
      const config = { mock } as Parameters<typeof instance.request>[2];
      const result = await instance.request(input, [operation], config)();
      const base = { operationId: operation.iid, params: pathParams(operation.path, request.path) };
      if (result._tag === "Left") return { ...problem(result.left), ...base };
      const { output, validations } = result.right;
      return {
        ...base,
        status: output.statusCode,
        headers: stringHeaders(output.headers),
        body: output.body,
        requestViolations: validations.input.map(toViolation("request")),
      };
    },

    check(operationId, answer) {
      const resource = byId.get(operationId);
      if (!resource) return [{ location: [], severity: "Error", message: `no ${operationId}` }];
      const element = { statusCode: answer.status, headers: answer.headers, body: answer.body };
      const checked = validator.validateOutput({ resource, element });
      if (checked._tag === "Right") return [];
      return checked.left.map(toViolation("response")).filter((v) => v.severity === "Error");
    },

    operation: (operationId) => byId.get(operationId),

    examples(operationId, status) {
      const response = byId.get(operationId)?.responses.find((r) => r.code === String(status));
      const examples = response?.contents?.flatMap((c) => c.examples ?? []) ?? [];
      return Object.fromEntries(examples.map((e) => [e.key, "value" in e ? e.value : undefined]));
    },
  };
}
