// signIn against a scripted local server: the JWT from the Authorization response
// header, its expiry from `exp`, no token sent, and the password shown nowhere, even
// when the server echoes it back.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  InvalidInputError,
  signIn,
  TimeoutError,
  UnauthorizedError,
} from "../src/index.js";
import { useFaultServer } from "./fault-server.js";

const server = useFaultServer();
const PASSWORD = "correct-horse-battery-staple";
// The seed's JWT (documentation, not a credential): exp 1766218371 = 2025-12-20T08:12:51Z.
const SEED_JWT =
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI1MDYiLCJzY3AiOiJ1c2VyIiwiYXVkIjpudWxsLCJpYXQiOjE3NjM2MjYzNzEsImV4cCI6MTc2NjIxODM3MSwianRpIjoiNzQ3NGRlNjUtMmU1YS00NTZiLThmMzktYzQ5ZTNhYjBhZGNkIn0.EkozZsabSKP-a2TP_4RXAKHKTynvn2PukK8ql7EMYPg";
const USER = { user: { id: 506, email: "finance@example.org", role: "financial_admin" } };

const signedIn = (headers: Record<string, string>, body: unknown = USER) =>
  server.script({ kind: "status", status: 200, body: JSON.stringify(body), headers });
const input = (extra: Record<string, unknown> = {}) => ({
  baseUrl: server.url,
  login: "finance@example.org",
  password: PASSWORD,
  timeoutMs: 2000,
  ...extra,
});

/** Every way a user might turn a value into text. */
const renderings = (value: unknown) => [
  String(value),
  inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  JSON.stringify(value) ?? "",
  value instanceof Error ? `${value.message}\n${value.stack}` : "",
];
function expectNotShown(value: unknown, secret: string) {
  for (const text of renderings(value)) expect(text).not.toContain(secret);
}
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected signIn to fail");
}

describe("signIn", () => {
  it("returns the JWT from the response header, expiresAt from exp, and the user", async () => {
    signedIn({ authorization: `Bearer ${SEED_JWT}` });
    const session = await signIn(input({ rememberMe: true }));
    expect(session.token).toBe(SEED_JWT);
    expect(session.expiresAt.toISOString()).toBe("2025-12-20T08:12:51.000Z");
    expect(session.user).toEqual(USER.user);
    const { token } = session;
    expect(token).toBe(SEED_JWT);
    // What the server saw: one POST, the login and password in the body, no token.
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/users/sign_in",
      authorization: undefined,
    });
    expect(JSON.parse(server.seen[0]!.body)).toEqual({
      user: { login: "finance@example.org", password: PASSWORD, remember_me: true },
    });
  });

  it("the session does not show its token when logged, inspected or JSON-encoded", async () => {
    signedIn({ authorization: `Bearer ${SEED_JWT}` });
    const session = await signIn(input());
    expectNotShown(session, SEED_JWT);
    expect(JSON.parse(server.seen[0]!.body).user).not.toHaveProperty("remember_me");
  });

  it("a 401 echoing the password is an UnauthorizedError that shows it nowhere", async () => {
    server.script({
      kind: "status",
      status: 401,
      body: JSON.stringify({ error: `Invalid Login or password ${PASSWORD}`, password: PASSWORD }),
    });
    const error = await failure(signIn(input()));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).body).toEqual({
      error: "Invalid Login or password [REDACTED]",
      password: "[REDACTED]",
    });
    expectNotShown(error, PASSWORD);
  });

  it.each([
    ["no Authorization header", {}],
    ["a Token scheme instead of Bearer", { authorization: `Token ${SEED_JWT}` }],
    ["a JWT without exp", { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln" }],
    [
      "a payload that is not JSON",
      { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln" },
    ],
  ])(
    "a 200 with %s is an ApiError that shows neither the password nor the header",
    async (_name, headers) => {
      signedIn(headers);
      const error = await failure(signIn(input()));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 200 });
      expect((error as Error).message).toMatch(/no "Authorization: Bearer <jwt>" header/);
      expectNotShown(error, PASSWORD);
      expectNotShown(error, SEED_JWT);
    },
  );

  it("a 200 without a user is an ApiError", async () => {
    signedIn({ authorization: `Bearer ${SEED_JWT}` }, { ok: true });
    const error = await failure(signIn(input()));
    expect(error).toMatchObject({ name: "ApiError", status: 200 });
    expectNotShown(error, PASSWORD);
  });

  it("a slow server is a TimeoutError; a reset a ConnectionError; the password is in neither", async () => {
    server.script({ kind: "slow-headers", delayMs: 600 }, { kind: "reset-before-headers" });
    const slow = await failure(signIn(input({ timeoutMs: 100 })));
    const reset = await failure(signIn(input()));
    expect(slow).toBeInstanceOf(TimeoutError);
    expect(reset).toBeInstanceOf(ConnectionError);
    expectNotShown(slow, PASSWORD);
    expectNotShown(reset, PASSWORD);
    expect(server.seen).toHaveLength(2);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["no password", { password: undefined }, "password"],
    ["an empty password", { password: "" }, "password"],
    ["a password that is not a string", { password: 1234 }, "password"],
    ["an empty login", { login: "" }, "login"],
    ["rememberMe as a string", { rememberMe: "yes" }, "rememberMe"],
    ["an unknown field", { pasword: PASSWORD }, "input.pasword"],
    ["an http base URL off loopback", { baseUrl: "http://example.org" }, "baseUrl"],
  ])("refuses %s before sending, without showing the password", async (_name, change, field) => {
    const given = input(change);
    if ("password" in change && change.password === undefined)
      delete (given as { password?: unknown }).password;
    const error = await failure(signIn(given as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    expectNotShown(error, PASSWORD);
    expect(server.seen).toHaveLength(0);
  });
});
