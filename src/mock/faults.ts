// Faults a team arms to test its own money safety: for the next `times` requests to an
// operation (`POST /__mock/faults`, `mocks.armFault()`), or once with `Prefer: fault=<name>`.

export const FAULTS = [
  /** Nothing processed; the connection is closed before any answer. */
  "reset-before",
  /** Processed (state changed), then the connection is closed before any answer. */
  "reset-after",
  /** Processed, then no answer at all: the connection stays open until the client gives up. */
  "timeout-after",
  /** Nothing processed; 503 Service Unavailable. */
  "status-503",
  /** Nothing processed; 429 Too Many Requests with `Retry-After: 1`. */
  "status-429",
  /** Processed; the answer's headers and first half come at once, the rest after `slowBodyMs`. */
  "slow-body",
] as const;
export type FaultName = (typeof FAULTS)[number];

/** Whether the request reaches the state (and the engine) under this fault. */
export const processes = (fault: FaultName | undefined) =>
  fault !== "reset-before" && fault !== "status-503" && fault !== "status-429";

export const isFault = (name: unknown): name is FaultName =>
  typeof name === "string" && (FAULTS as readonly string[]).includes(name);

export interface ArmFault {
  /** The operation it applies to, e.g. "pay-bonus-payments"; "*" for any. */
  operationId: string;
  fault: FaultName;
  /** How many of the next matching requests get it. Default 1. */
  times?: number;
}

export interface ArmedFault extends Required<ArmFault> {}

/**
 * Parses an arm request (from JSON or a typed call) or says what is wrong with it. An
 * operation the spec does not have would never fire, and a `times` below 1 or fractional
 * would never run out: a team's test would pass without the fault it asked for.
 */
export function readArmFault(
  value: unknown,
  operationIds: readonly string[],
): ArmedFault | { error: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { error: "the body must be a JSON object { operationId, fault, times? }" };
  const own = (key: string) =>
    Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const v = { operationId: own("operationId"), fault: own("fault"), times: own("times") };
  if (typeof v.operationId !== "string" || v.operationId === "")
    return { error: "operationId must be a non-empty string" };
  if (v.operationId !== "*" && !operationIds.includes(v.operationId))
    return {
      error: `operationId ${JSON.stringify(v.operationId).slice(0, 100)} is not an operation of this mock (${operationIds.join(", ")}, or "*")`,
    };
  if (!isFault(v.fault)) return { error: `fault must be one of ${FAULTS.join(", ")}` };
  const times = v.times ?? 1;
  if (!Number.isSafeInteger(times) || (times as number) < 1)
    return { error: "times must be a positive integer" };
  return { operationId: v.operationId, fault: v.fault, times: times as number };
}

export class ArmedFaults {
  #armed: ArmedFault[] = [];
  readonly #operationIds: readonly string[];

  constructor(operationIds: readonly string[]) {
    this.#operationIds = operationIds;
  }

  /** Arms the fault when `value` is a valid arm request; otherwise says why not. */
  arm(value: unknown): ArmedFault | { error: string } {
    const armed = readArmFault(value, this.#operationIds);
    if (!("error" in armed)) this.#armed.push({ ...armed });
    return armed;
  }

  /** The fault for the next request to `operationId`, used up one time, or undefined. */
  take(operationId: string | undefined): FaultName | undefined {
    const found = this.#armed.find((f) => f.operationId === "*" || f.operationId === operationId);
    if (!found) return undefined;
    found.times -= 1;
    if (found.times === 0) this.#armed.splice(this.#armed.indexOf(found), 1);
    return found.fault;
  }

  list(): ArmedFault[] {
    return this.#armed.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#armed = [];
  }
}
