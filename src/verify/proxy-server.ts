// `prism proxy --errors`, in-process: the HTTP server of Prism's CLI
// (@stoplight/prism-http-server), in front of the provider on 127.0.0.1. Same checks
// and answers (sl-violations, Prism's own 500 with --errors), without a child process
// to boot, which took over 20 s on a busy machine.
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { silentLogger } from "./silent-logger.js";

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

export async function startProxy(spec: string, upstream: string): Promise<RunningProxy> {
  const operations = await getHttpOperationsFromSpec(spec);
  const server = createServer(operations, {
    cors: false,
    components: { logger: silentLogger },
    config: {
      isProxy: true,
      upstream: new URL(upstream),
      upstreamProxy: undefined,
      errors: true,
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      mock: { dynamic: false },
    },
  });
  const url = await server.listen(0, "127.0.0.1");
  return { url, stop: () => server.close() };
}
