import { InvalidInputError } from "./errors/invalid-input-error.js";
import { isWholeIn } from "./input.js";

/** Options shared by both client factories. */
export interface ClientOptions {
  /** API token (Prolific) or JWT (DRVN). Required. Never logged or shown. */
  token: string;
  /** Base URL of the API. `https:` only, except `http:` to a loopback address. */
  baseUrl?: string;
  /** `fetch` to use instead of `globalThis.fetch` (tests inject one). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Time limit of one attempt, from sending the request to the end of the response
   * body, in milliseconds. Default: 30 000 (30 s).
   */
  timeoutMs?: number;
  /**
   * Largest answer body read, in bytes after decompression, counted while it streams
   * in; a larger one fails with ResponseTooLargeError (on pay: outcome by status).
   * Default: 4 194 304 (4 MiB), some ten times a bulk update of 1000 rewards.
   */
  maxResponseBytes?: number;
}

/** Option names both factories accept. */
export const CLIENT_OPTION_KEYS = [
  "token",
  "baseUrl",
  "fetch",
  "timeoutMs",
  "maxResponseBytes",
] as const;

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
// A cap above this is no cap: a body that large does not fit in a string anyway.
const MAX_RESPONSE_BYTES_LIMIT = 2 ** 29;
// setTimeout's ceiling; a larger delay would fire at once.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Visible ASCII only: anything else is a pasting mistake or a header injection. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;
const SCHEME_PREFIX = /^(bearer|token)\s/i;
const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

export function checkToken(token: unknown): string {
  if (typeof token !== "string") throw new InvalidInputError("token", "is required (a string)");
  if (token.trim() === "") throw new InvalidInputError("token", "is empty");
  if (SCHEME_PREFIX.test(token)) {
    throw new InvalidInputError("token", "starts with an auth scheme; pass the bare token");
  }
  if (!TOKEN_CHARS.test(token)) {
    throw new InvalidInputError(
      "token",
      "holds whitespace, control or non-ASCII characters (not shown)",
    );
  }
  return token;
}

const isLoopback = (hostname: string) =>
  // Stryker disable next-line Regex: the URL parser refuses a host ending in a number that is not an IPv4 address, so nothing can come before "127"
  LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

export function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string" || baseUrl.trim() === "") {
    throw new InvalidInputError("baseUrl", "is required (a URL string)");
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not echoed: a token passed here by mistake must not land in a log.
    throw new InvalidInputError("baseUrl", "is not a URL (value not shown)");
  }
  if (url.username || url.password) {
    throw new InvalidInputError("baseUrl", "must not hold credentials; pass them as token");
  }
  if (url.search || url.hash) {
    throw new InvalidInputError("baseUrl", "must not have a query or a fragment");
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new InvalidInputError(
      "baseUrl",
      `plain http is only allowed to a loopback address, not ${url.hostname}; use https`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidInputError("baseUrl", `must be an https URL, not ${url.protocol}`);
  }
  return url.href.replace(/\/+$/, "");
}

export function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (!isWholeIn(timeoutMs, 1, MAX_TIMEOUT_MS)) {
    throw new InvalidInputError(
      "timeoutMs",
      `must be a whole number of ms in 1..${MAX_TIMEOUT_MS}`,
    );
  }
  return timeoutMs;
}

export function checkMaxResponseBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!isWholeIn(value, 1, MAX_RESPONSE_BYTES_LIMIT)) {
    throw new InvalidInputError(
      "maxResponseBytes",
      `must be a whole number of bytes in 1..${MAX_RESPONSE_BYTES_LIMIT}`,
    );
  }
  return value;
}

/** The injected fetch; undefined: Node's own (sent through default-fetch.ts). */
export function checkFetch(
  fetchFn: unknown,
): ((request: Request) => Promise<Response>) | undefined {
  if (fetchFn === undefined) return undefined;
  if (typeof fetchFn !== "function") throw new InvalidInputError("fetch", "must be a function");
  return fetchFn as (request: Request) => Promise<Response>;
}
