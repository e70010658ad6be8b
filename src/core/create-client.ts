import createClient, { type Client, type Middleware } from "openapi-fetch";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { fetchWithTimeout } from "./fetch-with-timeout.js";
import {
  type ClientOptions,
  checkBaseUrl,
  checkFetch,
  checkTimeout,
  checkToken,
} from "./options.js";

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
}

/**
 * An openapi-fetch client typed by `Paths`, with auth as middleware and a timeout per
 * attempt. The token lives only in the middleware's closure, so it is not reachable
 * from the client object (nor from `util.inspect`).
 */
export function createAuthedClient<Paths extends {}>(
  options: ClientOptions,
  profile: ApiProfile,
): Client<Paths, "application/json"> {
  if (options === null || typeof options !== "object") {
    throw new InvalidInputError("options", "pass an object with at least { token }");
  }
  const authorization = `${profile.scheme} ${checkToken(options.token)}`;
  const baseUrl = checkBaseUrl(options.baseUrl ?? profile.defaultBaseUrl);
  const timeoutMs = checkTimeout(options.timeoutMs);
  const fetch = fetchWithTimeout(checkFetch(options.fetch), timeoutMs);

  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", authorization);
      return request;
    },
  };
  const client = createClient<Paths, "application/json">({ baseUrl, fetch });
  client.use(auth);
  clientSecrets.set(client, [options.token]);
  return client;
}
