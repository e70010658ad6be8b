// markRewards against the fault server on the fake clock, its client watched by settle().
import {
  type ClientOptions,
  createRewardsClient,
  type MarkRewardsInput,
  type MarkRewardsOptions,
  markRewards,
} from "../src/index.js";
import { settle } from "./fake-clock.js";
import type { FaultServer } from "./fault-server.js";

export function markThrough(
  server: FaultServer,
  clientOptions: Omit<ClientOptions, "baseUrl">,
  input: MarkRewardsInput,
  options: MarkRewardsOptions = {},
) {
  return settle(server, (watch) => {
    const client = createRewardsClient({ ...clientOptions, baseUrl: server.url });
    client.use(watch.middleware);
    return markRewards(client, input, {
      ...options,
      onAttempt: (event) => {
        watch.onAttempt(event);
        options.onAttempt?.(event);
      },
    });
  });
}
