// One local test server for the calling test file: started before its tests, reset
// after each, closed after all. The handle is filled in once it listens.
import { afterAll, afterEach, beforeAll } from "vitest";

export function useServer<S extends { reset(): void; close(): Promise<void> }>(
  start: () => Promise<S>,
): S {
  const server = {} as S;
  beforeAll(async () => {
    Object.assign(server, await start());
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());
  return server;
}
