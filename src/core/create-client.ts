import createClient, { type Client, defaultPathSerializer } from "openapi-fetch";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { readFields } from "./input.js";
import {
  CLIENT_OPTION_KEYS,
  type ClientOptions,
  checkBaseUrl,
  checkFetch,
  checkMaxResponseBytes,
  checkTimeout,
  checkToken,
} from "./options.js";
import { ownInit } from "./own-init.js";
import { SourcedRequest } from "./sourced-request.js";
import { transport } from "./transport.js";

// The token of each client, for redaction only. Module-private and weak, so it is
// neither reachable from the client object nor kept alive by it.
const clientSecrets = new WeakMap<object, readonly string[]>();

/** Strings that must never be shown for errors of this client (its token). */
export const secretsOf = (client: object): readonly string[] => clientSecrets.get(client) ?? [];

/** How one API authenticates, and where it lives unless told otherwise. */
export interface ApiProfile {
  /** Word before the token in the Authorization header ("Token", "Bearer"). */
  scheme: string;
  /** Used when the caller gives no baseUrl; without one, baseUrl is required. */
  defaultBaseUrl?: string;
  /** Sends no Authorization header at all (sign-in, the one call made before a token). */
  anonymous?: boolean;
}

/**
 * openapi-fetch's path serializer, refusing a path parameter of "." or "..": URL parsing
 * resolves such a segment away (`/submissions/../` is `/`), so the request would go to
 * another route. Every other value is percent-encoded into one segment, as by default.
 */
function oneSegmentPaths(pathname: string, params: Record<string, unknown> | undefined): string {
  // `params` is the call's own copy of params.path (null prototype): for-in sees its fields only.
  for (const name in params) {
    const value = params[name];
    if (value === "." || value === "..")
      throw new InvalidInputError(
        `params.path.${name}`,
        "cannot be a dot segment (URL parsing resolves it to another route)",
      );
  }
  return defaultPathSerializer(pathname, params as Parameters<typeof defaultPathSerializer>[1]);
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * An openapi-fetch client typed by `Paths`, every request through `transport` (auth,
 * timeout, size cap, no redirects, typed failures). The token lives only in the
 * transport's closure, so it is not reachable from the client object (nor from
 * `util.inspect`); the transport sets it last, after any middleware, so no header a
 * caller or middleware gives replaces it. Options are read once, own properties only.
 */
export function createAuthedClient<Paths extends {}>(
  options: ClientOptions,
  profile: ApiProfile,
): Client<Paths, "application/json"> {
  const given = readFields(options, "options", CLIENT_OPTION_KEYS);
  const token = checkToken(given.token);
  const authorization = profile.anonymous ? undefined : `${profile.scheme} ${token}`;
  const baseUrl = checkBaseUrl(given.baseUrl ?? profile.defaultBaseUrl);
  const fetch = transport({
    fetch: checkFetch(given.fetch),
    timeoutMs: checkTimeout(given.timeoutMs),
    maxResponseBytes: checkMaxResponseBytes(given.maxResponseBytes),
    baseUrl,
    authorization,
    secrets: [token],
  });

  // Every option openapi-fetch reads is given as an own property, so that nothing
  // inherited (a polluted Object.prototype.headers or bodySerializer) is picked up.
  const inner = createClient<Paths, "application/json">({
    baseUrl,
    fetch,
    Request: SourcedRequest,
    headers: undefined,
    querySerializer: undefined,
    bodySerializer: undefined,
    pathSerializer: oneSegmentPaths,
    requestInitExt: undefined,
    redirect: "manual",
  });
  // Each call's init is rebuilt from its own properties, with the client's baseUrl
  // and transport always in force (see ownInit).
  type Call = (url: unknown, init?: unknown) => unknown;
  const calls = inner as unknown as Record<(typeof METHODS)[number], Call>;
  const client = { ...inner } as Client<Paths, "application/json">;
  const methods = client as unknown as Record<string, Call>;
  for (const method of METHODS) {
    const call = calls[method];
    methods[method] = (url, init) => call(url, ownInit(init));
  }
  const request = inner.request as (method: unknown, url: unknown, init?: unknown) => unknown;
  (client as { request: unknown }).request = (method: unknown, url: unknown, init?: unknown) =>
    request(method, url, ownInit(init));
  clientSecrets.set(client, [token]);
  return client;
}
