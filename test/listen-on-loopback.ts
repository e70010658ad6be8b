// Starts a test server on 127.0.0.1 at a free port and gives its base URL.
import { once } from "node:events";
import type { AddressInfo, Server } from "node:net";

export async function listenOnLoopback(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
