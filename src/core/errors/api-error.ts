import { redact } from "../redact.js";
import { type PrismViolation, parseRetryAfter, prismViolations } from "../response-info.js";
import { PayoutsError } from "./payouts-error.js";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id"];
const SUMMARY_LIMIT = 300;

interface ApiErrorInit {
  status: number;
  statusText: string;
  where: string;
  body: unknown;
  requestId: string | undefined;
  violations: PrismViolation[];
  retryAfterMs: number | undefined;
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
    super(`${init.status} ${init.statusText} from ${init.where}${summary(init.body)}`);
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
  const init: ApiErrorInit = {
    status: response.status,
    statusText: response.statusText || "Error",
    where,
    body: redact(body, secrets),
    requestId: REQUEST_ID_HEADERS.map((h) => response.headers.get(h)).find(Boolean) ?? undefined,
    violations: redact(prismViolations(response), secrets),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
  };
  const ErrorClass =
    response.status >= 500 ? ServerError : (BY_STATUS[response.status] ?? ApiError);
  return new ErrorClass(init);
}

function summary(body: unknown): string {
  if (body === undefined || body === "") return " (empty body)";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const flat = text.replace(/\s+/g, " ").trim();
  return `: ${flat.length > SUMMARY_LIMIT ? `${flat.slice(0, SUMMARY_LIMIT)}…` : flat}`;
}
