import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/prolific.js";
import { createAuthedClient } from "../core/create-client.js";
import type { ClientOptions } from "../core/options.js";

export type ProlificClient = Client<paths, "application/json">;
export const PROLIFIC_BASE_URL = "https://api.prolific.com";

/**
 * Client for Prolific's bonus payment API. Sends `Authorization: Token <token>`.
 * `baseUrl` defaults to https://api.prolific.com.
 */
export function createProlificClient(options: ClientOptions): ProlificClient {
  return createAuthedClient<paths>(options, {
    scheme: "Token",
    defaultBaseUrl: PROLIFIC_BASE_URL,
  });
}
