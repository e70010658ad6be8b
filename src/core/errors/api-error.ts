import { redact, redactString } from "../redact.js";
import { type PrismViolation, parseRetryAfter, prismViolations } from "../response-info.js";
import { PayoutsError } from "./payouts-error.js";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id"];
const SUMMARY_LIMIT = 300;
// Header values and the reason phrase come from the server: kept short in errors.
const HEADER_LIMIT = 200;

interface ApiErrorInit {
  status: number;
  statusText: string;
  where: string;
  body: unknown;
  requestId: string | undefined;
  violations: PrismViolation[];
  retryAfterMs: number | undefined;
  /** Appended to the message. */
  note?: string;
}

/** The API answered with an error status. `body` is parsed JSON, raw text, or undefined. */
export class ApiError extends PayoutsError {
  override name = "ApiError";
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | undefined;
  /** Prism's request/response violations (only when a Prism mock or proxy answered). */
  readonly violations: PrismViolation[];
  /** The server's `Retry-After` in ms (sent with 429 and 503), when present. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(
      `${init.status} ${init.statusText} from ${init.where}${summary(init.body)}${init.note ?? ""}`,
    );
    this.status = init.status;
    this.body = init.body;
    this.requestId = init.requestId;
    this.violations = init.violations;
    this.retryAfterMs = init.retryAfterMs;
  }

  protected override details() {
    const { status, requestId, retryAfterMs, body, violations } = this;
    return { status, requestId, retryAfterMs, body, violations };
  }
}

export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
export class UnauthorizedError extends ApiError {
  override name = "UnauthorizedError";
}
export class ForbiddenError extends ApiError {
  override name = "ForbiddenError";
}
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 422: the server (or Prism) refused the request's content; see `violations`. */
export class ValidationError extends ApiError {
  override name = "ValidationError";
}
/** 429: slow down; see `retryAfterMs`. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
/**
 * 3xx: the server asked to go elsewhere. Never followed (a followed redirect re-sends
 * the request, and may send it and its credentials to another host) and not retried.
 * `location` is the redacted Location header.
 */
export class RedirectError extends ApiError {
  override name = "RedirectError";
  readonly location: string | undefined;
  constructor(init: ApiErrorInit, location: string | undefined) {
    super({ ...init, note: `; redirect${location ? ` to ${location}` : ""} not followed` });
    this.location = location;
  }
  protected override details() {
    return { ...super.details(), location: this.location };
  }
}

/** 5xx. For a non-idempotent call the server may have acted before failing. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  422: ValidationError,
  429: RateLimitError,
};

/**
 * The error for an error response. `body` is what was read of it (parsed JSON,
 * text, or undefined when empty or unreadable); `secrets` are redacted from it.
 */
export function apiErrorFrom(
  response: Response,
  where: string,
  body: unknown,
  secrets: readonly string[],
): ApiError {
  // Everything the server sent is untrusted and may echo a secret: redact it all.
  const shown = (text: string | null | undefined) =>
    text ? redactString(text, secrets).slice(0, HEADER_LIMIT) : undefined;
  const init: ApiErrorInit = {
    status: response.status,
    statusText: shown(response.statusText) ?? "Error",
    where,
    body: redact(body, secrets),
    requestId: shown(REQUEST_ID_HEADERS.map((h) => response.headers.get(h)).find(Boolean)),
    violations: redact(prismViolations(response), secrets),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
  };
  const { status } = response;
  if (status >= 300 && status < 400) {
    return new RedirectError(init, shown(response.headers.get("location")));
  }
  const ErrorClass = status >= 500 ? ServerError : (BY_STATUS[status] ?? ApiError);
  return new ErrorClass(init);
}

function summary(body: unknown): string {
  if (body === undefined || body === "") return " (empty body)";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const flat = text.replace(/\s+/g, " ").trim();
  return `: ${flat.length > SUMMARY_LIMIT ? `${flat.slice(0, SUMMARY_LIMIT)}…` : flat}`;
}
