// What each mock saw and did, in order: the request journal behind `GET /__mock/requests`
// and `mocks.requests()`. Secrets are redacted as they are recorded, never later.
import { isSecretKey, REDACTED, redact } from "../core/redact.js";
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
  /** Request headers; secret-named ones (`authorization`, `cookie`, `x-api-key`…) and credentials in any value redacted. */
  headers: Record<string, string>;
  /** Request body (parsed JSON, or text); passwords, passcodes and tokens redacted, in text bodies too; over 64 KiB, a note of its size. */
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
/**
 * A body larger than this (as JSON text) is recorded as a note of its size: 10 000
 * entries of bodies up to the 1 MiB request cap would otherwise hold 10 GB.
 */
export const JOURNAL_BODY_LIMIT = 64 * 1024;

const SECRET_HEADERS = new Set(["cookie", "set-cookie"]);
// A credential after its scheme, in any header or text: "Bearer eyJ…", "Token abc".
const CREDENTIAL = /\b(Bearer|Token|Basic)(\s+)[^\s,;"&]+/gi;
// `key=value` or `"key": value` in a text body (a form, JSON sent as text/plain),
// where the key names a secret: `user[password]=…`, `"passcode": 1234`.
const SECRET_PAIR =
  /((?:passcode|password|token|authorization|secret|api[-_]?key)[^\s=:&"]*"?\s*[=:]\s*)("(?:[^"\\]|\\.)*"|[^\s&,;}]*)/gi;

const redactText = (text: string) =>
  text.replace(CREDENTIAL, `$1$2${REDACTED}`).replace(SECRET_PAIR, `$1${REDACTED}`);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      SECRET_HEADERS.has(k) || isSecretKey(k) ? REDACTED : redactText(v),
    ]),
  );
}

/** Query values under secret-looking names, and credentials in any value, redacted. */
function redactQuery(query: Record<string, string | string[]>) {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(query)) {
    const safe = (s: string) => (isSecretKey(k) ? REDACTED : redactText(s));
    Object.defineProperty(out, k, {
      value: Array.isArray(v) ? v.map(safe) : safe(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A body as recorded: JSON by its keys, text (a form, JSON sent as text) by its pairs. */
function redactBody(body: unknown): unknown {
  if (typeof body !== "string") return keepSmall(redact(body));
  try {
    return keepSmall(JSON.stringify(redact(JSON.parse(body))));
  } catch {
    return keepSmall(redactText(body));
  }
}

function keepSmall(body: unknown): unknown {
  const size = body === undefined ? 0 : Buffer.byteLength(JSON.stringify(body) ?? "");
  return size > JOURNAL_BODY_LIMIT ? `[body of ${size} bytes not kept]` : body;
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
      query: redactQuery(entry.query),
      headers: redactHeaders(entry.headers),
      body: redactBody(entry.body),
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
