// What a stateful API of the mocks implements. The server asks it for an answer once
// Prism's engine has accepted the request (security and validation passed), and checks
// that answer against the spec before sending it.
import type { Answer } from "./engine.js";

export interface StateRequest {
  operationId: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export type StateResult =
  /** Send this answer (checked against the spec first). */
  | { answer: Answer; flags?: string[] }
  /** Send the spec's documented answer for this status (Prism's example), e.g. a 404. */
  | { documented: number; flags?: string[] }
  /** Not a stateful operation: send Prism's answer. */
  | undefined;

export interface MockState {
  handle(request: StateRequest): StateResult;
  /** False when the request's credentials are not accepted (answered with the spec's 401). */
  authorize?(request: StateRequest): boolean;
  snapshot(): unknown;
  reset(): void;
  /** Stops pending timers (a delayed pay) so nothing outlives the mock. */
  close(): void;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  answer: { status, body, headers: { "content-type": "application/json", ...headers } },
});
