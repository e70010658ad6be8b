// What each mock saw and did, in order: the request journal behind `GET /__mock/requests`
// and `mocks.requests()`. Secrets are redacted as they are recorded, never later.
import { REDACTED, redact } from "../core/redact.js";
import type { FaultName } from "./faults.js";

export interface JournalEntry {
  /** 1, 2, 3… in arrival order, per mock, from the last clear or reset. */
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** Path as sent (percent-encoded), without the query. */
  path: string;
  query: Record<string, string | string[]>;
  /** Matched operation, undefined when no route matched. */
  operationId?: string;
  /** Request headers; `authorization` and `cookie` redacted. */
  headers: Record<string, string>;
  /** Request body (parsed JSON, or text); passwords, passcodes and tokens redacted. */
  body: unknown;
  /** Status sent; null when none was (a reset, a held connection). */
  status: number | null;
  /** The fault applied, if any. */
  fault?: FaultName;
  /** Whether the request reached the mock's state (a pay was made, a state was set…). */
  processed: boolean;
  /** Notes on what the state did, e.g. "double-pay" when a bulk payment is paid again. */
  flags: string[];
}

export interface RequestFilter {
  operationId?: string;
  method?: string;
  /** Only requests the state processed. */
  processed?: boolean;
}

/** The journal keeps the latest requests only, so a long-running mock stays small. */
export const JOURNAL_LIMIT = 10_000;

const SECRET_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k) ? REDACTED : v]),
  );
}

export class Journal {
  #entries: JournalEntry[] = [];
  #seq = 0;

  record(
    entry: Omit<JournalEntry, "seq" | "headers" | "body" | "flags" | "processed" | "status"> & {
      headers: Record<string, string>;
      body: unknown;
    },
  ): JournalEntry {
    const recorded: JournalEntry = {
      ...entry,
      seq: ++this.#seq,
      headers: redactHeaders(entry.headers),
      body: redact(entry.body),
      status: null,
      processed: false,
      flags: [],
    };
    this.#entries.push(recorded);
    if (this.#entries.length > JOURNAL_LIMIT) this.#entries.shift();
    return recorded;
  }

  list(filter: RequestFilter = {}): JournalEntry[] {
    return this.#entries.filter(
      (e) =>
        (filter.operationId === undefined || e.operationId === filter.operationId) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.processed === undefined || e.processed === filter.processed),
    );
  }

  clear(): void {
    this.#entries = [];
    this.#seq = 0;
  }
}
