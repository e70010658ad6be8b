import type { paths, SignedInUser, SignInRequest } from "../../generated/rewards.js";
import { signInBody } from "../../generated/rewards.validators.js";
import { createAuthedClient } from "../core/create-client.js";
import { apiErrorFrom } from "../core/errors/api-error.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { checkSignal, readFields } from "../core/input.js";
import type { ClientOptions } from "../core/options.js";
import { readOnce } from "../core/read-once.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { RewardsClient } from "./client.js";

export interface SignInInput {
  /** The deployment's base URL (https, or http to loopback), as for createRewardsClient. */
  baseUrl: string;
  /** Email address or phone number. */
  login: string;
  /** Sent once, in the body; never shown in an error, a log line, inspect() or JSON. */
  password: string;
  /** Sent as `user.remember_me` when given. */
  rememberMe?: boolean;
  /** As for createRewardsClient: default globalThis.fetch. */
  fetch?: ClientOptions["fetch"];
  /** As for createRewardsClient: default 30 000 ms, headers and body included. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Session {
  /**
   * The JWT, bare (pass it as createRewardsClient's `token`). A getter over a private
   * field, so logging, inspecting or JSON-encoding the session does not show it.
   */
  readonly token: string;
  /** From the JWT's `exp` claim, read but not verified (only the server can verify it). */
  readonly expiresAt: Date;
  readonly user: SignedInUser;
}

class SignedInSession implements Session {
  readonly #token: string;
  readonly expiresAt: Date;
  readonly user: SignedInUser;
  constructor(token: string, expiresAt: Date, user: SignedInUser) {
    this.#token = token;
    this.expiresAt = expiresAt;
    this.user = user;
  }
  get token(): string {
    return this.#token;
  }
}

const SIGN_IN = "/api/v1/users/sign_in";
const WHERE = `POST ${SIGN_IN}`;
const INPUT_KEYS = [
  "baseUrl",
  "login",
  "password",
  "rememberMe",
  "fetch",
  "timeoutMs",
  "signal",
] as const;
const FIELDS = {
  "/user/login": "login",
  "/user/password": "password",
  "/user/remember_me": "rememberMe",
};
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+)$/;
// Sign-in is the one call sent without a JWT. It goes through the same client factory
// as every other call (timeout, typed failures and the rest of core's transport), as an
// anonymous client: its transport takes any Authorization header off. The factory reads
// a token all the same; this placeholder is never sent.
const NO_TOKEN_YET = "sign-in-sends-no-token";

/**
 * Signs in to DRVN finance: sends `{"user": {login, password, remember_me?}}` once
 * and returns the JWT from the `Authorization` response header, its expiry and the
 * user. Throws InvalidInputError before sending, or the typed error of the answer
 * (UnauthorizedError for a wrong login or password, TimeoutError, ConnectionError…).
 */
export async function signIn(input: SignInInput): Promise<Session> {
  const given = readFields(input, "input", INPUT_KEYS);
  const { login, password, rememberMe } = given;
  if (typeof password !== "string" || password === "") {
    throw new InvalidInputError("password", "is required (a non-empty string; not shown)");
  }
  const user =
    rememberMe === undefined ? { login, password } : { login, password, remember_me: rememberMe };
  const body = { user } as SignInRequest;
  checkBody(signInBody as unknown as SchemaValidator, body, FIELDS);
  const signal = checkSignal(given.signal);
  const client: RewardsClient = createAuthedClient<paths>(
    {
      token: NO_TOKEN_YET,
      baseUrl: given.baseUrl as string,
      ...(given.fetch === undefined ? {} : { fetch: given.fetch as ClientOptions["fetch"] }),
      ...(given.timeoutMs === undefined ? {} : { timeoutMs: given.timeoutMs as number }),
    },
    { scheme: "Bearer", anonymous: true },
  );
  const secrets = [password];
  const { body: answer, response } = await readOnce(
    (init) => client.POST(SIGN_IN, { body, ...init }),
    WHERE,
    secrets,
    signal,
    isSignedIn,
  );
  const header = response.headers.get("authorization") ?? "";
  const [, jwt, payload] = BEARER.exec(header) ?? [];
  const expiresAt = payload === undefined ? undefined : expiryOf(payload);
  if (jwt === undefined || expiresAt === undefined) {
    // The answer's body is kept (it holds no credential); the header is not shown.
    throw apiErrorFrom(
      response,
      `${WHERE}: no "Authorization: Bearer <jwt>" header with an exp claim in the answer`,
      answer,
      [...secrets, header],
    );
  }
  return new SignedInSession(jwt, expiresAt, answer.user);
}

function isSignedIn(body: unknown): body is { user: SignedInUser } {
  const user = (body as { user?: unknown } | null)?.user as { id?: unknown } | undefined;
  return typeof user === "object" && user !== null && Number.isInteger(user.id);
}

/** The `exp` claim of a JWT payload (base64url JSON), as a Date; undefined if unreadable. */
function expiryOf(payload: string): Date | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    if (typeof exp !== "number") return undefined;
    const date = new Date(exp * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    return undefined;
  }
}
