import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/rewards.js";
import { createAuthedClient } from "../core/create-client.js";
import type { ClientOptions } from "../core/options.js";

export type RewardsClient = Client<paths, "application/json">;

/** Options of the DRVN client: each deployment has its own host, so baseUrl is required. */
export interface RewardsClientOptions extends ClientOptions {
  baseUrl: string;
}

/** Client for DRVN's finance rewards API. Sends `Authorization: Bearer <jwt>`. */
export function createRewardsClient(options: RewardsClientOptions): RewardsClient {
  return createAuthedClient<paths>(options, { scheme: "Bearer" });
}
